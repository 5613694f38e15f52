/**
 * Echo state network (ESN) baseline (issue 13; docs/METHOD.md names it as the reservoir-computing
 * reference): a fixed random recurrent reservoir driven by the standardised state, and a linear
 * readout fitted by ridge least squares with the project's own Gram kernel and SPD solver.
 *
 * Shapes: d state components, N reservoir units, m = 2N + 1 readout features.
 * - Input u_t = (x_t − μ) ⊘ σ (d), μ, σ the training data's per-component mean and std.
 * - Reservoir (leaky, Jaeger 2001; Lukoševičius 2012 "A practical guide"):
 *     r_{t+1} = (1 − a) r_t + a · tanh(W_res r_t + W_in u_t + b)
 *   W_res: N×N sparse, K = min(N, 10) non-zeros per row at distinct random columns, values
 *   U(−1, 1), then scaled so that its spectral radius is exactly ρ (eigenvalues by the project's
 *   QR solver, src/numerics/linalg/eigenvalues.ts); W_in: N×d, entries U(−s, s); b: N, U(−s, s);
 *   a ∈ (0, 1] the leak rate. tanh is tanhDet (bit-identical in Node and the browser).
 * - Readout (quadratic, as in Pathak et al. 2018): φ(r) = [r; r∘r; 1] (m), û_{t+1} = W_out φ(r_{t+1}),
 *   x̂_{t+1} = μ + σ ⊙ û_{t+1}. W_out (d×m) = A (G + λI)⁻¹ with G = Σ φ φᵀ, A = Σ u_{t+1} φᵀ over the
 *   training pairs after a washout, λ = λ_rel · trace(G)/m (the lab's relative ridge).
 * - Forecast: warm the reservoir on the w true states before the start (teacher forcing), feed
 *   the start, then feed back each prediction (free run).
 *
 * Pure: randomness only from the Rng passed in.
 */
import { createGramAccumulator } from '../numerics/kernels/gramKernels';
import { tanhDet } from '../numerics/kernels/tanhDet';
import { eigenvalues } from '../numerics/linalg/eigenvalues';
import type { Rng } from '../numerics/rng';
import { factorSpd } from '../numerics/spdSolver';
import type { TrajectorySet } from '../numerics/trajectorySet';
import { check, type BlowupBox, type RolloutOutput } from './rollout';

/** Non-zeros per row of W_res (dense below this size). */
export const ESN_ROW_NONZEROS = 10;

export interface EsnSettings {
  /** Reservoir size N. */
  size: number;
  /** Spectral radius ρ of W_res. */
  rho: number;
  /** Input scaling s (W_in and b entries in [−s, s]). */
  inScale: number;
  /** Leak rate a ∈ (0, 1]. */
  leak: number;
  /** Relative ridge λ_rel (λ = λ_rel · trace(G)/m). */
  ridge: number;
}

/** A reservoir: W_res in compressed sparse rows, W_in, b and the eigenvalues of the scaled W_res. */
export interface Reservoir {
  n: number;
  d: number;
  leak: number;
  /** CSR of W_res: row i's entries are val[rowPtr[i] … rowPtr[i+1]) at columns col[…]. */
  rowPtr: Int32Array;
  col: Int32Array;
  val: Float64Array;
  /** W_in: N×d row-major. */
  win: Float64Array;
  /** b: N. */
  bias: Float64Array;
  /** Eigenvalues of the scaled W_res (N of them): max |λ| = ρ. */
  eig: { re: Float64Array; im: Float64Array };
  /** Spectral radius of the unscaled random matrix (the scale factor was ρ/rho0). */
  rho0: number;
}

/** The eigenvalues and spectral radius max |λ| of a dense n×n matrix. */
export function spectralRadius(
  a: Float64Array,
  n: number,
): {
  radius: number;
  eig: { re: Float64Array; im: Float64Array };
} {
  const eig = eigenvalues(a, n);
  let radius = 0;
  for (let k = 0; k < n; k++) radius = Math.max(radius, Math.hypot(eig.re[k], eig.im[k]));
  return { radius, eig };
}

