/**
 * Arctangent from IEEE +, −, ×, ÷ only, so that it returns the same bits in every JavaScript
 * engine (Math.atan and Math.atan2 are not specified to the last bit; see trigDet.ts, logDet.ts).
 * Algorithm and coefficients: fdlibm 5.3 s_atan.c and e_atan2.c (Sun Microsystems, 1993):
 * atan(x) = atan(c) + atan((x − c)/(1 + x·c)) for c ∈ {0, ½, 1, 3/2, ∞} by the size of |x|, then an
 * odd polynomial of degree 23 on |t| ≤ 7/16 (atan(c) split into hi + lo parts); error < 1 ulp.
 * atan2(y, x) ∈ [−π, π] by quadrant from atan(|y/x|), with π split into hi + lo.
 */
const ATAN_HI = [
  4.63647609000806093515e-1, 7.85398163397448278999e-1, 9.82793723247329054082e-1,
  1.570796326794896558,
];
const ATAN_LO = [
  2.26987774529616870924e-17, 3.06161699786838301793e-17, 1.39033110312309984516e-17,
  6.12323399573676603587e-17,
];
const AT = [
  3.33333333333329318027e-1, -1.99999999998764832476e-1, 1.42857142725034663711e-1,
  -1.1111110405462355788e-1, 9.09088713343650656196e-2, -7.69187620504482999495e-2,
  6.66107313738753120669e-2, -5.83357013379057348645e-2, 4.97687799461593236017e-2,
  -3.6531572744216915527e-2, 1.62858201153657823623e-2,
];
const PI = 3.141592653589793;
const PI_LO = 1.2246467991473532e-16;

/** atan(x) ∈ [−π/2, π/2]; NaN for NaN. Bit-identical across engines. */
export function atanDet(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const neg = x < 0;
  let t = Math.abs(x);
  if (t >= 2 ** 66) return neg ? -(ATAN_HI[3] + ATAN_LO[3]) : ATAN_HI[3] + ATAN_LO[3];
  let id = -1;
  if (t < 0.4375) {
    if (t < 2 ** -29) return x;
  } else if (t < 1.1875) {
    if (t < 0.6875) {
      id = 0;
      t = (2 * t - 1) / (2 + t);
    } else {
      id = 1;
      t = (t - 1) / (t + 1);
    }
  } else if (t < 2.4375) {
    id = 2;
    t = (t - 1.5) / (1 + 1.5 * t);
  } else {
    id = 3;
    t = -1 / t;
  }
  const z = t * t;
  const w = z * z;
  const s1 = z * (AT[0] + w * (AT[2] + w * (AT[4] + w * (AT[6] + w * (AT[8] + w * AT[10])))));
  const s2 = w * (AT[1] + w * (AT[3] + w * (AT[5] + w * (AT[7] + w * AT[9]))));
  if (id < 0) return neg ? -(t - t * (s1 + s2)) : t - t * (s1 + s2);
  const r = ATAN_HI[id] - (t * (s1 + s2) - ATAN_LO[id] - t);
  return neg ? -r : r;
}

/**
 * atan2(y, x) ∈ [−π, π], the angle of the point (x, y); atan2(0, 0) = 0 (±0 and infinities are
 * not distinguished further: the callers pass finite values). Bit-identical across engines.
 */
export function atan2Det(y: number, x: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (y === 0) return x < 0 ? PI : 0;
  if (x === 0) return y > 0 ? PI / 2 + PI_LO / 2 : -(PI / 2 + PI_LO / 2);
  const ay = Math.abs(y);
  const ax = Math.abs(x);
  let z: number;
  if (ay / ax > 2 ** 60) z = PI / 2 + PI_LO / 2;
  else if (x < 0 && ay / ax < 2 ** -60) z = 0;
  else z = atanDet(ay / ax);
  if (x > 0) return y > 0 ? z : -z;
  const r = PI - (z - PI_LO);
  return y > 0 ? r : -r;
}
