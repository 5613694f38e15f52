/**
 * The shapes a run reads from a delay-embedded series (METHOD.md §1): the snapshot pairs of the one
 * training trajectory, the test period's windows and the training sample the phase plot draws,
 * with the forecast variables (the first d embedded entries) back in physical units.
 */
import type { TrajectorySet } from '../../numerics/trajectorySet';
import type { Standardiser } from './embed';
import type { SeriesPlan } from './plan';

/** The snapshot pairs (x̃_t, x̃_{t+1}) of a one-trajectory set (SWIM's pair data). */
export function singlePairs(set: TrajectorySet) {
  const n = set.points - 1;
  return {
    d: set.d,
    n,
    inputIndex: Int32Array.from({ length: n }, (_, k) => k),
    targetIndex: Int32Array.from({ length: n }, (_, k) => k + 1),
    states: set.data,
  };
}

/**
 * The n full windows of the test period, window q = rows targetStart − H + q … targetStart + q:
 * standardised (z, as a trajectory set) and physical (truth), n × (H+1) × d each.
 */
export function testWindows(plan: SeriesPlan, st: Standardiser, n: number, H: number) {
  const d = plan.vars.length;
  const steps = H + 1;
  const z = new Float64Array(n * steps * d);
  const truth = new Float64Array(n * steps * d);
  for (let q = 0; q < n; q++)
    for (let t = 0; t < steps; t++)
      plan.vars.forEach((c, i) => {
        const x = plan.table.columns[c][plan.targetStart - H + q + t];
        truth[(q * steps + t) * d + i] = x;
        z[(q * steps + t) * d + i] = (x - st.mean[i]) / st.std[i];
      });
  const zSet: TrajectorySet = { d, count: n, points: steps, data: z };
  return { z: zSet, truth };
}

/** The first d of D entries of each state of count × steps × D, as count × steps × d. */
export function firstEntries(x: Float64Array, count: number, steps: number, D: number, d: number) {
  const out = new Float64Array(count * steps * d);
  for (let k = 0; k < count * steps; k++) for (let i = 0; i < d; i++) out[k * d + i] = x[k * D + i];
  return out;
}

/** Standardised values (any count × d layout) back in physical units. */
export function physical(a: Float64Array, st: Standardiser): Float64Array {
  const d = st.mean.length;
  return a.map((v, k) => st.mean[k % d] + st.std[k % d] * v);
}

/** Up to `maxRows` training states' forecast variables in physical units (rows × d). */
export function trainStates(train: TrajectorySet, st: Standardiser, maxRows = 3000) {
  const D = train.d;
  const d = st.mean.length;
  const stride = Math.max(1, Math.ceil(train.points / maxRows));
  const rows = Math.ceil(train.points / stride);
  const x = new Float64Array(rows * d);
  for (let r = 0; r < rows; r++)
    for (let i = 0; i < d; i++)
      x[r * d + i] = st.mean[i] + st.std[i] * train.data[r * stride * D + i];
  return { x, traj: new Int32Array(rows), rows };
}