/**
 * Draws a reservoir for d inputs. Draw order (part of the reproducibility contract): W_res row by
 * row (columns, then values), then W_in row by row, then b.
 */
export function buildReservoir(d: number, s: EsnSettings, rng: Rng): Reservoir {
  const n = s.size;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`reservoir size must be ≥ 1, got ${n}`);
  const k = Math.min(n, ESN_ROW_NONZEROS);
  const rowPtr = new Int32Array(n + 1);
  const col = new Int32Array(n * k);
  const val = new Float64Array(n * k);
  const dense = new Float64Array(n * n);
  const taken = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    rowPtr[i] = i * k;
    // k distinct columns: rejection on a marker array (k ≤ 10 ≪ n, or all columns when n ≤ 10).
    const cols: number[] = [];
    while (cols.length < k) {
      const c = rng.int(n);
      if (!taken[c]) {
        taken[c] = 1;
        cols.push(c);
      }
    }
    cols.sort((x, y) => x - y);
    for (let q = 0; q < k; q++) {
      taken[cols[q]] = 0;
      col[i * k + q] = cols[q];
      const v = rng.range(-1, 1);
      val[i * k + q] = v;
      dense[i * n + cols[q]] = v;
    }
  }
  rowPtr[n] = n * k;
  const { radius: rho0, eig } = spectralRadius(dense, n);
  // A matrix with spectral radius 0 (nilpotent: possible only for tiny n) cannot be scaled to ρ.
  const f = rho0 > 0 ? s.rho / rho0 : 0;
  for (let q = 0; q < val.length; q++) val[q] *= f;
  for (let q = 0; q < n; q++) {
    eig.re[q] *= f;
    eig.im[q] *= f;
  }
  const win = new Float64Array(n * d);
  for (let q = 0; q < win.length; q++) win[q] = rng.range(-s.inScale, s.inScale);
  const bias = new Float64Array(n);
  for (let q = 0; q < n; q++) bias[q] = rng.range(-s.inScale, s.inScale);
  return { n, d, leak: s.leak, rowPtr, col, val, win, bias, eig, rho0 };
}

/** The W_res of a reservoir as a dense N×N row-major matrix. */
export function denseReservoir(res: Reservoir): Float64Array {
  const { n } = res;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let q = res.rowPtr[i]; q < res.rowPtr[i + 1]; q++) a[i * n + res.col[q]] = res.val[q];
  return a;
}

/**
 * One reservoir step in place: r ← (1 − a) r + a tanh(W_res r + W_in u + b). `scratch` (N) holds
 * the pre-activation; u (d) is the standardised input.
 */
export function stepReservoir(
  res: Reservoir,
  r: Float64Array,
  u: ArrayLike<number>,
  scratch: Float64Array,
): void {
  const { n, d, leak, rowPtr, col, val, win, bias } = res;
  for (let i = 0; i < n; i++) {
    let z = bias[i];
    for (let q = rowPtr[i]; q < rowPtr[i + 1]; q++) z += val[q] * r[col[q]];
    for (let c = 0; c < d; c++) z += win[i * d + c] * u[c];
    scratch[i] = z;
  }
  for (let i = 0; i < n; i++) r[i] = (1 - leak) * r[i] + leak * tanhDet(scratch[i]);
}

/** The readout features φ(r) = [r; r∘r; 1] into out[off … off + 2N]. */
export function readoutFeatures(r: Float64Array, out: Float64Array, off: number): void {
  const n = r.length;
  for (let i = 0; i < n; i++) {
    out[off + i] = r[i];
    out[off + n + i] = r[i] * r[i];
  }
  out[off + 2 * n] = 1;
}

