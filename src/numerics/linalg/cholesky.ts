/**
 * Cholesky factorisation and symmetric positive (semi-)definite solves on row-major
 * Float64Array matrices, with a documented fallback for singular or slightly indefinite
 * Gram matrices (the EDMD normal equations K = A G⁻¹, C = B G⁻¹).
 *
 * GVL = G. H. Golub & C. F. Van Loan, Matrix Computations, 4th ed., Johns Hopkins, 2013.
 */
import {
  choleskyKernelFor,
  choleskySolveRowsWasm,
  choleskyWasmInPlace,
} from '../kernels/choleskyKernel';
import type { KernelName } from '../kernels/gramKernels';
import { matmul, transpose } from './matrix';
import { symmetricEigen } from './symmetricEigen';

/**
 * In-place lower Cholesky factorisation A = L Lᵀ of a symmetric positive definite matrix.
 *
 * @param a n×n, row-major. Only the lower triangle (diagonal included) is read. On success the
 *          lower triangle is overwritten by L and the strict upper triangle is set to zero, so
 *          `a` holds exactly L. On failure `a` is left partially overwritten (unusable).
 * @param n order of the matrix.
 * @param minPivotRatio optional relative pivot floor (default 0): row i fails when its pivot
 *          a_ii − Σ_k l_ik² is ≤ minPivotRatio · a_ii (a_ii the original diagonal entry). With
 *          0 this is the textbook test "pivot ≤ 0".
 * @returns true on success; false if a pivot is ≤ the floor, NaN or infinite (non-finite
 *          entries anywhere in the lower triangle end up in some pivot and make it fail).
 *
 * Algorithm: the row-oriented ("dot product", Cholesky–Crout) form of GVL 4th ed. §4.2
 * (the gaxpy/dot-product variants, with the loops ordered so that entry (i, j) is the dot product of rows i and
 * j of L, both contiguous in row-major storage), computing two rows of L at a time so every
 * loaded entry of row j is used twice. n³/3 flops. From n = 64 (or when `kernel` says so) the same
 * loop runs in WebAssembly SIMD with the two rows as the lanes (src/numerics/kernels/
 * choleskyKernel.ts), bit for bit the same factor: n = 1001 takes ≈ 80 ms there, ≈ 0.3 s in JS.
 */
export function choleskyInPlace(
  a: Float64Array,
  n: number,
  minPivotRatio = 0,
  kernel?: KernelName,
): boolean {
  if (choleskyKernelFor(n, kernel) === 'wasm-simd') return choleskyWasmInPlace(a, n, minPivotRatio);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const ri = i * n;
    const ri1 = ri + n;
    for (let j = 0; j < i; j++) {
      const rj = j * n;
      let s = a[ri + j];
      let t = a[ri1 + j];
      for (let k = 0; k < j; k++) {
        const v = a[rj + k];
        s -= a[ri + k] * v;
        t -= a[ri1 + k] * v;
      }
      const d = a[rj + j];
      a[ri + j] = s / d;
      a[ri1 + j] = t / d;
    }
    // Diagonal of row i, then entry (i+1, i), then diagonal of row i+1.
    const aii = a[ri + i];
    let s = aii;
    for (let k = 0; k < i; k++) s -= a[ri + k] * a[ri + k];
    if (!(s > minPivotRatio * aii && s < Infinity)) return false;
    const d = Math.sqrt(s);
    a[ri + i] = d;
    let t = a[ri1 + i];
    for (let k = 0; k < i; k++) t -= a[ri1 + k] * a[ri + k];
    a[ri1 + i] = t / d;
    const ai1 = a[ri1 + i + 1];
    let u = ai1;
    for (let k = 0; k <= i; k++) u -= a[ri1 + k] * a[ri1 + k];
    if (!(u > minPivotRatio * ai1 && u < Infinity)) return false;
    a[ri1 + i + 1] = Math.sqrt(u);
  }
  if (i < n) {
    // Odd n: the last row alone.
    const ri = i * n;
    for (let j = 0; j < i; j++) {
      const rj = j * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
      a[ri + j] = s / a[rj + j];
    }
    const aii = a[ri + i];
    let s = aii;
    for (let k = 0; k < i; k++) s -= a[ri + k] * a[ri + k];
    if (!(s > minPivotRatio * aii && s < Infinity)) return false;
    a[ri + i] = Math.sqrt(s);
  }
  for (let r = 0; r < n; r++) a.fill(0, r * n + r + 1, (r + 1) * n);
  return true;
}

