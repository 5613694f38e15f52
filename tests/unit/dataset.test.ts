import { describe, expect, it } from 'vitest';
import {
  buildDataset,
  componentStats,
  simulate,
  substepsFor,
  trueTrajectories,
} from '../../src/sources/dataset';
import type { SystemSpec } from '../../src/sources/systems/types';
import { createRng } from '../../src/numerics/rng';
import { lorenz } from '../../src/sources/systems/lorenz';
import { vanderpol } from '../../src/sources/systems/vanderpol';

const opts = { dt: 0.1, ntraj: 30, len: 100, ntest: 5, noise: 0, amp: 0, holdSteps: 1 };

describe('datasets', () => {
  it('start training trajectories uniformly in the initial box and keep shapes', () => {
    const ds = buildDataset(vanderpol, { mu: 1 }, opts, createRng(1));
    expect(ds.train.count).toBe(30);
    expect(ds.train.points).toBe(101);
    expect(ds.testStarts.length).toBe(5 * 2);
    for (let j = 0; j < 30; j++) {
      const x0 = ds.train.data[j * 101 * 2];
      expect(Math.abs(x0)).toBeLessThanOrEqual(3);
    }
  });

  it('adds noise N(0, (η·std_i)²) to the training data only', () => {
    const clean = buildDataset(vanderpol, { mu: 1 }, opts, createRng(4));
    const noisy = buildDataset(vanderpol, { mu: 1 }, { ...opts, noise: 0.1 }, createRng(4));
    expect(noisy.testStarts).toEqual(clean.testStarts);
    expect(noisy.trainClean.data).toEqual(clean.train.data);
    const diff = noisy.train.data.map((v, k) => v - clean.train.data[k]);
    const { std } = componentStats({ ...clean.train, data: diff });
    // 3030 samples per component: the sample std of the noise is within ±5 % of 0.1·std_i (~4 σ).
    for (let i = 0; i < 2; i++)
      expect(Math.abs(std[i] / (0.1 * clean.std[i]) - 1)).toBeLessThan(0.05);
  });

  it('puts chaotic data on the attractor after the transient, with unseen test stretches', () => {
    const ds = buildDataset(
      lorenz,
      { sigma: 10, rho: 28, beta: 8 / 3 },
      { dt: 0.01, ntraj: 1, len: 2000, ntest: 3, noise: 0, amp: 0, holdSteps: 1 },
      createRng(2),
    );
    // On the Lorenz attractor z stays in (0, 50) and |x| < 25.
    for (let t = 0; t < ds.train.points; t++) {
      expect(Math.abs(ds.train.data[3 * t])).toBeLessThan(25);
      expect(ds.train.data[3 * t + 2]).toBeGreaterThan(0);
    }
    expect(ds.testStarts[0]).not.toBe(ds.train.data[0]);
    // Test trajectories from those starts stay on the attractor too.
    const params = { sigma: 10, rho: 28, beta: 8 / 3 };
    const test = trueTrajectories(lorenz, params, ds.testStarts, null, 100, 0.01);
    for (let k = 0; k < test.count * test.points; k++)
      expect(test.data[3 * k + 2]).toBeGreaterThan(0);
    expect(substepsFor(lorenz, 0.01)).toBe(5);
  });

  it('keeps RK4 sub-steps at most the system’s maxStep whatever Δt is', () => {
    expect(substepsFor(lorenz, 1)).toBe(500);
    expect(substepsFor(vanderpol, 0.1)).toBe(10);
  });

  it('reports a simulation that blows up with the step, instead of returning garbage', () => {
    // x' = x² from x0 ∈ [1, 1.01] explodes at t = 1/x0 ≤ 1: within 20 steps of Δt = 0.1.
    const blowup: SystemSpec = {
      ...vanderpol,
      id: 'blowup',
      label: 'x′ = x²',
      dim: 1,
      stateNames: ['x'],
      initialBox: [[1, 1.01]],
      rhs: (x, _u, _p, out) => {
        out[0] = x[0] * x[0];
      },
    };
    expect(() => simulate(blowup, {}, [1.005], null, 0, 20, 0.1)).toThrow(/blew up at step \d+/);
  });
});
