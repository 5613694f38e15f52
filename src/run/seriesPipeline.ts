/**
 * One run on a measured series (sys = weather or csv): table → standardise (training rows only) →
 * delay embedding (METHOD.md §1) → sampled hidden layer (SWIM or random features) → EDMD → spectrum
 * → re-lifted forecasts 1 and H steps ahead of every test target → the RNN's errors next to
 * persistence and climatology, per variable in physical units.
 * Pure and synchronous like runPipeline, with the same seeded generator forked in the same order.
 */
import { serializeQuery } from './query';
import { FIELD_BY_KEY, type RunConfig } from './schema';
import { componentStats, type TrajectorySet } from '../sources/dataset';
import { fitEdmd } from '../method/edmd';
import { defaultKernel } from '../numerics/kernels/gramKernels';
import { eigenvalues } from '../numerics/linalg/eigenvalues';
import type { Phase, RunResult } from './result';
import { createPhaseClock } from './phaseClock';
import { createRng } from '../numerics/rng';
import { blowupBox, rolloutLinear, rolloutRelift } from '../method/rollout';
import { layerDictionary } from '../method/sampling/hiddenLayer';
import { sampleLayer } from './runParts';
import { climatology, persistence, targetCount, targetTruth } from '../sources/series/baselines';
import { embedWindows, trainingSet, trainStandardiser } from '../sources/series/embed';
import { atHorizon } from './series/forecast';
import { planFor, type SeriesSource } from './series/sources';
import { baselineWins, seriesMetrics } from './series/report';
import { seriesStandardFields } from './series/standardFields';

export interface SeriesRunOptions {
  onProgress?: (p: { phase: Phase; fraction: number }) => void;
}

/** Runs a weather or CSV configuration on the given source text (weather.csv or the user's file). */
export function runSeriesPipeline(
  config: RunConfig,
  source: SeriesSource,
  opts: SeriesRunOptions = {},
): RunResult {
  const clock = createPhaseClock(opts.onProgress);
  const progress = clock.progress;
  const endPhase = clock.end;
  const rng = createRng(config.seed);
  rng.fork(); // the simulated pipeline's data stream: unused here, kept so the streams line up
  const rngSample = rng.fork();
  const rngFit = rng.fork();

  progress('data', 0);
  const { plan, source: kind, climatologyLabel } = planFor(config, source);
  const st = trainStandardiser(plan);
  const train = trainingSet(plan, st);
  const d = plan.vars.length;
  const H = plan.horizon;
  const n = targetCount(plan);
  // Origins targetStart − H … targetEnd − 1: every target is reached at every horizon 1 … H.
  const origins = Array.from({ length: n + H - 1 }, (_, q) => plan.targetStart - H + q);
  const starts = embedWindows(plan, st, origins, 1);
  endPhase('data');

  progress('sample', 0);
  const stats = componentStats(train);
  const layer = sampleLayer(config, singlePairs(train), stats.mean, stats.std, rngSample);
  const dict = layerDictionary(layer);
  endPhase('sample');

  progress('features', 0);
  const fit = fitEdmd(
    dict,
    train,
    { reg: config.reg, rank: config.rank, onProgress: (f) => progress('features', f) },
    rngFit,
  );
  clock.record('features', fit.featuresMs);
  clock.record('solve', fit.solveMs);

  progress('spectrum', 0);
  const eig = eigenvalues(fit.K, fit.r);
  endPhase('spectrum');

  progress('forecast', 0);
  const box = blowupBox(train, stats.mean, stats.std);
  const relift = rolloutRelift(dict, fit, starts, H, box);
  const linear = rolloutLinear(dict, fit, { ...starts, count: n }, H, box);
  const horizons = H === 1 ? [1] : [1, H];
  const forecasts = {
    variables: plan.vars.map((c) => plan.table.names[c]),
    units: plan.vars.map((c) => plan.table.units[c]),
    horizons,
    truth: targetTruth(plan),
    rnn: horizons.map((h) => atHorizon(relift.x, n, H, h, train.d, d, st.mean, st.std)),
    persistence: horizons.map((h) => persistence(plan, h)),
    climatology: climatology(plan),
  };
  const sm = seriesMetrics(forecasts);
  const std = seriesStandardFields({
    plan,
    st,
    train,
    dict,
    fit,
    relift,
    linear,
    n,
    eps: Number(FIELD_BY_KEY.eps.default(config.sys)), // ε is not a series setting
    eig,
  });
  endPhase('forecast');
  const timings = clock.finish();

  const stepWord = plan.step === 'day' ? 'day' : 'step';
  const climName = kind === 'weather' ? 'climatology' : 'the training mean';
  const warnings = [
    ...plan.table.warnings,
    ...baselineWins(sm, stepWord, climName).map((v) => v.text),
  ];
  const diverged = std.divergences.filter((v) => v.rollout === 'relift').length;
  if (diverged) warnings.push(`${diverged} RNN forecasts diverged (NaN or blow-up)`);
  if (fit.r < fit.m)
    warnings.push(`spectrum uses K projected onto its ${fit.r} leading POD directions`);
  if (fit.solveMethod !== 'cholesky')
    warnings.push(`the Gram matrix was numerically singular: solved by ${fit.solveMethod}`);

  return {
    family: 'series',
    config,
    query: serializeQuery(config),
    timingsMs: timings,
    metrics: { ...std.metrics, series: sm },
    eigenvalues: eig,
    spectrumRank: fit.r,
    warnings,
    divergences: std.divergences,
    kernel: defaultKernel(),
    solveMethod: fit.solveMethod,
    dim: d,
    stateNames: forecasts.variables,
    dt: 1,
    trainSample: std.trainSample,
    // The model acts on the embedded state: W is M×(d·k), C and CK are (d·k)×(M+1).
    model: {
      width: layer.width,
      W: layer.W,
      b: layer.b,
      pairs: layer.pairs,
      pairPoints: null,
      K: fit.K,
      C: fit.C,
      CK: fit.CK,
    },
    test: std.test,
    series: {
      source: kind,
      title: plan.title,
      splitText: plan.splitText,
      step: plan.step,
      delay: plan.delay,
      horizons,
      variables: forecasts.variables,
      units: forecasts.units,
      count: n,
      dates: plan.table.dates
        ? Array.from({ length: n }, (_, q) => plan.table.dates![plan.targetStart + q].text)
        : null,
      rows: Int32Array.from({ length: n }, (_, q) => plan.targetStart + q + 1),
      truth: forecasts.truth,
      rnn: forecasts.rnn,
      persistence: forecasts.persistence,
      climatology: forecasts.climatology,
      climatologyLabel,
      mean: st.mean,
      std: st.std,
    },
  };
}

/** The snapshot pairs (x̃_t, x̃_{t+1}) of a one-trajectory set, for SWIM. */
function singlePairs(set: TrajectorySet) {
  const n = set.points - 1;
  return {
    d: set.d,
    n,
    inputIndex: Int32Array.from({ length: n }, (_, k) => k),
    targetIndex: Int32Array.from({ length: n }, (_, k) => k + 1),
    states: set.data,
  };
}
