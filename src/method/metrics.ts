/**
 * Forecast metrics (METHOD.md §6).
 * Normalised error: e(t) = ‖x̂_t − x_t‖ / sqrt(mean ‖x − x̄‖²), the denominator from the clean
 * training states (= sqrt(Σ_i std_i²)). Valid prediction time: the time t·Δt of the last
 * step before e(t) first exceeds ε
 * (a diverged step counts as e = ∞); a forecast that never exceeds ε gets the full horizon.
 */
import { gemmNN } from '../numerics/kernels/gemm';
import { transpose } from '../numerics/linalg/matrix';
import { liftMany, type Dictionary } from './sampling/hiddenLayer';
import { pairOffset, scoredStride, type TrajectorySet } from '../numerics/trajectorySet';

/** count×(horizon+1) normalised errors of forecasts against the truth (both count×(H+1)×d). */
export function normalisedErrors(
  forecast: Float64Array,
  test: TrajectorySet,
  horizon: number,
  scale: number | Float64Array,
): Float64Array {
  const d = test.d;
  const n = test.count;
  const e = new Float64Array(n * (horizon + 1));
  // A per-component scale σ (length d) gives the standardised RMS error √(Σ_i (Δx_i/σ_i)² / d).
  const perComponent = typeof scale !== 'number';
  for (let j = 0; j < n; j++) {
    for (let t = 0; t <= horizon; t++) {
      let s = 0;
      for (let i = 0; i < d; i++) {
        let diff =
          forecast[(j * (horizon + 1) + t) * d + i] - test.data[(j * test.points + t) * d + i];
        if (perComponent) diff /= scale[i] > 0 ? scale[i] : 1;
        s += diff * diff;
      }
      e[j * (horizon + 1) + t] = !Number.isFinite(s)
        ? Infinity
        : perComponent
          ? Math.sqrt(s / d)
          : Math.sqrt(s) / scale;
    }
  }
  return e;
}

/**
 * Valid prediction time of each forecast (model time units): t·Δt for the last step t before the
 * error first exceeds ε (a diverged step counts as e = ∞). A forecast that never exceeds ε within
 * the horizon gets the full horizon H·Δt: a lower bound (censored), counted by `censoredCount`.
 */
export function validPredictionTimes(
  err: Float64Array,
  count: number,
  horizon: number,
  eps: number,
  dt: number,
): Float64Array {
  const out = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    let t = 0;
    while (t < horizon && !(err[j * (horizon + 1) + t + 1] > eps)) t++;
    out[j] = t * dt;
  }
  return out;
}

/** Number of forecasts whose error never exceeds ε within the horizon (their VPT is a lower bound). */
export function censoredCount(
  err: Float64Array,
  count: number,
  horizon: number,
  eps: number,
): number {
  let n = 0;
  for (let j = 0; j < count; j++) {
    let crossed = false;
    for (let t = 1; t <= horizon && !crossed; t++) crossed = err[j * (horizon + 1) + t] > eps;
    if (!crossed) n++;
  }
  return n;
}

/** The p-quantile (0 ≤ p ≤ 1) with linear interpolation between order statistics (numpy's default). */
export function quantile(values: ArrayLike<number>, p: number): number {
  const s = Array.from(values).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}

