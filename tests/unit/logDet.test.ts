import { describe, expect, it } from 'vitest';
import { logDet } from '../../src/numerics/logDet';
import { createRng } from '../../src/numerics/rng';

/** Distance in units in the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  const dv = new DataView(new ArrayBuffer(16));
  dv.setFloat64(0, a);
  dv.setFloat64(8, b);
  return Number(dv.getBigInt64(0) - dv.getBigInt64(8));
}

describe('logDet (fdlibm log, engine-independent)', () => {
  it('is within 1 ulp of Math.log on 200 000 values from 1e-300 to 1e300 and on (0, 1)', () => {
    const rng = createRng(1);
    let worst = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = Math.pow(10, rng.range(-300, 300));
      const u = rng.uniform();
      for (const v of [x, u]) {
        if (v === 0) continue;
        worst = Math.max(worst, Math.abs(ulps(logDet(v), Math.log(v))));
      }
    }
    // fdlibm's bound is < 1 ulp; engines' Math.log also err by up to 1 ulp, so allow 1.
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('handles special values and exact cases', () => {
    expect(logDet(1)).toBe(0);
    expect(logDet(0)).toBe(-Infinity);
    expect(logDet(-1)).toBeNaN();
    expect(logDet(NaN)).toBeNaN();
    expect(logDet(Infinity)).toBe(Infinity);
    expect(Math.abs(ulps(logDet(3), 1.0986122886681098))).toBeLessThanOrEqual(1); // ln 3
    expect(Math.abs(logDet(5e-324) - -744.4400719213812)).toBeLessThan(1e-12);
    expect(logDet(Math.E)).toBeCloseTo(1, 15);
  });
});
