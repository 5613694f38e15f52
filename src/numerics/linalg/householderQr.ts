/**
 * Householder QR of a tall row-major matrix and the orthonormal basis of its range (the step a
 * randomized range finder needs).
 *
 * GVL = G. H. Golub & C. F. Van Loan, Matrix Computations, 4th ed., Johns Hopkins, 2013.
 */

import type { KernelName } from '../kernels/gramKernels';
import { reflectorWorkspace } from '../kernels/reflectKernel';

/** Columns with max |entry| below this are zero (well above the subnormal range, 2.2e-308). */
const TINY_COLUMN = 1e-290;

/**
 * Thin QR factorisation A = Q R of a tall matrix.
 *
 * @param a    A, rows×cols row-major with rows ≥ cols; not modified.
 * @param rows number of rows m.
 * @param cols number of columns k (k ≤ m).
 * @returns `q` (m×k row-major, orthonormal columns: QᵀQ = I) and `r` (k×k row-major, upper
 *          triangular, diagonal ≥ 0), new arrays.
 *
 * Algorithm: Householder QR (GVL 4th ed. §5.2.2, Algorithm 5.2.1, reflectors from §5.1.2 with
 * the sign choice β = −sign(x₁)‖x‖ that avoids cancellation), then the thin Q by backward
 * accumulation of the reflectors applied to [I; 0] (GVL §5.1.6). Each reflector update is a
 * rank-one update computed row-wise (wᵀ = vᵀB over four rows at a time, then B −= τ v wᵀ), so
 * inner loops are contiguous (src/numerics/kernels/reflectKernel.ts: WebAssembly SIMD when
 * available and m·k ≥ 4096, else JS, bit-identical; `kernel` forces one).
 * Sign convention: afterwards column j of Q and row j of R are negated where R_jj < 0, so R has
 * a non-negative diagonal and, for full column rank, Q and R are unique. ≈ 4mk² − 4k³/3 flops.
 *
 * Failure: throws RangeError if rows < cols or `a` is too short. Rank-deficient A is fine: Q is
 * still orthonormal (R has zero diagonal entries and the corresponding columns of Q complete an
 * orthonormal basis determined by the reflectors). NaN/Infinity entries propagate.
 */
export function thinQr(
  a: Float64Array,
  rows: number,
  cols: number,
  kernel?: KernelName,
): { q: Float64Array; r: Float64Array } {
  if (rows < cols) throw new RangeError(`thinQr: need rows ≥ cols, got ${rows}×${cols}`);
  if (a.length < rows * cols) throw new RangeError(`thinQr: array too short for ${rows}×${cols}`);
  const m = rows;
  const k = cols;
  // w becomes R (upper part) and the reflectors (below the diagonal); q the thin Q.
  const { w, q: qWork, v, wv, ops } = reflectorWorkspace(m, k, kernel);
  w.set(a.subarray(0, m * k));
  const tau = new Float64Array(k);
  const beta = new Float64Array(k);

  for (let c = 0; c < k; c++) {
    // Reflector for x = W[c:, c].
    let mx = 0;
    for (let i = c; i < m; i++) mx = Math.max(mx, Math.abs(w[i * k + c]));
    // A (numerically) zero column: in rank-deficient inputs the trailing columns shrink by ~ε per
    // step until they are subnormal, and 1/(x0 − β) would overflow to ∞ (NaN in Q). Below
    // TINY_COLUMN the column is treated as exactly zero: H = I, R_cc = 0.
    if (mx < TINY_COLUMN) {
      tau[c] = 0;
      beta[c] = 0;
      for (let i = c + 1; i < m; i++) w[i * k + c] = 0;
      continue;
    }
    let ss = 0;
    for (let i = c + 1; i < m; i++) {
      const t = w[i * k + c] / mx;
      ss += t * t;
    }
    const x0 = w[c * k + c];
    if (ss === 0) {
      // Nothing below the diagonal: H = I (LAPACK dlarfg convention), R_cc = x0.
      tau[c] = 0;
      beta[c] = x0;
      continue;
    }
    const t0 = x0 / mx;
    const alpha = mx * Math.sqrt(ss + t0 * t0);
    const b = x0 >= 0 ? -alpha : alpha;
    const inv = 1 / (x0 - b);
    v[c] = 1;
    for (let i = c + 1; i < m; i++) {
      const vi = w[i * k + c] * inv;
      v[i] = vi;
      w[i * k + c] = vi;
    }
    tau[c] = (b - x0) / b;
    beta[c] = b;
    w[c * k + c] = b;

    // Apply H = I − τ v vᵀ to the trailing columns W[c:, c+1:].
    if (c + 1 < k) {
      ops.vtB(v, w, k, c, m, c + 1, wv);
      ops.rankOne(w, k, c, m, c + 1, tau[c], v, wv);
    }
  }

  // R (k×k upper triangular).
  const r = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) r[i * k + j] = w[i * k + j];
  }

  // Q = H_0 H_1 … H_{k−1} [I; 0] by backward accumulation.
  for (let i = 0; i < k; i++) qWork[i * k + i] = 1;
  for (let c = k - 1; c >= 0; c--) {
    const t = tau[c];
    if (t === 0) continue;
    v[c] = 1;
    for (let i = c + 1; i < m; i++) v[i] = w[i * k + c];
    ops.vtB(v, qWork, k, c, m, c, wv);
    ops.rankOne(qWork, k, c, m, c, t, v, wv);
  }
  const q = qWork.slice(); // a wasm workspace's arrays are reused by the next QR

  // Sign convention: R_jj ≥ 0.
  for (let j = 0; j < k; j++) {
    if (beta[j] < 0) {
      for (let i = 0; i < m; i++) q[i * k + j] = 0 - q[i * k + j]; // 0 − x: no −0
      for (let c = j; c < k; c++) r[j * k + c] = 0 - r[j * k + c];
    }
  }
  return { q, r };
}

/**
 * Orthonormal basis of the column space of a tall matrix: the thin Q of A = Q R.
 *
 * @param a    A, rows×cols row-major (rows ≥ cols); not modified.
 * @returns Q, rows×cols row-major with QᵀQ = I, sign-normalised so that R has a non-negative
 *          diagonal (deterministic; for full column rank span(Q) = span(A) column by column).
 *
 * Algorithm and failure behaviour: see {@link thinQr} (GVL 4th ed. §5.2.2, §5.1.6).
 */
export function orthonormalize(a: Float64Array, rows: number, cols: number): Float64Array {
  return thinQr(a, rows, cols).q;
}
