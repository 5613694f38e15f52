/**
 * Lyapunov spectra of discrete maps by Benettin's algorithm with QR re-orthonormalisation
 * (Benettin, Galgani, Giorgilli, Strelcyn 1980; Shimada & Nagashima 1979) — METHOD.md §11.
 *
 * A map x_{t+1} = F(x_t) on R^d with Jacobian J_t = DF(x_t). Starting from an orthonormal basis
 * Q_0 (d×k, k ≤ d), each step advances the state and the basis, V = J_t Q_t, and every `qrEvery`
 * steps factors V = Q R (modified Gram–Schmidt, twice: "twice is enough", orthogonal to machine
 * precision for any condition number below 1/ε); the i-th exponent is the time average of
 * log R_ii:
 *   λ_i = (1 / (n·Δt)) Σ log R_ii   (per unit model time; Δt = 1 gives per step).
 * The first `warmup` steps align the basis with the Oseledets directions and are not counted.
 * Two maps are provided:
 * - the RNN's re-lifted map x ↦ CK Ψ(x), Ψ(x) = [σ(Wx + b); 1], whose Jacobian is analytic:
 *   J = CK[:, 0:M] · diag(σ′(Wx + b)) · W (d×d), σ′ = 1 − ψ² for tanh, 1[z > 0] for ReLU;
 * - the RK4 map of an ODE x′ = f(x) (fixed sub-steps) with its exact Jacobian, obtained by
 *   integrating the variational equation V′ = J_f(x) V alongside the state with the same RK4
 *   stages (RK4 on the augmented state (x, V); explicit Runge–Kutta commutes with linearisation,
 *   so this is the derivative of the discrete RK4 map itself).
 * Also the Kaplan–Yorke (Lyapunov) dimension D = j + (λ_1 + … + λ_j)/|λ_{j+1}|, j the largest
 * index with a non-negative partial sum.
 */
import { logDet } from '../numerics/logDet';
import type { Rng } from '../numerics/rng';
import { check, type BlowupBox } from './rollout';
import type { Dictionary } from './sampling/hiddenLayer';

/**
 * A discrete map with its tangent map. `advance` moves x (length d) one step in place and
 * replaces V (d×k row-major, column j = tangent vector j) by J(x_old)·V.
 */
export interface TangentMap {
  d: number;
  advance(x: Float64Array, V: Float64Array, k: number): void;
}

/**
 * A tangent map from a step x → F(x) (in place) and a tangent V → J(x)·V (in place, J at the
 * state before the step): the tangent is applied first, then the step.
 */
export function tangentMapOf(
  d: number,
  step: (x: Float64Array) => void,
  tangent: (x: Float64Array, V: Float64Array, k: number) => void,
): TangentMap {
  return {
    d,
    advance(x, V, k) {
      tangent(x, V, k);
      step(x);
    },
  };
}

/** A linear map x ↦ A x (A d×d row-major): its exponents are log |eigenvalues of A|. */
export function linearMap(A: Float64Array, d: number): TangentMap {
  const tmp = new Float64Array(d * d);
  const xt = new Float64Array(d);
  return tangentMapOf(
    d,
    (x) => {
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += A[i * d + j] * x[j];
        xt[i] = s;
      }
      x.set(xt);
    },
    (_x, V, k) => matMul(A, d, V, k, tmp, V),
  );
}

/** out (d×k) = A (d×d) · V (d×k); `tmp` (≥ d·k) holds the product so out may alias V. */
function matMul(
  A: Float64Array,
  d: number,
  V: Float64Array,
  k: number,
  tmp: Float64Array,
  out: Float64Array,
): void {
  for (let i = 0; i < d; i++)
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += A[i * d + j] * V[j * k + c];
      tmp[i * k + c] = s;
    }
  out.set(tmp.subarray(0, d * k));
}

