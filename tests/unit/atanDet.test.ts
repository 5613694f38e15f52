/** atanDet / atan2Det (src/numerics/atanDet.ts) against Math.atan / Math.atan2: ≤ 1 ulp. */
import { describe, expect, it } from 'vitest';
import { atan2Det, atanDet } from '../../src/numerics/atanDet';
import { createRng } from '../../src/numerics/rng';

/** Distance in units in the last place of b. */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  const e = Math.max(Math.floor(Math.log2(Math.abs(b))), -1022);
  return Math.abs(a - b) / 2 ** (e - 52);
}

describe('atanDet and atan2Det (fdlibm, bit-identical across engines)', () => {
  it('atan within 1 ulp of Math.atan over 10⁵ points of ±[1e−10, 1e10] (log-uniform) and special values', () => {
    const rng = createRng(4);
    let worst = 0;
    for (let k = 0; k < 100_000; k++) {
      const x = (rng.uniform() < 0.5 ? -1 : 1) * 10 ** rng.range(-10, 10);
      worst = Math.max(worst, ulps(atanDet(x), Math.atan(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
    for (const x of [0, 0.4375, 0.6875, 1, 1.1875, 2.4375, 2 ** 66, -1, 1e300])
      expect(ulps(atanDet(x), Math.atan(x))).toBeLessThanOrEqual(1);
    expect(atanDet(1)).toBe(Math.PI / 4);
    expect(Number.isNaN(atanDet(NaN))).toBe(true);
  });

  it('atan2 within 2 ulp of Math.atan2 in all four quadrants, exact axes', () => {
    const rng = createRng(5);
    let worst = 0;
    for (let k = 0; k < 100_000; k++) {
      const x = rng.range(-3, 3);
      const y = rng.range(-3, 3);
      worst = Math.max(worst, ulps(atan2Det(y, x), Math.atan2(y, x)));
    }
    expect(worst).toBeLessThanOrEqual(2);
    expect(atan2Det(0, 1)).toBe(0);
    expect(atan2Det(0, -1)).toBe(Math.PI);
    expect(atan2Det(1, 0)).toBe(Math.PI / 2);
    expect(atan2Det(-1, 0)).toBe(-Math.PI / 2);
    expect(atan2Det(0, 0)).toBe(0);
  });
});
