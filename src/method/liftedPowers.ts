/**
 * Output powers and Markov parameters of a lifted linear model z_{k+1} = K z_k + B u_k, x = C z:
 *   Φ_k = C K^k (d×m), k = 1…N, by Φ_{k+1} = Φ_k K  (N·d·m² flops; d is small, so this is far
 *   cheaper than powers of K itself),
 *   Γ_k = C K^k B (d×p), k = 0…N−1 (Γ_0 = C B, Γ_k = Φ_k B),
 * so that x_t = Φ_t z_0 + Σ_{s<t} Γ_{t−1−s} u_s. Used by the linear rollout and the MPC.
 */

/** Φ_1 … Φ_N stacked: (N·d)×m row-major, rows (k−1)·d … k·d−1 hold Φ_k. */
export function outputPowers(
  C: Float64Array,
  K: Float64Array,
  d: number,
  m: number,
  N: number,
): Float64Array {
  const F = new Float64Array(N * d * m);
  let prev = C;
  let prevOff = 0;
  for (let k = 1; k <= N; k++) {
    const off = (k - 1) * d * m;
    for (let i = 0; i < d; i++)
      for (let c = 0; c < m; c++) {
        const a = prev[prevOff + i * m + c];
        if (a === 0) continue;
        const dst = off + i * m;
        const src = c * m;
        for (let j = 0; j < m; j++) F[dst + j] += a * K[src + j];
      }
    prev = F;
    prevOff = off;
  }
  return F;
}

/** Γ_0 … Γ_{N−1} stacked: N×d×p, gamma[(k·d + i)·p + c]. `F` from outputPowers (≥ N−1 blocks). */
export function markovParameters(
  C: Float64Array,
  F: Float64Array,
  B: Float64Array,
  d: number,
  m: number,
  p: number,
  N: number,
): Float64Array {
  const gamma = new Float64Array(N * d * p);
  for (let k = 0; k < N; k++) {
    const rows = k === 0 ? C : F;
    const rowOff = k === 0 ? 0 : (k - 1) * d * m;
    for (let i = 0; i < d; i++)
      for (let c = 0; c < p; c++) {
        let sum = 0;
        for (let j = 0; j < m; j++) sum += rows[rowOff + i * m + j] * B[j * p + c];
        gamma[(k * d + i) * p + c] = sum;
      }
  }
  return gamma;
}
