/**
 * Left eigenvectors of a real matrix for ALL of its eigenvalues at O(n³) total cost, by inverse
 * iteration on its Hessenberg form (GVL 4th ed. §7.6.1; LAPACK dhsein does the same), on
 * row-major Float64Array matrices.
 *
 * Why not ./eigenvalues `eigenvectorsFor` n times: that factors the dense n×n matrix per
 * eigenvalue (8n³/3 flops each, ≈ 10 s for all 201 of van der Pol's K). Here A is reduced once,
 * A = U H Uᵀ (H upper Hessenberg, U orthogonal, ./hessenberg), and for each λ only H − λI is
 * factored: an LU with partial pivoting of a Hessenberg matrix touches one subdiagonal per column,
 * O(n²). A left eigenvector ξ (ξᴴ A = λ ξᴴ, i.e. Aᵀ ξ = λ̄ ξ for real A) is ξ = U y with
 * (H − λI)ᴴ y = 0, so each inverse-iteration step solves with the conjugate transpose of the
 * Hessenberg factorisation.
 *
 * GVL = G. H. Golub & C. F. Van Loan, Matrix Computations, 4th ed., Johns Hopkins, 2013.
 */
import { gemmNN } from '../kernels/gemm';
import type { KernelName } from '../kernels/gramKernels';
import {
  useWasmHessenbergLu,
  wasmHessenbergLu,
  type HessenbergLu,
} from '../kernels/hessenbergLuKernel';
import { fixPhase, normalise } from './complexVector';
import { hessenbergInPlace } from './hessenberg';

/** One left eigenvector, unit 2-norm, its largest-modulus component real and positive. */
export interface LeftEigenvector {
  re: Float64Array;
  im: Float64Array;
  /** ‖(Aᵀ − λ̄I) ξ‖₂ / ‖A‖_F (rounding level for an accurate eigenvector). */
  residual: number;
}

/** Inverse-iteration steps per eigenvalue at most (1–2 are usually enough). */
const MAX_STEPS = 6;

/**
 * Left eigenvectors of A for the given eigenvalues.
 *
 * @param a A, n×n row-major; not modified.
 * @param n order.
 * @param re, im eigenvalues of A (typically from ./eigenvalues `eigenvalues`), any count.
 * @param wanted optional filter: only indices k with wanted(k) true get a vector (others null),
 *        e.g. one member of each conjugate pair (the other's vector is the conjugate).
 * @param kernel forces the JS loops or the WebAssembly SIMD kernel for the reduction and the
 *        Hessenberg LU (bit for bit the same vectors); by default wasm from n = 32.
 * @returns per eigenvalue its left eigenvector ξ (Aᵀ ξ = λ̄ ξ), or null where not wanted.
 *
 * Cost: 14n³/3 flops for the reduction with U, then O(n²) per eigenvalue. Never throws for finite
 * input of the right length. A λ that is not an eigenvalue gives the eigenvector of the nearest
 * one and a large `residual`; for a (nearly) multiple eigenvalue the vector is one vector of its
 * (near-)invariant subspace, as for any inverse iteration.
 */
