import { describe, expect, it } from 'vitest';
import { cosDet, sinDet, TRIG_DET_MAX } from '../../src/numerics/trigDet';
import { createRng } from '../../src/numerics/rng';

/** Distance in units in the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  const dv = new DataView(new ArrayBuffer(16));
  dv.setFloat64(0, a);
  dv.setFloat64(8, b);
  return Math.abs(Number(dv.getBigInt64(0) - dv.getBigInt64(8)));
}

/**
 * Stated tolerance against the engine's libm: at most 1 ulp (both fdlibm and the engine are
 * < 1 ulp from the true value, so they can disagree by one rounding step). Results of opposite
 * sign only pass if both are within 2^-1022 of zero.
 */
function ulpError(got: number, ref: number): number {
  if (Math.sign(got) !== Math.sign(ref)) {
    return Math.abs(got) < 2 ** -1022 && Math.abs(ref) < 2 ** -1022 ? 0 : Infinity;
  }
  return ulps(got, ref);
}

const SPECIAL = [0, -0, Math.PI / 2, Math.PI, -Math.PI, 1e-300, -1e-300, 1e5, 1000, -1000];

describe('sinDet / cosDet (fdlibm sin/cos, engine-independent)', () => {
  it('are within 1 ulp of Math.sin / Math.cos on 100 000 points of [−1000, 1000] and special points', () => {
    const rng = createRng(20240611);
    const xs = SPECIAL.slice();
    for (let i = 0; i < 100_000; i++) xs.push(rng.range(-1000, 1000));
    let worstSin = 0;
    let worstCos = 0;
    for (const x of xs) {
      worstSin = Math.max(worstSin, ulpError(sinDet(x), Math.sin(x)));
      worstCos = Math.max(worstCos, ulpError(cosDet(x), Math.cos(x)));
    }
    expect(worstSin).toBeLessThanOrEqual(1);
    expect(worstCos).toBeLessThanOrEqual(1);
  });

  it('matches correctly rounded values (mpmath, 400 bits) at hard points, within 1 ulp', () => {
    // [x, sin x, cos x]; the last three are the doubles closest to a multiple of π/2 in the
    // domain (73 bits cancel, so the reduction needs all three pieces of π/2).
    const table: Array<[number, number, number]> = [
      [1e5, 0.03574879797201651, -0.9993608074382124],
      [Math.PI, 1.2246467991473532e-16, -1],
      [Math.PI / 2, 1, 6.123233995736766e-17],
      [1000, 0.8268795405320025, 0.5623790762907029],
      [TRIG_DET_MAX, -6.420676210313675e-11, 1],
      [1285231.8377688916, -1.7718403338384517e-16, 1],
      [642615.9188844458, 8.859201669192259e-17, -1],
      [321307.9594422229, -1, -4.429600834596129e-17],
    ];
    for (const [x, s, c] of table) {
      expect(ulpError(sinDet(x), s)).toBeLessThanOrEqual(1);
      expect(ulpError(cosDet(x), c)).toBeLessThanOrEqual(1);
    }
    // At the three hardest points the result is correctly rounded (without the third piece of
    // π/2 the tiny values would be 1–2 ulp off).
    for (const [x, s, c] of table.slice(-3)) {
      expect(sinDet(x)).toBe(s);
      expect(cosDet(x)).toBe(c);
    }
  });

  it('keep sin² + cos² = 1 within 2^-52 and are exactly odd / even', () => {
    const rng = createRng(7);
    let worstPyth = 0;
    let asymmetric = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = rng.range(-1000, 1000);
      const s = sinDet(x);
      const c = cosDet(x);
      worstPyth = Math.max(worstPyth, Math.abs(s * s + c * c - 1));
      if (!Object.is(sinDet(-x), -s) || !Object.is(cosDet(-x), c)) asymmetric++;
    }
    // One rounding step of 1 (measured maximum over 10^6 points: exactly 2^-52, as for Math).
    expect(worstPyth).toBeLessThanOrEqual(2 ** -52);
    expect(asymmetric).toBe(0);
  });

  it('handle zeros, tiny arguments and the domain edge', () => {
    expect(Object.is(sinDet(0), 0)).toBe(true);
    expect(Object.is(sinDet(-0), -0)).toBe(true);
    expect(cosDet(0)).toBe(1);
    expect(cosDet(-0)).toBe(1);
    expect(sinDet(1e-300)).toBe(1e-300);
    expect(cosDet(1e-300)).toBe(1);
    expect(sinDet(5e-324)).toBe(5e-324);
    expect(Number.isFinite(sinDet(TRIG_DET_MAX))).toBe(true);
    expect(Number.isFinite(cosDet(-TRIG_DET_MAX))).toBe(true);
  });

  it('return NaN for ±∞, NaN and |x| > 2^20·π/2', () => {
    const beyond = TRIG_DET_MAX * (1 + 2 ** -52); // the next double above the limit
    expect(beyond).toBeGreaterThan(TRIG_DET_MAX);
    for (const x of [Infinity, -Infinity, NaN, beyond, -beyond, 2e6, 1e300]) {
      expect(sinDet(x)).toBeNaN();
      expect(cosDet(x)).toBeNaN();
    }
  });
});
