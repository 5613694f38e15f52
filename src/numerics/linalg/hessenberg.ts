/**
 * Householder reduction of a general real matrix to upper Hessenberg form, the second stage of the
 * dense nonsymmetric eigenvalue solver (./balance → ./hessenberg → ./hessenbergQr), on row-major
 * Float64Array matrices (entry (i, j) of an n×n matrix is `h[i * n + j]`).
 *
 * GVL = G. H. Golub & C. F. Van Loan, Matrix Computations, 4th ed., Johns Hopkins, 2013.
 */

import type { KernelName } from '../kernels/gramKernels';
import { hessenbergWorkspace, type HessenbergOps } from '../kernels/hessenbergKernel';

/**
 * Orthogonal reduction to upper Hessenberg form H = Qᵀ A Q, in place.
 *
 * @param h n×n row-major; overwritten by H. Entries below the first subdiagonal are set to 0.
 * @param n order.
 * @param basis optional n×n row-major output: overwritten by Q (orthogonal, A = Q H Qᵀ), formed by
 *          accumulating the reflectors (4n³/3 more flops). Without it Q is not formed (values-only
 *          use), and H is the same bit for bit either way.
 * @param kernel forces the JS loops or their WebAssembly SIMD version (src/numerics/kernels/
 *          hessenbergKernel.ts, bit for bit the same H and Q); by default wasm from n = 32.
 *
 * Algorithm: Householder reflectors column by column (GVL 4th ed. §7.4.3;
 * EISPACK orthes). Each two-sided update P H P (P = I − u uᵀ/h) is applied as one rank-two
 * update H − u qᵀ − (p − γu) uᵀ with q = Hᵀu/h, p = Hu/h, γ = uᵀp/h, computed in one row-wise
 * pass and applied in a second, so all inner loops are contiguous and the matrix is streamed
 * twice per column instead of three times. 10n³/3 flops. Never fails (zero columns are
 * skipped).
 */
export function hessenbergInPlace(
  h: Float64Array,
  n: number,
  basis?: Float64Array,
  kernel?: KernelName,
): void {
  const ws = hessenbergWorkspace(n, basis !== undefined, kernel);
  if (!ws) {
    reduce(h, n, basis ?? null, new Float64Array(n), new Float64Array(n), new Float64Array(n), {
      step: jsStep,
      accumulate: accumulateReflector,
    });
    return;
  }
  ws.h.set(h.subarray(0, n * n));
  reduce(ws.h, n, ws.basis, ws.ort, ws.wv, ws.pv, ws.ops);
  h.set(ws.h);
  if (basis) basis.set(ws.basis!);
}

/** The reduction on arrays of one workspace (see hessenbergInPlace). */
function reduce(
  h: Float64Array,
  n: number,
  basis: Float64Array | null,
  ort: Float64Array,
  wv: Float64Array,
  pv: Float64Array,
  ops: HessenbergOps,
): void {
  if (basis) {
    basis.fill(0, 0, n * n);
    for (let i = 0; i < n; i++) basis[i * n + i] = 1;
  }
  for (let m = 1; m < n - 1; m++) {
    let scale = 0;
    for (let i = m; i < n; i++) scale += Math.abs(h[i * n + m - 1]);
    if (scale === 0 || !Number.isFinite(scale)) continue;
    let hh = 0;
    for (let i = n - 1; i >= m; i--) {
      const v = h[i * n + m - 1] / scale;
      ort[i] = v;
      hh += v * v;
    }
    let g = Math.sqrt(hh);
    if (ort[m] > 0) g = -g;
    hh -= ort[m] * g;
    ort[m] -= g;
    const invH = 1 / hh;
    ort.fill(0, 0, m); // u is zero above row m
    ops.step(h, n, m, ort, invH, wv, pv);
    h[m * n + m - 1] = scale * g;
    for (let r = m + 1; r < n; r++) h[r * n + m - 1] = 0;
    if (basis) ops.accumulate(basis, n, m, ort, invH);
  }
  for (let i = 2; i < n; i++) h.fill(0, i * n, i * n + i - 1);
}

