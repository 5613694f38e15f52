/**
 * What a gradient baseline hands back (worker and CLI alike, plain data): its settings, the
 * learning curve, the metrics of the same forecasts the sampled network is scored on, and the
 * times it took to reach the one-step MSE thresholds. Scoring is pure (src/method/metrics.ts):
 * the TensorFlow.js host only supplies predictions.
 */
import { check, type BlowupBox } from '../../method/rollout';
import { scoreRollout } from '../../method/metrics';
import { timeToThreshold, type CurvePoint } from '../../method/learningCurve';
import type { BpttData } from './data';
import type { BpttSettings } from './settings';

/** One-step MSE levels whose first-reach times are reported (issue 13). */
export const BPTT_THRESHOLDS = [1e-2, 1e-3] as const;

/** One evaluation of the learning curve: training time, train and test one-step MSE. */
export interface BpttCurvePoint {
  /** Training wall time, s (evaluations excluded). */
  t: number;
  epoch: number;
  /** Adam steps so far. */
  steps: number;
  trainMse: number;
  testMse: number;
}

/** Progress messages: the curve so far (every evaluation), and which phase the host is in. */
export interface BpttProgress {
  phase: 'loading' | 'training' | 'forecasting';
  backend: string;
  point: BpttCurvePoint | null;
  budget: number;
}

/** The network after an Adam step: its weights (in src/method/bpttInit.ts order) and counters. */
export interface BpttSnapshot {
  weights: Float32Array[];
  trainedS: number;
  steps: number;
  epochs: number;
}

export interface BpttMetrics {
  trainMse: number;
  /** One-step MSE over the test trajectories' pairs, original units (as the sampled `testMse`). */
  testMse: number;
  /** Free-running forecasts from the test starts: MSE over steps 1…H (null if one diverged). */
  rolloutMse: number | null;
  rolloutMseLive: number | null;
  /** Median VPT (model time) over the test starts, its IQR and the censored count. */
  vpt: number;
  vptIqr: [number, number];
  vptCensored: number;
  diverged: number;
}

export interface BpttResult {
  settings: BpttSettings;
  /** 'wasm' or 'cpu' (the TensorFlow.js backend that trained it). */
  backend: string;
  /** Trainable parameters. */
  parameters: number;
  curve: BpttCurvePoint[];
  /** Training wall time, s, epochs and Adam steps done; why training ended. */
  trainedS: number;
  epochs: number;
  steps: number;
  stoppedBy: 'budget' | 'stop';
  metrics: BpttMetrics;
  /** First time the test one-step MSE reached each threshold (s), null: not within the budget. */
  reach: Array<{ mse: number; s: number | null }>;
  /** The free-running forecasts, ntest×(H+1)×d in original units (row 0: the true start). */
  forecast: Float64Array;
  horizon: number;
}

/**
 * Free-running forecasts in original units from the host's standardised predictions
 * (count×H×d, step t+1 of forecast j at (j·H + t)·d): row 0 is the true start, each step is
 * x̂ = mean + std·ŷ, and a forecast is stopped (NaN from there on) at its first non-finite or
 * blown-up state, exactly as the sampled network's rollouts (src/method/rollout.ts).
 */
export function forecastFromPredictions(
  starts: Float64Array,
  pred: ArrayLike<number>,
  d: number,
  horizon: number,
  mean: ArrayLike<number>,
  std: ArrayLike<number>,
  box: BlowupBox,
): { x: Float64Array; divergedAt: Int32Array } {
  const count = starts.length / d;
  const x = new Float64Array(count * (horizon + 1) * d).fill(NaN);
  const divergedAt = new Int32Array(count).fill(-1);
  for (let j = 0; j < count; j++) {
    const base = j * (horizon + 1) * d;
    x.set(starts.subarray(j * d, (j + 1) * d), base);
    for (let t = 1; t <= horizon; t++) {
      const off = base + t * d;
      for (let i = 0; i < d; i++)
        x[off + i] = mean[i] + std[i] * pred[(j * horizon + t - 1) * d + i];
      if (check(x, off, d, box) !== null) {
        divergedAt[j] = t;
        x.fill(NaN, off, base + (horizon + 1) * d);
        break;
      }
    }
  }
  return { x, divergedAt };
}

/** The metrics of a trained baseline, scored exactly as the sampled network's (METHOD.md §6). */
export function assessBaseline(
  data: BpttData,
  forecast: { x: Float64Array; divergedAt: Int32Array },
  oneStep: { trainMse: number; testMse: number },
  o: { eps: number; errnorm: 'total' | 'component' },
): BpttMetrics {
  const scale = Math.sqrt(data.std.reduce((s, v) => s + v * v, 0));
  const scores = scoreRollout(data.truth, forecast.x, forecast.divergedAt, {
    horizon: data.horizon,
    scale: o.errnorm === 'component' ? data.std : scale,
    eps: o.eps,
    dt: data.dt,
  });
  return {
    trainMse: oneStep.trainMse,
    testMse: oneStep.testMse,
    rolloutMse: scores.mse.total,
    rolloutMseLive: scores.mseLive,
    vpt: scores.vpt,
    vptIqr: scores.vptIqr,
    vptCensored: scores.censored,
    diverged: Array.from(forecast.divergedAt).filter((s) => s >= 0).length,
  };
}

/** First-reach times of each threshold on the test curve. */
export function reachTimes(curve: readonly BpttCurvePoint[]): BpttResult['reach'] {
  const points: CurvePoint[] = curve.map((p) => ({ t: p.t, mse: p.testMse }));
  return BPTT_THRESHOLDS.map((mse) => ({ mse, s: timeToThreshold(points, mse) }));
}
