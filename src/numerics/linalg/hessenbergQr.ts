/**
 * The last stage of the dense nonsymmetric eigenvalue solver, on row-major Float64Array
 * matrices (entry (i, j) of an n×n matrix is `h[i * n + j]`): the Francis implicit double-shift
 * QR iteration for the eigenvalues of a Hessenberg matrix, with its rescue phase (./hqrRescue).
 * The stages before it are diagonal balancing (./balance) and the Householder reduction to
 * Hessenberg form (./hessenberg); {@link eigenvalues} in ./eigenvalues chains them.
 *
 * GVL = G. H. Golub & C. F. Van Loan, Matrix Computations, 4th ed., Johns Hopkins, 2013.
 */
import { reflect2Cols, reflect2Rows, reflect3Cols, reflect3Rows } from './reflectors';
import { enterRescue, forceSplit, RESCUE_STALL, rescueShift, type RescueState } from './hqrRescue';

const EPS = 2 ** -52;
const SAFE_MIN = 2 ** -1022;

/** What the rescue phase of {@link hessenbergEigenvaluesInPlace} did (see ./hqrRescue). */
export interface HqrReport {
  /** Sweeps of the standard iteration (its whole budget, since the rescue phase was needed). */
  standardSweeps: number;
  /** Eigenvalues still unresolved when the standard budget ran out. */
  unresolved: number;
  /** Sweeps of the rescue phase. */
  rescueSweeps: number;
  /** Active blocks split by force at their smallest subdiagonal entry (0 in every case seen). */
  forcedSplits: number;
  /** Largest entry set to zero by a forced split, relative to ‖H‖_F (0 if none). */
  splitError: number;
}

/** Options of {@link hessenbergEigenvaluesInPlace}. */
export interface HqrOptions {
  /**
   * Budget of the standard iteration: double-shift QR sweeps over all eigenvalues (default
   * 30·max(n, 10), the EISPACK hqr budget). Once it is used up, the remaining eigenvalues are
   * found by the rescue phase (./hqrRescue), which always terminates.
   */
  maxIterations?: number;
  /** Called once, at the end, if the rescue phase was needed (never for converging matrices). */
  onRescue?: (report: HqrReport) => void;
}

/**
 * Eigenvalues of an upper Hessenberg matrix by the Francis implicit double-shift QR algorithm.
 *
 * @param h  n×n row-major upper Hessenberg (entries below the subdiagonal are ignored);
 *           destroyed (overwritten by an intermediate quasi-triangular iterate).
 * @param n  order.
 * @param re output, length n: real parts (unsorted, in deflation order).
 * @param im output, length n: imaginary parts; complex pairs are stored as (x, +y), (x, −y)
 *           with identical x and y, i.e. exact conjugates.
 *
 * Algorithm: GVL 4th ed. §7.5.5 (the Francis double-shift QR step) with the deflation and
 * shift strategy of EISPACK hqr (Martin, Peters & Wilkinson 1970) as in JAMA's hqr2, but
 * values-only (updates restricted to the active block, as EISPACK hqr), the Ahues–Tisseur
 * deflation criterion of LAPACK dlahqr (more accurate for graded matrices), and exceptional
 * shifts every 10 sweeps without deflation (alternating Wilkinson's ad hoc shift and
 * MATLAB's). 2×2 blocks are split by the closed-form quadratic formula.
 *
 * Non-convergence: if the standard iteration uses up `maxIterations` sweeps, the unresolved
 * block goes through the rescue phase of ./hqrRescue (scaling, the backward-stable absolute
 * deflation test, LAPACK dlahqr shifts, and as a last resort a forced split), reported through
 * `onRescue`. Matrices that converge within the budget never reach it, so their eigenvalues are
 * bit-identical to the plain iteration. Never throws.
 */