/**
 * Two-sided update H ← P H P with P = I − u uᵀ/hh, in the fused form
 * P H P = H − u qᵀ − (p − γu) uᵀ, q = Hᵀu/hh, p = H u/hh, γ = uᵀp/hh (columns m.. only; column
 * m−1 is set by the caller). Pass 1 computes p and q, pass 2 applies the rank-two update; both
 * handle two rows per iteration to reuse the loads of u and q.
 */
function jsStep(
  h: Float64Array,
  n: number,
  m: number,
  ort: Float64Array,
  invH: number,
  wv: Float64Array,
  pv: Float64Array,
): void {
  wv.fill(0, m, n);
  let i = 0;
  // Pass 1, rows above m: u_i = 0, only p_i.
  for (; i + 1 < m; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    let f0 = 0;
    let f1 = 0;
    for (let j = m; j < n; j++) {
      const o = ort[j];
      f0 += h[r0 + j] * o;
      f1 += h[r1 + j] * o;
    }
    pv[i] = f0 * invH;
    pv[i + 1] = f1 * invH;
  }
  for (; i < m; i++) {
    const r0 = i * n;
    let f0 = 0;
    for (let j = m; j < n; j++) f0 += h[r0 + j] * ort[j];
    pv[i] = f0 * invH;
  }
  // Pass 1, rows m..: p_i and the accumulation of q.
  let gamma = 0;
  for (; i + 1 < n; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    const u0 = ort[i] * invH;
    const u1 = ort[i + 1] * invH;
    let f0 = 0;
    let f1 = 0;
    for (let j = m; j < n; j++) {
      const o = ort[j];
      const a0 = h[r0 + j];
      const a1 = h[r1 + j];
      f0 += a0 * o;
      f1 += a1 * o;
      wv[j] += u0 * a0 + u1 * a1;
    }
    f0 *= invH;
    f1 *= invH;
    pv[i] = f0;
    pv[i + 1] = f1;
    gamma += ort[i] * f0 + ort[i + 1] * f1;
  }
  for (; i < n; i++) {
    const r0 = i * n;
    const u0 = ort[i] * invH;
    let f0 = 0;
    for (let j = m; j < n; j++) {
      const a0 = h[r0 + j];
      f0 += a0 * ort[j];
      wv[j] += u0 * a0;
    }
    f0 *= invH;
    pv[i] = f0;
    gamma += ort[i] * f0;
  }
  gamma *= invH;
  // Pass 2: H[i, m:] −= u_i q + (p_i − γ u_i) u.
  i = 0;
  for (; i + 1 < n; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    const u0 = ort[i];
    const u1 = ort[i + 1];
    const c0 = pv[i] - gamma * u0;
    const c1 = pv[i + 1] - gamma * u1;
    for (let j = m; j < n; j++) {
      const o = ort[j];
      const w = wv[j];
      h[r0 + j] -= u0 * w + c0 * o;
      h[r1 + j] -= u1 * w + c1 * o;
    }
  }
  for (; i < n; i++) {
    const r0 = i * n;
    const u0 = ort[i];
    const c0 = pv[i] - gamma * u0;
    for (let j = m; j < n; j++) h[r0 + j] -= u0 * wv[j] + c0 * ort[j];
  }
}

/**
 * Q ← Q P for the reflector P = I − u uᵀ/hh (u zero above row m, invH = 1/hh): each row of Q
 * loses (Q_i · u / hh) uᵀ. Row-wise, so every inner loop is contiguous.
 */
function accumulateReflector(
  q: Float64Array,
  n: number,
  m: number,
  u: Float64Array,
  invH: number,
): void {
  for (let i = 0; i < n; i++) {
    const r = i * n;
    let s = 0;
    for (let j = m; j < n; j++) s += q[r + j] * u[j];
    s *= invH;
    if (s === 0) continue;
    for (let j = m; j < n; j++) q[r + j] -= s * u[j];
  }
}
