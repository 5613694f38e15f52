/**
 * EDMD with control (METHOD.md §3): the outer weights of a controlled RNN by the same blocked
 * ridge least squares as src/core/edmd.ts, on the stacked regressor z = [Ψ(x); u] ∈ R^{m+p}.
 * Korda & Mezić, "Linear predictors for nonlinear dynamical systems: Koopman operator meets model
 * predictive control", Automatica 93 (2018); Proctor, Brunton, Kutz, "Dynamic mode decomposition
 * with control", SIAM J. Appl. Dyn. Syst. 15 (2016).
 *
 *   G_z = Σ z_k z_kᵀ ((m+p)×(m+p)),  A_z = Σ Ψ(y_k) z_kᵀ (m×(m+p)),  λ = λ_rel · trace(G_ΨΨ)/m,
 *   [K B] = A_z (G_z + λI)⁻¹   (K: m×m, B: m×p),
 *   C = (Σ x_k Ψ(x_k)ᵀ)(G_ΨΨ + λI)⁻¹   (d×m; G_ΨΨ the top-left m×m block of G_z),
 * and the RNN's maps C·K (d×m) and C·B (d×p): x̂_{t+1} = C (K Ψ(x̂_t) + B u_t).
 * The same λ regularises B's columns (inputs are O(1) here; the ridge is relative to Ψ's scale).
 * K is never truncated: controlled runs keep M+1 small enough for the full spectrum.
 */
import { addTransposedProduct, matmulSmall } from './edmd';
import { createGramAccumulator } from '../numerics/kernels/gramKernels';
import { liftMany, type Dictionary } from './sampling/hiddenLayer';
import { factorSpd } from '../numerics/spdSolver';
import type { ControlledSet } from '../sources/controlDataset';

export interface ControlFit {
  d: number;
  /** Dictionary size m = M + 1 and number of inputs p. */
  m: number;
  p: number;
  lambda: number;
  /** K: m×m, B: m×p, C: d×m, CK: d×m, CB: d×p (row-major). */
  K: Float64Array;
  B: Float64Array;
  C: Float64Array;
  CK: Float64Array;
  CB: Float64Array;
  /** 'cholesky', 'cholesky-jitter' or 'eig-pinv' (the worse of the two solves). */
  solveMethod: string;
  featuresMs: number;
  solveMs: number;
}

/** Fits [K B] and C on every (x_t, u_t, x_{t+1}) triple of the training set. */
export function fitEdmdControl(
  dict: Dictionary,
  train: ControlledSet,
  reg: number,
  onProgress?: (fraction: number) => void,
): ControlFit {
  const { d, p } = train;
  const m = dict.m;
  const n = m + p;
  const t0 = performance.now();
  const acc = createGramAccumulator(n, { withCross: true });
  const rowsMax = acc.blockRows;
  const psi = new Float64Array((rowsMax + 1) * m);
  const xz = new Float64Array(d * n);
  const pairsPer = train.points - 1;
  const total = train.count * pairsPer;
  let done = 0;
  for (let j = 0; j < train.count; j++) {
    for (let s = 0; s < pairsPer; s += rowsMax) {
      const rows = Math.min(rowsMax, pairsPer - s);
      const base = j * train.points + s;
      // Ψ of states s … s+rows: rows of z take the first `rows`, rows of the target the last `rows`.
      liftMany(dict, train.data, base, rows + 1, psi, 0);
      const X = acc.xBlock;
      const Y = acc.yBlock!;
      for (let k = 0; k < rows; k++) {
        X.set(psi.subarray(k * m, (k + 1) * m), k * n);
        const uOff = (j * pairsPer + s + k) * p;
        for (let i = 0; i < p; i++) X[k * n + m + i] = train.inputs[uOff + i];
        Y.set(psi.subarray((k + 1) * m, (k + 2) * m), k * n);
        Y.fill(0, k * n + m, (k + 1) * n);
      }
      acc.accumulate(rows);
      addTransposedProduct(train.data, base * d, rows, d, X, n, xz);
      done += rows;
      onProgress?.(0.9 * (done / total));
    }
  }
  const Gz = acc.gram();
  const Az = acc.cross();
  acc.dispose();
  const featuresMs = performance.now() - t0;

  let trace = 0;
  for (let i = 0; i < m; i++) trace += Gz[i * n + i];
  const lambda = reg * (trace / m);
  for (let i = 0; i < n; i++) Gz[i * n + i] += lambda;

  // [K B] = A_z (G_z + λI)⁻¹: the first m rows of A_z (the rest are the zero padding of y).
  const zSolver = factorSpd(Gz, n);
  const KB = zSolver.solveRight(Az.subarray(0, m * n), m);
  // C from the Ψ block alone: x ≈ C Ψ(x) is the lifted model's readout.
  const Gpsi = new Float64Array(m * m);
  const xPsi = new Float64Array(d * m);
  for (let i = 0; i < m; i++) Gpsi.set(Gz.subarray(i * n, i * n + m), i * m);
  for (let i = 0; i < d; i++) xPsi.set(xz.subarray(i * n, i * n + m), i * m);
  const psiSolver = factorSpd(Gpsi, m);
  const C = psiSolver.solveRight(xPsi, d);

  const K = new Float64Array(m * m);
  const B = new Float64Array(m * p);
  for (let i = 0; i < m; i++) {
    K.set(KB.subarray(i * n, i * n + m), i * m);
    B.set(KB.subarray(i * n + m, (i + 1) * n), i * p);
  }
  const methods = [zSolver.method, psiSolver.method];
  const solveMethod = methods.find((s) => s !== 'cholesky') ?? 'cholesky';
  onProgress?.(1);
  return {
    d,
    m,
    p,
    lambda,
    K,
    B,
    C,
    CK: matmulSmall(C, d, m, K, m),
    CB: matmulSmall(C, d, m, B, p),
    solveMethod,
    featuresMs,
    solveMs: performance.now() - t0 - featuresMs,
  };
}
