/**
 * One run, every family: data → sample → features → project → solve → spectrum → forecast →
 * assess, with one phase clock, one order of random streams and one result type. Families
 * (src/run/families/) supply the data, forecast and assess stages; the rest is shared. Each stage
 * is looked up in the stage cache under the settings it reads (src/run/stageCache.ts), so a host
 * that keeps a cache (the worker) redoes only what a change of settings touches. Pure and
 * synchronous: the worker and the CLI both call it. Same config ⇒ bit-identical weights, K, C,
 * metrics and eigenvalues.
 */
import {
  accumulateEdmd,
  solveEdmd,
  type EdmdFit,
  type EdmdProjection,
  type EdmdSums,
} from '../method/edmd';
import { projectEdmd } from '../method/edmdProjection';
import { spectrumStats } from '../method/metrics';
import { MAX_RESIDUAL_ORDER, residualSums, spectrumResiduals } from '../method/spectrumResiduals';
import { layerSpec, type Parallel, type ParallelFit } from '../method/parallel';
import { cvCurve } from '../method/ridgeCv';
import { samplerOf } from '../method/sampling';
import { layerDictionary } from '../method/sampling/hiddenLayer';
import { defaultKernel } from '../numerics/kernels/gramKernels';
import { eigenvalues } from '../numerics/linalg/eigenvalues';
import { createRng } from '../numerics/rng';
import { controlledFamily } from './families/controlled';
import { freeFamily } from './families/free';
import { seriesFamily } from './families/series';
import type { Assessment, FamilyDef, Prepared, SampledModel, SpectrumPart } from './families/types';
import { createPhaseClock } from './phaseClock';
import { isEsnConfig, runEsnPipeline } from './esnRun';
import { serializeQuery } from './query';
import { familyOf, type Family } from './registry';
import type { Phase, Progress, RunResult, StageTiming } from './result';
import { FIELDS, type Group, type RunConfig } from './schema';
import type { SeriesSource } from './series/sources';
import { createStageCache, stageKey, type StageCache, type StageName } from './stageCache';

export interface RunOptions {
  onProgress?: (p: Progress) => void;
  /** Measured series (sys = weather, csv): the text of weather.csv or of the user's file. */
  series?: SeriesSource;
  /** Stage outputs of earlier runs (a fresh cache when absent: everything is computed). */
  cache?: StageCache;
  /** Checked between stages: an aborted run throws the signal's reason. */
  signal?: AbortSignal;
  /**
   * Receives the stage outputs of this run (served from the cache or computed) once the run is
   * done, e.g. for the explanation views that refit from the cached features (src/run/explain.ts) and the
   * ResDMD residuals that need the Gram sums (src/run/eigenfunctions.ts).
   * The values are the cache's own: they must not be mutated.
   */
  inspect?: (parts: RunParts) => void;
  /**
   * Threads to split the passes over the data and the forecasts over (a host's worker pool,
   * src/method/parallel.ts); the results are bit-identical for any pool size. Absent: one thread.
   */
  parallel?: Parallel;
}

