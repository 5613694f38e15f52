/**
 * Choosing the ridge λ by holdout validation of the RNN's forecast (METHOD.md §3): every fifth
 * training trajectory is held out (with fewer than five trajectories, the last 20 % of each), the
 * model is fitted on the rest for each λ_rel of a grid, and each λ is scored by the re-lifted
 * rollout's MSE from the held-out starts (a forecast that diverges scores ∞). Whole trajectories
 * start anywhere in the system's box, as the test starts do, so an RNN that blows up off the
 * attractor is caught. The pick is the grid's minimiser; the final fit then uses all pairs.
 *
 * Why not GCV of the one-step regression: with N ≫ n pairs its score falls monotonically as λ → 0
 * (van der Pol, 5 % noise: 0.0174 at λ_rel = 1e-14 … 0.0218 at 1e-1), while the free-running RNN
 * blows up there. What hurts is the rollout, so the rollout is what is validated.
 *
 * Cost: one more accumulation over the held-out 20 % of the pairs, then per grid point one Cholesky
 * of the (M+1)² Gram and C·K = (C·A)(G + λI)⁻¹ (O(m³/3 + d·m²)), and the held-out rollouts.
 */
import { accumulateEdmd, matmulSmall, type EdmdSums } from './edmd';
import { factorSpd } from '../numerics/spdSolver';
import type { TrajectorySet } from '../numerics/trajectorySet';
import { rolloutRelift, type BlowupBox } from './rollout';
import type { Dictionary } from './sampling/hiddenLayer';

/** λ_rel searched: 1e-14, 1e-12, …, 1e-2. */
export const CV_GRID = Array.from({ length: 7 }, (_, i) => 10 ** (2 * i - 14));
/** Share of each trajectory's pairs held out (its last part). */
export const HOLDOUT = 0.2;
/** Longest validation rollout (steps). */
const MAX_STEPS = 100;

export interface CvCurve {
  /** λ_rel of each grid point and its held-out rollout MSE (Infinity: diverged). */
  rel: number[];
  score: number[];
  best: number;
}

/** Every fifth trajectory held out whole (trajectories 4, 9, …), when there are at least five. */
const FOLD = 5;

/**
 * The held-out data: every FOLD-th trajectory, or (fewer than FOLD trajectories) the last
 * ⌈HOLDOUT·pairs⌉ pairs of each.
 */
export function heldOut(train: TrajectorySet): TrajectorySet | null {
  const { d, points } = train;
  if (train.count >= FOLD) {
    const picked = Array.from({ length: train.count }, (_, j) => j).filter(
      (j) => j % FOLD === FOLD - 1,
    );
    const data = new Float64Array(picked.length * points * d);
    picked.forEach((j, q) =>
      data.set(train.data.subarray(j * points * d, (j + 1) * points * d), q * points * d),
    );
    return { d, count: picked.length, points, data };
  }
  const pairs = train.points - 1;
  const hold = Math.ceil(HOLDOUT * pairs);
  if (hold < 2 || pairs - hold < 2) return null;
  const kept = hold + 1;
  const data = new Float64Array(train.count * kept * d);
  for (let j = 0; j < train.count; j++) {
    const from = (j * points + (pairs - hold)) * d;
    data.set(train.data.subarray(from, from + kept * d), j * kept * d);
  }
  return { d, count: train.count, points: kept, data };
}

export function cvCurve(
  dict: Dictionary,
  train: TrajectorySet,
  sums: EdmdSums,
  box: BlowupBox,
  grid: readonly number[] = CV_GRID,
): CvCurve | null {
  const hold = heldOut(train);
  if (!hold || !sums.A || sums.p > 0) return null;
  const h = accumulateEdmd(dict, hold, false);
  const { d, m } = sums;
  const minus = (a: Float64Array, b: Float64Array) => a.map((v, k) => v - b[k]);
  const G = minus(sums.G, h.G);
  const A = minus(sums.A, h.A!);
  const xz = minus(sums.xz, h.xz);
  let trace = 0;
  for (let i = 0; i < m; i++) trace += G[i * m + i];
  const steps = Math.min(MAX_STEPS, hold.points - 1);
  const starts = new Float64Array(hold.count * d);
  const truth = new Float64Array(hold.count * (steps + 1) * d);
  for (let j = 0; j < hold.count; j++) {
    starts.set(hold.data.subarray(j * hold.points * d, j * hold.points * d + d), j * d);
    truth.set(
      hold.data.subarray(j * hold.points * d, (j * hold.points + steps + 1) * d),
      j * (steps + 1) * d,
    );
  }
  const score = grid.map((rel) => {
    const Greg = Float64Array.from(G);
    for (let i = 0; i < m; i++) Greg[i * m + i] += rel * (trace / m);
    const solver = factorSpd(Greg, m);
    const C = solver.solveRight(xz, d);
    const CK = solver.solveRight(matmulSmall(C, d, m, A, m), d);
    const f = rolloutRelift(dict, CK, starts, d, steps, box);
    let s = 0;
    for (let k = 0; k < truth.length; k++) s += (f.x[k] - truth[k]) ** 2;
    return Number.isFinite(s) ? s / truth.length : Infinity;
  });
  let best = 0;
  score.forEach((v, i) => {
    if (v < score[best]) best = i;
  });
  return { rel: grid.slice(), score, best: grid[best] };
}
