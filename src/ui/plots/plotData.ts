/**
 * Pure helpers that slice a RunResult's flat typed arrays into what the plots draw. No DOM, no
 * Plotly: unit-tested in Node (tests/unit/plotData.test.ts).
 *
 * Layouts (src/run/result.ts): test.truth/relift/linear are count×(H+1)×d row-major, so sample t
 * of component j of test i sits at ((i·(H+1) + t)·d + j); the error arrays are count×(H+1)
 * row-major; model.pairPoints is M×2×d; inputs are n×p row-major.
 */

/** Component j of test i, as a plain array of length `steps`, from a count×steps×dim array. */
export function testComponent(
  flat: ArrayLike<number>,
  steps: number,
  dim: number,
  i: number,
  j: number,
): number[] {
  const out = new Array<number>(steps);
  const base = i * steps * dim + j;
  for (let t = 0; t < steps; t++) out[t] = flat[base + t * dim];
  return out;
}

/** All components of test i: result[j][t]. */
export function testSeries(
  flat: ArrayLike<number>,
  steps: number,
  dim: number,
  i: number,
): number[][] {
  return Array.from({ length: dim }, (_, j) => testComponent(flat, steps, dim, i, j));
}

/** Row i of a count×steps row-major array. */
export function testRow(flat: ArrayLike<number>, steps: number, i: number): number[] {
  const out = new Array<number>(steps);
  for (let t = 0, base = i * steps; t < steps; t++) out[t] = flat[base + t];
  return out;
}

/** Column j of an n×stride row-major block starting at row `start`, n rows. */
export function column(
  flat: ArrayLike<number>,
  stride: number,
  j: number,
  n: number,
  start = 0,
): number[] {
  return Array.from({ length: n }, (_, t) => flat[(start + t) * stride + j]);
}

/**
 * The sampled training states as one polyline per trajectory: one array per component, the rows
 * in order with a null between two trajectories (`traj`: each row's trajectory), so that a
 * `lines` trace with connectgaps off draws each trajectory on its own.
 */
export function trajectoryPaths(
  flat: ArrayLike<number>,
  traj: ArrayLike<number>,
  rows: number,
  dim: number,
): (number | null)[][] {
  const out: (number | null)[][] = Array.from({ length: dim }, () => []);
  for (let r = 0; r < rows; r++) {
    if (r > 0 && traj[r] !== traj[r - 1]) for (const c of out) c.push(null);
    for (let j = 0; j < dim; j++) out[j].push(flat[r * dim + j]);
  }
  return out;
}

/** Training states (rows×dim) as one array per component. */
export function columns(flat: ArrayLike<number>, rows: number, dim: number): number[][] {
  return Array.from({ length: dim }, (_, j) => column(flat, dim, j, rows));
}

/** The test start a view asks for, clamped to the ones there are. */
export function clampIndex(i: number, count: number): number {
  return Math.min(Math.max(0, Math.floor(i)), Math.max(0, count - 1));
}

/** Sample times k·Δt·scale, k = 0..steps−1 (scale = λ_max gives Lyapunov times). */
export function timeAxis(steps: number, dt: number, scale = 1): number[] {
  const out = new Array<number>(steps);
  for (let k = 0; k < steps; k++) out[k] = k * dt * scale;
  return out;
}

/** Non-finite values become null: Plotly draws a gap there instead of joining across it. */
export function gaps(values: ArrayLike<number>): (number | null)[] {
  return Array.from(values, (v) => (Number.isFinite(v) ? v : null));
}

/** For a log axis: only finite values > 0 are drawn, everything else is a gap. */
export function positive(values: ArrayLike<number>): (number | null)[] {
  return Array.from(values, (v) => (Number.isFinite(v) && v > 0 ? v : null));
}

/** Running sum; NaN stays NaN from its first occurrence on. */
export function cumulative(values: ArrayLike<number>): number[] {
  let s = 0;
  return Array.from(values, (v) => (s += v));
}

/**
 * Input j of an n×p zero-order-hold signal as a stepped line (Plotly `line.shape: 'hv'`): u_k at
 * t_k = k·Δt, plus a last point at n·Δt so the final hold is drawn to its end.
 */
export function steppedInput(
  u: ArrayLike<number>,
  p: number,
  j: number,
  dt: number,
): { x: number[]; y: (number | null)[] } {
  const n = Math.floor(u.length / p);
  const y = gaps(column(u, p, j, n));
  return {
    x: Array.from({ length: n + 1 }, (_, k) => k * dt),
    y: n ? [...y, y[n - 1]] : [],
  };
}

/** At most `cap` indices spread evenly over 0..n−1 (all of them if n ≤ cap). */
export function evenSubset(n: number, cap: number): number[] {
  if (n <= cap) return Array.from({ length: n }, (_, k) => k);
  return Array.from({ length: cap }, (_, k) => Math.floor((k * n) / cap));
}

export interface Segments {
  /** Coordinates with a null after every segment, so one trace draws them all. */
  coords: (number | null)[][];
  drawn: number;
  total: number;
}

/**
 * The SWIM pair of each neuron as a line segment: M×2×dim points → one polyline per axis with
 * null separators; at most `cap` segments, spread evenly over the neurons.
 */
export function pairSegments(pairPoints: ArrayLike<number>, dim: number, cap = 300): Segments {
  const total = Math.floor(pairPoints.length / (2 * dim));
  const pick = evenSubset(total, cap);
  const coords: (number | null)[][] = Array.from({ length: dim }, () => []);
  for (const m of pick) {
    for (let j = 0; j < dim; j++) {
      coords[j].push(pairPoints[2 * m * dim + j], pairPoints[(2 * m + 1) * dim + j], null);
    }
  }
  return { coords, drawn: pick.length, total };
}

/** Several series on a shared x as one polyline with null separators (x repeated per series). */
export function joinWithGaps(
  x: number[],
  series: number[][],
): { x: (number | null)[]; y: (number | null)[] } {
  // Filled by index, not spread-pushed: 30 starts × 20 001 steps for the largest forecast.
  const fill = (parts: ArrayLike<number>[]) => {
    let n = 0;
    for (const p of parts) n += p.length + 1;
    const out = new Array<number | null>(n);
    let k = 0;
    for (const p of parts) {
      for (let t = 0; t < p.length; t++) out[k++] = p[t];
      out[k++] = null;
    }
    return out;
  };
  const xs = fill(series.map(() => x));
  const ys = fill(series);
  return { x: xs, y: ys };
}
