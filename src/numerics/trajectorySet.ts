/**
 * The layout every layer shares for trajectories: `count` trajectories of `points` states each,
 * row-major, data[(j·points + t)·d + i]. With p ≥ 1 inputs, inputs[(j·(points−1) + t)·p + i] is the
 * input u_t of trajectory j (held over the pair (x_t, x_{t+1})).
 */
export interface TrajectorySet {
  d: number;
  count: number;
  points: number;
  data: Float64Array;
  /** Inputs per pair (absent or p = 0: a free system). */
  p?: number;
  inputs?: Float64Array;
}

/** Offset in `data` of the input state x_t of pair k (pairs numbered across trajectories). */
export function pairOffset(set: TrajectorySet, k: number): number {
  const pairs = set.points - 1;
  return (Math.floor(k / pairs) * set.points + (k % pairs)) * set.d;
}

/** Every `stride`-th pair is scored when at most `maxPairs` of the set's pairs are. */
export function scoredStride(set: TrajectorySet, maxPairs: number): number {
  return Math.max(1, Math.floor((set.count * (set.points - 1)) / maxPairs));
}