/** A fitted ESN: the reservoir, the readout and the standardisation. */
export interface EsnModel {
  res: Reservoir;
  /** W_out: d×(2N+1) row-major, on standardised states. */
  wout: Float64Array;
  mean: Float64Array;
  std: Float64Array;
  /** The ridge used, λ = λ_rel · trace(G)/m. */
  lambda: number;
  /** Training pairs used (after each trajectory's washout). */
  pairs: number;
  /** The solve path ('cholesky' or the fallback's name). */
  solveMethod: string;
}

/** The standardised state (x − μ)/σ of x[off … off + d) into u. */
function standardise(
  x: ArrayLike<number>,
  off: number,
  mean: Float64Array,
  std: Float64Array,
  u: Float64Array,
) {
  for (let c = 0; c < u.length; c++) u[c] = (x[off + c] - mean[c]) / std[c];
}

/** Washout of a training trajectory of `points` states: the warm-up, at most half its pairs. */
export function trainWashout(warm: number, points: number): number {
  return Math.min(warm, Math.floor((points - 1) / 2));
}

/**
 * Fits the readout on every training trajectory: from r = 0, teacher-forced on the true states;
 * pairs (φ(r_{t+1}), u_{t+1}) with t ≥ washout enter G = Σ φφᵀ (Gram kernel) and A = Σ u φᵀ.
 * `progress` gets the fraction of pairs done.
 */
export function fitEsn(
  res: Reservoir,
  train: TrajectorySet,
  mean: Float64Array,
  std: Float64Array,
  ridge: number,
  warm: number,
  progress: (f: number) => void = () => {},
): EsnModel {
  const { d, count, points, data } = train;
  const n = res.n;
  const m = 2 * n + 1;
  const acc = createGramAccumulator(m);
  const A = new Float64Array(d * m);
  const targets = new Float64Array(acc.blockRows * d);
  const r = new Float64Array(n);
  const scratch = new Float64Array(n);
  const u = new Float64Array(d);
  const washout = trainWashout(warm, points);
  let rows = 0;
  let pairs = 0;
  const flush = () => {
    acc.accumulate(rows);
    const X = acc.xBlock;
    for (let k = 0; k < rows; k++)
      for (let i = 0; i < d; i++) {
        const y = targets[k * d + i];
        const ai = i * m;
        const xk = k * m;
        for (let j = 0; j < m; j++) A[ai + j] += y * X[xk + j];
      }
    rows = 0;
  };
  try {
    for (let j = 0; j < count; j++) {
      r.fill(0);
      for (let t = 0; t < points - 1; t++) {
        standardise(data, (j * points + t) * d, mean, std, u);
        stepReservoir(res, r, u, scratch);
        if (t < washout) continue;
        readoutFeatures(r, acc.xBlock, rows * m);
        standardise(data, (j * points + t + 1) * d, mean, std, u);
        targets.set(u, rows * d);
        rows++;
        pairs++;
        if (rows === acc.blockRows) flush();
      }
      progress((j + 1) / count);
    }
    flush();
    if (pairs === 0) throw new RangeError('the ESN has no training pairs after the washout');
    const G = acc.gram();
    let tr = 0;
    for (let i = 0; i < m; i++) tr += G[i * m + i];
    const lambda = (ridge * tr) / m;
    for (let i = 0; i < m; i++) G[i * m + i] += lambda;
    const solver = factorSpd(G, m);
    const wout = solver.solveRight(A, d);
    return { res, wout, mean, std, lambda, pairs, solveMethod: solver.method };
  } finally {
    acc.dispose();
  }
}

/** û = W_out φ(r) (d), from the features in `phi` (m). */
function readout(model: EsnModel, phi: Float64Array, out: Float64Array) {
  const m = phi.length;
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += model.wout[i * m + j] * phi[j];
    out[i] = s;
  }
}

/**
 * Warm-up windows of the test starts: count×(w+1)×d, window j ends with start j (row w), rows
 * 0…w−1 are the true states before it.
 */
export interface WarmWindows {
  count: number;
  /** Warm-up steps w. */
  warm: number;
  data: Float64Array;
}

