/** Balancing of a general real matrix before the eigenvalue QR (GVL 4th ed. §7.5.7, EISPACK balanc). */
const EPS = 2 ** -52;
const SAFE_MIN = 2 ** -1022;

/**
 * Diagonal balancing A ← D⁻¹ A D with D = diag(2^p_i), in place.
 *
 * @param a n×n row-major, overwritten by the balanced matrix (same eigenvalues, exactly: the
 *          scaling is by powers of two, so no rounding error is introduced).
 * @param n order.
 * @returns the scale factors d_i (length n).
 *
 * Algorithm: Parlett & Reinsch (1969) / EISPACK balanc, scaling-only (no permutations), with the
 * 2-norm row/column measure and the "only if it reduces ‖row‖+‖col‖ by 5%" acceptance test of
 * LAPACK ≥ 3.5 dgebal (GVL 4th ed. §7.5.7). Iterates until no scale changes (bounded by
 * 100 sweeps). Leaves matrices with a zero off-diagonal row or column part untouched in that
 * index. Never fails; NaN entries make the affected row/column skip scaling.
 */
export function balanceInPlace(a: Float64Array, n: number): Float64Array {
  const scale = new Float64Array(n).fill(1);
  const RADIX = 2;
  const SFMIN = SAFE_MIN / EPS;
  const SFMAX = 1 / SFMIN;
  for (let sweep = 0; sweep < 100; sweep++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let c = 0;
      let r = 0;
      const ri = i * n;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const cv = a[j * n + i];
        const rv = a[ri + j];
        c += cv * cv;
        r += rv * rv;
      }
      c = Math.sqrt(c);
      r = Math.sqrt(r);
      if (!(c > 0 && r > 0) || !Number.isFinite(c + r)) continue;
      let g = r / RADIX;
      let f = 1;
      const s = c + r;
      while (c < g && f < SFMAX && r > SFMIN) {
        f *= RADIX;
        c *= RADIX;
        r /= RADIX;
        g /= RADIX;
      }
      g = c / RADIX;
      while (g >= r && f > SFMIN && c > SFMIN) {
        f /= RADIX;
        c /= RADIX;
        g /= RADIX;
        r *= RADIX;
      }
      if (c + r >= 0.95 * s) continue;
      if (f < 1 && scale[i] < 1 && f * scale[i] <= SFMIN) continue;
      if (f > 1 && scale[i] > 1 && scale[i] >= SFMAX / f) continue;
      scale[i] *= f;
      changed = true;
      const inv = 1 / f;
      for (let j = 0; j < n; j++) a[ri + j] *= inv;
      for (let j = 0; j < n; j++) a[j * n + i] *= f;
    }
    if (!changed) break;
  }
  return scale;
}
