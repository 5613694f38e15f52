/**
 * Comparisons, ablations and sweeps (issue 13): plans of runs derived from one base configuration,
 * run one after another with progress and cancel, and summarised per variant (median over seeds).
 * Pure orchestration: every run is the ordinary staged run (runPipeline, so `net=esn` runs the
 * echo state network), except the direct-regression ablation (src/run/directFit.ts).
 *
 * Kinds:
 *   sampler — SWIM vs random features (same width, data, test starts);
 *   esn     — SWIM, random features and an echo state network with N = width;
 *   edmd    — EDMD (K, then C; the RNN's map C·K) vs direct regression of x_{t+1} on ψ(x_t);
 *   rollout — the re-lifted RNN vs the linear Koopman rollout (one run, both reported);
 *   width   — SWIM and random (and optionally the ESN) at each width M in `values`;
 *   ndata   — the same at each number of training pairs N in `values` (len = round(N/ntraj)).
 * Training time (trainMs) is the wall time of the stages that fit the model: sample + features +
 * solve (for the ESN: the reservoir with its eigenvalues, the reservoir pass and the readout); the
 * data, spectrum and forecast stages are not part of it. Times are of the machine that ran them.
 */
import { directFit } from './directFit';
import { runPipeline } from './pipeline';
import { serializeQuery } from './query';
import { entryOf } from './registry';
import type { RunResult } from './result';
import type { RunConfig } from './schema';
import { createStageCache } from './stageCache';

export const COMPARE_KINDS = ['sampler', 'esn', 'edmd', 'rollout', 'width', 'ndata'] as const;
export type CompareKind = (typeof COMPARE_KINDS)[number];

/** Default sweep values per system kind (M for width, pairs for ndata). */
export const DEFAULT_WIDTHS = [10, 20, 50, 100, 200, 400, 800];
export const DEFAULT_NDATA = [500, 1000, 2000, 5000, 10_000, 20_000];

/** Largest number of runs one comparison may plan. */
export const MAX_COMPARE_RUNS = 200;

export interface CompareOptions {
  /** Seeds (each variant is run with each). Default: the base config's seed. */
  seeds?: number[];
  /** Sweep values (width: M; ndata: training pairs). */
  values?: number[];
  /** Width/ndata sweeps: add the echo state network (N = M) as a third variant. */
  withEsn?: boolean;
}

/** One planned run: a variant (what is compared), the swept value, the seed and its config. */
export interface PlannedRun {
  variant: string;
  /** The swept value (M or N pairs), or null. */
  x: number | null;
  seed: number;
  config: RunConfig;
  /** How the run is evaluated: the staged run, or the direct-regression ablation. */
  how: 'pipeline' | 'direct';
}

/** One row of a comparison: the run's numbers. */
export interface CompareRow {
  variant: string;
  x: number | null;
  seed: number;
  query: string;
  trainMs: number;
  testMse: number;
  rolloutMse: number | null;
  vpt: number;
  vptLyapunov: number | null;
  diverged: number;
}

/** Median over seeds of one variant at one x. */
export interface CompareSummary {
  variant: string;
  x: number | null;
  runs: number;
  trainMs: number;
  testMse: number;
  rolloutMse: number | null;
  vpt: number;
  vptLyapunov: number | null;
}

export interface Comparison {
  kind: CompareKind;
  base: string;
  rows: CompareRow[];
  summary: CompareSummary[];
  /**
   * Width/ndata sweeps: the smallest swept value from which SWIM no longer beats random features
   * at any larger value (chaotic systems: by median VPT, higher is better; others: by median
   * rollout MSE, lower is better); null when SWIM still wins at the largest value or for other
   * kinds.
   */
  crossover: number | null;
  /** What `crossover` compares ('vpt' or 'rolloutMse'). */
  crossoverBy: 'vpt' | 'rolloutMse';
  /** Width/ndata sweeps: the swept values at which SWIM beats random features, and the others. */
  swimWins: number[];
  randomWins: number[];
  /**
   * The gradient-trained (BPTT) reference point: not computed on this branch. A host that has a
   * BPTT baseline (branch bptt) fills it; nothing here invents one.
   */
  bptt: null;
}

const withChanges = (base: RunConfig, changes: Record<string, number | string>): RunConfig =>
  ({ ...base, ...changes }) as RunConfig;

