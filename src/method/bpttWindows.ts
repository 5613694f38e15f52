/**
 * Truncated-BPTT windows of a trajectory set (docs/METHOD.md, "Gradient baselines"): the inputs a
 * recurrent network trained by backpropagation through time sees, and the one-step targets it is
 * scored on. A window is L consecutive snapshot pairs of one trajectory, never crossing from one
 * trajectory into the next:
 *
 *   x[w, s, :] = (x_{t0+s} − mean) / std,   y[w, s, :] = (x_{t0+s+1} − mean) / std,   s = 0…L−1,
 *
 * standardised per component with the clean training data's mean and std. Windows start at
 * t0 = 0, L, 2L, … ; when L does not divide the pairs of a trajectory, one more window ends at the
 * trajectory's last pair (it overlaps the one before) and its `mask` marks only the pairs no
 * earlier window covered, so a masked mean counts every pair exactly once. A trajectory shorter
 * than L windows at its own length: the window length is min(L, points − 1) for the whole set.
 * Float32 because that is what the gradient-trained networks compute in.
 */
import type { TrajectorySet } from '../numerics/trajectorySet';

export interface Windows {
  /** Number of windows, steps per window, state dimension. */
  count: number;
  steps: number;
  d: number;
  /** count×steps×d standardised inputs x_t and targets x_{t+1}. */
  x: Float32Array;
  y: Float32Array;
  /** count×steps: 1 where the pair is counted by the masked mean, 0 where an earlier window has it. */
  mask: Float32Array;
  /** Trajectory and first time step of each window. */
  traj: Int32Array;
  start: Int32Array;
}

/** Start steps of the windows of one trajectory of `pairs` snapshot pairs, window length L ≤ pairs. */
export function windowStarts(pairs: number, L: number): number[] {
  const starts: number[] = [];
  for (let t0 = 0; t0 + L <= pairs; t0 += L) starts.push(t0);
  if (pairs % L !== 0) starts.push(pairs - L);
  return starts;
}

/**
 * The windows of every trajectory of a set (inputs without p: free systems only), in trajectory
 * order. Throws a RangeError naming `window` when L < 1 or the set has no pair.
 */
export function buildWindows(
  set: TrajectorySet,
  L: number,
  mean: ArrayLike<number>,
  std: ArrayLike<number>,
): Windows {
  const { d, count, points } = set;
  const pairs = points - 1;
  if (!(Number.isInteger(L) && L >= 1))
    throw new RangeError(`window must be an integer ≥ 1, got ${L}`);
  if (pairs < 1) throw new RangeError('the trajectories have no snapshot pair to window');
  const steps = Math.min(L, pairs);
  const starts = windowStarts(pairs, steps);
  const n = count * starts.length;
  const x = new Float32Array(n * steps * d);
  const y = new Float32Array(n * steps * d);
  const mask = new Float32Array(n * steps);
  const traj = new Int32Array(n);
  const start = new Int32Array(n);
  const inv = Array.from(std, (s) => (s > 0 ? 1 / s : 1));
  let w = 0;
  for (let j = 0; j < count; j++) {
    let covered = 0; // pairs of trajectory j before this step are counted already
    for (const t0 of starts) {
      traj[w] = j;
      start[w] = t0;
      for (let s = 0; s < steps; s++) {
        const src = (j * points + t0 + s) * d;
        const dst = (w * steps + s) * d;
        for (let i = 0; i < d; i++) {
          x[dst + i] = (set.data[src + i] - mean[i]) * inv[i];
          y[dst + i] = (set.data[src + d + i] - mean[i]) * inv[i];
        }
        mask[w * steps + s] = t0 + s >= covered ? 1 : 0;
      }
      covered = t0 + steps;
      w++;
    }
  }
  return { count: n, steps, d, x, y, mask, traj, start };
}

/** Copies windows idx[from…to) into batch buffers (rows×steps×d each); returns the row count. */
export function gatherWindows(
  w: Windows,
  idx: ArrayLike<number>,
  from: number,
  to: number,
  xOut: Float32Array,
  yOut: Float32Array,
): number {
  const size = w.steps * w.d;
  let r = 0;
  for (let k = from; k < to; k++, r++) {
    const src = idx[k] * size;
    xOut.set(w.x.subarray(src, src + size), r * size);
    yOut.set(w.y.subarray(src, src + size), r * size);
  }
  return r;
}

/**
 * One-step MSE in the data's own units of standardised predictions of every window (count×steps×d,
 * as `y`): the masked mean over pairs and components of (std_i·(ŷ − y))², i.e. the mean squared
 * error of x̂_{t+1} against x_{t+1} in original units, each pair counted once — the same quantity
 * as the sampled network's one-step MSE (src/method/metrics.ts `oneStepMse`) over the same pairs.
 */
export function windowMse(w: Windows, pred: ArrayLike<number>, std: ArrayLike<number>): number {
  const { count, steps, d } = w;
  let s = 0;
  let n = 0;
  for (let k = 0; k < count * steps; k++) {
    if (w.mask[k] === 0) continue;
    for (let i = 0; i < d; i++) {
      const e = (pred[k * d + i] - w.y[k * d + i]) * std[i];
      s += e * e;
    }
    n++;
  }
  return n > 0 ? s / (n * d) : NaN;
}

/** A seeded Fisher–Yates shuffle of 0…n−1 (the window order of one epoch). */
export function shuffledOrder(n: number, rng: { int(n: number): number }): Int32Array {
  const order = Int32Array.from({ length: n }, (_, k) => k);
  for (let k = n - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    const t = order[k];
    order[k] = order[j];
    order[j] = t;
  }
  return order;
}
