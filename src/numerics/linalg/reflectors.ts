/**
 * Small Householder reflectors (3×3 and 2×2) applied to rows or columns of a row-major Hessenberg
 * matrix: the bulge-chasing steps of the Francis double-shift QR in hessenbergQr.ts
 * (GVL 4th ed. §7.5.5, EISPACK hqr).
 */
/** Rows k, k+1, k+2, columns k..en: the left application of a 3×3 reflector. */
export function reflect3Rows(
  h: Float64Array,
  n: number,
  k: number,
  en: number,
  q: number,
  r: number,
  x: number,
  y: number,
  z: number,
): void {
  const rk = k * n;
  const rk1 = rk + n;
  const rk2 = rk1 + n;
  for (let j = k; j <= en; j++) {
    const t = h[rk + j] + q * h[rk1 + j] + r * h[rk2 + j];
    h[rk + j] -= t * x;
    h[rk1 + j] -= t * y;
    h[rk2 + j] -= t * z;
  }
}

/** Columns k, k+1, k+2, rows l..iMax: the right application of a 3×3 reflector. */
export function reflect3Cols(
  h: Float64Array,
  n: number,
  k: number,
  l: number,
  iMax: number,
  q: number,
  r: number,
  x: number,
  y: number,
  z: number,
): void {
  for (let i = l; i <= iMax; i++) {
    const ri = i * n + k;
    const t = x * h[ri] + y * h[ri + 1] + z * h[ri + 2];
    h[ri] -= t;
    h[ri + 1] -= t * q;
    h[ri + 2] -= t * r;
  }
}

/** Rows k, k+1, columns k..en: the left application of a 2×2 reflector (last bulge step). */
export function reflect2Rows(
  h: Float64Array,
  n: number,
  k: number,
  en: number,
  q: number,
  x: number,
  y: number,
): void {
  const rk = k * n;
  const rk1 = rk + n;
  for (let j = k; j <= en; j++) {
    const t = h[rk + j] + q * h[rk1 + j];
    h[rk + j] -= t * x;
    h[rk1 + j] -= t * y;
  }
}

/** Columns k, k+1, rows l..iMax: the right application of a 2×2 reflector (last bulge step). */
export function reflect2Cols(
  h: Float64Array,
  n: number,
  k: number,
  l: number,
  iMax: number,
  q: number,
  x: number,
  y: number,
): void {
  for (let i = l; i <= iMax; i++) {
    const ri = i * n + k;
    const t = x * h[ri] + y * h[ri + 1];
    h[ri] -= t;
    h[ri + 1] -= t * q;
  }
}
