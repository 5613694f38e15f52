/**
 * "Grow the network" (METHOD.md §13): the EDMD fit of a free system (p = 0) with only the first
 * k of its M sampled neurons, for k = 1 … M, refitted from the sums the features stage already
 * accumulated — no pass over the data is needed for the fit itself.
 *
 * The dictionary is Ψ(x) = [ψ_1(x) … ψ_M(x); 1] (the constant feature LAST, METHOD.md §2), so the
 * dictionary of the first k neurons, Ψ_k = [ψ_1 … ψ_k; 1], takes the rows and columns
 * idx_k = (0, 1, …, k−1, M) of the accumulated sums (m = M + 1, each m×m or d×m, row-major):
 *   G_k = G[idx_k, idx_k],  A_k = A[idx_k, idx_k],  (Σ x Ψᵀ)_k = xz[:, idx_k],  (Σ y Ψᵀ)_k = yz[:, idx_k].
 * Each entry of the accumulated sums is the plain sequential sum over the pairs in order
 * (METHOD.md §3), and the lift of one neuron does not depend on the others, so G_k is bit-identical
 * to the Gram matrix a fresh pass with the first k neurons would accumulate.
 *
 * The ridge is the full run's ABSOLUTE λ for every k (λ = λ_rel · trace(G)/(M+1) of the full
 * model), so the fits are nested ridge problems: with Ψ_k ⊂ Ψ_{k+1} and the same λ,
 *   J_k = min_D Σ_t ‖y_t − D Ψ_k(x_t)‖² + λ‖D‖²_F
 * cannot increase with k (a zero column extends the optimum of k to a feasible point of k + 1 with
 * the same value). With λ_rel = 10⁻¹² the difference to a per-k relative ridge is far below
 * anything shown. At k = M every number (K, C, C·K, the eigenvalues, the one-step MSEs) is the full
 * run's, bit for bit (same arrays, same solver calls in the same order).
 *
 * What the app calls the one-step MSE is that of the RNN's map C·K (METHOD.md §6), not of the direct
 * regression D: C·K = (Σ x Ψᵀ)(G + λI)⁻¹ A (G + λI)⁻¹ equals D only when the readout C is exact
 * (x = C Ψ(x) for every state), so the train MSE of C·K is near-monotone but not guaranteed to be;
 * J_k (reported per pair and component) is the exactly monotone quantity.
 */
import { oneStepMse, spectrumStats } from './metrics';
import { matmulSmall, type EdmdSums } from './edmd';
import { addPartial, transposedProduct } from './parallelBase';
import { createGramAccumulator } from '../numerics/kernels/gramKernels';
import {
  layerDictionary,
  liftMany,
  type Dictionary,
  type HiddenLayer,
} from './sampling/hiddenLayer';
import { eigenvalues } from '../numerics/linalg/eigenvalues';
import { factorSpd } from '../numerics/spdSolver';
import { pairOffset, scoredStride, type TrajectorySet } from '../numerics/trajectorySet';

export interface GrowInput {
  /** The full hidden layer (M neurons; W: M×d, b: M). */
  layer: HiddenLayer;
  /** The features stage's sums of the full dictionary, p = 0, with the cross term A (not null). */
  sums: EdmdSums;
  /** The absolute ridge λ of the full fit (EdmdFit.lambda), used for every k. */
  lambda: number;
  /** Training trajectories (train MSE over evenly strided pairs, at most trainPairs of them). */
  train: TrajectorySet;
  trainPairs: number;
  /** Test trajectories (test MSE over every pair). */
  test: TrajectorySet;
  /** Widths with the full fit and spectrum (default growSchedule(M)); every k in 1…M. */
  schedule?: number[];
  /** Widths of the dense MSE curve (default denseWidths(M)). */
  dense?: number[];
  /** Eigenvalues are computed for k + 1 ≤ spectrumMax only (default 501: 10·m³ flops). */
  spectrumMax?: number;
  onProgress?: (fraction: number) => void;
}

/** The fit with the first `width` neurons (a step of the schedule). */
export interface GrowStep {
  width: number;
  /** One-step MSE of the RNN map C_k·K_k on the training pairs and the test pairs (METHOD.md §6). */
  trainMse: number;
  testMse: number;
  /** J_k / (N·d): the ridge objective of the direct one-step regression, per pair and component. */
  objective: number;
  /** K_k: (k+1)×(k+1), row-major. */
  K: Float64Array;
  /** Eigenvalues of K_k (sorted as src/numerics/linalg/eigenvalues), or null above spectrumMax. */
  eig: { re: Float64Array; im: Float64Array } | null;
  unstable: number;
  radius: number;
  /** 'cholesky', 'cholesky-jitter' or 'eig-pinv' (spdSolver's path for G_k + λI). */
  solveMethod: string;
}

