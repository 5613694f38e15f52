/**
 * Outer weights by extended dynamic mode decomposition (EDMD), with p ≥ 0 inputs: ridge least
 * squares that approximate the Koopman operator on the dictionary Ψ(x) = [ψ(x); 1] (METHOD.md §3).
 * Williams, Kevrekidis, Rowley, "A data-driven approximation of the Koopman operator: extending
 * dynamic mode decomposition", J. Nonlinear Sci. 25 (2015); with inputs, Korda & Mezić, "Linear
 * predictors for nonlinear dynamical systems: Koopman operator meets model predictive control",
 * Automatica 93 (2018) and Proctor, Brunton, Kutz, "Dynamic mode decomposition with control",
 * SIAM J. Appl. Dyn. Syst. 15 (2016).
 *
 * With z_k = [Ψ(x_k); u_k] ∈ R^n (n = m + p, m = M + 1):
 *   G_z = Σ z_k z_kᵀ (n×n),  A_z = Σ Ψ(y_k) z_kᵀ (m×n),  λ = λ_rel · trace(G_ΨΨ)/m,
 *   [K B] = A_z (G_z + λI)⁻¹   (K: m×m, B: m×p),
 *   C = (Σ x_k Ψ(x_k)ᵀ)(G_ΨΨ + λI)⁻¹   (d×m; G_ΨΨ the top-left m×m block of G_z),
 * and the RNN's maps C·K (d×m) and C·B (d×p): x̂_{t+1} = C (K Ψ(x̂_t) + B u_t). For p = 0 this is
 * plain EDMD: K = A (G + λI)⁻¹, C = (Σ x Ψᵀ)(G + λI)⁻¹ with one factorisation.
 *
 * The fit is three stages, so a run can redo only what its settings changed (docs/ARCHITECTURE.md):
 * - `accumulateEdmd` (the features): one pass over the data; G_z, A_z and Σ x zᵀ are accumulated
 *   over blocks of pairs by the hot kernel (src/numerics/kernels), so memory is O(n²), never O(N·n).
 * - `projectEdmd` (./edmdProjection; p = 0 and rank r < m only): the r leading POD directions Q
 *   of Ψ_X (DMD style) and the projected cross term Σ QᵀΨ(y) (QᵀΨ(x))ᵀ, from a second pass.
 * - `solveEdmd` (the ridge λ): C, K (or K_r = (QᵀAQ)(QᵀGQ + λI)⁻¹ read out by C·Q) and C·K. When
 *   truncated, C·K = (C·A)(G + λI)⁻¹ with C·A = Σ (C Ψ(y_k)) Ψ(x_k)ᵀ from one more pass (the full A
 *   is never formed there), so the RNN's one-step map is always the untruncated one.
 */
import { createGramAccumulator, DEFAULT_BLOCK_ROWS } from '../numerics/kernels/gramKernels';
import { gemmNN } from '../numerics/kernels/gemm';
import { solveRightSpd } from '../numerics/linalg/cholesky';
import { transpose } from '../numerics/linalg/matrix';
import type { Rng } from '../numerics/rng';
import { factorSpd } from '../numerics/spdSolver';
import type { TrajectorySet } from '../numerics/trajectorySet';
import {
  addPartial,
  chunksOf,
  forEachChunk,
  liftChunk,
  mergeGram,
  planGram,
  plainSet,
  splitChunks,
  transposedProduct,
  type CaShared,
  type GramResult,
  type GramShared,
  type GramTask,
  type ParallelFit,
} from './parallel';
import { projectEdmd } from './edmdProjection';
import { liftMany, type Dictionary } from './sampling/hiddenLayer';

/** The training data as the fit reads it (states; inputs per pair when p ≥ 1). */
type FitData = TrajectorySet;

/** The sums of one pass over the data (the "features" stage); nothing here depends on λ. */
export interface EdmdSums {
  d: number;
  m: number;
  p: number;
  /** G_z (n×n, n = m + p; upper and lower triangles filled). */
  G: Float64Array;
  /** A_z (m×n), or null when a truncated fit was asked for (A is then never formed). */
  A: Float64Array | null;
  /** Σ x_k z_kᵀ (d×n). */
  xz: Float64Array;
  /**
   * For choosing the ridge by generalised cross-validation (src/method/ridgeGcv.ts): the one-step
   * regression of y_k = x_{k+1} on z_k — Σ y_k z_kᵀ (d×n), Σ ‖y_k‖² and the number of pairs N.
   */
  yz: Float64Array;
  yy: number;
  pairs: number;
}

/** The POD projection of a truncated fit (p = 0, r < m). */
export interface EdmdProjection {
  r: number;
  /** Q: m×r, orthonormal columns. */
  Q: Float64Array;
  /** Σ QᵀΨ(y_k) (QᵀΨ(x_k))ᵀ (r×r) and QᵀGQ (r×r). */
  Ar: Float64Array;
  Gr: Float64Array;
  /** How well Q spans an invariant subspace of G: ‖GQ − Q QᵀGQ‖_F / ‖G‖_F (0 when exact). */
  residual: number;
}

