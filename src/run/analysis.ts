/**
 * Analyses of a trained free system's surrogate beyond its short-term forecasts (METHOD.md §11):
 *
 * - 'lyapunov': the Lyapunov spectrum of the RNN's re-lifted map x ↦ CK Ψ(x) (Benettin/QR with the
 *   analytic Jacobian) next to the true system's, computed by the same estimator on its RK4 map
 *   (variational equation), from the same test start; λ_max of the system's reference facts and
 *   the phase-space contraction rate ⟨tr J_f⟩ along the true orbit (= Σλ of the flow) as references.
 * - 'stats': a long free run of the surrogate against an equally long true trajectory from the
 *   same test start — marginal densities with W₁ per component, a joint density, power spectra
 *   with their Hellinger distance, the return map of successive maxima, and the step where the
 *   free run left the attractor (non-finite or outside the forecasts' blow-up box), if it did.
 *
 * The trained model comes from runPipeline with the caller's stage cache (in the worker a model
 * just trained is served from the cache, nothing is refitted). The blow-up box and the test start
 * are those of the run: the data stage is rebuilt from the data stream (the run's first fork, §9),
 * which is checked against the run's first test state. Only simulated free systems: a controlled
 * system has no autonomous map and a measured series no true system to compare with.
 * Plain data (typed arrays), so the worker can transfer it.
 */
import { climateStats, freeRun, type ClimateStats } from '../method/climate';
import { lyapunovSpectrum, reliftedMap, rk4Map, type LyapunovSpectrum } from '../method/lyapunov';
import { layerDictionary } from '../method/sampling/hiddenLayer';
import { isPowerOfTwo } from '../numerics/fft';
import { createRng } from '../numerics/rng';
import { simulate, substepsFor } from '../sources/dataset';
import { simulatedData } from './families/simulated';
import { runPipeline } from './pipeline';
import { entryOf, referenceFactFor } from './registry';
import type { Phase, RunResult } from './result';
import { systemParams, type RunConfig } from './schema';
import type { StageCache } from './stageCache';

export type AnalysisKind = 'lyapunov' | 'stats';

/** The run's phases while the model is trained (or read from the cache), then the analysis'. */
export type AnalysisPhase = Phase | 'surrogate' | 'truth';

export interface AnalysisProgress {
  phase: AnalysisPhase;
  /** Fraction of the current phase done, in [0, 1]. */
  fraction: number;
}

/** Settings of an analysis (plain data: the worker receives them as they are). */
export interface AnalysisSettings {
  /** Counted steps of each map or free run (default 100 000 for both kinds). */
  steps?: number;
  /** Lyapunov: warm-up steps, not counted (default 2000). */
  warmup?: number;
  /** Lyapunov: re-orthonormalise every this many steps (default 1). */
  qrEvery?: number;
  /** Lyapunov: record the running estimates every this many steps (default 100). */
  recordEvery?: number;
  /** Which test start both orbits begin at (default 0). */
  testIndex?: number;
  /** Stats: histogram bins per axis (default 60). */
  bins?: number;
  /** Stats: components of the joint density (default x–z for Lorenz, else the first two). */
  pair?: [number, number];
  /** Stats: Welch segment length, a power of two (default 1024: about 200 half-overlapping segments in 10⁵ steps, so the floor is low). */
  segment?: number;
}

export interface AnalysisOptions extends AnalysisSettings {
  cache?: StageCache;
  signal?: AbortSignal;
  onProgress?: (p: AnalysisProgress) => void;
}

interface AnalysisBase {
  sys: string;
  /** Canonical query of the analysed run. */
  query: string;
  dt: number;
  stateNames: string[];
  testIndex: number;
  /** The common start of both orbits (length d): the run's test start `testIndex`. */
  start: Float64Array;
  /** Wall times: the run (mostly cache hits in the worker), the surrogate's part, the truth's. */
  timingsMs: { run: number; surrogate: number; truth: number; total: number };
  warnings: string[];
}

export interface LyapunovAnalysis extends AnalysisBase {
  kind: 'lyapunov';
  surrogate: LyapunovSpectrum;
  /** The true system's RK4 map, same estimator, start, steps and warm-up. */
  truth: LyapunovSpectrum;
  reference: {
    /** λ_max from the system's reference facts at these parameters (METHOD.md §7), or null. */
    lambdaMax: number | null;
    /**
     * Mean of tr J_f over the counted states of the true orbit: the flow's phase-space
     * contraction rate, which equals Σλ (Lorenz: −(σ + 1 + β) exactly).
     */
    sum: number;
  };
}

