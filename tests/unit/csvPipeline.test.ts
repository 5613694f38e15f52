import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';
import { planFor } from '../../src/run/series/sources';

const FIXTURE = 'tests/fixtures/oscillation.csv';
const text = readFileSync(FIXTURE, 'utf8');
const run = (q: string) => {
  const { config, errors } = parseQuery(`sys=csv&file=oscillation.csv&${q}`, 'strict');
  expect(errors).toEqual([]);
  return runPipeline(config, { series: { name: 'oscillation.csv', text } });
};

function srnn(...args: string[]) {
  const r = spawnSync('npm', ['run', '--silent', 'srnn', '--', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sys=csv on the damped-oscillation fixture', () => {
  const r = run('seed=1');
  const m = r.metrics.series!;

  it('forecasts the last 30 % of the rows 1 and 10 steps ahead, better than both baselines', () => {
    expect(r.series!.count).toBe(150);
    expect(r.series!.rows[0]).toBe(351);
    expect(r.series!.dates![0]).toBe('2020-12-16');
    expect(m.horizons).toEqual([1, 10]);
    for (const k of [0, 1])
      for (const i of [0, 1]) {
        expect(m.rnn[k][i]!).toBeLessThan(m.persistence[k][i]);
        expect(m.rnn[k][i]!).toBeLessThan(m.climatology[k][i]);
      }
    // Test targets are the file's own values: row 351 is line 352 of the file.
    const line = text.split('\n')[351].split(',');
    expect(r.series!.truth[0]).toBe(Number(line[1]));
    expect(r.test.truth.length).toBe(150 * 11 * 2);
  });

  it('gives identical numbers for the same settings; one column is a univariate run', () => {
    expect(JSON.stringify(run('seed=1').metrics)).toBe(JSON.stringify(r.metrics));
    expect(run('cols=y&delay=8').metrics.series!.variables).toEqual(['y']);
  });

  it('CLI --data gives the same metrics as the pipeline, and the query reproduces the run', () => {
    const doc = JSON.parse(srnn('seed=1', '--data', FIXTURE).stdout);
    expect(doc.query).toBe('v=2&sys=csv&file=oscillation.csv');
    expect(JSON.stringify(doc.metrics)).toBe(JSON.stringify(r.metrics));
  });

  it.each([
    [['--data', 'tests/fixtures/bad/ragged.csv'], /ragged\.csv: Ragged rows: line 5 has 2 fields/],
    [
      ['--data', 'tests/fixtures/bad/short.csv'],
      /short\.csv: Too few rows for delay 4 and horizon 10/,
    ],
    [['--data', 'tests/fixtures/bad/empty.csv'], /empty\.csv: The file is empty\./],
    [['--data', 'no/such.csv'], /cannot read 'no\/such\.csv'/],
    [
      ['sys=csv&file=mine.csv'],
      /sys=csv reads a local file: add --data file\.csv \(this run was made from the local file 'mine\.csv'\)/,
    ],
    [['sys=weather', '--data', FIXTURE], /--data is for sys=csv, not sys=weather/],
    [['cols=x,q', '--data', FIXTURE], /column 'q' is not a numeric column of the file/],
  ])('refuses %j with one line and exit 2', (args, re) => {
    const out = srnn(...args);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(re);
  });

  it('refuses a file over the size limit before reading it', () => {
    const big = '/tmp/srnn-huge.csv';
    writeFileSync(big, 'x\n' + '1\n'.repeat(5_000_001));
    const out = srnn('--data', big);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/The file is 10\.0 MB, over the 10 MB limit/);
  });
});

describe('files that cannot be standardised are refused when they are planned (CLI exit 2)', () => {
  const rows = (f: (i: number) => string) =>
    ['a,b', ...Array.from({ length: 60 }, (_, i) => f(i))].join('\n');
  const plan = (text: string) =>
    planFor(parseQuery('sys=csv&delay=2', 'strict').config, { name: 'f.csv', text });
  it('a constant column', () => {
    expect(() => plan(rows((i) => `1,${i}`))).toThrow(/'a' is constant over the training rows/);
  });
  it('values whose squares overflow', () => {
    expect(() => plan(rows((i) => `${i % 2 ? '' : '-'}1.7e308,${i}`))).toThrow(
      /'a' has values too large to standardise/,
    );
  });
  it('a spread that underflows', () => {
    expect(() => plan(rows((i) => `${i % 2 ? 5e-324 : 1e-323},${i}`))).toThrow(
      /'a' varies too little to standardise/,
    );
  });
});
