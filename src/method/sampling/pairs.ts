/**
 * Snapshot pairs as SWIM reads them: every within-trajectory pair (x_t, x_{t+1}) of a trajectory
 * set as indices into its states (never across the end of one trajectory and the start of the
 * next, METHOD.md §1), and the two points behind each sampled neuron.
 */
import type { TrajectorySet } from '../../numerics/trajectorySet';
import type { PairData } from './swim';

/** All within-trajectory (input, next state) pairs of a set, trajectory by trajectory. */
export function pairIndex(set: TrajectorySet): PairData {
  const per = set.points - 1;
  const n = set.count * per;
  const inputIndex = new Int32Array(n);
  const targetIndex = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    inputIndex[k] = Math.floor(k / per) * set.points + (k % per);
    targetIndex[k] = inputIndex[k] + 1;
  }
  return { d: set.d, n, inputIndex, targetIndex, states: set.data };
}

/** The two points of each SWIM pair, M×2×d (null for samplers without pairs). */
export function pairPoints(pairs: Int32Array | null, data: PairData): Float64Array | null {
  if (!pairs) return null;
  const { d, states, inputIndex } = data;
  const out = new Float64Array(pairs.length * d);
  pairs.forEach((k, s) =>
    out.set(states.subarray(inputIndex[k] * d, inputIndex[k] * d + d), s * d),
  );
  return out;
}
