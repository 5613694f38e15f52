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
  const head = o.headline === 'relift' ? s.relift : s.linear;
  const vpt = head.vpt;
  return {
    trainMse: o.trainMse,
    testMse: o.testMse,
    rolloutMse: head.mse.total,
    rolloutMseRelift: s.relift.mse.total,
    rolloutMseLinear: s.linear.mse.total,
    rolloutMsePerComponent: head.mse.perComponent,
    divergedRelift: countDiverged(o.relift),
    divergedLinear: countDiverged(o.linear),
    vpt,
    vptLyapunov: o.lyapunov === null ? null : vpt * o.lyapunov,
    vptRelift: s.relift.vpt,
    vptLinear: s.linear.vpt,
    unstableEigenvalues: o.spectrum.unstable,
    spectralRadius: o.spectrum.radius,
    vptIqr: head.vptIqr,
    vptCensored: head.censored,
    rolloutMseLive: head.mseLive,
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
    errorRelift: s.relift.err,
    errorLinear: s.linear.err,
    medianErrorRelift: medianCurve(s.relift.err, count, horizon),
    medianErrorLinear: medianCurve(s.linear.err, count, horizon),
  };
}