export interface EdmdFit {
  d: number;
  /** Dictionary size m = M + 1 and number of inputs p. */
  m: number;
  p: number;
  /** Absolute ridge λ actually used. */
  lambda: number;
  /** Readout C: d×m. */
  C: Float64Array;
  /** One-step map of the RNN, C·K: d×m (always untruncated). */
  CK: Float64Array;
  /** Rank r of the Koopman matrix kept (r = m: untruncated). */
  r: number;
  /** Koopman matrix K (r = m) or K_r (r < m): r×r. */
  K: Float64Array;
  /** Input matrix B (m×p) and the RNN's input map C·B (d×p); empty when p = 0. */
  B: Float64Array;
  CB: Float64Array;
  /** POD basis Q (m×r), or null when r = m (Q = I). */
  Q: Float64Array | null;
  /** Readout of the reduced state, C·Q: d×r (= C when r = m). */
  CQ: Float64Array;
  /** How the SPD systems were solved: 'cholesky', 'cholesky-jitter' or 'eig-pinv' (the worst). */
  solveMethod: string;
  /** The POD basis's residual (EdmdProjection.residual), or null when untruncated. */
  podResidual: number | null;
}

/**
 * Pass 1: G_z, A_z (unless `truncated`) and Σ x zᵀ over every pair (x_t, u_t, x_{t+1}). Each state
 * is lifted once (rows + 1 states per chunk give the rows' inputs and targets).
 */
export function accumulateEdmd(
  dict: Dictionary,
  train: FitData,
  truncated: boolean,
  onProgress?: (fraction: number) => void,
  par?: ParallelFit,
): EdmdSums {
  if (par && par.pool.size > 1) return accumulateParallel(dict, train, truncated, par);
  const d = train.d;
  const p = train.p ?? 0;
  const m = dict.m;
  const n = m + p;
  const acc = createGramAccumulator(n, { withCross: !truncated });
  const rowsMax = acc.blockRows;
  const psi = new Float64Array((rowsMax + 1) * m);
  const xz = new Float64Array(d * n);
  const yz = new Float64Array(d * n);
  let yy = 0;
  const pairsPer = train.points - 1;
  const total = train.count * pairsPer;
  let done = 0;
  forEachChunk(train, rowsMax, (j, s, rows) => {
    const base = j * train.points + s;
    liftMany(dict, train.data, base, rows + 1, psi, 0);
    const X = acc.xBlock;
    const Y = acc.yBlock;
    for (let k = 0; k < rows; k++) {
      X.set(psi.subarray(k * m, (k + 1) * m), k * n);
      const uOff = (j * pairsPer + s + k) * p;
      for (let i = 0; i < p; i++) X[k * n + m + i] = train.inputs![uOff + i];
      if (Y) {
        Y.set(psi.subarray((k + 1) * m, (k + 2) * m), k * n);
        if (p > 0) Y.fill(0, k * n + m, (k + 1) * n);
      }
    }
    acc.accumulate(rows);
    addPartial(transposedProduct(train.data, base * d, rows, d, X, n), xz);
    addPartial(transposedProduct(train.data, (base + 1) * d, rows, d, X, n), yz);
    for (let k = (base + 1) * d; k < (base + 1 + rows) * d; k++) yy += train.data[k] ** 2;
    done += rows;
    onProgress?.(done / total);
  });
  const G = acc.gram();
  const A = truncated ? null : acc.cross().slice(0, m * n);
  acc.dispose();
  return { d, m, p, G, A, xz, yz, yy, pairs: total };
}

