/**
 * Reading a learning curve (docs/METHOD.md, "Gradient baselines"): when did a gradient-trained
 * network first reach a one-step MSE, and how does that compare with the sampled network's
 * training time.
 *
 * The curve is a list of evaluations (t_k, m_k): training wall time in seconds (increasing) and
 * the one-step test MSE then. The time to reach a threshold τ is found between the last evaluation
 * above τ and the first at or below it, interpolating log m linearly in t:
 *
 *   t* = t_{k−1} + (t_k − t_{k−1}) · (log m_{k−1} − log τ) / (log m_{k−1} − log m_k),
 *
 * (t_k itself when the first evaluation is already at or below τ). Null: never within the curve.
 */
import { logDet } from '../numerics/logDet';

export interface CurvePoint {
  /** Training wall time, s. */
  t: number;
  /** One-step MSE then (NaN or ∞: not reached). */
  mse: number;
}

/** First time the curve reaches mse ≤ τ (log-linear interpolation), or null if it never does. */
export function timeToThreshold(curve: readonly CurvePoint[], tau: number): number | null {
  if (!(tau > 0)) throw new RangeError(`threshold must be > 0, got ${tau}`);
  for (let k = 0; k < curve.length; k++) {
    const { t, mse } = curve[k];
    if (!(mse <= tau)) continue;
    if (k === 0) return t;
    const prev = curve[k - 1];
    if (!(prev.mse > 0 && Number.isFinite(prev.mse)) || !(mse > 0)) return t;
    const a = logDet(prev.mse);
    const f = (a - logDet(tau)) / (a - logDet(mse));
    return prev.t + (t - prev.t) * Math.min(1, Math.max(0, f));
  }
  return null;
}

/** How a gradient baseline's time to a one-step MSE compares with the sampled network's. */
export type SpeedRatio =
  /** Both reach τ: the baseline took `ratio` times the sampled network's training time. */
  | { kind: 'ratio'; ratio: number; baselineS: number }
  /** The baseline did not reach τ within its budget: the ratio is at least budget / sampled time. */
  | { kind: 'atLeast'; ratio: number }
  /** The sampled network itself did not reach τ (its one-step MSE is above it). */
  | { kind: 'sampledMisses' };

/**
 * The ratio of training times at equal one-step MSE τ: the baseline's time to reach τ over the
 * sampled network's training time `sampledS` (s), when the sampled network's final one-step MSE is
 * at or below τ (it reached τ no later than at the end of its training: the ratio is then a lower
 * bound on the true ratio at τ). A baseline that never reached τ gives a lower bound from its
 * budget (the time it trained, `trainedS`).
 */
export function speedRatio(
  baselineS: number | null,
  trainedS: number,
  sampledS: number,
  sampledMse: number,
  tau: number,
): SpeedRatio {
  if (!(sampledMse <= tau)) return { kind: 'sampledMisses' };
  const s = Math.max(sampledS, 1e-6);
  if (baselineS === null) return { kind: 'atLeast', ratio: trainedS / s };
  return { kind: 'ratio', ratio: baselineS / s, baselineS };
}
