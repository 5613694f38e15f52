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