export interface GrowResult {
  /** Full width M, state dimension d, number of training pairs N, the absolute ridge λ. */
  M: number;
  d: number;
  pairs: number;
  lambda: number;
  steps: GrowStep[];
  /**
   * The dense curve: for each width k in `widths`, the train and test one-step MSE of C_k·K_k and
   * the objective J_k/(N·d). At the schedule's widths these are the steps' values.
   */
  curve: { widths: number[]; trainMse: number[]; testMse: number[]; objective: number[] };
  spectrumMax: number;
}

/** 1, 2, 3, 4, 6, 8, 11, 16, … (⌊√2ⁱ⌉ without repeats), then M: the frames of the animation. */
export function growSchedule(M: number): number[] {
  if (!Number.isInteger(M) || M < 1)
    throw new RangeError(`width M must be an integer ≥ 1, got ${M}`);
  const out: number[] = [];
  for (let i = 0; ; i++) {
    const k = Math.round(Math.SQRT2 ** i);
    if (k >= M) break;
    if (out[out.length - 1] !== k) out.push(k);
  }
  out.push(M);
  return out;
}

/**
 * Every k in 1…M when M ≤ 240; above that every k up to 25 and then steps of ⌊k/25⌋ (about 4 %,
 * ≈ 25·(1 + ln(M/25)) widths: 145 for M = 3000); always with the schedule's widths.
 */
export function denseWidths(M: number, schedule: number[] = growSchedule(M)): number[] {
  const set = new Set<number>(schedule);
  if (M <= 240) for (let k = 1; k <= M; k++) set.add(k);
  else for (let k = 1; k <= M; k += Math.max(1, Math.floor(k / 25))) set.add(k);
  set.add(M);
  return [...set].filter((k) => k >= 1 && k <= M).sort((a, b) => a - b);
}

/** Row/column indices of the first k neurons plus the constant feature (index M). */
function indicesOf(k: number, M: number): Int32Array {
  const idx = new Int32Array(k + 1);
  for (let i = 0; i < k; i++) idx[i] = i;
  idx[k] = M;
  return idx;
}

/** a[rows idx, cols idx] of a square n×n matrix. */
function subSquare(a: Float64Array, n: number, idx: Int32Array): Float64Array {
  const q = idx.length;
  const out = new Float64Array(q * q);
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) out[i * q + j] = a[idx[i] * n + idx[j]];
  return out;
}

/** a[:, idx] of a rows×n matrix. */
function subCols(a: Float64Array, rows: number, n: number, idx: Int32Array): Float64Array {
  const q = idx.length;
  const out = new Float64Array(rows * q);
  for (let i = 0; i < rows; i++) for (let j = 0; j < q; j++) out[i * q + j] = a[i * n + idx[j]];
  return out;
}

/** The hidden layer of the first k neurons (shares W's and b's leading entries). */
export function firstNeurons(layer: HiddenLayer, k: number): HiddenLayer {
  return {
    d: layer.d,
    width: k,
    W: layer.W.slice(0, k * layer.d),
    b: layer.b.slice(0, k),
    act: layer.act,
    pairs: layer.pairs ? layer.pairs.slice(0, 2 * k) : null,
  };
}

/**
 * J(D)/(N·d) with J(D) = Σ‖y‖² − 2 tr(D yzᵀ) + tr(D (G + λI) Dᵀ): the ridge objective at the
 * computed D (stationary at the optimum, so D's rounding error enters only quadratically).
 */
function objectiveAt(
  D: Float64Array,
  yz: Float64Array,
  Gl: Float64Array,
  q: number,
  d: number,
  yy: number,
  pairs: number,
): number {
  let lin = 0;
  let quad = 0;
  const row = new Float64Array(q);
  for (let i = 0; i < d; i++) {
    row.fill(0);
    for (let a = 0; a < q; a++) {
      const dia = D[i * q + a];
      lin += dia * yz[i * q + a];
      for (let b = 0; b < q; b++) row[b] += dia * Gl[a * q + b];
    }
    for (let b = 0; b < q; b++) quad += row[b] * D[i * q + b];
  }
  return (yy - 2 * lin + quad) / (pairs * d);
}

