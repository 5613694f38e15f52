/**
 * Reading forecasts of a delay-embedded series at fixed horizons. The forecasts are the re-lifted
 * rollouts of METHOD.md §4 on the embedded state x̃ (src/method/rollout.ts: x̃̂_{t+1} = CK Ψ(x̃̂_t));
 * the forecast variables are its first d entries (METHOD.md §1), in standardised units.
 */

/**
 * The forecasts of the n targets at horizon h, in physical units (n × d): target q is row
 * targetStart + q, forecast from origin row targetStart + q − h, which is origin index
 * q + H − h of a rollout started at rows targetStart − H … targetEnd − 1.
 */
export function atHorizon(
  roll: Float64Array,
  n: number,
  H: number,
  h: number,
  D: number,
  d: number,
  mean: Float64Array,
  std: Float64Array,
): Float64Array {
  const out = new Float64Array(n * d);
  for (let q = 0; q < n; q++) {
    const off = ((q + H - h) * (H + 1) + h) * D;
    for (let i = 0; i < d; i++) out[q * d + i] = mean[i] + std[i] * roll[off + i];
  }
  return out;
}
