import { describe, expect, it } from 'vitest';
import { trajectory } from '../../src/numerics/integrate';
import { vanderpol } from '../../src/sources/systems/vanderpol';

describe('RK4', () => {
  it("has global error order 4 on x' = −y, y' = x (exact solution a rotation)", () => {
    const rhs = (x: Float64Array, out: Float64Array) => {
      out[0] = -x[1];
      out[1] = x[0];
    };
    const T = 5;
    const err = (h: number) => {
      const steps = Math.round(T / h);
      const tr = trajectory(rhs, [1, 0], h, steps, 1);
      return Math.hypot(tr[steps * 2] - Math.cos(T), tr[steps * 2 + 1] - Math.sin(T));
    };
    const e1 = err(0.1),
      e2 = err(0.05),
      e3 = err(0.025);
    // Halving h divides the error by 2^4 = 16 for an order-4 method; an order-2 slip gives 4.
    expect(Math.log2(e1 / e2)).toBeGreaterThan(3.9);
    expect(Math.log2(e1 / e2)).toBeLessThan(4.1);
    expect(Math.log2(e2 / e3)).toBeGreaterThan(3.9);
  });

  it('has order 4 on the nonlinear van der Pol system (reference: 64× finer steps)', () => {
    const rhs = (x: Float64Array, out: Float64Array) =>
      vanderpol.rhs(x, new Float64Array(0), { mu: 1 }, out);
    const T = 4;
    const end = (sub: number) => trajectory(rhs, [2, 0], T, 1, sub).subarray(2, 4);
    const ref = end(64 * 160);
    const e = (sub: number) => Math.hypot(...Array.from(end(sub), (v, i) => v - ref[i]));
    // Observed order log2(e(h)/e(h/2)); 4 ± 0.2 separates order 4 from 3 or 5 clearly.
    for (const sub of [40, 80]) {
      const order = Math.log2(e(sub) / e(2 * sub));
      expect(order).toBeGreaterThan(3.8);
      expect(order).toBeLessThan(4.2);
    }
  });
});