export function hessenbergEigenvaluesInPlace(
  h: Float64Array,
  n: number,
  re: Float64Array,
  im: Float64Array,
  opts: HqrOptions = {},
): void {
  const maxIt = opts.maxIterations ?? 30 * Math.max(n, 10);
  let norm = 0;
  for (let i = 0; i < n; i++) {
    for (let j = Math.max(i - 1, 0); j < n; j++) norm += Math.abs(h[i * n + j]);
  }
  for (let i = 2; i < n; i++) h.fill(0, i * n, i * n + i - 1);
  let en = n - 1;
  let exshift = 0;
  let iter = 0;
  let total = 0;
  // Rescue phase (null until the standard budget is used up); u undoes its scaling (1 before).
  let rescue: RescueState | null = null;
  let u = 1;
  let unresolved = 0;

  while (en >= 0) {
    const l = findDeflation(h, n, en, norm, rescue ? rescue.absTol : 0);
    if (l === en) {
      // One root found.
      re[en] = (h[en * n + en] + exshift) * u;
      im[en] = 0;
      en--;
      iter = 0;
    } else if (l === en - 1) {
      // Two roots found: eigenvalues of [[a, b], [c, d]] = x + p ± √(p² + bc), p = (a − d)/2.
      const w = h[en * n + en - 1] * h[(en - 1) * n + en];
      const p = (h[(en - 1) * n + en - 1] - h[en * n + en]) / 2;
      const q = p * p + w;
      let z = Math.sqrt(Math.abs(q));
      const x = h[en * n + en] + exshift;
      if (q >= 0) {
        z = p >= 0 ? p + z : p - z;
        re[en - 1] = (x + z) * u;
        re[en] = (z !== 0 ? x - w / z : x + z) * u;
        im[en - 1] = 0;
        im[en] = 0;
      } else {
        re[en - 1] = (x + p) * u;
        re[en] = (x + p) * u;
        im[en - 1] = z * u;
        im[en] = -z * u;
      }
      en -= 2;
      iter = 0;
    } else if (rescue !== null || total >= maxIt) {
      if (rescue === null) {
        // The standard budget is used up: enter the rescue phase (./hqrRescue) on rows 0..en.
        rescue = enterRescue(h, n, en);
        exshift = exshift * rescue.factors[0] * rescue.factors[1];
        norm = norm * rescue.factors[0] * rescue.factors[1];
        u = rescue.unscale;
        unresolved = en + 1;
        iter = 0;
        continue;
      }
      if (iter >= RESCUE_STALL) {
        forceSplit(h, n, l, en, rescue);
        iter = 0;
        continue;
      }
      const sh = rescueShift(h, n, l, en, iter);
      iter++;
      rescue.sweeps++;
      francisStep(h, n, l, en, sh.x, sh.y, sh.w);
    } else {
      // Form the shift: x, y, w describe the trailing 2×2 block (its trace x + y, det xy − w).
      let x = h[en * n + en];
      let y = h[(en - 1) * n + en - 1];
      let w = h[en * n + en - 1] * h[(en - 1) * n + en];
      if (iter > 0 && iter % 10 === 0) {
        if (iter % 20 === 10) {
          // Wilkinson's ad hoc shift (EISPACK hqr).
          exshift += x;
          for (let i = 0; i <= en; i++) h[i * n + i] -= x;
          const s = Math.abs(h[en * n + en - 1]) + Math.abs(h[(en - 1) * n + en - 2]);
          x = 0.75 * s;
          y = x;
          w = -0.4375 * s * s;
        } else {
          // MATLAB's ad hoc shift (as in JAMA).
          let s = (y - x) / 2;
          s = s * s + w;
          if (s > 0) {
            s = Math.sqrt(s);
            if (y < x) s = -s;
            s = x - w / ((y - x) / 2 + s);
            for (let i = 0; i <= en; i++) h[i * n + i] -= s;
            exshift += s;
            x = y = w = 0.964;
          }
        }
      }
      iter++;
      total++;
      francisStep(h, n, l, en, x, y, w);
    }
  }
  if (rescue !== null) {
    opts.onRescue?.({
      standardSweeps: total,
      unresolved,
      rescueSweeps: rescue.sweeps,
      forcedSplits: rescue.splits,
      splitError: rescue.splitError,
    });
  }
}

/**
 * Index l ≤ en of the top of the unreduced active block ending at en: the largest l with a
 * negligible h[l][l−1] (0 if none), by the conservative LAPACK dlahqr test (Ahues & Tisseur),
 * or (rescue phase only, absTol > 0) by |h[l][l−1]| ≤ absTol. With absTol = 0 the extra test
 * only accepts exact zeros, which the first test accepts already.
 */