/** The runs of a comparison, in the order they are run. Throws a RangeError on a bad plan. */
export function comparePlan(
  kind: CompareKind,
  base: RunConfig,
  opts: CompareOptions = {},
): PlannedRun[] {
  const family = entryOf(base.sys).family;
  if (family !== 'free')
    throw new RangeError(
      `--compare needs a free system (van der Pol, Lorenz, …), not '${base.sys}'`,
    );
  const seeds = opts.seeds ?? [base.seed];
  if (seeds.length === 0 || seeds.some((s) => !Number.isInteger(s) || s < 0 || s > 4294967295))
    throw new RangeError('seeds must be integers in [0, 4294967295]');
  const rnn = { ...base, net: 'rnn' } as RunConfig;
  const out: PlannedRun[] = [];
  const add = (
    variant: string,
    x: number | null,
    ch: Record<string, number | string>,
    how: PlannedRun['how'] = 'pipeline',
  ) => {
    for (const seed of seeds)
      out.push({ variant, x, seed, config: withChanges(rnn, { ...ch, seed }), how });
  };
  const esnAt = (width: number) => ({ net: 'esn', esnsize: width });
  switch (kind) {
    case 'sampler':
      add('swim', null, { sampler: 'swim' });
      add('random', null, { sampler: 'random' });
      break;
    case 'esn':
      add('swim', null, { sampler: 'swim' });
      add('random', null, { sampler: 'random' });
      add('esn', null, esnAt(base.width));
      break;
    case 'edmd':
      add('edmd', null, {});
      add('direct', null, {}, 'direct');
      break;
    case 'rollout':
      add('relift', null, { rollout: 'relift' });
      break;
    case 'width':
    case 'ndata': {
      const values = opts.values ?? (kind === 'width' ? DEFAULT_WIDTHS : DEFAULT_NDATA);
      if (values.length === 0) throw new RangeError(`${kind} needs at least one value`);
      for (const v of values) {
        if (!Number.isInteger(v) || v < 1)
          throw new RangeError(`${kind} values must be positive integers, got ${v}`);
        if (kind === 'width' && v > 3000)
          throw new RangeError(`width values must be ≤ 3000, got ${v}`);
        if (kind === 'ndata' && v > 400_000)
          throw new RangeError(`ndata values must be ≤ 400000 training pairs, got ${v}`);
      }
      const ch = (v: number): Record<string, number> =>
        kind === 'width' ? { width: v } : { len: Math.max(2, Math.round(v / base.ntraj)) };
      for (const v of values) {
        add('swim', v, { ...ch(v), sampler: 'swim' });
        add('random', v, { ...ch(v), sampler: 'random' });
        if (opts.withEsn) add('esn', v, { ...ch(v), ...esnAt(kind === 'width' ? v : base.width) });
      }
      break;
    }
    default:
      throw new RangeError(
        `unknown comparison '${String(kind)}' (one of ${COMPARE_KINDS.join(', ')})`,
      );
  }
  if (out.length > MAX_COMPARE_RUNS)
    throw new RangeError(`the comparison plans ${out.length} runs, more than ${MAX_COMPARE_RUNS}`);
  return out;
}

/** The fitting time of a run: sample + features + solve (ms). */
export function trainingMs(r: RunResult): number {
  return r.timingsMs.sample + r.timingsMs.features + r.timingsMs.solve;
}

/** A run's row. */
export function rowOf(p: Pick<PlannedRun, 'variant' | 'x' | 'seed'>, r: RunResult): CompareRow {
  const m = r.metrics;
  return {
    variant: p.variant,
    x: p.x,
    seed: p.seed,
    query: r.query,
    trainMs: trainingMs(r),
    testMse: m.testMse,
    rolloutMse: m.rolloutMse,
    vpt: m.vpt,
    vptLyapunov: m.vptLyapunov,
    diverged: m.divergedRelift,
  };
}

export interface RunCompareOptions {
  signal?: AbortSignal;
  /** After each run: runs done, runs planned, and the row(s) it produced. */
  onProgress?: (done: number, total: number, rows: CompareRow[]) => void;
  /** The run function (default runPipeline with a private stage cache). */
  run?: (config: RunConfig) => RunResult;
}

