/**
 * One run, end to end: data → sampled hidden layer → EDMD → spectrum → forecasts → metrics, with
 * per-phase wall times. Pure and synchronous: the worker and the CLI both call it.
 * Same config ⇒ bit-identical weights, K, C, metrics and eigenvalues (one seeded generator, forked
 * per phase in a fixed order).
 */
import { serializeQuery } from './query';
import { systemParams, type RunConfig } from './schema';
import { buildDataset } from '../sources/dataset';
import { fitEdmd } from '../method/edmd';
import { defaultKernel } from '../numerics/kernels/gramKernels';
import { eigenvalues } from '../numerics/linalg/eigenvalues';
import {
  median,
  medianCurve,
  normalisedErrors,
  oneStepMse,
  rolloutMse,
  spectrumStats,
  validPredictionTimes,
} from '../method/metrics';
import type { Divergence, Metrics, Progress, RunResult } from './result';
import { createPhaseClock } from './phaseClock';
import { createRng } from '../numerics/rng';
import { blowupBox, rolloutLinear, rolloutRelift } from '../method/rollout';
import { layerDictionary } from '../method/sampling/hiddenLayer';
import { getSystem, referenceFact } from '../sources/systems/registry';
import { isSeriesSystem, type SeriesSource } from './series/sources';
import { runSeriesPipeline } from './seriesPipeline';
import { isControlledSystem } from '../sources/systems/controlledRegistry';
import { runControlPipeline } from './control/controlPipeline';
import {
  countDiverged,
  divergenceList,
  modelOf,
  pairIndex,
  sampleLayer,
  subsample,
} from './runParts';

export { pairIndex };

/** Pairs used for the one-step training MSE (evenly strided): the metric, not the fit. */
const TRAIN_MSE_PAIRS = 5000;

export interface RunOptions {
  onProgress?: (p: Progress) => void;
  /** Measured series (sys = weather, csv): the text of weather.csv or of the user's file. */
  series?: SeriesSource;
}