export function leftEigenvectors(
  a: Float64Array,
  n: number,
  re: ArrayLike<number>,
  im: ArrayLike<number>,
  wanted: (k: number) => boolean = () => true,
  kernel?: KernelName,
): Array<LeftEigenvector | null> {
  if (a.length < n * n) throw new RangeError(`leftEigenvectors: array too short for ${n}×${n}`);
  const h = a.slice(0, n * n);
  let normF = 0;
  for (let i = 0; i < n * n; i++) normF += h[i] * h[i];
  normF = Math.sqrt(normF);
  if (!Number.isFinite(normF)) throw new RangeError('leftEigenvectors: A has non-finite entries');
  const u = new Float64Array(n * n);
  hessenbergInPlace(h, n, u, kernel);
  const scale = Math.max(normF, 1e-300);
  const lu = useWasmHessenbergLu(n, kernel) ? wasmHessenbergLu(h, n) : createHessenbergLu(h, n);
  // Inverse iteration in Hessenberg coordinates, one eigenvalue at a time; the vectors y are kept
  // as the columns (re, im) of Y (n × 2·wanted), so that ξ = U y is one matrix product for all.
  const picked: Array<{ k: number; residual: number }> = [];
  for (let k = 0; k < re.length; k++) if (n > 0 && wanted(k)) picked.push({ k, residual: 0 });
  const cols = 2 * picked.length;
  const Y = new Float64Array(n * cols);
  picked.forEach((p, c) => {
    const { k } = p;
    lu.factor(re[k], im[k], scale * 2 ** -52);
    // Deterministic, generic start vector (the low-discrepancy sequence of eigenvectorsFor).
    let yr = new Float64Array(n);
    let yi = new Float64Array(n);
    for (let i = 0; i < n; i++) yr[i] = 1 + 0.5 * (((i + 1) * 0.6180339887498949) % 1);
    normalise(yr, yi);
    let best = { yr, yi, residual: Infinity };
    for (let step = 0; step < MAX_STEPS; step++) {
      const xr = yr.slice();
      const xi = yi.slice();
      lu.solveConjTransposed(xr, xi);
      if (!normalise(xr, xi)) break;
      yr = xr;
      yi = xi;
      const res = adjointResidual(h, n, re[k], im[k], yr, yi) / scale;
      if (res < best.residual) best = { yr, yi, residual: res };
      if (res <= 64 * n * 2 ** -52) break;
    }
    p.residual = best.residual;
    for (let i = 0; i < n; i++) {
      Y[i * cols + 2 * c] = best.yr[i];
      Y[i * cols + 2 * c + 1] = best.yi[i];
    }
  });
  // ξ = U y for all at once; U is orthogonal, so ‖ξ‖ = ‖y‖ = 1 and the residual carries over.
  const X = cols > 0 ? gemmNN(u, n, n, Y, cols) : Y;
  // A 0×0 matrix: every eigenvector is the empty vector.
  const out: Array<LeftEigenvector | null> = Array.from({ length: re.length }, () =>
    n === 0 ? { re: new Float64Array(0), im: new Float64Array(0), residual: 0 } : null,
  );
  picked.forEach(({ k, residual }, c) => {
    const vr = new Float64Array(n);
    const vi = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      vr[i] = X[i * cols + 2 * c];
      vi[i] = X[i * cols + 2 * c + 1];
    }
    fixPhase(vr, vi);
    out[k] = { re: vr, im: vi, residual };
  });
  return out;
}

/**
 * LU with partial pivoting of the complex upper Hessenberg matrix B = H − μI, and solves with
 * Bᴴ. Elimination k compares rows k and k+1 only (the one subdiagonal entry), swaps them if
 * needed and subtracts l_k × row k from row k+1: E B = R with E = M_{n−2}P_{n−2}⋯M_0P_0, R upper
 * triangular. Then Bᴴ y = c ⇔ Rᴴ t = c, y = Eᴴ t = P_0 M_0ᴴ ⋯ P_{n−2} M_{n−2}ᴴ t.
 * Zero pivots are replaced by `tiny` (as LAPACK dlaein), so a singular B still gives a solve.
 */