interface Solved {
  C: Float64Array;
  K: Float64Array | null;
  CK: Float64Array;
  objective: number;
  method: string;
}

/**
 * The ridge fit of the first k neurons from the sums. `withK`: K_k = A_k (G_k + λI)⁻¹ and
 * C·K = C_k K_k exactly as solveEdmd computes them; otherwise C·K = (C_k A_k)(G_k + λI)⁻¹ (equal in
 * exact arithmetic, d right-hand sides instead of k + 1).
 */
function solveFirst(sums: EdmdSums, k: number, M: number, lambda: number, withK: boolean): Solved {
  const { d, m } = sums;
  const idx = indicesOf(k, M);
  const q = k + 1;
  const Gz = subSquare(sums.G, m, idx);
  for (let i = 0; i < q; i++) Gz[i * q + i] += lambda;
  const solver = factorSpd(Gz, q);
  const methods: string[] = [];
  const C = solver.solveRight(subCols(sums.xz, d, m, idx), d);
  methods.push(solver.method);
  const Ak = subSquare(sums.A!, m, idx);
  let K: Float64Array | null = null;
  let CK: Float64Array;
  if (withK) {
    K = solver.solveRight(Ak, q);
    methods.push(solver.method);
    CK = matmulSmall(C, d, q, K, q);
  } else {
    CK = solver.solveRight(matmulSmall(C, d, q, Ak, q), d);
    methods.push(solver.method);
  }
  const yzk = subCols(sums.yz, d, m, idx);
  const D = solver.solveRight(yzk, d);
  methods.push(solver.method);
  const objective = objectiveAt(D, yzk, Gz, q, d, sums.yy, sums.pairs);
  return { C, K, CK, objective, method: methods.find((s) => s !== 'cholesky') ?? 'cholesky' };
}

/**
 * Sums of the evaluation pairs (x_r, y_r) that oneStepMse scores (every `stride`-th pair, stride =
 * max(1, ⌊N/maxPairs⌋)), lifted once through the full dictionary: S = Σ Ψ(x_r)Ψ(x_r)ᵀ (m×m),
 * Sy = Σ y_r Ψ(x_r)ᵀ (d×m), yy = Σ ‖y_r‖², so the MSE of any width's C·K is a quadratic form.
 */
interface EvalSums {
  rows: number;
  S: Float64Array;
  Sy: Float64Array;
  yy: number;
}

function evalSums(dict: Dictionary, set: TrajectorySet, maxPairs: number): EvalSums {
  const { d, count, points } = set;
  const m = dict.m;
  const total = count * (points - 1);
  const stride = scoredStride(set, maxPairs);
  const acc = createGramAccumulator(m);
  const xs = new Float64Array(acc.blockRows * d);
  const ys = new Float64Array(acc.blockRows * d);
  const Sy = new Float64Array(d * m);
  let yy = 0;
  let rows = 0;
  let k0 = 0;
  while (k0 < total) {
    let n = 0;
    for (; n < acc.blockRows && k0 < total; n++, k0 += stride) {
      const off = pairOffset(set, k0);
      xs.set(set.data.subarray(off, off + d), n * d);
      ys.set(set.data.subarray(off + d, off + 2 * d), n * d);
    }
    liftMany(dict, xs, 0, n, acc.xBlock, 0);
    addPartial(transposedProduct(ys, 0, n, d, acc.xBlock, m), Sy);
    acc.accumulate(n);
    for (let i = 0; i < n * d; i++) yy += ys[i] * ys[i];
    rows += n;
  }
  const S = acc.gram();
  acc.dispose();
  return { rows, S, Sy, yy };
}

/**
 * Mean squared one-step error of C·K (d×(k+1), columns idx) on the evaluation pairs:
 * (tr(CK S_k CKᵀ) − 2 tr(CK Sy_kᵀ) + yy)/(rows·d). The expansion cancels: its absolute rounding
 * error is ≈ ε·yy/(rows·d) (≈ 10⁻¹⁵ for van der Pol), far below every MSE drawn.
 */