export function runPipeline(config: RunConfig, opts: RunOptions = {}): RunResult {
  if (isSeriesSystem(config.sys)) {
    if (!opts.series) throw new RangeError(`sys=${config.sys} needs its data file`);
    return runSeriesPipeline(config, opts.series, opts);
  }
  if (isControlledSystem(config.sys)) return runControlPipeline(config, opts);
  const spec = getSystem(config.sys);
  const params = systemParams(config);
  const clock = createPhaseClock(opts.onProgress);
  const progress = clock.progress;
  const endPhase = clock.end;
  const rng = createRng(config.seed);
  const rngData = rng.fork();
  const rngSample = rng.fork();
  const rngFit = rng.fork();

  // Data
  progress('data', 0);
  const ds = buildDataset(
    spec,
    params,
    {
      dt: config.dt,
      ntraj: config.ntraj,
      len: config.len,
      ntest: config.ntest,
      horizon: config.horizon,
      noise: config.noise,
    },
    rngData,
  );
  endPhase('data');

  // Sampling
  progress('sample', 0);
  const pairs = pairIndex(ds.train);
  const layer = sampleLayer(config, pairs, ds.mean, ds.std, rngSample);
  const dict = layerDictionary(layer);
  endPhase('sample');

  // Features + Gram, then solve (timed inside fitEdmd).
  progress('features', 0);
  const fit = fitEdmd(
    dict,
    ds.train,
    { reg: config.reg, rank: config.rank, onProgress: (f) => progress('features', f) },
    rngFit,
  );
  clock.record('features', fit.featuresMs);
  clock.record('solve', fit.solveMs);

  // Spectrum
  progress('spectrum', 0);
  const eig = eigenvalues(fit.K, fit.r);
  const { unstable, radius } = spectrumStats(eig);
  endPhase('spectrum');

  // Forecasts and metrics
  progress('forecast', 0);
  const box = blowupBox(ds.trainClean, ds.mean, ds.std);
  const relift = rolloutRelift(dict, fit, ds.test, config.horizon, box);
  progress('forecast', 0.5);
  const linear = rolloutLinear(dict, fit, ds.test, config.horizon, box);
  const scale = Math.sqrt(ds.std.reduce((s, v) => s + v * v, 0));
  const errRelift = normalisedErrors(relift.x, ds.test, config.horizon, scale);
  const errLinear = normalisedErrors(linear.x, ds.test, config.horizon, scale);
  const vptR = median(
    validPredictionTimes(errRelift, ds.test.count, config.horizon, config.eps, config.dt),
  );
  const vptL = median(
    validPredictionTimes(errLinear, ds.test.count, config.horizon, config.eps, config.dt),
  );
  const mseR = rolloutMse(relift.x, ds.test, config.horizon);
  const mseL = rolloutMse(linear.x, ds.test, config.horizon);
  const head = config.rollout === 'relift' ? { mse: mseR, vpt: vptR } : { mse: mseL, vpt: vptL };
  const fact = referenceFact(spec, params);
  const lyap = spec.chaotic && fact?.lyapunov ? fact.lyapunov : null;
  const metrics: Metrics = {
    trainMse: oneStepMse(dict, fit.CK, ds.train, TRAIN_MSE_PAIRS),
    testMse: oneStepMse(dict, fit.CK, ds.test, Infinity),
    rolloutMse: head.mse.total,
    rolloutMseRelift: mseR.total,
    rolloutMseLinear: mseL.total,
    rolloutMsePerComponent: head.mse.perComponent,
    divergedRelift: countDiverged(relift),
    divergedLinear: countDiverged(linear),
    vpt: head.vpt,
    vptLyapunov: lyap === null ? null : head.vpt * lyap,
    vptRelift: vptR,
    vptLinear: vptL,
    unstableEigenvalues: unstable,
    spectralRadius: radius,
  };
  endPhase('forecast');
  const timings = clock.finish();

  const divergences = [...divergenceList('relift', relift), ...divergenceList('linear', linear)];
  const warnings = buildWarnings(config, fit.r, fit.m, fit.solveMethod, unstable, divergences);
  return {
    family: 'free',
    config,
    query: serializeQuery(config),
    timingsMs: timings,
    metrics,
    eigenvalues: eig,
    spectrumRank: fit.r,
    warnings,
    divergences,
    kernel: defaultKernel(),
    solveMethod: fit.solveMethod,
    dim: spec.dim,
    stateNames: spec.stateNames,
    dt: config.dt,
    trainSample: subsample(ds.train),
    model: modelOf(layer, pairs, fit),
    test: {
      count: ds.test.count,
      horizon: config.horizon,
      truth: ds.test.data,
      relift: relift.x,
      linear: linear.x,
      errorRelift: errRelift,
      errorLinear: errLinear,
      medianErrorRelift: medianCurve(errRelift, ds.test.count, config.horizon),
      medianErrorLinear: medianCurve(errLinear, ds.test.count, config.horizon),
    },
  };
}

function buildWarnings(
  config: RunConfig,
  r: number,
  m: number,
  solveMethod: string,
  unstable: number,
  divergences: Divergence[],
): string[] {
  const w: string[] = [];
  if (r < m)
    w.push(
      `spectrum and linear rollout use K projected onto its ${r} leading POD directions (M+1 = ${m})`,
    );
  if (solveMethod !== 'cholesky')
    w.push(`the Gram matrix was numerically singular: solved by ${solveMethod} (raise reg)`);
  if (unstable > 0)
    w.push(
      `${unstable} eigenvalue${unstable > 1 ? 's' : ''} with |λ| > 1: the linear rollout grows along them`,
    );
  for (const name of ['relift', 'linear'] as const) {
    const ds = divergences.filter((d) => d.rollout === name);
    if (ds.length === 0) continue;
    const first = ds.reduce((a, b) => (b.step < a.step ? b : a));
    const label = name === 'relift' ? 're-lifted' : 'linear Koopman';
    w.push(
      `${ds.length} of ${config.ntest} ${label} forecasts diverged (${first.reason === 'nan' ? 'NaN/Inf' : 'blow-up'}); first at step ${first.step} (t = ${+(first.step * config.dt).toPrecision(6)}) in test ${first.testIndex}`,
    );
  }
  return w;
}