/**
 * The RNN's re-lifted map x ↦ CK Ψ(x) (METHOD.md §4) with its analytic Jacobian
 * J = CK[:, 0:M] diag(σ′(z)) W, z = Wx + b. The state is advanced through `dict` (the lift kernel
 * the rollouts use, so the orbit is the re-lifted forecast's, bit for bit), each component summed
 * over c = 0 … M in order; ψ for the Jacobian is read from the same lift.
 *
 * @param W   M×d, the hidden weights (the dictionary's).
 * @param CK  d×(M+1), the RNN's one-step map.
 * @param act the hidden activation: tanh (σ′ = 1 − ψ²) or relu (σ′ = 1 where ψ > 0, else 0).
 */
export function reliftedMap(
  dict: Dictionary,
  W: Float64Array,
  CK: Float64Array,
  act: 'tanh' | 'relu',
): TangentMap {
  const d = dict.d;
  const m = dict.m;
  const M = m - 1;
  const psi = new Float64Array(m);
  const J = new Float64Array(d * d);
  const tmp = new Float64Array(d * d);
  const xn = new Float64Array(d);
  const relu = act === 'relu';
  return {
    d,
    advance(x, V, k) {
      dict.lift(x, 0, psi, 0);
      // x' = CK Ψ(x)
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let c = 0; c < m; c++) s += CK[i * m + c] * psi[c];
        xn[i] = s;
      }
      // J = Σ_j CK[:, j] σ′_j W[j, :] (d×d), then V ← J V.
      J.fill(0);
      for (let j = 0; j < M; j++) {
        const p = psi[j];
        const g = relu ? (p > 0 ? 1 : 0) : 1 - p * p;
        if (g === 0) continue;
        for (let i = 0; i < d; i++) {
          const a = CK[i * m + j] * g;
          for (let l = 0; l < d; l++) J[i * d + l] += a * W[j * d + l];
        }
      }
      matMul(J, d, V, k, tmp, V);
      x.set(xn);
    },
  };
}

/**
 * The RK4 map over one Δt (`substeps` sub-steps of h = Δt/substeps) of x′ = f(x), and its exact
 * Jacobian by RK4 on the augmented state (x, V) with V′ = J_f(x) V: the stages of x are those of
 * src/numerics/integrate.ts (so the orbit is the simulator's, bit for bit), each stage of V uses
 * J_f at that stage's state.
 *
 * @param rhs f(x) → out (length d).
 * @param jac ∂f/∂x at x → out (d×d row-major).
 */
export function rk4Map(
  rhs: (x: Float64Array, out: Float64Array) => void,
  jac: (x: Float64Array, out: Float64Array) => void,
  d: number,
  dt: number,
  substeps: number,
): TangentMap {
  const h = dt / substeps;
  const kx = [1, 2, 3, 4].map(() => new Float64Array(d));
  const kv = [1, 2, 3, 4].map(() => new Float64Array(d * d));
  const xs = new Float64Array(d);
  const vs = new Float64Array(d * d);
  const J = new Float64Array(d * d);
  return {
    d,
    advance(x, V, k) {
      const n = d * k;
      // One stage: kx = f(xs), kv = J_f(xs) · vs.
      const stage = (s: number) => {
        rhs(xs, kx[s]);
        jac(xs, J);
        const o = kv[s];
        for (let i = 0; i < d; i++)
          for (let c = 0; c < k; c++) {
            let v = 0;
            for (let j = 0; j < d; j++) v += J[i * d + j] * vs[j * k + c];
            o[i * k + c] = v;
          }
      };
      for (let sub = 0; sub < substeps; sub++) {
        xs.set(x);
        vs.set(V.subarray(0, n));
        stage(0);
        for (let i = 0; i < d; i++) xs[i] = x[i] + 0.5 * h * kx[0][i];
        for (let i = 0; i < n; i++) vs[i] = V[i] + 0.5 * h * kv[0][i];
        stage(1);
        for (let i = 0; i < d; i++) xs[i] = x[i] + 0.5 * h * kx[1][i];
        for (let i = 0; i < n; i++) vs[i] = V[i] + 0.5 * h * kv[1][i];
        stage(2);
        for (let i = 0; i < d; i++) xs[i] = x[i] + h * kx[2][i];
        for (let i = 0; i < n; i++) vs[i] = V[i] + h * kv[2][i];
        stage(3);
        for (let i = 0; i < d; i++)
          x[i] += (h / 6) * (kx[0][i] + 2 * kx[1][i] + 2 * kx[2][i] + kx[3][i]);
        for (let i = 0; i < n; i++)
          V[i] += (h / 6) * (kv[0][i] + 2 * kv[1][i] + 2 * kv[2][i] + kv[3][i]);
      }
    },
  };
}