/** The intermediate outputs of one run, as the stage cache holds them. */
export interface RunParts {
  data: Prepared;
  model: SampledModel;
  sums: EdmdSums;
  /** The POD projection of a rank-truncated run (null when K is the full (M+1)×(M+1) map). */
  proj: EdmdProjection | null;
  fit: EdmdFit;
  /** The family's forecast stage output (free systems: SimulatedForecasts). */
  forecast: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const FAMILIES: Record<Family, FamilyDef<any, any>> = {
  free: freeFamily,
  controlled: controlledFamily,
  series: seriesFamily,
};

/** The phase of `timingsMs` each stage's wall time is counted in. */
const PHASE_OF: Record<StageName, Phase> = {
  data: 'data',
  sample: 'sample',
  features: 'features',
  project: 'solve',
  solve: 'solve',
  spectrum: 'spectrum',
  forecast: 'forecast',
  assess: 'forecast',
};

/** The settings only the assessment reads (VPT threshold, headline rollout, error norm). */
const ASSESS_KEYS = ['eps', 'rollout', 'errnorm'];

/**
 * The values of every field of the given schema groups (all systems' fields, not only those that
 * apply: a value that does not apply only costs a recomputation, never a stale result).
 */
function readsOf(config: RunConfig, groups: Group[], except: string[] = []): unknown[] {
  return FIELDS.filter((f) => groups.includes(f.group) && !except.includes(f.key)).map(
    (f) => config[f.key],
  );
}

export function runPipeline(config: RunConfig, opts: RunOptions = {}): RunResult {
  // The echo state network baseline (net=esn) is its own staged run (src/run/esnRun.ts).
  if (isEsnConfig(config)) return runEsnPipeline(config, opts);
  const family = FAMILIES[familyOf(config.sys)];
  const cache = opts.cache ?? createStageCache();
  const clock = createPhaseClock(opts.onProgress);
  const stages: StageTiming[] = [];
  // One fork per stream, always in this order (part of the reproducibility contract), whether or
  // not a stage runs: a stage served from the cache leaves the other streams unchanged.
  const rng = createRng(config.seed);
  const streams = { data: rng.fork(), sample: rng.fork(), fit: rng.fork(), signal: rng.fork() };

  const stage = <T>(
    name: StageName,
    key: string,
    compute: (progress: (f: number) => void) => T,
  ): T => {
    opts.signal?.throwIfAborted();
    const phase = PHASE_OF[name];
    clock.progress(phase, 0);
    const t0 = performance.now();
    let value = cache.get(name, key) as T | undefined;
    const cached = value !== undefined;
    if (value === undefined) {
      value = compute((f) => clock.progress(phase, f));
      cache.set(name, key, value);
    }
    clock.end(phase);
    stages.push({ stage: name, ms: performance.now() - t0, cached });
    return value;
  };

  const kData = stageKey('', [
    config.seed,
    ...readsOf(config, ['system', 'data']),
    ...(family.dataExtras?.(config, opts.series) ?? []),
  ]);
  const data: Prepared = stage('data', kData, () => family.data(config, streams.data, opts.series));

  const kSample = stageKey(kData, [config.sampler, config.width, config.act]);
  const model = stage('sample', kSample, (): SampledModel => {
    const layer = samplerOf(config.sampler).sample(data, config.width, config.act, streams.sample);
    return { layer, dict: layerDictionary(layer) };
  });

  const par: ParallelFit | undefined =
    opts.parallel && opts.parallel.size > 1
      ? { pool: opts.parallel, layer: layerSpec(model.layer) }
      : undefined;
  const p = data.train.p ?? 0;
  const m = config.width + 1;
  const r = p === 0 ? Math.min(config.rank, m) : m;
  const truncated = r < m;
  // Validating λ (regsel=cv) needs the cross term A even when K is truncated.
  const noCross = truncated && config.regsel !== 'cv';
  const kFeatures = stageKey(kSample, [noCross]);
  const sums = stage('features', kFeatures, (progress): EdmdSums =>
    accumulateEdmd(model.dict, data.train, noCross, progress, par),
  );

  let kFit = kFeatures;
  let proj: EdmdProjection | null = null;
  if (truncated) {
    kFit = stageKey(kFeatures, [r]);
    proj = stage('project', kFit, (progress) =>
      projectEdmd(model.dict, data.train, sums, r, streams.fit, progress, par),
    );
  }
  const kSolve = stageKey(kFit, [config.reg, config.regsel]);
  const { fit, ridge } = stage('solve', kSolve, (progress) => {
    // Holdout validation picks the ridge (src/method/ridgeCv.ts), then the usual solve runs.
    const curve = config.regsel === 'cv' ? cvCurve(model.dict, data.train, sums, data.box) : null;
    const reg = curve ? curve.best : config.reg;
    const fit: EdmdFit = solveEdmd(model.dict, data.train, sums, proj, reg, progress, par);
    return { fit, ridge: { rel: reg, cv: curve } };
  });

  // ResDMD residual of every eigenvalue (METHOD.md §12), for K small enough; a failure only
  // drops them with a note.
  const residualsOf = (eig: { re: Float64Array; im: Float64Array }, notes: string[]) => {
    if (eig.re.length === 0 || fit.r > MAX_RESIDUAL_ORDER) return null;
    try {
      const g = residualSums(model.dict, data.train, sums, proj);
      return g ? spectrumResiduals(fit.K, fit.r, eig, g) : null;
    } catch (e) {
      notes.push(`no eigenvalue residuals: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  };
  const spectrum = stage('spectrum', stageKey(kSolve, []), (): SpectrumPart => {
    // A spectrum that needs the QR rescue phase is reported; one that fails (non-finite K) leaves
    // the run standing with no eigenvalues and a warning, never a failed run.
    const notes: string[] = [];
    try {
      const eig = eigenvalues(fit.K, fit.r, {
        onRescue: (r) =>
          notes.push(
            `the eigenvalues of K needed the QR solver's rescue phase (${r.unresolved} of ${fit.r} unresolved after ${r.standardSweeps} sweeps): K is nearly singular (too little data for this width)`,
          ),
      });
      const residual = residualsOf(eig, notes);
      return { eig: residual ? { ...eig, residual } : eig, ...spectrumStats(eig), notes };
    } catch (e) {
      const eig = { re: new Float64Array(0), im: new Float64Array(0) };
      notes.push(`no spectrum: ${e instanceof Error ? e.message : String(e)}`);
      return { eig, ...spectrumStats(eig), notes };
    }
  });

  const kForecast = stageKey(kSolve, readsOf(config, ['forecast', 'control'], ASSESS_KEYS));
  const inputs = { data, model, fit, par };
  const forecast = stage('forecast', kForecast, (progress) =>
    family.forecast(config, inputs, streams.signal, progress),
  );
  const kAssess = stageKey(
    kForecast,
    ASSESS_KEYS.map((k) => config[k]),
  );
  const a: Assessment = stage('assess', kAssess, () =>
    family.assess(config, { ...inputs, spectrum, forecast }),
  );
  const cvSkipped = config.regsel === 'cv' && !ridge.cv;
  const timings = clock.finish();
  opts.inspect?.({ data, model, sums, proj, fit, forecast });

  return {
    family: family.family,
    config,
    query: serializeQuery(config),
    timingsMs: timings,
    stages,
    metrics: a.metrics,
    eigenvalues: spectrum.eig,
    spectrumRank: fit.r,
    pairs: sums.pairs,
    podResidual: fit.podResidual,
    ridge,
    warnings: [
      ...a.warnings,
      ...spectrum.notes,
      ...(cvSkipped
        ? [
            `λ could not be validated (it needs a system without inputs and enough pairs to hold some out): the fixed λ_rel = ${config.reg} was used`,
          ]
        : []),
    ],
    divergences: a.divergences,
    kernel: defaultKernel(),
    threads: par ? par.pool.size : 1,
    solveMethod: fit.solveMethod,
    dim: data.dim,
    stateNames: data.stateNames,
    dt: data.dt,
    trainSample: data.trainSample,
    model: {
      width: model.layer.width,
      W: model.layer.W,
      b: model.layer.b,
      pairs: model.layer.pairs,
      pairPoints: a.pairPoints,
      K: fit.K,
      C: fit.C,
      CK: fit.CK,
    },
    test: a.test,
    ...(a.series ? { series: a.series } : {}),
    ...(a.control ? { control: a.control } : {}),
  };
}
