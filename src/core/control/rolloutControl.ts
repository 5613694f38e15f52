/**
 * Forecasts of a controlled model under a known input sequence u_0 … u_{H−1} (METHOD.md §4):
 * - re-lifted (the RNN): x̂_{t+1} = CK Ψ(x̂_t) + CB u_t; with `ignoreInput` the same model with
 *   B = 0, x̂_{t+1} = CK Ψ(x̂_t), which shows what B is worth;
 * - linear lifted: z_0 = Ψ(x_0), z_{t+1} = K z_t + B u_t, x̂_t = C z_t.
 * A forecast that turns non-finite or leaves the blow-up box stops there; later steps are NaN.
 */
import { gemmNN } from '../kernels/gramKernels';
import type { RolloutOutput } from '../rollout';
import { check, type BlowupBox } from '../rollout';
import type { Dictionary } from '../sampling/hiddenLayer';
import type { ControlFit } from './edmdControl';

function start(starts: Float64Array, count: number, d: number, horizon: number): RolloutOutput {
  const x = new Float64Array(count * (horizon + 1) * d).fill(NaN);
  for (let j = 0; j < count; j++) x.set(starts.subarray(j * d, (j + 1) * d), j * (horizon + 1) * d);
  return {
    x,
    divergedAt: new Int32Array(count).fill(-1),
    divergedReason: new Array(count).fill(null),
  };
}

/** Re-lifted rollouts from each start (starts: count×d) under u (horizon×p). */
export function reliftControlled(
  dict: Dictionary,
  fit: ControlFit,
  starts: Float64Array,
  u: Float64Array,
  horizon: number,
  box: BlowupBox,
  ignoreInput = false,
): RolloutOutput {
  const { d, m, p, CK, CB } = fit;
  const count = starts.length / d;
  const out = start(starts, count, d, horizon);
  const psi = new Float64Array(m);
  const stride = (horizon + 1) * d;
  for (let j = 0; j < count; j++) {
    for (let t = 0; t < horizon; t++) {
      const cur = j * stride + t * d;
      dict.lift(out.x, cur, psi, 0);
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let c = 0; c < m; c++) s += CK[i * m + c] * psi[c];
        if (!ignoreInput) for (let c = 0; c < p; c++) s += CB[i * p + c] * u[t * p + c];
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

/**
 * Linear lifted rollouts z_{t+1} = K z_t + B u_t from z_0 = Ψ(x_0), read out by x̂ = C z; all
 * starts advance together as rows of Z (Z ← Z Kᵀ + 1 u_tᵀBᵀ) through the gemm kernel.
 */
export function linearControlled(
  dict: Dictionary,
  fit: ControlFit,
  starts: Float64Array,
  u: Float64Array,
  horizon: number,
  box: BlowupBox,
): RolloutOutput {
  const { d, m, p, K, B, C } = fit;
  const count = starts.length / d;
  const out = start(starts, count, d, horizon);
  const stride = (horizon + 1) * d;
  let Z: Float64Array = new Float64Array(count * m);
  for (let j = 0; j < count; j++) dict.lift(starts, j * d, Z, j * m);
  const Kt = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) Kt[b * m + a] = K[a * m + b];
  const bu = new Float64Array(m);
  const alive = new Uint8Array(count).fill(1);
  for (let t = 1; t <= horizon; t++) {
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let c = 0; c < p; c++) s += B[a * p + c] * u[(t - 1) * p + c];
      bu[a] = s;
    }
    Z = gemmNN(Z, count, m, Kt, m);
    for (let j = 0; j < count; j++) {
      for (let a = 0; a < m; a++) Z[j * m + a] += bu[a];
      if (!alive[j]) continue;
      const off = j * stride + t * d;
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let c = 0; c < m; c++) s += C[i * m + c] * Z[j * m + c];
        out.x[off + i] = s;
      }
      const bad = check(out.x, off, d, box);
      if (bad) {
        alive[j] = 0;
        out.divergedAt[j] = t;
        out.divergedReason[j] = bad;
        out.x.fill(NaN, off, (j + 1) * stride);
        Z.fill(0, j * m, (j + 1) * m); // keep the dead row finite so it cannot poison anything
      }
    }
  }
  return out;
}
