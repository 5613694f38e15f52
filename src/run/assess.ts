/**
 * The forecast metrics every family reports (METHOD.md §6), assembled one way from the scores of
 * both rollouts (src/method/metrics.ts): the headline pair, divergence counts, and the `metrics`
 * object in its one key order (the CLI's JSON and the golden results depend on that order).
 */
import { medianCurve, type ForecastScores } from '../method/metrics';
import { countDiverged, type RolloutOutput } from '../method/rollout';
import type { SpectrumPart } from './families/types';
import type { Metrics, RunResult } from './result';

/** Pairs used for the one-step training MSE (evenly strided): the metric, not the fit. */
export const TRAIN_MSE_PAIRS = 5000;

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