/**
 * Solves X (L Lᵀ) = B in place for the rows of X, i.e. G xᵀ = bᵀ for every row b of B, given
 * the factor G = L Lᵀ from {@link choleskyInPlace}. (As G is symmetric this is both the right
 * division X = B G⁻¹ and, applied to Rᵀ, the transposed left solve G X = R.)
 *
 * @param l n×n row-major lower factor (upper triangle ignored, not modified).
 * @param x on entry B, p×n row-major; overwritten by X.
 * @param p number of rows of B.
 *
 * Per row: forward substitution L y = b in dot-product form (GVL 4th ed. §3.1.1, Algorithm
 * 3.1.1), then back substitution Lᵀ x = y in dot-product form on an explicit copy U = Lᵀ
 * (§3.1.2), so every inner loop reads a contiguous row of L or U. Four right-hand sides are
 * processed together so each loaded factor entry is used four times (and multiplied by the
 * pivot's reciprocal; the last p mod 4 rows are divided by it). 2·n²·p flops (n = p = 1001:
 * ≈ 1 s in Node 20). From n = 64 (or when `kernel` says so) the same loops run in WebAssembly
 * (src/numerics/kernels/choleskyKernel.ts), bit for bit. No checks: a zero diagonal gives
 * ±Infinity/NaN.
 */
export function choleskySolveRowsInPlace(
  l: Float64Array,
  n: number,
  x: Float64Array,
  p: number,
  kernel?: KernelName,
): void {
  if (choleskyKernelFor(n, kernel) === 'wasm-simd') return choleskySolveRowsWasm(l, n, x, p);
  const u = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) u[j * n + i] = l[i * n + j];
  let r = 0;
  for (; r + 3 < p; r += 4) {
    const o0 = r * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    for (let i = 0; i < n; i++) {
      const li = i * n;
      let s0 = x[o0 + i];
      let s1 = x[o1 + i];
      let s2 = x[o2 + i];
      let s3 = x[o3 + i];
      for (let j = 0; j < i; j++) {
        const v = l[li + j];
        s0 -= v * x[o0 + j];
        s1 -= v * x[o1 + j];
        s2 -= v * x[o2 + j];
        s3 -= v * x[o3 + j];
      }
      const d = 1 / l[li + i];
      x[o0 + i] = s0 * d;
      x[o1 + i] = s1 * d;
      x[o2 + i] = s2 * d;
      x[o3 + i] = s3 * d;
    }
    for (let i = n - 1; i >= 0; i--) {
      const ui = i * n;
      let s0 = x[o0 + i];
      let s1 = x[o1 + i];
      let s2 = x[o2 + i];
      let s3 = x[o3 + i];
      for (let j = i + 1; j < n; j++) {
        const v = u[ui + j];
        s0 -= v * x[o0 + j];
        s1 -= v * x[o1 + j];
        s2 -= v * x[o2 + j];
        s3 -= v * x[o3 + j];
      }
      const d = 1 / u[ui + i];
      x[o0 + i] = s0 * d;
      x[o1 + i] = s1 * d;
      x[o2 + i] = s2 * d;
      x[o3 + i] = s3 * d;
    }
  }
  for (; r < p; r++) {
    const o = r * n;
    for (let i = 0; i < n; i++) {
      const li = i * n;
      let s = x[o + i];
      for (let j = 0; j < i; j++) s -= l[li + j] * x[o + j];
      x[o + i] = s / l[li + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      const ui = i * n;
      let s = x[o + i];
      for (let j = i + 1; j < n; j++) s -= u[ui + j] * x[o + j];
      x[o + i] = s / u[ui + i];
    }
  }
}

