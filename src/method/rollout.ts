/**
 * The two free-running forecasts of METHOD.md §4 from given start states, with p ≥ 0 inputs
 * u_0 … u_{H−1} (the same sequence for every start):
 * - Re-lifted (the RNN): x̂_{t+1} = CK Ψ(x̂_t) + CB u_t; as an RNN, h_{t+1} = σ(W·CK·[h_t; 1] + b).
 *   Without a drive (or to show what B is worth, with B = 0) the input term is absent.
 * - Linear Koopman: z_0 = QᵀΨ(x_0), z_{t+1} = K z_t + B u_t, x̂_t = (CQ) z_t (Q = I untruncated).
 * A forecast that produces a non-finite value or leaves the blow-up box is stopped; its remaining
 * steps are NaN and the step is reported.
 */
import { gemmNN, prepareGemm } from '../numerics/kernels/gemm';
import { transpose } from '../numerics/linalg/matrix';
import type { EdmdFit } from './edmd';
import { markovParameters, outputPowers } from './liftedPowers';
import { liftMany, type Dictionary } from './sampling/hiddenLayer';

export interface RolloutOutput {
  /** count×(horizon+1)×d, row 0 of each forecast = the true initial state. */
  x: Float64Array;
  /** First diverged step per forecast, or −1. */
  divergedAt: Int32Array;
  divergedReason: Array<'nan' | 'blowup' | null>;
}

/** A forecast stopped at its first non-finite or blown-up step. */
export interface Divergence {
  rollout: 'relift' | 'linear';
  testIndex: number;
  /** First step whose state is NaN/Inf or exceeds the blow-up bound. */
  step: number;
  reason: 'nan' | 'blowup';
}

/** Box outside which a forecast counts as blown up: |x_i − mean_i| > factor·(radius_i + std_i). */
export interface BlowupBox {
  mean: Float64Array;
  halfWidth: Float64Array;
}

export const BLOWUP_FACTOR = 10;

export function blowupBox(
  train: { d: number; data: Float64Array },
  mean: Float64Array,
  std: Float64Array,
): BlowupBox {
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
  const n = out.divergedAt.length;
  const stride = (horizon + 1) * d;
  // All live forecasts advance in lockstep: their states are lifted together and multiplied by
  // CKᵀ with the gemm kernel (each sum over c = 0…m−1 in order from 0, as a plain loop would).
  const CKt = prepareGemm(transpose(CK, d, m), m, d);
  const xs = new Float64Array(n * d);
  const psi = new Float64Array(n * m);
  const live = Int32Array.from({ length: n }, (_, j) => j);
  let alive = n;
  for (let t = 0; t < horizon && alive > 0; t++) {
    for (let a = 0; a < alive; a++) {
      const cur = live[a] * stride + t * d;
      xs.set(out.x.subarray(cur, cur + d), a * d);
    }
    liftMany(dict, xs, 0, alive, psi, 0);
    const y = CKt.times(psi, alive);
    let kept = 0;
    for (let a = 0; a < alive; a++) {
      const j = live[a];
      const next = j * stride + (t + 1) * d;
      for (let i = 0; i < d; i++) {
        let s = y[a * d + i];
        if (drive)
          for (let c = 0; c < drive.p; c++)
            s += drive.CB[i * drive.p + c] * drive.u[t * drive.p + c];
        out.x[next + i] = s;
      }
      const bad = check(out.x, next, d, box);
      if (bad) {
        out.divergedAt[j] = t + 1;
        out.divergedReason[j] = bad;
        out.x.fill(NaN, next, (j + 1) * stride);
      } else live[kept++] = j;
    }
    alive = kept;
  }
  return out;
}

/** Re-lifted rollouts from each start (starts: count×d); `drive` adds CB u_t. */
export function rolloutRelift(
  dict: Dictionary,
  CK: Float64Array,
  starts: Float64Array,
  d: number,
  horizon: number,
  box: BlowupBox,
  drive?: RolloutDrive,
): RolloutOutput {
  return advanceRelift(outputFrom(starts, d, horizon), dict, CK, d, horizon, box, drive);
}

/**
 * Linear Koopman rollouts from each start. Free (p = 0): all forecasts at once,
 * Z_{t+1} = Z_t Kᵀ (rows = forecasts), x̂_t = CQ z_t. With inputs (p ≥ 1, u: horizon×p), written
 * through the output powers Φ_t = C K^t (d×m, src/method/liftedPowers.ts):
 *   x̂_t = Φ_t z_0 + Σ_{s<t} Φ_{t−1−s} B u_s,
 * which costs H·d·m² once instead of H·count·m² for advancing every z_t.
 */
