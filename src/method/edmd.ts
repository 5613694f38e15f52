/**
 * Outer weights by extended dynamic mode decomposition (EDMD): ridge least squares that approximate
 * the Koopman operator on the dictionary Ψ(x) = [ψ(x); 1] (METHOD.md §3).
 * Williams, Kevrekidis, Rowley, "A data-driven approximation of the Koopman operator: extending
 * dynamic mode decomposition", J. Nonlinear Sci. 25 (2015).
 *
 *   G = Σ Ψ(x_k) Ψ(x_k)ᵀ (m×m, m = M+1),  A = Σ Ψ(y_k) Ψ(x_k)ᵀ,  λ = λ_rel · trace(G)/m,
 *   K = A (G + λI)⁻¹,  C = (Σ x_k Ψ(x_k)ᵀ)(G + λI)⁻¹  (d×m).
 *
 * G and A are accumulated over blocks of pairs by the hot kernel (src/core/kernels), so memory is
 * O(m²), never O(N·m). The RNN's one-step map C·K is always exact. When the Koopman matrix is
 * truncated to rank r < m (for the spectrum and the linear rollout, whose cost is O(m³) and
 * O(m²) per step), K is projected onto the r leading principal directions Q of Ψ_X (POD, as in
 * DMD): K_r = (Σ Qᵀ Ψ(y_k) Ψ(x_k)ᵀ Q)(QᵀGQ + λI)⁻¹, read out by C·Q.
 */
import { createGramAccumulator, defaultKernel, gemmNN } from '../numerics/kernels/gramKernels';
import { solveRightSpd } from '../numerics/linalg/cholesky';
import { factorSpd } from '../numerics/spdSolver';
import { transpose } from '../numerics/linalg/matrix';
import { principalSubspace } from '../numerics/pod';
import type { Rng } from '../numerics/rng';
import { liftMany, type Dictionary } from './sampling/hiddenLayer';
import type { TrajectorySet } from '../sources/dataset';

export interface EdmdOptions {
  /** Relative ridge λ_rel ≥ 0. */
  reg: number;
  /** Rank of the Koopman matrix kept for spectrum and linear rollout; ≥ m means no truncation. */
  rank: number;
  onProgress?: (fraction: number) => void;
}

export interface EdmdFit {
  d: number;
  /** Dictionary size m = M + 1. */
  m: number;
  /** Absolute ridge λ actually used. */
  lambda: number;
  /** Readout C: d×m. */
  C: Float64Array;
  /** One-step map of the RNN, C·K: d×m (x̂_{t+1} = CK Ψ(x̂_t)). */
  CK: Float64Array;
  /** Rank r of the Koopman matrix kept (r = m: untruncated). */
  r: number;
  /** Koopman matrix K (r = m) or K_r (r < m): r×r. */
  K: Float64Array;
  /** POD basis Q (m×r, orthonormal columns), or null when r = m (Q = I). */
  Q: Float64Array | null;
  /** Readout of the reduced state, C·Q: d×r (= C when r = m). */
  CQ: Float64Array;
  /** How the SPD systems were solved: 'cholesky', 'cholesky-jitter' or 'eig-pinv'. */
  solveMethod: string;
  /** Sub-phase wall times (ms): gram = feature evaluation + accumulation, solve = the rest. */
  featuresMs: number;
  solveMs: number;
}

/** Visits every within-trajectory snapshot pair (x_t, x_{t+1}) in chunks of ≤ chunk pairs. */
function forEachChunk(
  set: TrajectorySet,
  chunk: number,
  visit: (traj: number, t0: number, rows: number) => void,
): void {
  const pairsPer = set.points - 1;
  for (let j = 0; j < set.count; j++) {
    for (let t0 = 0; t0 < pairsPer; t0 += chunk) visit(j, t0, Math.min(chunk, pairsPer - t0));
  }
}

/**
 * Lifts the states t0 … t0+rows of trajectory j: Ψ(x_{t0..t0+rows−1}) into xBlock rows and
 * Ψ(x_{t0+1..t0+rows}) into yBlock rows (sharing rows: each state is lifted once).
 */
function liftChunk(
  dict: Dictionary,
  set: TrajectorySet,
  j: number,
  t0: number,
  rows: number,
  xBlock: Float64Array,
  yBlock: Float64Array,
): void {
  const m = dict.m;
  const base = j * set.points + t0;
  liftMany(dict, set.data, base, rows, xBlock, 0);
  if (rows > 1) yBlock.set(xBlock.subarray(m, rows * m), 0);
  liftMany(dict, set.data, base + rows, 1, yBlock, (rows - 1) * m);
}

