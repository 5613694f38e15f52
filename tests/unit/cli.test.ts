import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs the CLI exactly as users do (through npm), returning exit code and outputs. */
function srnn(...args: string[]) {
  const r = spawnSync('npm', ['run', '--silent', 'srnn', '--', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SMALL = 'sys=vanderpol&width=40&ntraj=10&len=50&ntest=3&horizon=30';

describe('CLI', () => {
  it('prints one JSON document with the contract fields and exits 0', () => {
    const r = srnn(SMALL);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    for (const k of ['config', 'query', 'timingsMs', 'metrics', 'eigenvalues', 'warnings'])
      expect(doc).toHaveProperty(k);
    for (const k of ['data', 'sample', 'features', 'solve', 'spectrum', 'forecast', 'total'])
      expect(typeof doc.timingsMs[k]).toBe('number');
    for (const k of ['trainMse', 'testMse', 'rolloutMse', 'vpt', 'vptLyapunov'])
      expect(doc.metrics).toHaveProperty(k);
    expect(doc.eigenvalues.re.length).toBe(41);
    expect(doc.query).toBe('v=2&sys=vanderpol&ntraj=10&len=50&ntest=3&width=40&horizon=30');
    expect(doc.test).toBeUndefined();
  });

  it('gives byte-identical metrics and eigenvalues for the same query, and the query reproduces the run', () => {
    const a = JSON.parse(srnn(SMALL).stdout);
    const b = JSON.parse(srnn(a.query).stdout);
    expect(JSON.stringify(b.metrics)).toBe(JSON.stringify(a.metrics));
    expect(JSON.stringify(b.eigenvalues)).toBe(JSON.stringify(a.eigenvalues));
  });

  it('--full adds the test trajectories and forecasts, nested [test][step][component]', () => {
    const doc = JSON.parse(srnn(SMALL, '--full').stdout);
    expect(doc.test.truth.length).toBe(3);
    expect(doc.test.truth[0].length).toBe(31);
    expect(doc.test.relift[0][0]).toEqual(doc.test.truth[0][0]);
    expect(doc.test.linear[2][30].length).toBe(2);
  });

  it('--help lists every key with its range and default', () => {
    const r = srnn('--help');
    expect(r.code).toBe(0);
    for (const k of ['sys', 'mu', 'rho', 'width', 'reg', 'seed', 'rollout', 'horizon', 'rank'])
      expect(r.stdout).toMatch(new RegExp(`^  ${k} `, 'm'));
    expect(r.stdout).toMatch(/width +an integer in \[1, 3000\]/);
  });

  it.each([
    ['sys=pendulum', /sys must be one of vanderpol, lorenz, rossler/],
    ['width=0', /width must be an integer in \[1, 3000\]/],
    ['width=10000000', /width must be an integer in \[1, 3000\].*8·\(width\+1\)² bytes/],
    ['reg=-1', /reg must be a number in \[0, 1\]/],
    ['dt=NaN', /dt must be a number in \[0\.001, 1\]/],
    ['seed=1&seed=2', /seed given more than once/],
    ['\u00ff\u00fe%zz=\u0001', /malformed percent-encoding|unknown key/],
    ['ntraj=2000&len=200000', /training pairs exceeds/],
    ['sys=forcedvdp&umax=0', /umax must be a number in \[0\.01, 10\]/],
    ['sys=forcedvdp&mpch=0', /mpch must be an integer in \[1, 200\]/],
    ['sys=duffing&ur=-1', /ur must be a number in \[0, 100\]/],
    ['sys=forcedvdp&width=1500', /width 1500 exceeds 1000 for a controlled system/],
    ['constructor=1', /^srnn: unknown key 'constructor' \(known: sys, /],
    ['__proto__=1&width=50', /^srnn: unknown key '__proto__'/],
    ['toString=x', /^srnn: unknown key 'toString'/],
  ])('bad input %j exits 2 with one line naming the field', (q, re) => {
    const r = srnn(q);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(re);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('strict messages say what the CLI does: it refuses, so no lenient fallback words', () => {
    for (const q of [
      'width=abc',
      'width=0',
      'sys=pendulum',
      'foo=1',
      'seed=1&seed=2',
      'ntraj=2000&len=1000',
    ]) {
      const r = srnn(q);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/using the default|clamped to|ignored|is used|set to/);
    }
  });

  it('rejects unknown options', () => {
    const r = srnn(SMALL, '--fast');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--fast'/);
  });
});