function quadMse(ev: EvalSums, CK: Float64Array, idx: Int32Array, m: number, d: number): number {
  const q = idx.length;
  let quad = 0;
  let lin = 0;
  const row = new Float64Array(q);
  for (let i = 0; i < d; i++) {
    row.fill(0);
    for (let a = 0; a < q; a++) {
      const c = CK[i * q + a];
      lin += c * ev.Sy[i * m + idx[a]];
      const sa = idx[a] * m;
      for (let b = 0; b < q; b++) row[b] += c * ev.S[sa + idx[b]];
    }
    for (let b = 0; b < q; b++) quad += row[b] * CK[i * q + b];
  }
  return Math.max(0, quad - 2 * lin + ev.yy) / (ev.rows * d);
}

/**
 * Grows the network: the full fit and spectrum at every width of the schedule, and the one-step
 * MSEs and the ridge objective at every width of the dense curve (see the module comment).
 * Cost per width k: one Cholesky of (k+1)² plus lifting the evaluation pairs through k neurons;
 * at the schedule's widths also (k+1)³ for K_k and ≈ 10 (k+1)³ for its eigenvalues.
 */
export function growNetwork(input: GrowInput): GrowResult {
  const { layer, sums, lambda, train, test, trainPairs } = input;
  const M = layer.width;
  if (sums.p !== 0) throw new RangeError('grow the network: only systems without inputs (p = 0)');
  if (sums.m !== M + 1)
    throw new RangeError(`grow the network: sums of ${sums.m} ≠ M + 1 features`);
  if (!sums.A)
    throw new RangeError('grow the network needs the cross term A (accumulate it first)');
  if (!(lambda >= 0)) throw new RangeError(`grow the network: λ must be ≥ 0, got ${lambda}`);
  const schedule = input.schedule ?? growSchedule(M);
  for (const k of schedule)
    if (!Number.isInteger(k) || k < 1 || k > M)
      throw new RangeError(`grow the network: width ${k} outside 1…${M}`);
  const dense = input.dense ?? denseWidths(M, schedule);
  const spectrumMax = input.spectrumMax ?? 501;
  const inSchedule = new Set(schedule);
  // Work estimate for the progress bar: (k+1)³ per solve, 10 (k+1)³ per spectrum.
  const work = (k: number, full: boolean) =>
    (k + 1) ** 3 * (full ? (k + 1 <= spectrumMax ? 12 : 2) : 1) + (full ? 4 * (k + 1) * 9000 : 0);
  const total = dense.reduce((s, k) => s + work(k, inSchedule.has(k)), 0);
  let done = 0;
  // The dense curve scores each width by a quadratic form in sums over the same pairs as
  // oneStepMse, lifted once; the schedule's widths are scored by oneStepMse itself (bit-identical
  // to the run at k = M).
  const fullDict = layerDictionary(layer);
  const evTrain = evalSums(fullDict, train, trainPairs);
  const evTest = evalSums(fullDict, test, Infinity);

  const steps: GrowStep[] = [];
  const curve = {
    widths: [] as number[],
    trainMse: [] as number[],
    testMse: [] as number[],
    objective: [] as number[],
  };
  for (const k of dense) {
    const full = inSchedule.has(k);
    const s = solveFirst(sums, k, M, lambda, full);
    let trainMse: number;
    let testMse: number;
    if (full) {
      const dict = k === M ? fullDict : layerDictionary(firstNeurons(layer, k));
      trainMse = oneStepMse(dict, s.CK, train, trainPairs);
      testMse = oneStepMse(dict, s.CK, test, Infinity);
    } else {
      const idx = indicesOf(k, M);
      trainMse = quadMse(evTrain, s.CK, idx, M + 1, sums.d);
      testMse = quadMse(evTest, s.CK, idx, M + 1, sums.d);
    }
    curve.widths.push(k);
    curve.trainMse.push(trainMse);
    curve.testMse.push(testMse);
    curve.objective.push(s.objective);
    if (full) {
      const q = k + 1;
      let eig: GrowStep['eig'] = null;
      if (q <= spectrumMax) {
        try {
          eig = eigenvalues(s.K!, q);
        } catch {
          eig = null;
        }
      }
      const stats = eig ? spectrumStats(eig) : { unstable: 0, radius: NaN };
      steps.push({
        width: k,
        trainMse,
        testMse,
        objective: s.objective,
        K: s.K!,
        eig,
        unstable: stats.unstable,
        radius: stats.radius,
        solveMethod: s.method,
      });
    }
    done += work(k, full);
    input.onProgress?.(done / total);
  }
  return { M, d: sums.d, pairs: sums.pairs, lambda, steps, curve, spectrumMax };
}