/**
 * QR of V (d×k, in place) by modified Gram–Schmidt applied twice: afterwards the columns of V are
 * orthonormal and diag[j] = R_jj > 0 (the length of column j after removing the earlier ones).
 * A column that vanishes (R_jj = 0) gets R_jj = 0 and is left zero; its exponent is −∞.
 */
export function mgsQr(V: Float64Array, d: number, k: number, diag: Float64Array): void {
  for (let j = 0; j < k; j++) {
    for (let pass = 0; pass < 2; pass++)
      for (let i = 0; i < j; i++) {
        let r = 0;
        for (let l = 0; l < d; l++) r += V[l * k + i] * V[l * k + j];
        for (let l = 0; l < d; l++) V[l * k + j] -= r * V[l * k + i];
      }
    // ‖column j‖ with scaling against overflow/underflow.
    let mx = 0;
    for (let l = 0; l < d; l++) mx = Math.max(mx, Math.abs(V[l * k + j]));
    let norm = 0;
    if (mx > 0 && Number.isFinite(mx)) {
      let ss = 0;
      for (let l = 0; l < d; l++) {
        const t = V[l * k + j] / mx;
        ss += t * t;
      }
      norm = mx * Math.sqrt(ss);
      for (let l = 0; l < d; l++) V[l * k + j] /= norm;
    } else if (!Number.isFinite(mx)) norm = mx;
    diag[j] = norm;
  }
}

/** Kaplan–Yorke dimension of a spectrum sorted in descending order. */
export function kaplanYorke(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0 || !(sorted[0] >= 0)) return 0;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    if (!Number.isFinite(sorted[j])) return NaN;
    if (sum + sorted[j] < 0) return j + sum / Math.abs(sorted[j]);
    sum += sorted[j];
  }
  return n; // every partial sum ≥ 0: the spectrum does not contract volumes
}

export interface LyapunovOptions {
  /** Counted steps (after the warm-up). */
  steps: number;
  /** Steps run first and not counted (the basis aligns with the Oseledets directions). */
  warmup: number;
  /** Model time per step: exponents are per unit time (1: per step). */
  dt: number;
  /** Number of exponents k ≤ d (default d). */
  count?: number;
  /** Re-orthonormalise every this many steps (default 1). */
  qrEvery?: number;
  /** Record the running estimates every this many counted steps (default 100). */
  recordEvery?: number;
  /** The initial orthonormal basis is drawn from this (Gaussian d×k, orthonormalised). */
  rng: Rng;
  /** Stop when the orbit turns non-finite or leaves this box (rollout.ts blowupBox). */
  box?: BlowupBox;
  /** Called with the fraction done (0…1), about every 1 % of the steps. */
  onProgress?: (fraction: number) => void;
}