/** The ridge solve: C, K (or K_r), B, C·K, C·B for λ = reg · trace(G_ΨΨ)/m. */
export function solveEdmd(
  dict: Dictionary,
  train: FitData,
  sums: EdmdSums,
  proj: EdmdProjection | null,
  reg: number,
  onProgress?: (fraction: number) => void,
  par?: ParallelFit,
): EdmdFit {
  const { d, m, p } = sums;
  const n = m + p;
  let trace = 0;
  for (let i = 0; i < m; i++) trace += sums.G[i * n + i];
  const lambda = reg * (trace / m);
  const Gz = Float64Array.from(sums.G);
  for (let i = 0; i < n; i++) Gz[i * n + i] += lambda;
  const zSolver = factorSpd(Gz, n);
  const methods: string[] = [];

  // C from the Ψ block alone: x ≈ C Ψ(x) is the lifted model's readout.
  let C: Float64Array;
  if (p === 0) {
    C = zSolver.solveRight(sums.xz, d);
    methods.push(zSolver.method);
  } else {
    const Gpsi = new Float64Array(m * m);
    const xPsi = new Float64Array(d * m);
    for (let i = 0; i < m; i++) Gpsi.set(Gz.subarray(i * n, i * n + m), i * m);
    for (let i = 0; i < d; i++) xPsi.set(sums.xz.subarray(i * n, i * n + m), i * m);
    const psiSolver = factorSpd(Gpsi, m);
    C = psiSolver.solveRight(xPsi, d);
    methods.push(psiSolver.method);
  }

  if (!proj) {
    // [K B] = A_z (G_z + λI)⁻¹.
    const KB = zSolver.solveRight(sums.A!, m);
    methods.push(zSolver.method);
    const K = p === 0 ? KB : new Float64Array(m * m);
    const B = new Float64Array(m * p);
    if (p > 0)
      for (let i = 0; i < m; i++) {
        K.set(KB.subarray(i * n, i * n + m), i * m);
        B.set(KB.subarray(i * n + m, (i + 1) * n), i * p);
      }
    onProgress?.(1);
    return {
      d,
      m,
      p,
      lambda,
      C,
      CK: matmulSmall(C, d, m, K, m),
      r: m,
      K,
      B,
      CB: matmulSmall(C, d, m, B, p),
      Q: null,
      CQ: C,
      solveMethod: worst(methods),
      podResidual: null,
    };
  }

  // Truncated (p = 0): C·A = Σ (C Ψ(y_k)) Ψ(x_k)ᵀ by the gemm kernel (C Ψ(y_k) first, d is small),
  // in the projection pass's chunks, then C·K = (C·A)(G + λI)⁻¹.
  const { r, Q, Ar, Gr } = proj;
  const chunk = DEFAULT_BLOCK_ROWS;
  const xb = new Float64Array(chunk * m);
  const yb = new Float64Array(chunk * m);
  const cA = new Float64Array(d * m);
  const Ct = transpose(C, d, m);
  const total = train.count * (train.points - 1);
  let done = 0;
  if (par && par.pool.size > 1) {
    // Per-chunk partials in the threads, added here in chunk order (parallel.ts).
    const runs = splitChunks(chunksOf(train, chunk), par.pool.size);
    const parts = par.pool.map<CaShared, Int32Array, Float64Array>(
      'ca',
      { layer: par.layer, train: plainSet(train), Ct },
      runs,
    );
    for (const part of parts)
      for (let at = 0; at < part.length; at += d * m) addPartial(part.subarray(at, at + d * m), cA);
  } else
    forEachChunk(train, chunk, (j, t, rows) => {
      liftChunk(dict, train, j, t, rows, xb, yb);
      const cy = gemmNN(yb, rows, m, Ct, d);
      addPartial(transposedProduct(cy, 0, rows, d, xb, m), cA);
      done += rows;
      onProgress?.(done / total);
    });
  const CK = zSolver.solveRight(cA, d);
  methods.push(zSolver.method);
  const Grl = Float64Array.from(Gr);
  for (let a = 0; a < r; a++) Grl[a * r + a] += lambda;
  const krSol = solveRightSpd(Ar, r, Grl, r);
  methods.push(krSol.method);
  return {
    d,
    m,
    p,
    lambda,
    C,
    CK,
    r,
    K: krSol.x,
    B: new Float64Array(0),
    CB: new Float64Array(0),
    Q,
    CQ: matmulSmall(C, d, m, Q, r),
    solveMethod: worst(methods),
    podResidual: proj.residual,
  };
}

/**
 * accumulateEdmd over the pool's threads: G_z and A_z by output blocks, Σ x zᵀ and Σ y zᵀ by
 * column blocks, each element summed over every pair in order as in the serial pass (parallel.ts),
 * so the sums are bit-identical to it for any number of threads.
 */
function accumulateParallel(
  dict: Dictionary,
  train: FitData,
  truncated: boolean,
  par: ParallelFit,
): EdmdSums {
  const d = train.d;
  const p = train.p ?? 0;
  const m = dict.m;
  const n = m + p;
  const tasks = planGram(n, par.pool.size, !truncated);
  const results = par.pool.map<GramShared, GramTask, GramResult>(
    'gram',
    { layer: par.layer, train: plainSet(train) },
    tasks,
  );
  const { G, A, xz, yz } = mergeGram(results, tasks, d, m, n, !truncated);
  // Σ ‖y_k‖² in the serial pass's order (chunk by chunk).
  let yy = 0;
  forEachChunk(train, DEFAULT_BLOCK_ROWS, (j, s, rows) => {
    const base = j * train.points + s;
    for (let k = (base + 1) * d; k < (base + 1 + rows) * d; k++) yy += train.data[k] ** 2;
  });
  return { d, m, p, G, A, xz, yz, yy, pairs: train.count * (train.points - 1) };
}

/** The first method that is not plain Cholesky (the fallback that ran), else 'cholesky'. */
function worst(methods: string[]): string {
  return methods.find((s) => s !== 'cholesky') ?? 'cholesky';
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

/**
 * The whole fit in one call (features → projection when r < m → solve): what the staged run does
 * without a stage cache. rank ≥ m (or p ≥ 1) means no truncation.
 */
export function fitEdmd(
  dict: Dictionary,
  train: FitData,
  opts: { reg: number; rank: number },
  rng: Rng,
): EdmdFit {
  const r = (train.p ?? 0) > 0 ? dict.m : Math.min(opts.rank, dict.m);
  const truncated = r < dict.m;
  const sums = accumulateEdmd(dict, train, truncated);
  const proj = truncated ? projectEdmd(dict, train, sums, r, rng) : null;
  return solveEdmd(dict, train, sums, proj, opts.reg);
}