function findDeflation(
  h: Float64Array,
  n: number,
  en: number,
  norm: number,
  absTol: number,
): number {
  let l = en;
  while (l > 0) {
    const sub = Math.abs(h[l * n + l - 1]);
    if (sub <= SAFE_MIN || sub <= absTol) break;
    let tst = Math.abs(h[(l - 1) * n + l - 1]) + Math.abs(h[l * n + l]);
    if (tst === 0) {
      if (l - 2 >= 0) tst += Math.abs(h[(l - 1) * n + l - 2]);
      if (l + 1 <= en) tst += Math.abs(h[(l + 1) * n + l]);
      if (tst === 0) tst = norm;
    }
    if (sub <= EPS * tst) {
      const sup = Math.abs(h[(l - 1) * n + l]);
      const ab = Math.max(sub, sup);
      const ba = Math.min(sub, sup);
      const hll = Math.abs(h[l * n + l]);
      const diff = Math.abs(h[(l - 1) * n + l - 1] - h[l * n + l]);
      const aa = Math.max(hll, diff);
      const bb = Math.min(hll, diff);
      const ss = aa + ab;
      if (ba * (ab / ss) <= Math.max(SAFE_MIN, EPS * (bb * (aa / ss)))) break;
    }
    l--;
  }
  return l;
}

/**
 * One Francis double-shift QR sweep on the active block rows/columns l..en (values-only: rows
 * updated from column k to en, columns from row l), with the shifts given as the roots of
 * t² − (x + y)t + (xy − w). Starts at the lowest m ≥ l where two consecutive small subdiagonal
 * entries allow it (EISPACK hqr).
 */
function francisStep(
  h: Float64Array,
  n: number,
  l: number,
  en: number,
  x: number,
  y: number,
  w: number,
): void {
  let p = 0;
  let q = 0;
  let r = 0;
  let s: number;
  let z: number;
  // Look for two consecutive small subdiagonal elements.
  let m = en - 2;
  while (m >= l) {
    z = h[m * n + m];
    r = x - z;
    s = y - z;
    p = (r * s - w) / h[(m + 1) * n + m] + h[m * n + m + 1];
    q = h[(m + 1) * n + m + 1] - z - r - s;
    r = h[(m + 2) * n + m + 1];
    s = Math.abs(p) + Math.abs(q) + Math.abs(r);
    p /= s;
    q /= s;
    r /= s;
    if (m === l) break;
    const lhs = Math.abs(h[m * n + m - 1]) * (Math.abs(q) + Math.abs(r));
    const rhs =
      EPS *
      Math.abs(p) *
      (Math.abs(h[(m - 1) * n + m - 1]) + Math.abs(z) + Math.abs(h[(m + 1) * n + m + 1]));
    if (lhs < rhs) break;
    m--;
  }
  for (let i = m + 2; i <= en; i++) {
    h[i * n + i - 2] = 0;
    if (i > m + 2) h[i * n + i - 3] = 0;
  }

  // Chase the bulge: rows l..en, columns m..en.
  for (let k = m; k <= en - 1; k++) {
    const notlast = k !== en - 1;
    if (k !== m) {
      p = h[k * n + k - 1];
      q = h[(k + 1) * n + k - 1];
      r = notlast ? h[(k + 2) * n + k - 1] : 0;
      x = Math.abs(p) + Math.abs(q) + Math.abs(r);
      if (x === 0) continue;
      p /= x;
      q /= x;
      r /= x;
    }
    s = Math.sqrt(p * p + q * q + r * r);
    if (p < 0) s = -s;
    if (s === 0) continue;
    if (k !== m) h[k * n + k - 1] = -s * x;
    else if (l !== m) h[k * n + k - 1] = -h[k * n + k - 1];
    p += s;
    x = p / s;
    y = q / s;
    z = r / s;
    q /= p;
    r /= p;
    const iMax = Math.min(en, k + 3);
    if (notlast) {
      reflect3Rows(h, n, k, en, q, r, x, y, z);
      reflect3Cols(h, n, k, l, iMax, q, r, x, y, z);
    } else {
      reflect2Rows(h, n, k, en, q, x, y);
      reflect2Cols(h, n, k, l, iMax, q, x, y);
    }
  }
}