export interface StatsAnalysis extends AnalysisBase {
  kind: 'stats';
  steps: number;
  /** First step of the surrogate's free run that is non-finite or outside the blow-up box, or −1. */
  leftAt: number;
  leftReason: 'nan' | 'blowup' | null;
  stats: ClimateStats;
  /**
   * The same distances between the true run and the next equally long stretch of the true system
   * (it continues from the true run's last state): the sampling floor that a perfect surrogate
   * would show at this length.
   */
  floor: {
    components: Array<{
      wasserstein: number;
      wassersteinRel: number;
      spectrumHellinger: number | null;
    }>;
    density2dHellinger: number;
  };
}

export type AnalysisResult = LyapunovAnalysis | StatsAnalysis;

const DEFAULT_STEPS = 100_000;
const DEFAULT_WARMUP = 2000;
const MAX_STEPS = 2_000_000;

function intSetting(name: string, v: number | undefined, def: number, lo: number, hi: number) {
  const x = v ?? def;
  if (!Number.isInteger(x) || x < lo || x > hi)
    throw new RangeError(`analysis: ${name} must be an integer in [${lo}, ${hi}], got ${x}`);
  return x;
}

/** The run's data stage again (same stream), for its blow-up box and test starts. */
function rebuildData(config: RunConfig, result: RunResult) {
  const data = simulatedData(config, createRng(config.seed).fork());
  const d = data.dim;
  for (let i = 0; i < d; i++)
    if (data.testStarts[i] !== result.test.truth[i])
      throw new Error('analysis: the rebuilt data stage does not match the run (stream order?)');
  return data;
}

