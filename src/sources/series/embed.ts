/**
 * Standardisation and delay embedding of a measured series (METHOD.md §1):
 *   z_t = (x_t − μ) / σ  per variable, μ and σ from the training rows only;
 *   x̃_t = [z_t; z_{t−1}; …; z_{t−k+1}] ∈ R^{d·k}  (delay spacing τ = one row).
 * The forecast variables are the first d entries of x̃.
 */
import type { TrajectorySet } from '../../numerics/trajectorySet';
import type { SeriesPlan } from './plan';

export interface Standardiser {
  /** Per forecast variable (length d), physical units. */
  mean: Float64Array;
  std: Float64Array;
}

/**
 * Mean and (population) standard deviation of each forecast variable over the training rows.
 * Throws RangeError when a variable is constant there (it cannot be standardised).
 */
export function trainStandardiser(plan: SeriesPlan): Standardiser {
  const d = plan.vars.length;
  const n = plan.trainEnd - plan.trainStart + 1;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  plan.vars.forEach((c, i) => {
    const col = plan.table.columns[c];
    let s = 0;
    for (let r = plan.trainStart; r <= plan.trainEnd; r++) s += col[r];
    mean[i] = s / n;
    let v = 0;
    for (let r = plan.trainStart; r <= plan.trainEnd; r++) v += (col[r] - mean[i]) ** 2;
    std[i] = Math.sqrt(v / n);
    const name = plan.table.names[c];
    if (!Number.isFinite(mean[i]) || !Number.isFinite(std[i]))
      throw new RangeError(
        `column '${name}' has values too large to standardise (their squares overflow); rescale the column`,
      );
    if (!(std[i] > 0)) {
      let varies = false;
      for (let r = plan.trainStart + 1; r <= plan.trainEnd && !varies; r++)
        varies = col[r] !== col[plan.trainStart];
      throw new RangeError(
        varies
          ? `column '${name}' varies too little to standardise (its spread underflows); rescale the column`
          : `column '${name}' is constant over the training rows: it cannot be standardised`,
      );
    }
  });
  return { mean, std };
}

/**
 * Writes the embedded state x̃_t (length d·k, standardised) of row t into out[offset …].
 * Requires t ≥ k − 1.
 */
export function embedRow(
  plan: SeriesPlan,
  st: Standardiser,
  t: number,
  out: Float64Array,
  offset: number,
): void {
  const d = plan.vars.length;
  for (let lag = 0; lag < plan.delay; lag++) {
    for (let i = 0; i < d; i++) {
      const x = plan.table.columns[plan.vars[i]][t - lag];
      out[offset + lag * d + i] = (x - st.mean[i]) / st.std[i];
    }
  }
}

/**
 * Windows of consecutive embedded states as a trajectory set: window j holds rows
 * starts[j] … starts[j] + points − 1 (count × points × d·k, row-major). Used for the training
 * trajectory (one long window) and for the forecast origins (one state each: the rollouts read
 * only a window's first state).
 */
export function embedWindows(
  plan: SeriesPlan,
  st: Standardiser,
  starts: number[],
  points: number,
): TrajectorySet {
  const D = plan.vars.length * plan.delay;
  const data = new Float64Array(starts.length * points * D);
  starts.forEach((s, j) => {
    for (let p = 0; p < points; p++) embedRow(plan, st, s + p, data, (j * points + p) * D);
  });
  return { d: D, count: starts.length, points, data };
}

/**
 * The training trajectory: the embedded states of rows trainStart + k − 1 … trainEnd (the delay
 * window of the first state lies inside the training rows), so there are
 * trainEnd − trainStart − k + 1 snapshot pairs.
 */
export function trainingSet(plan: SeriesPlan, st: Standardiser): TrajectorySet {
  const first = plan.trainStart + plan.delay - 1;
  return embedWindows(plan, st, [first], plan.trainEnd - first + 1);
}