/**
 * Free-running ESN forecasts from each warm-up window: the reservoir is teacher-forced on the w
 * states before the start, then fed the start and its own predictions for `horizon` steps.
 * Returns count×(horizon+1)×d (row 0 = the true start); a forecast that turns non-finite or leaves
 * the blow-up box is stopped there (remaining steps NaN), as the sampled network's rollouts are.
 */
export function esnForecast(
  model: EsnModel,
  windows: WarmWindows,
  horizon: number,
  box: BlowupBox,
): RolloutOutput {
  const { res, mean, std } = model;
  const { d, n } = res;
  const { count, warm } = windows;
  const stride = horizon + 1;
  const x = new Float64Array(count * stride * d).fill(NaN);
  const divergedAt = new Int32Array(count).fill(-1);
  const divergedReason: Array<'nan' | 'blowup' | null> = new Array(count).fill(null);
  const r = new Float64Array(n);
  const scratch = new Float64Array(n);
  const phi = new Float64Array(2 * n + 1);
  const u = new Float64Array(d);
  const y = new Float64Array(d);
  for (let j = 0; j < count; j++) {
    const w0 = j * (warm + 1) * d;
    r.fill(0);
    for (let t = 0; t < warm; t++) {
      standardise(windows.data, w0 + t * d, mean, std, u);
      stepReservoir(res, r, u, scratch);
    }
    const base = j * stride * d;
    x.set(windows.data.subarray(w0 + warm * d, w0 + (warm + 1) * d), base);
    standardise(windows.data, w0 + warm * d, mean, std, u);
    for (let t = 0; t < horizon; t++) {
      stepReservoir(res, r, u, scratch);
      readoutFeatures(r, phi, 0);
      readout(model, phi, y);
      const off = base + (t + 1) * d;
      for (let c = 0; c < d; c++) x[off + c] = mean[c] + std[c] * y[c];
      const bad = check(x, off, d, box);
      if (bad) {
        divergedAt[j] = t + 1;
        divergedReason[j] = bad;
        x.fill(NaN, off, base + stride * d);
        break;
      }
      u.set(y);
    }
  }
  return { x, divergedAt, divergedReason };
}

/**
 * One-step MSE of the ESN on a set of trajectories, each preceded by its warm-up window (the
 * window's last row is the set's first state): the reservoir is teacher-forced on the window and
 * then on the true states; x̂_{t+1} from φ(r_{t+1}) against x_{t+1}, averaged over pairs and
 * components (the sampled network's oneStepMse, src/method/metrics.ts, in the same units).
 * windows = null: from r = 0 with `washout` unscored pairs per trajectory (the training set).
 */
export function esnOneStepMse(
  model: EsnModel,
  set: TrajectorySet,
  windows: WarmWindows | null,
  washout = 0,
): number {
  const { res, mean, std } = model;
  const { d, n } = res;
  const { count, points, data } = set;
  const r = new Float64Array(n);
  const scratch = new Float64Array(n);
  const phi = new Float64Array(2 * n + 1);
  const u = new Float64Array(d);
  const y = new Float64Array(d);
  let s = 0;
  let pairs = 0;
  for (let j = 0; j < count; j++) {
    r.fill(0);
    if (windows) {
      const w0 = j * (windows.warm + 1) * d;
      for (let t = 0; t < windows.warm; t++) {
        standardise(windows.data, w0 + t * d, mean, std, u);
        stepReservoir(res, r, u, scratch);
      }
    }
    for (let t = 0; t < points - 1; t++) {
      standardise(data, (j * points + t) * d, mean, std, u);
      stepReservoir(res, r, u, scratch);
      if (t < washout) continue;
      readoutFeatures(r, phi, 0);
      readout(model, phi, y);
      const off = (j * points + t + 1) * d;
      for (let c = 0; c < d; c++) s += (mean[c] + std[c] * y[c] - data[off + c]) ** 2;
      pairs++;
    }
  }
  return pairs === 0 ? NaN : s / (pairs * d);
}
