/**
 * Sine and cosine from IEEE +, −, ×, ÷ and bit manipulation only, so that they return the same
 * bits in every JavaScript engine. (Math.sin and Math.cos are not specified to the last bit, and
 * V8 builds differ in the libm behind them, so Node and Chromium may disagree by an ulp, which
 * breaks "same query ⇒ identical numbers".)
 *
 * Algorithm and coefficients: fdlibm 5.3 (Sun Microsystems, 1993).
 * 1. Reduction (e_rem_pio2.c, medium-size path): n = ⌊|x|·(2/π) + ½⌋, and
 *    y = |x| − n·π/2 as a double-double y₀ + y₁ by Cody–Waite subtraction of π/2 split into three
 *    pieces pio2_1, pio2_2, pio2_3 (≤ 32 significant bits each, so n·piece is exact for
 *    n ≤ 2^21) with tails pio2_1t, pio2_2t, pio2_3t; the 2nd and 3rd pieces are used only when
 *    more than 16 resp. 49 leading bits cancel, giving π/2 to 85, 118 or 151 bits. |y| ≲ π/4.
 * 2. Kernels on [−π/4, π/4] (k_sin.c, k_cos.c): sin y = y + y³·(S1 + y²·(S2 + … + y²·S6)),
 *    cos y = 1 − y²/2 + y⁴·(C1 + … + y²·C6)), both minimax, with the y₁ correction terms.
 * 3. Quadrant: n mod 4 selects ±sin y or ±cos y. x < 0 reduces |x| and negates y and n, so
 *    sinDet(−x) = −sinDet(x) and cosDet(−x) = cosDet(x) exactly.
 *
 * Domain: |x| ≤ 2^20·π/2 ≈ 1.647e6 (where fdlibm's medium-size reduction is exact). Larger |x|
 * (which would need Payne–Hanek reduction) and ±∞ / NaN return NaN.
 * Accuracy: fdlibm's bound is < 1 ulp. Measured against 400-bit mpmath on 1.3·10^5 points of the
 * domain (incl. the doubles nearest to multiples of π/2): at most 0.83 ulp, 97 % correctly rounded.
 * tests/unit/trigDet.test.ts checks ≤ 1 ulp against Math.sin/Math.cos on 10^5 points of
 * [−1000, 1000] and against correctly rounded values at hard points.
 */

/** 2^20·π/2: the largest |x| accepted. */
export const TRIG_DET_MAX = 1647099.3291652855;

const INVPIO2 = 6.36619772367581382433e-1; // 2/π
const PIO2_1 = 1.57079632673412561417; // leading bits of π/2 (0x3ff921fb_54400000)
const PIO2_1T = 6.07710050650619224932e-11; // π/2 − PIO2_1
const PIO2_2 = 6.0771005063039659766e-11; // next bits of π/2
const PIO2_2T = 2.02226624879595063154e-21; // π/2 − (PIO2_1 + PIO2_2)
const PIO2_3 = 2.0222662487111664558e-21; // next bits of π/2
const PIO2_3T = 8.47842766036889956997e-32; // π/2 − (PIO2_1 + PIO2_2 + PIO2_3)
const PIO4_HI = 0x3fe921fb; // high word of π/4

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;

const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.0875723212981748279e-9;
const C6 = -1.13596475577881948265e-11;

const buf = new DataView(new ArrayBuffer(8));

/** High 32 bits of x without the sign bit. */
function highAbs(x: number): number {
  buf.setFloat64(0, x);
  return buf.getUint32(0) & 0x7fffffff;
}

/** sin(x + y) for |x| ≤ π/4, y a tail ≪ ulp(x), iy = 0 when y is known to be 0 (fdlibm __kernel_sin). */
function kernelSin(x: number, y: number, iy: 0 | 1): number {
  if (highAbs(x) < 0x3e400000) return x; // |x| < 2^-27: sin x rounds to x (keeps ±0)
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy === 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** cos(x + y) for |x| ≤ π/4, y a tail ≪ ulp(x) (fdlibm __kernel_cos). */
function kernelCos(x: number, y: number): number {
  const ix = highAbs(x);
  if (ix < 0x3e400000) return 1; // |x| < 2^-27: cos x rounds to 1
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  // Split 1 − z/2 as (1 − qx) − (z/2 − qx) with qx ≈ |x|/4 (exact) to keep the last bit.
  let qx = 0.28125;
  if (ix <= 0x3fe90000) {
    buf.setUint32(0, ix - 0x00200000);
    buf.setUint32(4, 0);
    qx = buf.getFloat64(0);
  }
  const hz = 0.5 * z - qx;
  return 1 - qx - (hz - (z * r - x * y));
}

/** Reduced argument: x = n·π/2 + y0 + y1 (module scratch, valid until the next reduce call). */
let y0 = 0;
let y1 = 0;

/** fdlibm __ieee754_rem_pio2, medium-size path, for π/4 < |x| ≤ TRIG_DET_MAX; returns n. */
function reduce(x: number): number {
  const ax = Math.abs(x);
  const n = Math.floor(ax * INVPIO2 + 0.5);
  let r = ax - n * PIO2_1; // exact
  let w = n * PIO2_1T;
  y0 = r - w;
  const j = highAbs(ax) >>> 20;
  if (j - (highAbs(y0) >>> 20) > 16) {
    // More than 16 bits cancelled: subtract the second piece (π/2 good to 118 bits).
    let t = r;
    w = n * PIO2_2;
    r = t - w;
    w = n * PIO2_2T - (t - r - w);
    y0 = r - w;
    if (j - (highAbs(y0) >>> 20) > 49) {
      // More than 49 bits cancelled: the third piece (151 bits).
      t = r;
      w = n * PIO2_3;
      r = t - w;
      w = n * PIO2_3T - (t - r - w);
      y0 = r - w;
    }
  }
  y1 = r - y0 - w;
  if (x < 0) {
    y0 = -y0;
    y1 = -y1;
    return -n;
  }
  return n;
}

/** sin x for |x| ≤ TRIG_DET_MAX (error < 1 ulp); NaN for larger |x|, ±∞ and NaN. */
export function sinDet(x: number): number {
  if (highAbs(x) <= PIO4_HI) return kernelSin(x, 0, 0); // |x| ≲ π/4 (also ±0)
  if (!(Math.abs(x) <= TRIG_DET_MAX)) return NaN;
  const n = reduce(x) & 3;
  if (n === 0) return kernelSin(y0, y1, 1);
  if (n === 1) return kernelCos(y0, y1);
  if (n === 2) return -kernelSin(y0, y1, 1);
  return -kernelCos(y0, y1);
}

/** cos x for |x| ≤ TRIG_DET_MAX (error < 1 ulp); NaN for larger |x|, ±∞ and NaN. */
export function cosDet(x: number): number {
  if (highAbs(x) <= PIO4_HI) return kernelCos(x, 0);
  if (!(Math.abs(x) <= TRIG_DET_MAX)) return NaN;
  const n = reduce(x) & 3;
  if (n === 0) return kernelCos(y0, y1);
  if (n === 1) return -kernelSin(y0, y1, 1);
  if (n === 2) return -kernelCos(y0, y1);
  return kernelSin(y0, y1, 1);
}
