/**
 * Pure helpers that turn a RunResult's flat typed arrays into what the plots draw. No DOM, no
 * Plotly: everything here is unit-tested in Node (tests/unit/plotData.test.ts).
 *
 * Layouts (METHOD.md §4–§6, src/core/result.ts): test.truth/relift/linear are count×(H+1)×d
 * row-major, so sample t of component j of test i sits at ((i·(H+1) + t)·d + j); the error arrays
 * are count×(H+1) row-major; model.pairPoints is M×2×d.
 */
import { systemParams, type RunConfig } from '../../run/schema';
import { SYSTEMS, referenceFact } from '../../sources/systems/registry';

/** Smallest value drawn on a logarithmic error axis (log 0 is −∞). */
export const LOG_FLOOR = 1e-16;

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
  return Array.from({ length: steps }, (_, t) => flat[i * steps + t]);
}

/** Sample times k·Δt·scale, k = 0..steps−1 (scale = λ_max gives Lyapunov times). */
export function timeAxis(steps: number, dt: number, scale = 1): number[] {
  return Array.from({ length: steps }, (_, k) => k * dt * scale);
}

/**
 * Continuous-time rate ω = log(λ)/Δt with the principal complex logarithm
 * log λ = ln|λ| + i·atan2(Im λ, Re λ): growth = Re ω (1/time), frequency = Im ω (rad/time).
 * λ = 0 gives growth −∞ and frequency 0.
 */
export function continuousRate(
  re: number,
  im: number,
  dt: number,
): { growth: number; freq: number } {
  return { growth: Math.log(Math.hypot(re, im)) / dt, freq: Math.atan2(im, re) / dt };
}

export interface EigenInfo {
  abs: number[];
  /** arg λ in (−π, π] (rad per step). */
  angle: number[];
  growth: number[];
  freq: number[];
}

/** Modulus, angle and continuous-time rates of every eigenvalue. */
export function eigenInfo(re: ArrayLike<number>, im: ArrayLike<number>, dt: number): EigenInfo {
  const n = re.length;
  const out: EigenInfo = { abs: [], angle: [], growth: [], freq: [] };
  for (let k = 0; k < n; k++) {
    const { growth, freq } = continuousRate(re[k], im[k], dt);
    out.abs.push(Math.hypot(re[k], im[k]));
    out.angle.push(Math.atan2(im[k], re[k]));
    out.growth.push(growth);
    out.freq.push(freq);
  }
  return out;
}

/** |λ| above this counts as unstable (same tolerance as metrics.unstableEigenvalues). */
export const UNSTABLE_TOL = 1e-9;

export function isUnstable(re: number, im: number): boolean {
  return Math.hypot(re, im) > 1 + UNSTABLE_TOL;
}

export interface ReferenceMark {
  k: number;
  /** k·ω·Δt (rad, not wrapped). */
  angle: number;
  /** The point e^{i·k·ω·Δt} on the unit circle. */
  re: number;
  im: number;
}

/**
 * Where a limit cycle of angular frequency ω puts Koopman eigenvalues: e^{i·k·ω·Δt},
 * k = −kMax..kMax (METHOD.md §5).
 */
export function referenceAngles(omega: number, dt: number, kMax = 5): ReferenceMark[] {
  const out: ReferenceMark[] = [];
  for (let k = -kMax; k <= kMax; k++) {
    const angle = k * omega * dt;
    out.push({ k, angle, re: Math.cos(angle), im: Math.sin(angle) });
  }
  return out;
}

/** Log-axis values: non-finite → NaN (a gap), anything ≤ floor (including 0 and negatives) → floor. */
export function logFloor(values: ArrayLike<number>, floor = LOG_FLOOR): number[] {
  return Array.from(values, (v) => (Number.isFinite(v) ? Math.max(v, floor) : NaN));
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
  const see = (v: number) => {
    if (Number.isFinite(v) && v > floor) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  };
  for (const s of series) for (let k = 0; k < s.length; k++) see(s[k]);
  include.forEach(see);
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

/**
 * The box a forecast may wander in before it is called diverged: the truth's range widened by
 * `factor` times its span on each side (factor 1 → 3× the span), never narrower than ±1e-9.
 */
export function displayBox(range: [number, number], factor = 1): [number, number] {
  const span = Math.max(range[1] - range[0], 1e-9, 1e-6 * Math.abs(range[0]));
  return [range[0] - factor * span, range[1] + factor * span];
}

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

/** Per-component ranges over every test truth (count×steps×dim), for the divergence boxes. */
export function componentRanges(flat: ArrayLike<number>, dim: number): [number, number][] {
  const out: [number, number][] = Array.from({ length: dim }, () => [Infinity, -Infinity]);
  for (let k = 0; k < flat.length; k++) {
    const v = flat[k];
    if (!Number.isFinite(v)) continue;
    const r = out[k % dim];
    if (v < r[0]) r[0] = v;
    if (v > r[1]) r[1] = v;
  }
  return out.map((r) => (r[0] <= r[1] ? r : [-1, 1]));
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
  const xs: (number | null)[] = [];
  const ys: (number | null)[] = [];
  for (const s of series) {
    xs.push(...x, null);
    ys.push(...s, null);
  }
  return { x: xs, y: ys };
}

/** Training states (rows×dim) as one array per component. */
export function columns(flat: ArrayLike<number>, rows: number, dim: number): number[][] {
  return Array.from({ length: dim }, (_, j) =>
    Array.from({ length: rows }, (_, r) => flat[r * dim + j]),
  );
}

/** The known limit-cycle ω and Lyapunov exponent for this configuration, if METHOD.md §7 lists them. */
export function referenceFor(config: RunConfig): { omega: number | null; lyapunov: number | null } {
  const spec = SYSTEMS[config.sys];
  if (!spec) return { omega: null, lyapunov: null };
  const fact = referenceFact(spec, systemParams(config));
  return { omega: fact?.omega ?? null, lyapunov: fact?.lyapunov ?? null };
}

/** Short number for labels: 3 significant digits, no exponent for everyday magnitudes. */
export function fmt(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(digits - 1);
  return String(Number(v.toPrecision(digits)));
}