function createHessenbergLu(h: Float64Array, n: number): HessenbergLu {
  const rr = new Float64Array(n * n);
  const ri = new Float64Array(n * n);
  const lr = new Float64Array(n);
  const li = new Float64Array(n);
  const swapped = new Uint8Array(n);
  return {
    factor(muRe: number, muIm: number, tiny: number): void {
      rr.set(h.subarray(0, n * n));
      ri.fill(0);
      for (let i = 0; i < n; i++) {
        rr[i * n + i] -= muRe;
        ri[i * n + i] = -muIm;
      }
      for (let k = 0; k + 1 < n; k++) {
        const d = k * n + k;
        const s = d + n; // (k+1, k)
        const swap = Math.abs(rr[s]) + Math.abs(ri[s]) > Math.abs(rr[d]) + Math.abs(ri[d]);
        swapped[k] = swap ? 1 : 0;
        if (swap)
          for (let j = k; j < n; j++) {
            const p = k * n + j;
            const q = p + n;
            let t = rr[p];
            rr[p] = rr[q];
            rr[q] = t;
            t = ri[p];
            ri[p] = ri[q];
            ri[q] = t;
          }
        if (rr[d] === 0 && ri[d] === 0) rr[d] = tiny;
        // l = B[k+1,k] / B[k,k] (complex division).
        const den = rr[d] * rr[d] + ri[d] * ri[d];
        const cr = (rr[s] * rr[d] + ri[s] * ri[d]) / den;
        const ci = (ri[s] * rr[d] - rr[s] * ri[d]) / den;
        lr[k] = cr;
        li[k] = ci;
        rr[s] = 0;
        ri[s] = 0;
        for (let j = k + 1; j < n; j++) {
          const p = k * n + j;
          const q = p + n;
          rr[q] -= cr * rr[p] - ci * ri[p];
          ri[q] -= cr * ri[p] + ci * rr[p];
        }
      }
      const last = (n - 1) * n + (n - 1);
      if (n > 0 && rr[last] === 0 && ri[last] === 0) rr[last] = tiny;
    },
    /** x ← (Bᴴ)⁻¹ x, in place (real and imaginary parts). */
    solveConjTransposed(xr: Float64Array, xi: Float64Array): void {
      // Rᴴ t = x: Rᴴ is lower triangular with entries conj(R[j, i]). Forward substitution by
      // columns of Rᴴ, i.e. rows of R, so the inner loop reads R contiguously: t_j is final once
      // divided by conj(R[j, j]), then subtracted from the later entries.
      for (let j = 0; j < n; j++) {
        const d = j * n + j;
        const dr = rr[d];
        const di = -ri[d];
        const den = dr * dr + di * di;
        const tr = (xr[j] * dr + xi[j] * di) / den;
        const ti = (xi[j] * dr - xr[j] * di) / den;
        xr[j] = tr;
        xi[j] = ti;
        for (let i = j + 1; i < n; i++) {
          const ar = rr[d + i - j]; // R[j, i], used conjugated
          const ai = -ri[d + i - j];
          xr[i] -= ar * tr - ai * ti;
          xi[i] -= ar * ti + ai * tr;
        }
      }
      // y = P_0 M_0ᴴ ⋯ P_{n−2} M_{n−2}ᴴ t, applied right to left: M_kᴴ t subtracts
      // conj(l_k) t_{k+1} from t_k, then P_k swaps t_k and t_{k+1}.
      for (let k = n - 2; k >= 0; k--) {
        const cr = lr[k];
        const ci = -li[k];
        xr[k] -= cr * xr[k + 1] - ci * xi[k + 1];
        xi[k] -= cr * xi[k + 1] + ci * xr[k + 1];
        if (swapped[k]) {
          let t = xr[k];
          xr[k] = xr[k + 1];
          xr[k + 1] = t;
          t = xi[k];
          xi[k] = xi[k + 1];
          xi[k + 1] = t;
        }
      }
    },
  };
}

/** ‖(H − μI)ᴴ y‖₂ = ‖(Hᵀ − μ̄ I) y‖₂ for upper Hessenberg H (H real). */
function adjointResidual(
  h: Float64Array,
  n: number,
  muRe: number,
  muIm: number,
  yr: Float64Array,
  yi: Float64Array,
): number {
  let ss = 0;
  for (let i = 0; i < n; i++) {
    // (Hᵀ y)_i = Σ_j H[j, i] y_j, H[j, i] = 0 for j > i + 1.
    let sr = -(muRe * yr[i] + muIm * yi[i]);
    let si = -(muRe * yi[i] - muIm * yr[i]);
    const top = Math.min(n - 1, i + 1);
    for (let j = 0; j <= top; j++) {
      const v = h[j * n + i];
      sr += v * yr[j];
      si += v * yi[j];
    }
    ss += sr * sr + si * si;
  }
  return Math.sqrt(ss);
}
