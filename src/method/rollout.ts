/**
 * The two free-running forecasts of METHOD.md §4, from each test trajectory's true initial state.
 * - Re-lifted (the RNN): x̂_{t+1} = (CK) Ψ(x̂_t); as an RNN, h_{t+1} = σ(W·CK·[h_t; 1] + b).
 * - Linear Koopman: z_0 = QᵀΨ(x_0), z_{t+1} = K z_t, x̂_t = (CQ) z_t (Q = I when K is untruncated).
 * A forecast that produces a non-finite value or leaves the blow-up box is stopped; its remaining
 * steps are NaN and the step is reported.
 */
import type { EdmdFit } from './edmd';
import { gemmNN } from '../numerics/kernels/gramKernels';
import type { Dictionary } from './sampling/hiddenLayer';
import type { TrajectorySet } from '../sources/dataset';

export interface RolloutOutput {
  /** count×(horizon+1)×d, row 0 of each forecast = the true initial state. */
  x: Float64Array;
  /** First diverged step per forecast, or −1. */
  divergedAt: Int32Array;
  divergedReason: Array<'nan' | 'blowup' | null>;
}

/** Box outside which a forecast counts as blown up: |x_i − mean_i| > factor·(radius_i + std_i). */
export interface BlowupBox {
  mean: Float64Array;
  halfWidth: Float64Array;
}

export const BLOWUP_FACTOR = 10;

export function blowupBox(train: TrajectorySet, mean: Float64Array, std: Float64Array): BlowupBox {
  const d = train.d;
  const radius = new Float64Array(d);
  for (let k = 0; k < train.data.length; k++) {
    const i = k % d;
    radius[i] = Math.max(radius[i], Math.abs(train.data[k] - mean[i]));
  }
  const halfWidth = radius.map((r, i) => BLOWUP_FACTOR * (r + std[i]));
  return { mean, halfWidth };
}

/** Whether the state at x[off..off+d) is non-finite or outside the blow-up box. */
export function check(
  x: Float64Array,
  off: number,
  d: number,
  box: BlowupBox,
): 'nan' | 'blowup' | null {
  for (let i = 0; i < d; i++) {
    const v = x[off + i];
    if (!Number.isFinite(v)) return 'nan';
    if (Math.abs(v - box.mean[i]) > box.halfWidth[i]) return 'blowup';
  }
  return null;
}

/** Forecasts of `horizon` steps from each start (starts: count×d), NaN until filled. */
export function outputFrom(starts: Float64Array, d: number, horizon: number): RolloutOutput {
  const count = starts.length / d;
  const x = new Float64Array(count * (horizon + 1) * d).fill(NaN);
  for (let j = 0; j < count; j++) x.set(starts.subarray(j * d, (j + 1) * d), j * (horizon + 1) * d);
  return {
    x,
    divergedAt: new Int32Array(count).fill(-1),
    divergedReason: new Array(count).fill(null),
  };
}

function initOutput(test: TrajectorySet, horizon: number): RolloutOutput {
  const { d, count } = test;
  const starts = new Float64Array(count * d);
  for (let j = 0; j < count; j++)
    starts.set(test.data.subarray(j * test.points * d, j * test.points * d + d), j * d);
  return outputFrom(starts, d, horizon);
}

/** A known input sequence added to the re-lifted map: x̂_{t+1} = CK Ψ(x̂_t) + CB u_t. */
export interface RolloutDrive {
  /** d×p. */
  CB: Float64Array;
  p: number;
  /** horizon×p, the same for every forecast. */
  u: Float64Array;
}

/**
 * Advances every forecast of `out` from its row 0 by the re-lifted map (CK: d×m), stopping a
 * forecast at its first non-finite or blown-up state (later steps stay NaN).
 */
export function advanceRelift(
  out: RolloutOutput,
  dict: Dictionary,
  CK: Float64Array,
  d: number,
  horizon: number,
  box: BlowupBox,
  drive?: RolloutDrive,
): RolloutOutput {
  const m = dict.m;
  const psi = new Float64Array(m);
  const stride = (horizon + 1) * d;
  for (let j = 0; j < out.divergedAt.length; j++) {
    for (let t = 0; t < horizon; t++) {
      const cur = j * stride + t * d;
      dict.lift(out.x, cur, psi, 0);
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let c = 0; c < m; c++) s += CK[i * m + c] * psi[c];
        if (drive)
          for (let c = 0; c < drive.p; c++)
            s += drive.CB[i * drive.p + c] * drive.u[t * drive.p + c];
        out.x[cur + d + i] = s;
      }
      const bad = check(out.x, cur + d, d, box);
      if (bad) {
        out.divergedAt[j] = t + 1;
        out.divergedReason[j] = bad;
        out.x.fill(NaN, cur + d, (j + 1) * stride);
        break;
      }
    }
  }
  return out;
}

/** Re-lifted rollout of every test trajectory for `horizon` steps. */
export function rolloutRelift(
  dict: Dictionary,
  fit: EdmdFit,
  test: TrajectorySet,
  horizon: number,
  box: BlowupBox,
): RolloutOutput {
  return advanceRelift(initOutput(test, horizon), dict, fit.CK, fit.d, horizon, box);
}

/** Linear Koopman rollout of all test trajectories at once: Z_{t+1} = Z_t Kᵀ (rows = forecasts). */
export function rolloutLinear(
  dict: Dictionary,
  fit: EdmdFit,
  test: TrajectorySet,
  horizon: number,
  box: BlowupBox,
): RolloutOutput {
  const { d, m, r, K, Q, CQ } = fit;
  const n = test.count;
  const out = initOutput(test, horizon);
  const stride = (horizon + 1) * d;
  const psi = new Float64Array(n * m);
  for (let j = 0; j < n; j++) dict.lift(out.x, j * stride, psi, j * m);
  let Z = Q ? gemmNN(psi, n, m, Q, r) : psi;
  const Kt = new Float64Array(r * r);
  for (let a = 0; a < r; a++) for (let b = 0; b < r; b++) Kt[b * r + a] = K[a * r + b];
  const alive = new Uint8Array(n).fill(1);
  for (let t = 1; t <= horizon; t++) {
    Z = gemmNN(Z, n, r, Kt, r);
    for (let j = 0; j < n; j++) {
      if (!alive[j]) continue;
      const off = j * stride + t * d;
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let c = 0; c < r; c++) s += CQ[i * r + c] * Z[j * r + c];
        out.x[off + i] = s;
      }
      const bad = check(out.x, off, d, box);
      if (bad) {
        alive[j] = 0;
        out.divergedAt[j] = t;
        out.divergedReason[j] = bad;
        out.x.fill(NaN, off, (j + 1) * stride);
        Z.fill(0, j * r, (j + 1) * r); // keep the dead row finite so it cannot poison anything
      }
    }
  }
  return out;
}