export interface LyapunovSpectrum {
  /** The k exponents per unit model time, in descending order. */
  exponents: Float64Array;
  /** Σλ (per unit time). */
  sum: number;
  /** Kaplan–Yorke dimension of the spectrum. */
  kaplanYorke: number;
  /** Counted steps in the exponents (< steps when the orbit left the box first). */
  steps: number;
  warmup: number;
  dt: number;
  /**
   * Running estimates, `records` rows of k (column order of the basis: column j converges to
   * λ_j): row r is the estimate after time[r] model time units of counted steps.
   */
  running: { records: number; k: number; time: Float64Array; values: Float64Array };
  /** Step (warm-up included, 1-based) at which the orbit left the box or turned non-finite, or −1. */
  leftAt: number;
  leftReason: 'nan' | 'blowup' | null;
  /** The orbit's state at the end. */
  final: Float64Array;
}

/**
 * Benettin's algorithm from x0 (not modified) for `warmup` + `steps` steps of `map` (see the module
 * comment). The exponents come from the counted steps only; if the orbit leaves `box` (or turns
 * non-finite) the run stops and reports the exponents of the steps done before (`leftAt`).
 */
export function lyapunovSpectrum(
  map: TangentMap,
  x0: ArrayLike<number>,
  opts: LyapunovOptions,
): LyapunovSpectrum {
  const d = map.d;
  const k = opts.count ?? d;
  if (!(k >= 1 && k <= d)) throw new RangeError(`lyapunov: count ${k} not in 1…${d}`);
  const qrEvery = Math.max(1, Math.floor(opts.qrEvery ?? 1));
  const recordEvery = Math.max(1, Math.floor(opts.recordEvery ?? 100));
  const { steps, warmup, dt } = opts;
  const x = Float64Array.from(x0);
  const V = new Float64Array(d * k);
  for (let i = 0; i < d * k; i++) V[i] = opts.rng.normal();
  const diag = new Float64Array(k);
  mgsQr(V, d, k, diag);
  const sums = new Float64Array(k);
  const maxRecords = Math.floor(steps / recordEvery);
  const time = new Float64Array(maxRecords);
  const values = new Float64Array(maxRecords * k);
  let records = 0;
  const total = warmup + steps;
  const progressEvery = Math.max(1, Math.floor(total / 100));
  let leftAt = -1;
  let leftReason: 'nan' | 'blowup' | null = null;
  let counted = 0; // counted steps done
  let covered = 0; // counted steps whose growth is in `sums` (up to the last QR)
  // Steps since the last QR (the warm-up's last QR is forced, so counting starts on an orthonormal
  // basis; so is the last step's, so every counted step is covered at the end).
  let since = 0;
  for (let t = 1; t <= total; t++) {
    map.advance(x, V, k);
    since++;
    const bad = opts.box ? check(x, 0, d, opts.box) : x.every(Number.isFinite) ? null : 'nan';
    if (bad) {
      leftAt = t;
      leftReason = bad;
      break;
    }
    const counting = t > warmup;
    if (counting) counted++;
    if (since === qrEvery || t === warmup || t === total) {
      mgsQr(V, d, k, diag);
      since = 0;
      if (counting) {
        for (let j = 0; j < k; j++) sums[j] += logDet(diag[j]);
        covered = counted;
      }
    }
    if (counting && counted % recordEvery === 0 && covered > 0 && records < maxRecords) {
      // Between QRs (qrEvery > 1) the estimate is that of the last QR.
      time[records] = covered * dt;
      for (let j = 0; j < k; j++) values[records * k + j] = sums[j] / (covered * dt);
      records++;
    }
    if (opts.onProgress && t % progressEvery === 0) opts.onProgress(t / total);
  }
  const exponents = new Float64Array(k);
  for (let j = 0; j < k; j++) exponents[j] = covered > 0 ? sums[j] / (covered * dt) : NaN;
  exponents.sort((a, b) => b - a);
  let sum = 0;
  for (let j = 0; j < k; j++) sum += exponents[j];
  return {
    exponents,
    sum,
    kaplanYorke: k === d ? kaplanYorke(exponents) : NaN,
    steps: covered,
    warmup,
    dt,
    running: { records, k, time: time.slice(0, records), values: values.slice(0, records * k) },
    leftAt,
    leftReason,
    final: x,
  };
}
