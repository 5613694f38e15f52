import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';
import { createStageCache } from '../../src/run/stageCache';
import type { RunResult } from '../../src/run/result';
import { FIELDS, fieldApplies, type Field } from '../../src/run/schema';

const config = (q: string) => {
  const { config: c, errors } = parseQuery(q, 'strict');
  expect(errors).toEqual([]);
  return c;
};
const bytes = (r: RunResult) =>
  JSON.stringify(r.metrics) + JSON.stringify(Array.from(r.eigenvalues.re)) + r.warnings.join('|');
/** The base query with one key set (replaced when the base has it). */
const withChange = (base: string, change: string) => {
  const key = change.split('=')[0];
  return [...base.split('&').filter((kv) => kv.split('=')[0] !== key), change].join('&');
};
const cachedStages = (r: RunResult) => r.stages.filter((s) => s.cached).map((s) => s.stage);

/**
 * The stage cache must never change a number: for each setting, a run served partly from the cache
 * of the base run equals a run from scratch, byte for byte; and it must redo only the stages that
 * read the changed setting.
 */
const BASES = {
  free: 'sys=vanderpol&width=40&ntraj=8&len=60&horizon=60&ntest=4',
  truncated: 'sys=lorenz&width=60&rank=20&len=800&horizon=120&ntest=3',
  controlled: 'sys=forcedvdp&width=40&ntraj=10&len=60&horizon=60&ntest=3&ctime=5',
};

/** One changed setting per case, and the stages expected from the cache. */
const CASES: Array<[keyof typeof BASES, string, string[]]> = [
  ['free', 'reg=1e-6', ['data', 'sample', 'features']],
  ['free', 'eps=0.2', ['data', 'sample', 'features', 'solve', 'spectrum', 'forecast']],
  ['free', 'rollout=linear', ['data', 'sample', 'features', 'solve', 'spectrum', 'forecast']],
  ['free', 'horizon=90', ['data', 'sample', 'features', 'solve', 'spectrum']],
  ['free', 'seed=2', []],
  ['free', 'width=30', ['data']],
  ['free', 'sampler=random', ['data']],
  ['free', 'act=relu', ['data']],
  ['free', 'mu=2', []],
  ['free', 'noise=0.01', []],
  ['free', 'rank=20', ['data', 'sample']],
  ['truncated', 'reg=1e-6', ['data', 'sample', 'features', 'project']],
  ['truncated', 'rank=30', ['data', 'sample', 'features']],
  [
    'truncated',
    'eps=0.3',
    ['data', 'sample', 'features', 'project', 'solve', 'spectrum', 'forecast'],
  ],
  ['controlled', 'umax=0.5', ['data', 'sample', 'features', 'solve', 'spectrum']],
  ['controlled', 'uin=chirp', ['data', 'sample', 'features', 'solve', 'spectrum']],
  ['controlled', 'uamp=1', []],
  ['controlled', 'reg=1e-6', ['data', 'sample', 'features']],
];

describe('stage cache', () => {
  for (const [base, change, expected] of CASES) {
    it(`${base} + ${change}: same bytes as a fresh run, cached: ${expected.join(', ') || 'none'}`, () => {
      const cache = createStageCache();
      runPipeline(config(BASES[base]), { cache });
      const warm = runPipeline(config(withChange(BASES[base], change)), { cache });
      const cold = runPipeline(config(withChange(BASES[base], change)));
      expect(bytes(warm)).toBe(bytes(cold));
      expect(cachedStages(warm)).toEqual(expected);
      expect(cachedStages(cold)).toEqual([]);
    }, 60_000);
  }

  it('serves an identical run entirely from the cache and keeps one entry per stage', () => {
    const cache = createStageCache();
    const a = runPipeline(config(BASES.truncated), { cache });
    const b = runPipeline(config(BASES.truncated), { cache });
    expect(bytes(b)).toBe(bytes(a));
    expect(b.stages.every((s) => s.cached)).toBe(true);
    expect(cache.size()).toBe(8);
    runPipeline(config(BASES.free), { cache });
    expect(cache.size()).toBe(8); // replaced, not added: the bound is one entry per stage
  });

  it('a measured series reuses its data stage only for the same file text', () => {
    const text = Array.from({ length: 300 }, (_, t) => `${Math.sin(0.2 * t)},${Math.cos(0.2 * t)}`);
    const source = (extra: string) => ({
      name: 'f.csv',
      text: ['a,b', ...text].join('\n') + extra,
    });
    const cache = createStageCache();
    const q = config('sys=csv&file=f.csv&width=30');
    runPipeline(q, { cache, series: source('') });
    expect(cachedStages(runPipeline(q, { cache, series: source('') }))).toContain('data');
    const other = runPipeline(q, { cache, series: source('\n0.5,0.5') });
    expect(cachedStages(other)).toEqual([]);
  });

  it('an aborted signal stops the run between stages', () => {
    const ctl = new AbortController();
    ctl.abort(new Error('stopped by the user'));
    expect(() => runPipeline(config(BASES.free), { signal: ctl.signal })).toThrow(
      /stopped by the user/,
    );
  });
});

describe('every setting is read by the stages it affects (no stale cache hit)', () => {
  /** Another valid value of a field: a different option, or a number moved inside its bounds. */
  const other = (f: Field, v: number | string): string => {
    if (f.kind === 'enum') return f.options.find((o) => o !== v)!;
    if (f.kind === 'list' && f.options) return f.options.find((o) => o !== v) ?? f.options[0];
    if (f.kind === 'int' || f.kind === 'float') {
      const x = Number(v);
      const up = f.kind === 'int' ? x + 1 : x === 0 ? Math.min(f.max, 0.01) : x * 1.1;
      return String(up <= f.max ? up : f.kind === 'int' ? x - 1 : x * 0.9);
    }
    return String(v);
  };
  // Small runs of each simulated family; `file` only names the CSV (its text is read, not its name).
  const bases = [
    'sys=vanderpol&width=20&ntraj=4&len=40&horizon=30&ntest=2',
    'sys=duffing&width=20&ntraj=6&len=40&horizon=30&ntest=2&ctime=3&goal=point',
  ];
  for (const base of bases) {
    const cfg = config(base);
    const fields = FIELDS.filter((f) => f.key !== 'sys' && fieldApplies(f, cfg.sys));
    it(`${cfg.sys}: changing any of its ${fields.length} settings gives a fresh run's bytes`, () => {
      const cache = createStageCache();
      runPipeline(cfg, { cache });
      for (const f of fields) {
        const changed = {
          ...cfg,
          [f.key]:
            f.kind === 'int' || f.kind === 'float'
              ? Number(other(f, cfg[f.key]))
              : other(f, cfg[f.key]),
        };
        const warm = runPipeline(changed, { cache });
        expect(bytes(warm), f.key).toBe(bytes(runPipeline(changed)));
        runPipeline(cfg, { cache });
      }
    }, 120_000);
  }
});