/** Options of {@link solveSpd}; every field has the documented default. */
export interface SolveSpdOptions {
  /**
   * Relative pivot floor passed to {@link choleskyInPlace} (default n·2⁻⁵²): a pivot that small
   * relative to its diagonal entry is pure rounding noise, so the matrix is treated as singular
   * and the jitter / pseudo-inverse fallback runs instead of returning a meaningless solve.
   */
  minPivotRatio?: number;
  /** First jitter as a multiple of mean(|diag G|) (default 1e-12). */
  jitterStart?: number;
  /** Factor by which the jitter grows per retry (default 100). */
  jitterGrowth?: number;
  /** Number of jittered Cholesky attempts before the eigen pseudo-inverse (default 4). */
  jitterTries?: number;
  /** Eigenvalues ≤ pinvRelTol · max eigenvalue are dropped by the pseudo-inverse (default 1e-13). */
  pinvRelTol?: number;
}

/** Result of {@link solveSpd} / {@link solveRightSpd}. */
export interface SpdSolveResult {
  /** The solution (shape as documented by the function). */
  x: Float64Array;
  /** Which path produced it. */
  method: 'cholesky' | 'cholesky-jitter' | 'eig-pinv';
  /** The δ added to the diagonal (0 unless method is 'cholesky-jitter'). */
  jitter: number;
}

/**
 * Solves G X = R for a symmetric positive semi-definite G, with a fallback chain.
 *
 * @param g   G, n×n row-major; only its lower triangle is read; not modified (copied).
 * @param n   order of G.
 * @param rhs R, n×k row-major; not modified.
 * @param k   number of right-hand sides.
 * @returns X (n×k row-major, new array), the method used and the jitter δ.
 *
 * Chain:
 *  1. 'cholesky': G = L Lᵀ (GVL 4th ed. §4.2) then two triangular solves (§3.1). A pivot
 *     ≤ minPivotRatio·g_ii counts as failure (see {@link SolveSpdOptions.minPivotRatio}).
 *  2. 'cholesky-jitter': retry on G + δI with δ = jitterStart·mean(|diag G|), multiplied by
 *     jitterGrowth per try, at most jitterTries tries (defaults 1e-12, ×100, 4 tries: up to
 *     1e-6·mean diag). This is Tikhonov (ridge) regularisation: the residual G X − R equals
 *     the least-squares residual up to −δX, but components of R along (numerically) null
 *     directions of G — including rounding noise of size ε‖G‖ — are amplified by 1/δ, so X is
 *     not the minimum-norm solution.
 *     Skipped when mean(|diag G|) is 0.
 *  3. 'eig-pinv': G = V Λ Vᵀ by {@link symmetricEigen} and X = V Λ⁺ Vᵀ R, dropping eigenvalues
 *     ≤ pinvRelTol·max(λ) (default 1e-13; every eigenvalue if max(λ) ≤ 0, giving X = 0): the
 *     minimum-norm least-squares solution of the truncated problem (GVL §5.5, pseudo-inverse). ≈ 9n³ flops,
 *     several seconds at n = 1000.
 *
 * Failure: throws RangeError if G or R contains NaN/±Infinity or the arrays are too short;
 * the symmetric eigensolver may throw if its QL iteration does not converge (not observed).
 */
export function solveSpd(
  g: Float64Array,
  n: number,
  rhs: Float64Array,
  k: number,
  opts: SolveSpdOptions = {},
): SpdSolveResult {
  if (rhs.length < n * k) throw new RangeError(`solveSpd: R too short for ${n}×${k}`);
  const res = solveRows(g, n, transpose(rhs, n, k), k, opts, 'solveSpd');
  return { x: transpose(res.x, k, n), method: res.method, jitter: res.jitter };
}

