/**
 * ResDMD residuals of EVERY eigenvalue of a fit's K (METHOD.md §12), so that the spectrum plot can
 * mark the spurious ones. The residual of (λ, φ = wᵀΨ) is the relative one-step defect of its
 * eigenfunction on the training pairs, res² = Σ|φ(y) − λφ(x)|² / Σ|φ(x)|², computed from Gram
 * sums (./eigenfunctions `resdmdResidual`): near 0 the eigenpair holds on the data; of order |λ|
 * it is an artefact of the finite network.
 *
 * All left eigenvectors come from one Hessenberg reduction of K and O(r²) inverse iteration per
 * eigenvalue (src/numerics/linalg/leftEigenvectors.ts), then three r×r quadratic forms each:
 * ≈ 8r³ flops in all. Larger K (r > MAX_RESIDUAL_ORDER) is skipped: the eigenfunction view
 * computes the leading ones on demand.
 */
import type { TrajectorySet } from '../numerics/trajectorySet';
import { leftEigenvectors } from '../numerics/linalg/leftEigenvectors';
import type { EdmdProjection, EdmdSums } from './edmd';
import { gemmNN } from '../numerics/kernels/gemm';
import { residualFromForms, targetGram } from './eigenfunctions';
import { liftMany, type Dictionary } from './sampling/hiddenLayer';

/**
 * K larger than this gets no residuals with the run: their O(r³) cost (≈ 3× the eigenvalues') would
 * add ~0.3 s to a run at r = 300. The eigenfunction view computes the leading ones on demand.
 */
export const MAX_RESIDUAL_ORDER = 300;

/** G, A and L = Σ Ψ(y)Ψ(y)ᵀ in the fit's own coordinates (reduced when truncated). */
export interface ResidualSums {
  G: Float64Array;
  A: Float64Array;
  L: Float64Array;
  /** Order of all three (n×n row-major). */
  n: number;
}

/**
 * The Gram sums of the residuals for a fit without inputs.
 *
 * Untruncated: G and A are the fit's sums, L from G (`targetGram`: 2·count extra lifts).
 * Truncated to rank r: Gr = QᵀGQ and Ar from the projection, and L_r = QᵀLQ formed as
 * Gr + Σ_j (Qᵀb_j)(Qᵀb_j)ᵀ − (Qᵀa_j)(Qᵀa_j)ᵀ with a_j, b_j the lifted first and last state of
 * trajectory j (O(count·m·r), not the O(m²r) of projecting L).
 *
 * @returns null when the fit has inputs (then φ(y) = λφ(x) + ξᴴBu: no autonomous residual) or
 *          when an untruncated fit did not form A.
 */
export function residualSums(
  dict: Dictionary,
  train: TrajectorySet,
  sums: EdmdSums,
  proj: EdmdProjection | null,
): ResidualSums | null {
  if (sums.p > 0) return null;
  const m = sums.m;
  if (!proj) {
    if (!sums.A) return null;
    return { G: sums.G, A: sums.A, L: targetGram(dict, train, sums.G, m), n: m };
  }
  const { r, Q, Gr, Ar } = proj;
  const L = Gr.slice();
  const psi = new Float64Array(m);
  const za = new Float64Array(r);
  const zb = new Float64Array(r);
  const project = (row: number, z: Float64Array) => {
    liftMany(dict, train.data, row, 1, psi, 0);
    z.fill(0);
    for (let i = 0; i < m; i++) {
      const v = psi[i];
      for (let a = 0; a < r; a++) z[a] += Q[i * r + a] * v;
    }
  };
  for (let j = 0; j < train.count; j++) {
    project(j * train.points, za);
    project(j * train.points + train.points - 1, zb);
    for (let a = 0; a < r; a++)
      for (let b = 0; b < r; b++) L[a * r + b] += zb[a] * zb[b] - za[a] * za[b];
  }
  return { G: Gr, A: Ar, L, n: r };
}

/**
 * The ResDMD residual of every eigenvalue of K (r×r row-major), in the order of `eig`.
 *
 * @param eig eigenvalues of K (from `eigenvalues`, conjugate pairs adjacent with +im first).
 * @param sums the Gram sums in K's coordinates (`residualSums`).
 * @returns residuals ≥ 0 (NaN where φ vanishes on the data); the −im member of a conjugate pair
 *          shares its partner's residual (its eigenfunction is the conjugate one).
 */
export function spectrumResiduals(
  K: Float64Array,
  r: number,
  eig: { re: Float64Array; im: Float64Array },
  sums: ResidualSums,
): Float64Array {
  const { re, im } = eig;
  const count = re.length;
  const partner = new Int32Array(count).fill(-1);
  for (let k = 1; k < count; k++)
    if (im[k] < 0 && re[k - 1] === re[k] && im[k - 1] === -im[k]) partner[k] = k - 1;
  const vectors = leftEigenvectors(K, r, re, im, (k) => partner[k] < 0);
  // w = conj(ξ) = a + i·b (./eigenfunctions header) as the columns (a, b) of M (n × 2q), so that
  // S·M for S = G, A, L is one matrix product each; then per eigenvalue
  // wᴴSw = aᵀSa + bᵀSb + i·(aᵀSb − bᵀSa) from two columns of S·M.
  const n = sums.n;
  const own: number[] = [];
  for (let k = 0; k < count; k++) if (partner[k] < 0) own.push(k);
  const cols = 2 * own.length;
  const M = new Float64Array(n * cols);
  own.forEach((k, c) => {
    const xi = vectors[k]!;
    for (let i = 0; i < n; i++) {
      M[i * cols + 2 * c] = xi.re[i];
      M[i * cols + 2 * c + 1] = -xi.im[i] + 0;
    }
  });
  const out = new Float64Array(count);
  if (cols > 0) {
    const [PG, PA, PL] = [sums.G, sums.A, sums.L].map((S) => gemmNN(S, n, n, M, cols));
    own.forEach((k, c) => {
      const ca = 2 * c;
      const cb = ca + 1;
      let g = 0;
      let l = 0;
      let ar = 0;
      let ai = 0;
      for (let i = 0; i < n; i++) {
        const o = i * cols;
        const a = M[o + ca];
        const b = M[o + cb];
        g += a * PG[o + ca] + b * PG[o + cb];
        l += a * PL[o + ca] + b * PL[o + cb];
        ar += a * PA[o + ca] + b * PA[o + cb];
        ai += a * PA[o + cb] - b * PA[o + ca];
      }
      out[k] = residualFromForms(re[k], im[k], g, l, ar, ai);
    });
  }
  for (let k = 0; k < count; k++) if (partner[k] >= 0) out[k] = out[partner[k]];
  return out;
}