/** Fits C, CK and (possibly truncated) K on the training set's snapshot pairs. */
export function fitEdmd(
  dict: Dictionary,
  train: TrajectorySet,
  opts: EdmdOptions,
  rng: Rng,
): EdmdFit {
  const d = train.d;
  const m = dict.m;
  const r = Math.min(opts.rank, m);
  const full = r === m;
  const nPairs = train.count * (train.points - 1);
  const t0 = performance.now();

  // Pass 1: G (and A when untruncated), Σ x Ψᵀ.
  const acc = createGramAccumulator(m, { withCross: full });
  const yScratch = acc.yBlock ?? new Float64Array(acc.blockRows * m);
  const xPsi = new Float64Array(d * m);
  let done = 0;
  forEachChunk(train, acc.blockRows, (j, t, rows) => {
    liftChunk(dict, train, j, t, rows, acc.xBlock, yScratch);
    acc.accumulate(rows);
    addTransposedProduct(train.data, (j * train.points + t) * d, rows, d, acc.xBlock, m, xPsi);
    done += rows;
    opts.onProgress?.((full ? 0.9 : 0.6) * (done / nPairs));
  });
  const G = acc.gram();
  const A = full ? acc.cross() : null;
  acc.dispose();
  const featuresMs = performance.now() - t0;

  let trace = 0;
  for (let i = 0; i < m; i++) trace += G[i * m + i];
  const lambda = opts.reg * (trace / m);
  const Greg = Float64Array.from(G);
  for (let i = 0; i < m; i++) Greg[i * m + i] += lambda;

  const spd = factorSpd(Greg, m);
  const C = spd.solveRight(xPsi, d);
  let solveMethod = spd.method;

  if (full && A) {
    const K = spd.solveRight(A, m);
    if (spd.method !== 'cholesky') solveMethod = spd.method;
    const CK = matmulSmall(C, d, m, K, m);
    opts.onProgress?.(1);
    return {
      d,
      m,
      lambda,
      C,
      CK,
      r,
      K,
      Q: null,
      CQ: C,
      solveMethod,
      featuresMs,
      solveMs: performance.now() - t0 - featuresMs,
    };
  }

  // Truncated: POD basis of Ψ_X from G, then pass 2 for the projected cross term and C·A.
  const Q = principalSubspace(G, m, r, rng);
  const acc2 = createGramAccumulator(r, { withCross: true });
  const xb = new Float64Array(acc2.blockRows * m);
  const yb = new Float64Array(acc2.blockRows * m);
  const cA = new Float64Array(d * m);
  const Ct = transpose(C, d, m);
  done = 0;
  forEachChunk(train, acc2.blockRows, (j, t, rows) => {
    liftChunk(dict, train, j, t, rows, xb, yb);
    // Project each state once: the y rows are the x rows shifted by one, plus the chunk's last state.
    const px = gemmNN(xb, rows, m, Q, r);
    acc2.xBlock.set(px);
    acc2.yBlock!.set(px.subarray(r), 0);
    acc2.yBlock!.set(
      gemmNN(yb.subarray((rows - 1) * m, rows * m), 1, m, Q, r, defaultKernel()),
      (rows - 1) * r,
    );
    acc2.accumulate(rows);
    // C·A = Σ (C Ψ(y_k)) Ψ(x_k)ᵀ: d×m, by the gemm kernel (C Ψ(y_k) first, d is small).
    const cy = gemmNN(yb, rows, m, Ct, d);
    addTransposedProduct(cy, 0, rows, d, xb, m, cA);
    done += rows;
    opts.onProgress?.(0.6 + 0.4 * (done / nPairs));
  });
  const Ar = acc2.cross();
  acc2.dispose();
  const CK = spd.solveRight(cA, d);
  if (spd.method !== 'cholesky') solveMethod = spd.method;
  // QᵀGQ + λI: the projected regularised Gram (Q orthonormal).
  const GQ = gemmNN(G, m, m, Q, r);
  const Gr = new Float64Array(r * r);
  for (let a = 0; a < r; a++)
    for (let b = 0; b < r; b++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += Q[i * r + a] * GQ[i * r + b];
      Gr[a * r + b] = s;
    }
  for (let a = 0; a < r; a++) Gr[a * r + a] += lambda;
  const krSol = solveRightSpd(Ar, r, Gr, r);
  if (krSol.method !== 'cholesky') solveMethod = krSol.method;
  return {
    d,
    m,
    lambda,
    C,
    CK,
    r,
    K: krSol.x,
    Q,
    CQ: matmulSmall(C, d, m, Q, r),
    solveMethod,
    featuresMs,
    solveMs: performance.now() - t0 - featuresMs,
  };
}

/**
 * out (d×m) += Uᵀ V for U = rows×d (row-major, starting at u[uOffset]) and V = rows×m:
 * Σ_k u_k v_kᵀ, e.g. Σ x_k Ψ(x_k)ᵀ. Uᵀ is formed explicitly so the gemm kernel does the work.
 */
export function addTransposedProduct(
  u: Float64Array,
  uOffset: number,
  rows: number,
  d: number,
  v: Float64Array,
  m: number,
  out: Float64Array,
): void {
  const ut = new Float64Array(d * rows);
  for (let k = 0; k < rows; k++)
    for (let i = 0; i < d; i++) ut[i * rows + k] = u[uOffset + k * d + i];
  const prod = gemmNN(ut, d, rows, v, m, defaultKernel()); // d < 4 rows: force the SIMD kernel
  for (let i = 0; i < d * m; i++) out[i] += prod[i];
}

/** (a: p×n)·(b: n×q) for small p (row-major, i-k-j loop order). */
export function matmulSmall(
  a: Float64Array,
  p: number,
  n: number,
  b: Float64Array,
  q: number,
): Float64Array {
  const out = new Float64Array(p * q);
  for (let i = 0; i < p; i++)
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      for (let j = 0; j < q; j++) out[i * q + j] += aik * b[k * q + j];
    }
  return out;
}