export function analyse(
  config: RunConfig,
  kind: 'lyapunov',
  opts?: AnalysisOptions,
): LyapunovAnalysis;
export function analyse(config: RunConfig, kind: 'stats', opts?: AnalysisOptions): StatsAnalysis;
export function analyse(
  config: RunConfig,
  kind: AnalysisKind,
  opts?: AnalysisOptions,
): AnalysisResult;
export function analyse(
  config: RunConfig,
  kind: AnalysisKind,
  opts: AnalysisOptions = {},
): AnalysisResult {
  const t0 = performance.now();
  const entry = entryOf(config.sys);
  const spec = entry.spec;
  if (entry.family !== 'free' || !spec)
    throw new RangeError(
      `the ${kind === 'lyapunov' ? 'Lyapunov spectrum' : 'long-term statistics'} ` +
        `need a simulated free system (sys=${config.sys} is ${entry.family === 'series' ? 'a measured series' : 'a controlled system'})`,
    );
  if (kind !== 'lyapunov' && kind !== 'stats')
    throw new RangeError(`unknown analysis '${String(kind)}' (lyapunov or stats)`);
  const steps = intSetting('steps', opts.steps, DEFAULT_STEPS, 1, MAX_STEPS);
  const testIndex = intSetting('testIndex', opts.testIndex, 0, 0, config.ntest - 1);
  const report = opts.onProgress;

  const result = runPipeline(config, {
    cache: opts.cache,
    signal: opts.signal,
    ...(report ? { onProgress: (p) => report(p) } : {}),
  });
  opts.signal?.throwIfAborted();
  const tRun = performance.now();
  const data = rebuildData(config, result);
  const d = result.dim;
  const start = data.testStarts.slice(testIndex * d, (testIndex + 1) * d);
  const params = systemParams(config);
  const u0 = new Float64Array(0);
  const { model } = result;
  const dict = layerDictionary({
    d,
    width: model.width,
    W: model.W,
    b: model.b,
    act: config.act,
    pairs: model.pairs,
  });
  const base = {
    sys: config.sys,
    query: result.query,
    dt: result.dt,
    stateNames: result.stateNames,
    testIndex,
    start,
  };
  const warnings: string[] = [];
  const leftWarning = (who: string, at: number, reason: 'nan' | 'blowup' | null) =>
    warnings.push(
      `The ${who} left the attractor at step ${at} (t = ${+(at * result.dt).toPrecision(4)}): ` +
        `${reason === 'nan' ? 'a state turned non-finite' : 'a state left the blow-up box of the forecasts'}; ` +
        'its numbers describe the steps before.',
    );

  if (kind === 'lyapunov') {
    const warmup = intSetting('warmup', opts.warmup, DEFAULT_WARMUP, 0, MAX_STEPS);
    const common = {
      steps,
      warmup,
      dt: result.dt,
      qrEvery: intSetting('qrEvery', opts.qrEvery, 1, 1, 1000),
      recordEvery: intSetting('recordEvery', opts.recordEvery, 100, 1, MAX_STEPS),
    };
    const jac = spec.jacobian;
    if (!jac)
      throw new RangeError(`${spec.label} has no Jacobian: its Lyapunov spectrum is not available`);
    const surrogate = lyapunovSpectrum(reliftedMap(dict, model.W, model.CK, config.act), start, {
      ...common,
      rng: createRng(config.seed).fork(),
      box: data.box,
      onProgress: report ? (f) => report({ phase: 'surrogate', fraction: f }) : undefined,
    });
    if (surrogate.leftAt >= 0)
      leftWarning('surrogate orbit', surrogate.leftAt, surrogate.leftReason);
    opts.signal?.throwIfAborted();
    const tSur = performance.now();
    const map = rk4Map(
      (x, out) => spec.rhs(x, u0, params, out),
      (x, out) => jac(x, u0, params, out),
      d,
      result.dt,
      substepsFor(spec, result.dt),
    );
    const truth = lyapunovSpectrum(map, start, {
      ...common,
      rng: createRng(config.seed).fork(),
      onProgress: report ? (f) => report({ phase: 'truth', fraction: f }) : undefined,
    });
    // ⟨tr J_f⟩ over the counted states of the true orbit (the same orbit: same start and map).
    const orbit = simulate(spec, params, start, null, 0, warmup + truth.steps, result.dt);
    const J = new Float64Array(d * d);
    let tr = 0;
    for (let t = warmup; t < warmup + truth.steps; t++) {
      jac(orbit.subarray(t * d, (t + 1) * d), u0, params, J);
      for (let i = 0; i < d; i++) tr += J[i * d + i];
    }
    const tEnd = performance.now();
    return {
      kind,
      ...base,
      timingsMs: { run: tRun - t0, surrogate: tSur - tRun, truth: tEnd - tSur, total: tEnd - t0 },
      warnings,
      surrogate,
      truth,
      reference: {
        lambdaMax: referenceFactFor(config)?.lyapunov ?? null,
        sum: truth.steps > 0 ? tr / truth.steps : NaN,
      },
    };
  }

  const run = freeRun(
    dict,
    model.CK,
    start,
    steps,
    data.box,
    report ? (f) => report({ phase: 'surrogate', fraction: f }) : undefined,
  );
  if (run.leftAt >= 0) leftWarning('surrogate’s free run', run.leftAt, run.leftReason);
  opts.signal?.throwIfAborted();
  const tSur = performance.now();
  report?.({ phase: 'truth', fraction: 0 });
  const truth = simulate(spec, params, start, null, 0, steps, result.dt);
  report?.({ phase: 'truth', fraction: 0.4 });
  const next = simulate(spec, params, truth.subarray(steps * d), null, 0, steps, result.dt);
  report?.({ phase: 'truth', fraction: 0.8 });
  const names = result.stateNames;
  const z = names.indexOf('z');
  const pair = opts.pair ?? (config.sys === 'lorenz' && z >= 0 ? [0, z] : [0, Math.min(1, d - 1)]);
  if (!pair.every((i) => Number.isInteger(i) && i >= 0 && i < d) || pair[0] === pair[1])
    throw new RangeError(`analysis: pair must be two different components in 0…${d - 1}`);
  const segment = opts.segment ?? 1024;
  if (!isPowerOfTwo(segment) || segment < 16)
    throw new RangeError(`analysis: segment must be a power of two ≥ 16, got ${segment}`);
  const climateOpts = {
    dt: result.dt,
    stateNames: names,
    bins: intSetting('bins', opts.bins, 60, 2, 1000),
    pair,
    segment,
    returnMap: z >= 0 ? z : null,
  };
  const stats = climateStats(truth, steps + 1, run.x, run.valid, d, climateOpts);
  const twin = climateStats(truth, steps + 1, next, steps + 1, d, climateOpts);
  report?.({ phase: 'truth', fraction: 1 });
  const tEnd = performance.now();
  return {
    kind,
    ...base,
    timingsMs: { run: tRun - t0, surrogate: tSur - tRun, truth: tEnd - tSur, total: tEnd - t0 },
    warnings,
    steps,
    leftAt: run.leftAt,
    leftReason: run.leftReason,
    stats,
    floor: {
      components: twin.components.map((c) => ({
        wasserstein: c.wasserstein,
        wassersteinRel: c.wassersteinRel,
        spectrumHellinger: c.spectrumHellinger,
      })),
      density2dHellinger: twin.density2d.hellinger,
    },
  };
}
