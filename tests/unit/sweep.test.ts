import { describe, expect, it } from 'vitest';
import { takeCompareArgs } from '../../src/cli/compareCli';
import { directFit } from '../../src/run/directFit';
import { runPipeline } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';
import {
  comparePlan,
  crossoverOf,
  runComparison,
  summarise,
  trainingMs,
  type CompareRow,
  type CompareSummary,
} from '../../src/run/sweep';

const base = parseQuery(
  'sys=vanderpol&width=30&ntraj=12&len=60&horizon=80&ntest=4&seed=3',
  'strict',
).config;

describe('comparison plans', () => {
  it('plans each variant with each seed, changing only what is compared', () => {
    const p = comparePlan('sampler', base, { seeds: [1, 2] });
    expect(p.map((r) => [r.variant, r.seed, r.config.sampler])).toEqual([
      ['swim', 1, 'swim'],
      ['swim', 2, 'swim'],
      ['random', 1, 'random'],
      ['random', 2, 'random'],
    ]);
    for (const r of p) expect({ ...r.config, sampler: 'swim', seed: 3 }).toEqual(base);
    const w = comparePlan('width', base, { values: [10, 40], withEsn: true });
    expect(w.map((r) => [r.variant, r.x, r.config.width, r.config.net])).toEqual([
      ['swim', 10, 10, 'rnn'],
      ['random', 10, 10, 'rnn'],
      ['esn', 10, 10, 'esn'],
      ['swim', 40, 40, 'rnn'],
      ['random', 40, 40, 'rnn'],
      ['esn', 40, 40, 'esn'],
    ]);
    expect(w[2].config.esnsize).toBe(10);
    const n = comparePlan('ndata', base, { values: [120, 600] });
    expect(n.map((r) => r.config.len)).toEqual([10, 10, 50, 50]);
  });

  it('refuses bad plans with a message naming the problem', () => {
    expect(() => comparePlan('width', base, { values: [0] })).toThrow(/positive integers/);
    expect(() => comparePlan('width', base, { values: [5000] })).toThrow(/≤ 3000/);
    const weather = parseQuery('sys=weather', 'strict').config;
    expect(() => comparePlan('sampler', weather)).toThrow(/free system/);
    const many = Array.from({ length: 101 }, (_, i) => i + 1);
    expect(() => comparePlan('width', base, { values: many })).toThrow(/more than 200/);
  });
});

describe('summaries and the SWIM/random crossover', () => {
  const row = (variant: string, x: number, seed: number, vpt: number, mse: number | null) =>
    ({
      variant,
      x,
      seed,
      query: '',
      trainMs: seed,
      testMse: 1,
      rolloutMse: mse,
      vpt,
      vptLyapunov: null,
      diverged: 0,
    }) as CompareRow;

  it('takes medians over seeds (a diverged rollout counts as worst)', () => {
    const s = summarise([
      row('swim', 10, 1, 1, 0.1),
      row('swim', 10, 2, 3, null),
      row('swim', 10, 3, 2, 0.3),
    ]);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ runs: 3, vpt: 2, rolloutMse: 0.3, trainMs: 2 });
  });

  it('finds the smallest width from which SWIM no longer wins', () => {
    const sum = (pairs: Array<[number, number, number]>): CompareSummary[] =>
      pairs.flatMap(([x, s, r]) => [
        {
          variant: 'swim',
          x,
          runs: 1,
          trainMs: 0,
          testMse: 0,
          rolloutMse: null,
          vpt: s,
          vptLyapunov: null,
        },
        {
          variant: 'random',
          x,
          runs: 1,
          trainMs: 0,
          testMse: 0,
          rolloutMse: null,
          vpt: r,
          vptLyapunov: null,
        },
      ]);
    expect(
      crossoverOf(
        sum([
          [10, 5, 1],
          [20, 4, 3],
          [50, 2, 3],
          [100, 2, 4],
        ]),
        true,
      ),
    ).toBe(50);
    // A win in between resets it: SWIM wins at 50 again, so the crossover is after it.
    expect(
      crossoverOf(
        sum([
          [10, 5, 1],
          [20, 1, 3],
          [50, 6, 3],
          [100, 2, 4],
        ]),
        true,
      ),
    ).toBe(100);
    expect(
      crossoverOf(
        sum([
          [10, 5, 1],
          [20, 4, 3],
        ]),
        true,
      ),
    ).toBeNull();
  });
});

describe('running a comparison', () => {
  it('gives each run the numbers of the same query run alone', () => {
    const c = runComparison('sampler', base, comparePlan('sampler', base));
    expect(c.rows.map((r) => r.variant)).toEqual(['swim', 'random']);
    for (const r of c.rows) {
      const alone = runPipeline(parseQuery(r.query, 'strict').config);
      expect(r.testMse).toBe(alone.metrics.testMse);
      expect(r.rolloutMse).toBe(alone.metrics.rolloutMse);
      expect(r.vpt).toBe(alone.metrics.vpt);
      expect(trainingMs(alone)).toBeGreaterThan(0);
    }
    expect(c.bptt).toBeNull();
  }, 60_000);

  it('reports the re-lifted and the linear rollout of one run', () => {
    const c = runComparison('rollout', base, comparePlan('rollout', base));
    const m = runPipeline(base).metrics;
    expect(c.rows.map((r) => [r.variant, r.rolloutMse, r.vpt])).toEqual([
      ['relift', m.rolloutMseRelift, m.vptRelift],
      ['linear', m.rolloutMseLinear, m.vptLinear],
    ]);
  }, 60_000);

  it('direct regression differs from EDMD and fits the one-step map at least as well in training', () => {
    const c = runComparison('edmd', base, comparePlan('edmd', base));
    expect(c.rows.map((r) => r.variant)).toEqual(['edmd', 'direct']);
    const d = directFit(base);
    expect(c.rows[1].testMse).toBe(d.testMse);
    expect(d.testMse).not.toBe(c.rows[0].testMse);
    expect(d.testMse).toBeLessThan(1e-3);
  }, 60_000);

  it('reports progress after each run and stops when cancelled', () => {
    const ac = new AbortController();
    const seen: number[] = [];
    const plan = comparePlan('width', base, { values: [10, 20, 40] });
    expect(() =>
      runComparison('width', base, plan, {
        signal: ac.signal,
        onProgress: (done, total) => {
          seen.push(done / total);
          if (done === 2) ac.abort(new Error('cancelled'));
        },
      }),
    ).toThrow(/cancelled/);
    expect(seen).toEqual([1 / 6, 2 / 6]);
  }, 60_000);
});

describe('CLI --compare arguments', () => {
  it('takes its own arguments out of argv and checks them', () => {
    const t = takeCompareArgs([
      'sys=lorenz',
      '--compare',
      'width',
      '--values=50,100',
      '--compare-seeds=1,2',
      '--with-esn',
    ]);
    expect(t.rest).toEqual(['sys=lorenz']);
    expect(t.request).toEqual({
      kind: 'width',
      opts: { values: [50, 100], seeds: [1, 2], withEsn: true },
    });
    expect(takeCompareArgs(['--compare=nope']).error).toMatch(/one of sampler, esn/);
    expect(takeCompareArgs(['--values=1,x', '--compare=width']).error).toMatch(/--values/);
    expect(takeCompareArgs(['--with-esn']).error).toMatch(/need --compare/);
    expect(takeCompareArgs(['--full']).request).toBeNull();
  });
});