/** Median of a list (mean of the two middle values for even length). */
export function median(values: ArrayLike<number>): number {
  const s = Array.from(values).sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

/** Pointwise median across forecasts: length horizon+1. */
export function medianCurve(err: Float64Array, count: number, horizon: number): Float64Array {
  const out = new Float64Array(horizon + 1);
  const col = new Float64Array(count);
  for (let t = 0; t <= horizon; t++) {
    for (let j = 0; j < count; j++) col[j] = err[j * (horizon + 1) + t];
    out[t] = median(col);
  }
  return out;
}

/**
 * Rollout MSE over steps 1..H of all forecasts: total and per component. Null when any forecast
 * diverged (an MSE over a blown-up forecast is meaningless; the divergence is reported instead).
 */
export function rolloutMse(
  forecast: Float64Array,
  test: TrajectorySet,
  horizon: number,
): { total: number | null; perComponent: number[] | null } {
  const d = test.d;
  const per = new Float64Array(d);
  for (let j = 0; j < test.count; j++) {
    for (let t = 1; t <= horizon; t++) {
      for (let i = 0; i < d; i++) {
        const diff =
          forecast[(j * (horizon + 1) + t) * d + i] - test.data[(j * test.points + t) * d + i];
        per[i] += diff * diff;
      }
    }
  }
  const n = test.count * horizon;
  const perComponent = Array.from(per, (v) => v / n);
  if (!perComponent.every(Number.isFinite)) return { total: null, perComponent: null };
  return { total: perComponent.reduce((a, b) => a + b, 0) / d, perComponent };
}

/** The input term of a controlled model: x_{t+1} ≈ CK Ψ(x_t) + CB u_t, u of pair k at inputs[k·p…]. */
export interface InputDrive {
  /** d×p. */
  CB: Float64Array;
  p: number;
  /** One row of p per snapshot pair, in pair order (trajectory by trajectory). */
  inputs: Float64Array;
}

/**
 * One-step MSE of x_{t+1} ≈ CK Ψ(x_t) (+ CB u_t with a drive) over the within-trajectory pairs
 * of a set, averaged over pairs and the first `outputs` components (all by default; a delay
 * embedding compares only its newest d entries). `maxPairs` evenly strided pairs are used (all
 * when fewer).
 */
export function oneStepMse(
  dict: Dictionary,
  CK: Float64Array,
  set: TrajectorySet,
  maxPairs: number,
  drive?: InputDrive,
  outputs = set.d,
): number {
  const { d, count, points } = set;
  const m = dict.m;
  const total = count * (points - 1);
  const stride = scoredStride(set, maxPairs);
  // Batches of pairs: their input states gathered, lifted together and multiplied by CKᵀ with the
  // gemm kernel (each sum runs over c = 0…m−1 in order from 0, as a plain loop would).
  const CKt = transpose(CK, outputs, m); // the first `outputs` rows of CK, as m×outputs
  const batch = 256;
  const xs = new Float64Array(batch * d);
  const psi = new Float64Array(batch * m);
  const offsets = new Int32Array(batch); // state offset of each batched pair's input
  const pairs = new Int32Array(batch); // and its pair index (for the drive's input row)
  let s = 0;
  let n = 0;
  for (let k0 = 0; k0 < total;) {
    let rows = 0;
    for (; rows < batch && k0 < total; rows++, k0 += stride) {
      offsets[rows] = pairOffset(set, k0);
      pairs[rows] = k0;
      xs.set(set.data.subarray(offsets[rows], offsets[rows] + d), rows * d);
    }
    liftMany(dict, xs, 0, rows, psi, 0);
    const y = gemmNN(psi, rows, m, CKt, outputs);
    for (let r = 0; r < rows; r++) {
      const off = offsets[r];
      for (let i = 0; i < outputs; i++) {
        let v = y[r * outputs + i];
        if (drive)
          for (let c = 0; c < drive.p; c++)
            v += drive.CB[i * drive.p + c] * drive.inputs[pairs[r] * drive.p + c];
        s += (v - set.data[off + d + i]) ** 2;
      }
      n++;
    }
  }
  return s / (n * outputs);
}

/**
 * Number of eigenvalues with |λ| > 1 + 1e-9 (growing modes of the linear rollout) and the
 * spectral radius max |λ|.
 */
export function spectrumStats(eig: { re: ArrayLike<number>; im: ArrayLike<number> }): {
  unstable: number;
  radius: number;
} {
  let unstable = 0;
  let radius = 0;
  for (let k = 0; k < eig.re.length; k++) {
    const mod = Math.hypot(eig.re[k], eig.im[k]);
    radius = Math.max(radius, mod);
    if (mod > 1 + 1e-9) unstable++;
  }
  return { unstable, radius };
}

/** The scores of one rollout's forecasts. */
export interface RolloutScores {
  /** count×(H+1) normalised errors. */
  err: Float64Array;
  /** Median VPT over starts, its interquartile range and how many starts are censored. */
  vpt: number;
  vptIqr: [number, number];
  censored: number;
  /** Rollout MSE over all starts (null when any diverged) and over the starts that did not. */
  mse: { total: number | null; perComponent: number[] | null };
  mseLive: number | null;
}

export interface ForecastScores {
  relift: RolloutScores;
  linear: RolloutScores;
}

/**
 * Scores a rollout's forecasts (count×(H+1)×d) against the truth: e(t) = ‖x̂_t − x_t‖/scale (or
 * standardised per component), VPT per start (median, IQR, censored count), rollout MSE over steps
 * 1…H (all starts, and the starts that never diverged: `alive`).
 */
export function scoreRollout(
  truth: TrajectorySet,
  forecast: Float64Array,
  divergedAt: Int32Array,
  o: { horizon: number; scale: number | Float64Array; eps: number; dt: number },
): RolloutScores {
  const { horizon: H, eps, dt } = o;
  const err = normalisedErrors(forecast, truth, H, o.scale);
  const vpts = validPredictionTimes(err, truth.count, H, eps, dt);
  return {
    err,
    vpt: median(vpts),
    vptIqr: [quantile(vpts, 0.25), quantile(vpts, 0.75)],
    censored: censoredCount(err, truth.count, H, eps),
    mse: rolloutMse(forecast, truth, H),
    mseLive: liveMse(forecast, truth, H, divergedAt),
  };
}

/** Both rollouts' scores; each forecast set comes with the step each forecast diverged (−1: never). */
export function scoreForecasts(
  truth: TrajectorySet,
  relift: { x: Float64Array; divergedAt: Int32Array },
  linear: { x: Float64Array; divergedAt: Int32Array },
  o: { horizon: number; scale: number | Float64Array; eps: number; dt: number },
): ForecastScores {
  return {
    relift: scoreRollout(truth, relift.x, relift.divergedAt, o),
    linear: scoreRollout(truth, linear.x, linear.divergedAt, o),
  };
}

/** Rollout MSE over steps 1…H of the forecasts that never diverged (null if none is left). */
function liveMse(forecast: Float64Array, truth: TrajectorySet, H: number, divergedAt: Int32Array) {
  const { d, points } = truth;
  const live = Array.from(divergedAt.keys()).filter((j) => divergedAt[j] < 0);
  if (live.length === 0) return null;
  const pick = (a: Float64Array, stride: number) => {
    const out = new Float64Array(live.length * (H + 1) * d);
    live.forEach((j, q) =>
      out.set(a.subarray(j * stride * d, (j * stride + H + 1) * d), q * (H + 1) * d),
    );
    return out;
  };
  const sub = { d, count: live.length, points: H + 1, data: pick(truth.data, points) };
  return rolloutMse(pick(forecast, H + 1), sub, H).total;
}