export function rolloutLinear(
  dict: Dictionary,
  fit: EdmdFit,
  starts: Float64Array,
  horizon: number,
  box: BlowupBox,
  u?: Float64Array,
): RolloutOutput {
  return fit.p > 0 && u
    ? linearWithInputs(dict, fit, starts, u, horizon, box)
    : rolloutLinearFree(dict, fit, starts, horizon, box);
}

/** What the free linear rollout reads of a fit (K: r×r, Q: m×r or null, CQ: d×r). */
export type LinearFreeFit = Pick<EdmdFit, 'd' | 'm' | 'r' | 'K' | 'Q' | 'CQ'>;

/**
 * The free linear rollouts (no inputs) of rolloutLinear: Z_{t+1} = Z_t Kᵀ, x̂_t = CQ z_t. Each
 * start's row is its own arithmetic, so any subset of the starts gives the same bits for them.
 */
export function rolloutLinearFree(
  dict: Dictionary,
  fit: LinearFreeFit,
  starts: Float64Array,
  horizon: number,
  box: BlowupBox,
): RolloutOutput {
  const { d, m, r, K, Q, CQ } = fit;
  const out = outputFrom(starts, d, horizon);
  const n = out.divergedAt.length;
  if (n === 0) return out;
  const stride = (horizon + 1) * d;
  const psi = new Float64Array(n * m);
  for (let j = 0; j < n; j++) dict.lift(out.x, j * stride, psi, j * m);
  let Z = Q ? gemmNN(psi, n, m, Q, r) : psi;
  const Kt = prepareGemm(transpose(K, r, r), r, r); // Z ↦ Z Kᵀ, Kᵀ packed once for all steps
  const alive = new Uint8Array(n).fill(1);
  for (let t = 1; t <= horizon; t++) {
    Z = Kt.times(Z, n);
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

function linearWithInputs(
  dict: Dictionary,
  fit: EdmdFit,
  starts: Float64Array,
  u: Float64Array,
  horizon: number,
  box: BlowupBox,
): RolloutOutput {
  const { d, m, p, K, B, C } = fit;
  const count = starts.length / d;
  const out = outputFrom(starts, d, horizon);
  const stride = (horizon + 1) * d;
  const phi = outputPowers(C, K, d, m, horizon); // Φ_1 … Φ_H
  const gamma = markovParameters(C, phi, B, d, m, p, horizon); // Γ_0 … Γ_{H−1}
  // Input response y_t = Σ_{s<t} Γ_{t−1−s} u_s (the same for every start).
  const forced = new Float64Array((horizon + 1) * d);
  for (let t = 1; t <= horizon; t++)
    for (let s = 0; s < t; s++)
      for (let i = 0; i < d; i++) {
        let v = 0;
        for (let c = 0; c < p; c++) v += gamma[((t - 1 - s) * d + i) * p + c] * u[s * p + c];
        forced[t * d + i] += v;
      }
  const z0 = new Float64Array(m);
  for (let j = 0; j < count; j++) {
    dict.lift(starts, j * d, z0, 0);
    for (let t = 1; t <= horizon; t++) {
      const off = j * stride + t * d;
      for (let i = 0; i < d; i++) {
        const row = ((t - 1) * d + i) * m;
        let v = forced[t * d + i];
        for (let c = 0; c < m; c++) v += phi[row + c] * z0[c];
        out.x[off + i] = v;
      }
      const bad = check(out.x, off, d, box);
      if (bad) {
        out.divergedAt[j] = t;
        out.divergedReason[j] = bad;
        out.x.fill(NaN, off, (j + 1) * stride);
        break;
      }
    }
  }
  return out;
}

export function countDiverged(r: RolloutOutput): number {
  return r.divergedAt.reduce((n, s) => n + (s >= 0 ? 1 : 0), 0);
}

/** Every stopped forecast of both rollouts, re-lifted first. */
export function divergencesOf(relift: RolloutOutput, linear: RolloutOutput): Divergence[] {
  const out: Divergence[] = [];
  for (const [rollout, r] of [
    ['relift', relift],
    ['linear', linear],
  ] as const)
    r.divergedAt.forEach((step, testIndex) => {
      if (step >= 0) out.push({ rollout, testIndex, step, reason: r.divergedReason[testIndex]! });
    });
  return out;
}
