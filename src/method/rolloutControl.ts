/**
 * Forecasts of a controlled model under a known input sequence u_0 … u_{H−1} (METHOD.md §4):
 * - re-lifted (the RNN): x̂_{t+1} = CK Ψ(x̂_t) + CB u_t; with `ignoreInput` the same model with
 *   B = 0, x̂_{t+1} = CK Ψ(x̂_t), which shows what B is worth;
 * - linear lifted: z_0 = Ψ(x_0), z_{t+1} = K z_t + B u_t, x̂_t = C z_t.
 * A forecast that turns non-finite or leaves the blow-up box stops there; later steps are NaN.
 */
import type { RolloutOutput } from './rollout';
import { advanceRelift, check, outputFrom, type BlowupBox } from './rollout';
import type { Dictionary } from './sampling/hiddenLayer';
import type { ControlFit } from './edmdControl';
import { markovParameters, outputPowers } from './liftedPowers';

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
  const drive = ignoreInput ? undefined : { CB: fit.CB, p: fit.p, u };
  return advanceRelift(
    outputFrom(starts, fit.d, horizon),
    dict,
    fit.CK,
    fit.d,
    horizon,
    box,
    drive,
  );
}

/**
 * Linear lifted rollouts z_{t+1} = K z_t + B u_t from z_0 = Ψ(x_0), read out by x̂ = C z. Written
 * through the output powers Φ_t = C K^t (d×m, src/core/control/liftedPowers.ts):
 *   x̂_t = Φ_t z_0 + Σ_{s<t} Φ_{t−1−s} B u_s,
 * which costs H·d·m² once (d = 2 here) instead of H·count·m² for advancing every z_t.
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
