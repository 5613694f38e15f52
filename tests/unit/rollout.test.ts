import { describe, expect, it } from 'vitest';
import type { EdmdFit } from '../../src/method/edmd';
import { blowupBox, rolloutLinear, rolloutRelift } from '../../src/method/rollout';
import type { Dictionary } from '../../src/method/sampling/hiddenLayer';
import type { TrajectorySet } from '../../src/numerics/trajectorySet';

// Dictionary [x; 1] in 1-D: the linear rollout x_t = g^t x_0 is known in closed form.
const dict: Dictionary = {
  d: 1,
  m: 2,
  lift: (x, xo, out, o) => ((out[o] = x[xo]), (out[o + 1] = 1)),
};
const fitFor = (g: number): EdmdFit => ({
  d: 1,
  m: 2,
  lambda: 0,
  r: 2,
  Q: null,
  C: Float64Array.from([1, 0]),
  CQ: Float64Array.from([1, 0]),
  K: Float64Array.from([g, 0, 0, 1]),
  CK: Float64Array.from([g, 0]),
  solveMethod: 'cholesky',
  podResidual: null,
  p: 0,
  B: new Float64Array(0),
  CB: new Float64Array(0),
});
// Training data in [−1, 1]: mean 0, radius 1, std 1 ⇒ blow-up when |x| > 10·(1 + 1) = 20.
const train: TrajectorySet = { d: 1, count: 1, points: 2, data: Float64Array.from([-1, 1]) };
const box = blowupBox(train, Float64Array.from([0]), Float64Array.from([1]));
const starts = Float64Array.of(1, 1); // two forecasts from x_0 = 1

describe('rollouts', () => {
  it('follow x_t = g^t x_0 exactly while stable', () => {
    const out = rolloutLinear(dict, fitFor(0.9), starts, 50, box);
    for (let t = 0; t <= 50; t++) expect(out.x[t]).toBeCloseTo(0.9 ** t, 12);
    const rel = rolloutRelift(dict, fitFor(0.9).CK, starts, 1, 50, box);
    for (let t = 0; t <= 50; t++) expect(rel.x[t]).toBeCloseTo(0.9 ** t, 12);
    expect(Array.from(out.divergedAt)).toEqual([-1, -1]);
  });

  it('stop at the first step outside the blow-up box and report it; the rest is NaN', () => {
    // 1.5^t > 20 first at t = 8 (1.5^7 ≈ 17.1, 1.5^8 ≈ 25.6).
    const rolls = [
      () => rolloutLinear(dict, fitFor(1.5), starts, 50, box),
      () => rolloutRelift(dict, fitFor(1.5).CK, starts, 1, 50, box),
    ];
    for (const roll of rolls) {
      const out = roll();
      expect(Array.from(out.divergedAt)).toEqual([8, 8]);
      expect(out.divergedReason[0]).toBe('blowup');
      expect(out.x[7]).toBeCloseTo(1.5 ** 7, 10);
      expect(Number.isNaN(out.x[8])).toBe(true);
      expect(Number.isNaN(out.x[50])).toBe(true);
    }
  });

  it('report NaN forecasts as nan', () => {
    const out = rolloutRelift(dict, fitFor(NaN).CK, starts, 1, 5, box);
    expect(out.divergedAt[0]).toBe(1);
    expect(out.divergedReason[0]).toBe('nan');
  });
});
