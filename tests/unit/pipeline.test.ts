import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';

const run = (q: string) => {
  const { config, errors } = parseQuery(q, 'strict');
  expect(errors).toEqual([]);
  return runPipeline(config);
};

/** Eigenvalues near the unit circle at positive angle, sorted by angle. */
function circleAngles(re: Float64Array, im: Float64Array, minModulus: number): number[] {
  return Array.from(re, (x, i) => ({ mod: Math.hypot(x, im[i]), ang: Math.atan2(im[i], x) }))
    .filter((e) => e.ang > 1e-6 && e.mod > minModulus)
    .map((e) => e.ang)
    .sort((a, b) => a - b);
}

describe('van der Pol μ = 1 (METHOD.md §7 reference: ω = 0.94296)', () => {
  // The configuration: dt 0.1, 100 × 200 training steps from U[−3,3]², width 400, SWIM,
  // tanh, untruncated K (rank 401).
  const r = run('sys=vanderpol&width=400&rank=401&seed=1');
  const omegaDt = 0.94296 * 0.1;

  it('has eigenvalues on the unit circle at angles ω·Δt and 2ω·Δt within 0.5 %', () => {
    const angles = circleAngles(r.eigenvalues.re, r.eigenvalues.im, 0.999);
    const near = (target: number) =>
      angles.reduce((a, b) => (Math.abs(b - target) < Math.abs(a - target) ? b : a));
    expect(Math.abs(near(omegaDt) / omegaDt - 1)).toBeLessThan(0.005);
    expect(Math.abs(near(2 * omegaDt) / (2 * omegaDt) - 1)).toBeLessThan(0.005);
    // The constant feature gives λ = 1 (to the accuracy of the fit).
    const one = Array.from(r.eigenvalues.re).some(
      (x, i) => Math.abs(x - 1) < 1e-6 && Math.abs(r.eigenvalues.im[i]) < 1e-9,
    );
    expect(one).toBe(true);
  });

  it('predicts one step to MSE < 1e-8 and 200 re-lifted steps to MSE < 1e-4', () => {
    expect(r.metrics.testMse).toBeLessThan(1e-8);
    expect(r.metrics.rolloutMseRelift).toBeLessThan(1e-4);
    expect(r.metrics.divergedRelift).toBe(0);
    // The linear Koopman rollout drifts sooner (METHOD.md §4): its error is orders larger.
    expect(r.metrics.rolloutMseLinear!).toBeGreaterThan(10 * r.metrics.rolloutMseRelift!);
  });

  it('is bit-identical for the same query', () => {
    const again = run('sys=vanderpol&width=400&rank=401&seed=1');
    expect(JSON.stringify(again.metrics)).toBe(JSON.stringify(r.metrics));
    expect(Array.from(again.eigenvalues.re)).toEqual(Array.from(r.eigenvalues.re));
    expect(Array.from(again.eigenvalues.im)).toEqual(Array.from(r.eigenvalues.im));
    expect(again.model.W).toEqual(r.model.W);
  });
});

describe('Lorenz-63, width 1000, 10 000 training pairs', () => {
  for (const sampler of ['swim', 'random']) {
    it(`${sampler}: median valid prediction time over 20 test starts ≥ 5 Lyapunov times`, () => {
      const res = run(`sys=lorenz&width=1000&len=10000&sampler=${sampler}&seed=1`);
      expect(res.config.ntest).toBeGreaterThanOrEqual(10);
      expect(res.metrics.vptLyapunov!).toBeGreaterThanOrEqual(5);
    });
  }
});
