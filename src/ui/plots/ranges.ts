/**
 * Axis ranges and divergence clipping for the plots (pure, unit-tested in
 * tests/unit/plotData.test.ts): log floors and whole-decade ranges, the box a forecast may wander
 * in before it is cut, padded ranges for panels.
 */

/** Smallest value drawn on a logarithmic error axis (log 0 is −∞). */
export const LOG_FLOOR = 1e-16;

/** Log-axis values: non-finite → NaN (a gap), anything ≤ floor (including 0 and negatives) → floor. */
export function logFloor(values: ArrayLike<number>, floor = LOG_FLOOR): number[] {
  // A plain loop: the largest forecast feeds this 30 × 20 001 values on the main thread.
  const n = values.length;
  const out = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    const v = values[k];
    out[k] = Number.isFinite(v) ? Math.max(v, floor) : NaN;
  }
  return out;
}

/**
 * logFloor of row `i` of a count×steps row-major array, as a typed array: the error plot reads
 * 30 rows of up to 20 001 steps, and plain arrays of that size cost the main thread far more
 * (allocation and garbage collection) than one Float64Array each.
 */
export function logFloorRow(
  flat: ArrayLike<number>,
  steps: number,
  i: number,
  floor = LOG_FLOOR,
): Float64Array {
  const out = new Float64Array(steps);
  for (let t = 0, base = i * steps; t < steps; t++) {
    const v = flat[base + t];
    out[t] = Number.isFinite(v) ? Math.max(v, floor) : NaN;
  }
  return out;
}

/**
 * Log-axis range [log10 lo, log10 hi] in whole decades covering the finite values above the floor,
 * extended to include `include` (e.g. ε), and capped at `maxHi`: a diverged error of 1e30 says no
 * more than one of 1e2, since e(t) ≈ 1 already means "no skill".
 */
export function logRange(
  series: ArrayLike<number>[],
  include: number[] = [],
  floor = LOG_FLOOR,
  maxHi = 1e2,
): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of [...series, include]) {
    for (let k = 0; k < s.length; k++) {
      const v = s[k];
      if (Number.isFinite(v) && v > floor) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  if (!Number.isFinite(lo)) return [Math.log10(floor), 0];
  const a = Math.floor(Math.log10(lo)) + 0; // + 0 turns −0 into 0
  const b = Math.ceil(Math.log10(Math.min(hi, maxHi))) + 0;
  return [a, Math.max(b, a + 1)];
}

/** [min, max] of the finite values, or null if there are none. */
export function finiteRange(values: ArrayLike<number>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** [min, max] of the finite values widened by 8 % of the span on each side (±0.1 if flat). */
export function padded(series: ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    const r = finiteRange(s);
    if (r) [lo, hi] = [Math.min(lo, r[0]), Math.max(hi, r[1])];
  }
  if (!(lo <= hi)) return [-1, 1];
  const pad = hi > lo ? 0.08 * (hi - lo) : 0.1 * Math.max(1, Math.abs(hi));
  return [lo - pad, hi + pad];
}

/**
 * The box a forecast may wander in before it is called diverged: the truth's range widened by
 * `factor` times its span on each side (factor 1 → 3× the span), never narrower than ±1e-9.
 */
export function displayBox(range: [number, number], factor = 1): [number, number] {
  const span = Math.max(range[1] - range[0], 1e-9, 1e-6 * Math.abs(range[0]));
  return [range[0] - factor * span, range[1] + factor * span];
}

/** Per-component ranges over every test truth (count×steps×dim), for the divergence boxes. */
export function componentRanges(flat: ArrayLike<number>, dim: number): [number, number][] {
  // Cached per array: the trajectory and phase plots of one result both scan all test starts
  // (200 × 20 001 × d values for the largest forecast) on the main thread.
  const known = RANGES.get(flat as object)?.get(dim);
  if (known) return known.map((r) => [r[0], r[1]]);
  const out: [number, number][] = [];
  for (let j = 0; j < dim; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = j; k < flat.length; k += dim) {
      const v = flat[k];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    out.push(lo <= hi ? [lo, hi] : [-1, 1]);
  }
  if (typeof flat === 'object') {
    const byDim = RANGES.get(flat) ?? new Map<number, [number, number][]>();
    byDim.set(dim, out);
    RANGES.set(flat, byDim);
  }
  return out.map((r) => [r[0], r[1]]);
}

/** componentRanges of each array already scanned (results' arrays are never written to). */
const RANGES = new WeakMap<object, Map<number, [number, number][]>>();

/**
 * Cuts a forecast (series[j][t]) at the first sample that is non-finite or leaves its component's
 * box: that sample and all later ones become NaN (a gap), so a blow-up never squashes the truth.
 * Returns the cut index, or null if the forecast stays inside.
 */
export function clipDiverged(
  series: number[][],
  boxes: [number, number][],
): { clipped: number[][]; divergedAt: number | null } {
  const steps = series[0]?.length ?? 0;
  let divergedAt: number | null = null;
  for (let t = 0; t < steps && divergedAt === null; t++) {
    for (let j = 0; j < series.length; j++) {
      const v = series[j][t];
      if (!Number.isFinite(v) || v < boxes[j][0] || v > boxes[j][1]) {
        divergedAt = t;
        break;
      }
    }
  }
  if (divergedAt === null) return { clipped: series, divergedAt };
  const cut = divergedAt;
  return { clipped: series.map((s) => s.map((v, t) => (t < cut ? v : NaN))), divergedAt };
}
