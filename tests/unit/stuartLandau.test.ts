import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';
import { referenceFactFor } from '../../src/run/registry';

/**
 * Stuart–Landau, added through the "add a system" recipe: on its limit cycle the Koopman
 * eigenvalues are exactly e^{ikωΔt} (METHOD.md §7), so the learned K must show a ladder on the unit
 * circle at the angles k·ω·Δt.
 */
function ladder(query: string) {
  const { config, errors } = parseQuery(query, 'strict');
  expect(errors).toEqual([]);
  const r = runPipeline(config);
  const eig = Array.from(r.eigenvalues.re, (x, i) => ({
    mod: Math.hypot(x, r.eigenvalues.im[i]),
    ang: Math.atan2(r.eigenvalues.im[i], x),
  }));
  return { r, eig, config };
}

describe('Stuart–Landau ż = (μ + iω)z − |z|²z', () => {
  for (const [query, omega, dt] of [
    ['sys=stuartlandau', 1, 0.1],
    ['sys=stuartlandau&omega=2&dt=0.05&seed=3', 2, 0.05],
  ] as const) {
    it(`${query}: eigenvalues on the unit circle at k·ω·Δt, k = 1…5 (angle within 0.1 %, |λ| within 2e-3)`, () => {
      const { r, eig, config } = ladder(query);
      expect(referenceFactFor(config)?.omega).toBe(omega);
      for (let k = 1; k <= 5; k++) {
        const target = k * omega * dt;
        const near = eig.reduce((a, b) =>
          Math.abs(b.ang - target) < Math.abs(a.ang - target) ? b : a,
        );
        expect(Math.abs(near.ang / target - 1), `k = ${k}`).toBeLessThan(1e-3);
        expect(Math.abs(near.mod - 1), `k = ${k}`).toBeLessThan(2e-3);
      }
      // The RNN predicts the cycle: one step to 1e-8, 200 re-lifted steps to 1e-4.
      expect(r.metrics.testMse).toBeLessThan(1e-8);
      expect(r.metrics.rolloutMseRelift!).toBeLessThan(1e-4);
    }, 60_000);
  }
});
