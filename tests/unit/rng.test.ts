import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/numerics/rng';

describe('xoshiro128** generator', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xa = Array.from({ length: 100 }, () => a.uniform());
    const xb = Array.from({ length: 100 }, () => b.uniform());
    const xc = Array.from({ length: 100 }, () => c.uniform());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('gives uniform [0,1) and standard normal moments', () => {
    const r = createRng(123);
    const n = 200_000;
    let s = 0,
      s2 = 0,
      mn = 1,
      mx = 0,
      z1 = 0,
      z2 = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      s += u;
      s2 += u * u;
      mn = Math.min(mn, u);
      mx = Math.max(mx, u);
      const z = r.normal();
      z1 += z;
      z2 += z * z;
    }
    // Standard errors at n = 2e5: mean of U ≈ 6.5e-4, var ≈ 2e-4; mean of N ≈ 2.2e-3, var ≈ 3.2e-3.
    // Tolerances are ~5 standard errors.
    expect(mn).toBeGreaterThanOrEqual(0);
    expect(mx).toBeLessThan(1);
    expect(Math.abs(s / n - 0.5)).toBeLessThan(4e-3);
    expect(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12)).toBeLessThan(1e-3);
    expect(Math.abs(z1 / n)).toBeLessThan(1.2e-2);
    expect(Math.abs(z2 / n - 1)).toBeLessThan(1.6e-2);
  });

  it('draws integers in range without bias and rejects n < 1', () => {
    const r = createRng(5);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[r.int(7)]++;
    // Each count ~ Binomial(70000, 1/7): mean 10000, sd ≈ 93; allow 5 sd.
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(465);
    expect(() => r.int(0)).toThrow(RangeError);
  });
});
