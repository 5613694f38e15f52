/**
 * The forecast metrics every family reports (METHOD.md §6), computed one way: normalised errors,
 * valid prediction times, rollout MSEs and their medians for the re-lifted and the linear rollout,
 * the headline pair, divergence counts, and the `metrics` object in its one key order (the CLI's
 * JSON and the golden results depend on that order).
 */
import {
  median,
  medianCurve,
  normalisedErrors,
  rolloutMse,
  validPredictionTimes,
} from '../method/metrics';
import type { RolloutOutput } from '../method/rollout';
import type { TrajectorySet } from '../numerics/trajectorySet';
import type { SpectrumPart } from './families/types';
import type { Divergence, Metrics, RunResult } from './result';

/** Pairs used for the one-step training MSE (evenly strided): the metric, not the fit. */
export const TRAIN_MSE_PAIRS = 5000;

export interface ForecastScores {
  errRelift: Float64Array;
  errLinear: Float64Array;
  vptRelift: number;
  vptLinear: number;
  mseRelift: { total: number | null; perComponent: number[] | null };
  mseLinear: { total: number | null; perComponent: number[] | null };
}

/**
 * Scores forecasts (count×(H+1)×d each) against the truth: e(t) = ‖x̂_t − x_t‖/scale, VPT = the
 * median over starts of the first t·dt with e(t) > ε, rollout MSE over steps 1…H.
 */
export function scoreForecasts(
  truth: TrajectorySet,
  relift: Float64Array,
  linear: Float64Array,
  o: { horizon: number; scale: number; eps: number; dt: number },
): ForecastScores {
  const { horizon: H, scale, eps, dt } = o;
  const errRelift = normalisedErrors(relift, truth, H, scale);
  const errLinear = normalisedErrors(linear, truth, H, scale);
  return {
    errRelift,
    errLinear,
    vptRelift: median(validPredictionTimes(errRelift, truth.count, H, eps, dt)),
    vptLinear: median(validPredictionTimes(errLinear, truth.count, H, eps, dt)),
    mseRelift: rolloutMse(relift, truth, H),
    mseLinear: rolloutMse(linear, truth, H),
  };
}

/** The standard metrics, in their one key order; the headline picks which rollout is reported. */
export function standardMetrics(
  s: ForecastScores,
  o: {
    trainMse: number;
    testMse: number;
    headline: 'relift' | 'linear';
    relift: RolloutOutput;
    linear: RolloutOutput;
    /** λ_max of a chaotic system with a known exponent (VPT in Lyapunov times), else null. */
    lyapunov: number | null;
    spectrum: SpectrumPart;
  },
): Metrics {
  const relift = o.headline === 'relift';
  const vpt = relift ? s.vptRelift : s.vptLinear;
  const mse = relift ? s.mseRelift : s.mseLinear;
  return {
    trainMse: o.trainMse,
    testMse: o.testMse,
    rolloutMse: mse.total,
    rolloutMseRelift: s.mseRelift.total,
    rolloutMseLinear: s.mseLinear.total,
    rolloutMsePerComponent: mse.perComponent,
    divergedRelift: countDiverged(o.relift),
    divergedLinear: countDiverged(o.linear),
    vpt,
    vptLyapunov: o.lyapunov === null ? null : vpt * o.lyapunov,
    vptRelift: s.vptRelift,
    vptLinear: s.vptLinear,
    unstableEigenvalues: o.spectrum.unstable,
    spectralRadius: o.spectrum.radius,
  };
}

/** The result's `test` part: the forecasts drawn, their errors and the median error curves. */
export function testPart(
  s: ForecastScores,
  shown: {
    count: number;
    horizon: number;
    truth: Float64Array;
    relift: Float64Array;
    linear: Float64Array;
  },
): RunResult['test'] {
  const { count, horizon } = shown;
  return {
    ...shown,
    errorRelift: s.errRelift,
    errorLinear: s.errLinear,
    medianErrorRelift: medianCurve(s.errRelift, count, horizon),
    medianErrorLinear: medianCurve(s.errLinear, count, horizon),
  };
}

export function countDiverged(r: RolloutOutput): number {
  return r.divergedAt.reduce((n, s) => n + (s >= 0 ? 1 : 0), 0);
}

/** Every stopped forecast of both rollouts, re-lifted first. */
export function divergencesOf(relift: RolloutOutput, linear: RolloutOutput): Divergence[] {
  const out: Divergence[] = [];
  for (const [rollout, r] of [
    ['relift', relift],
    ['linear', linear],
  ] as const)
    r.divergedAt.forEach((step, testIndex) => {
      if (step >= 0) out.push({ rollout, testIndex, step, reason: r.divergedReason[testIndex]! });
    });
  return out;
}