/**
 * Right division X = B G⁻¹ for symmetric positive semi-definite G, as EDMD needs
 * (K = A G⁻¹, C = B G⁻¹).
 *
 * @param b B, p×n row-major; not modified.
 * @param p rows of B.
 * @param g G, n×n row-major (lower triangle read); not modified.
 * @param n order of G.
 * @returns X (p×n row-major, new array) with the method / jitter used.
 *
 * Since G is symmetric, X G = B ⇔ G Xᵀ = Bᵀ: this is {@link solveSpd} on the transpose, with
 * the same fallback chain, options and failure behaviour. Implemented directly on the rows of
 * B (each row is one right-hand side), so no transposes are needed. Cost: n³/3 + 2n²p flops.
 */
export function solveRightSpd(
  b: Float64Array,
  p: number,
  g: Float64Array,
  n: number,
  opts: SolveSpdOptions = {},
): SpdSolveResult {
  if (b.length < p * n) throw new RangeError(`solveRightSpd: B too short for ${p}×${n}`);
  return solveRows(g, n, b.slice(0, p * n), p, opts, 'solveRightSpd');
}

/** X = B G⁻¹ with the fallback chain; `x` (p×n) holds B on entry and is reused when possible. */
function solveRows(
  g: Float64Array,
  n: number,
  x: Float64Array,
  p: number,
  opts: SolveSpdOptions,
  name: string,
): SpdSolveResult {
  if (g.length < n * n) throw new RangeError(`${name}: G too short for ${n}×${n}`);
  let diagSum = 0;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      if (!Number.isFinite(g[ri + j])) throw new RangeError(`${name}: G[${i},${j}] is not finite`);
    }
    diagSum += Math.abs(g[ri + i]);
  }
  for (let i = 0; i < p * n; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`${name}: right-hand side is not finite`);
  }
  const minPivotRatio = opts.minPivotRatio ?? n * 2 ** -52;
  const jitterStart = opts.jitterStart ?? 1e-12;
  const jitterGrowth = opts.jitterGrowth ?? 100;
  const jitterTries = opts.jitterTries ?? 4;
  const pinvRelTol = opts.pinvRelTol ?? 1e-13;

  const l = new Float64Array(n * n);
  const factor = (delta: number): boolean => {
    l.set(g.subarray(0, n * n));
    if (delta !== 0) for (let i = 0; i < n; i++) l[i * n + i] += delta;
    return choleskyInPlace(l, n, minPivotRatio);
  };

  if (factor(0)) {
    choleskySolveRowsInPlace(l, n, x, p);
    return { x, method: 'cholesky', jitter: 0 };
  }
  const scale = n > 0 ? diagSum / n : 0;
  if (scale > 0) {
    let delta = jitterStart * scale;
    for (let t = 0; t < jitterTries; t++, delta *= jitterGrowth) {
      if (factor(delta)) {
        choleskySolveRowsInPlace(l, n, x, p);
        return { x, method: 'cholesky-jitter', jitter: delta };
      }
    }
  }

  // Pseudo-inverse through the symmetric eigendecomposition: X = B V Λ⁺ Vᵀ.
  const { values, vectors } = symmetricEigen(g, n);
  const lmax = n > 0 ? values[0] : 0; // values are sorted descending
  const c = matmul(x, p, n, vectors, n); // B V
  for (let j = 0; j < n; j++) {
    const keep = lmax > 0 && values[j] > pinvRelTol * lmax;
    const f = keep ? 1 / values[j] : 0;
    for (let i = 0; i < p; i++) c[i * n + j] *= f;
  }
  return { x: matmul(c, p, n, transpose(vectors, n, n), n), method: 'eig-pinv', jitter: 0 };
}