/** Runs a plan in order and summarises it. Aborting throws the signal's reason between runs. */
export function runComparison(
  kind: CompareKind,
  base: RunConfig,
  plan: PlannedRun[],
  opts: RunCompareOptions = {},
): Comparison {
  // One private cache: the data stage is reused across runs of the same seed and data settings
  // (not part of any training time); stage keys keep every other stage exact.
  const cache = createStageCache();
  const run = opts.run ?? ((c: RunConfig) => runPipeline(c, { cache, signal: opts.signal }));
  const rows: CompareRow[] = [];
  plan.forEach((p, i) => {
    opts.signal?.throwIfAborted();
    const produced: CompareRow[] = [];
    if (p.how === 'direct') {
      const f = directFit(p.config);
      produced.push({
        variant: p.variant,
        x: p.x,
        seed: p.seed,
        query: serializeQuery(p.config),
        trainMs: f.trainMs,
        testMse: f.testMse,
        rolloutMse: f.rolloutMse,
        vpt: f.vpt,
        vptLyapunov: f.vptLyapunov,
        diverged: f.diverged,
      });
    } else {
      const r = run(p.config);
      produced.push(rowOf(p, r));
      if (kind === 'rollout') {
        const m = r.metrics;
        const lyap = m.vptLyapunov !== null && m.vpt > 0 ? m.vptLyapunov / m.vpt : null;
        produced.push({
          ...rowOf({ ...p, variant: 'linear' }, r),
          query: serializeQuery({ ...p.config, rollout: 'linear' } as RunConfig),
          rolloutMse: m.rolloutMseLinear,
          vpt: m.vptLinear,
          vptLyapunov: lyap === null ? null : m.vptLinear * lyap,
          diverged: m.divergedLinear,
        });
      }
    }
    rows.push(...produced);
    opts.onProgress?.(i + 1, plan.length, produced);
  });
  const chaotic = entryOf(base.sys).spec?.chaotic ?? false;
  const summary = summarise(rows);
  return {
    kind,
    base: serializeQuery(base),
    rows,
    summary,
    crossover: kind === 'width' || kind === 'ndata' ? crossoverOf(summary, chaotic) : null,
    crossoverBy: chaotic ? 'vpt' : 'rolloutMse',
    ...winsOf(summary, chaotic),
    bptt: null,
  };
}

/** Median of numbers (null entries count as +∞: a diverged rollout is worse than any finite one). */
function medianOf(v: Array<number | null>): number | null {
  const s = v.map((x) => (x === null ? Infinity : x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const h = Math.floor(s.length / 2);
  const m = s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
  return Number.isFinite(m) ? m : null;
}

/** Medians over seeds per (variant, x), in first-seen order. */
export function summarise(rows: CompareRow[]): CompareSummary[] {
  const groups = new Map<string, CompareRow[]>();
  for (const r of rows) {
    const k = `${r.variant}\u0000${r.x}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()].map((g) => ({
    variant: g[0].variant,
    x: g[0].x,
    runs: g.length,
    trainMs: medianOf(g.map((r) => r.trainMs))!,
    testMse: medianOf(g.map((r) => r.testMse)) ?? Infinity,
    rolloutMse: medianOf(g.map((r) => r.rolloutMse)),
    vpt: medianOf(g.map((r) => r.vpt))!,
    vptLyapunov: medianOf(g.map((r) => r.vptLyapunov)),
  }));
}

/** Whether SWIM beats random features at each swept value both were run at, in order. */
function comparedAt(summary: CompareSummary[], chaotic: boolean): Array<[number, boolean]> {
  const at = (variant: string) =>
    new Map(summary.filter((s) => s.variant === variant && s.x !== null).map((s) => [s.x!, s]));
  const swim = at('swim');
  const random = at('random');
  const xs = [...swim.keys()].filter((x) => random.has(x)).sort((a, b) => a - b);
  return xs.map((x) => {
    const s = swim.get(x)!;
    const r = random.get(x)!;
    if (chaotic) return [x, s.vpt > r.vpt];
    return [x, (s.rolloutMse ?? Infinity) < (r.rolloutMse ?? Infinity)];
  });
}

/** The swept values where SWIM beats random features, and where it does not. */
export function winsOf(
  summary: CompareSummary[],
  chaotic: boolean,
): { swimWins: number[]; randomWins: number[] } {
  const c = comparedAt(summary, chaotic);
  return {
    swimWins: c.filter(([, w]) => w).map(([x]) => x),
    randomWins: c.filter(([, w]) => !w).map(([x]) => x),
  };
}

/**
 * The smallest swept value from which SWIM does not beat random features at any larger value
 * (chaotic: median VPT, SWIM beats random iff strictly higher; else median rollout MSE, strictly
 * lower, a diverged rollout counting as worst). null: SWIM beats random at the largest value.
 */
export function crossoverOf(summary: CompareSummary[], chaotic: boolean): number | null {
  const c = comparedAt(summary, chaotic);
  let cross: number | null = null;
  for (let i = c.length - 1; i >= 0; i--) {
    if (c[i][1]) break;
    cross = c[i][0];
  }
  return cross;
}
