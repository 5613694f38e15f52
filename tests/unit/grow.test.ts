/**
 * Grow the network (src/method/grow.ts, src/run/explain.ts; METHOD.md §13): the fit with the first
 * k neurons from the cached sums — equal to the full run at k = M (bit for bit), to a fresh pass
 * with k neurons (bit for bit), to an explicit least-squares oracle (1e-9), and the nested ridge
 * objective never increases.
 */
import { describe, expect, it } from 'vitest';
import { inverse, Matrix } from 'ml-matrix';
import { accumulateEdmd } from '../../src/method/edmd';
import { denseWidths, firstNeurons, growNetwork, growSchedule } from '../../src/method/grow';
import { layerDictionary } from '../../src/method/sampling/hiddenLayer';
import { growRun, samplerRun } from '../../src/run/explain';
import { runPipeline, type RunParts } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';
import type { SimulatedForecasts } from '../../src/run/families/simulated';
import { createStageCache } from '../../src/run/stageCache';

const configOf = (q: string) => {
  const { config, errors } = parseQuery(q, 'strict');
  expect(errors).toEqual([]);
  return config;
};

const SMALL = 'sys=vanderpol&ntraj=20&len=100&width=40&ntest=5&horizon=50';

function partsOf(q: string) {
  const config = configOf(q);
  const cache = createStageCache();
  let parts: RunParts | null = null;
  const result = runPipeline(config, { cache, inspect: (p) => (parts = p) });
  return { config, cache, result, parts: parts! };
}

describe('growSchedule / denseWidths', () => {
  it('steps by √2 from 1 and ends at M', () => {
    expect(growSchedule(200)).toEqual([
      1, 2, 3, 4, 6, 8, 11, 16, 23, 32, 45, 64, 91, 128, 181, 200,
    ]);
    expect(growSchedule(1)).toEqual([1]);
    expect(growSchedule(2)).toEqual([1, 2]);
    expect(() => growSchedule(0)).toThrow(/width M must be an integer ≥ 1/);
  });
  it('covers every width up to 240, else about 4 % steps plus the schedule', () => {
    expect(denseWidths(40)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const w = denseWidths(1000);
    expect(w[0]).toBe(1);
    expect(w[w.length - 1]).toBe(1000);
    for (const k of growSchedule(1000)) expect(w).toContain(k);
    expect(w.length).toBeLessThan(150);
  });
});

describe('grow the network on van der Pol', () => {
  const { config, cache, result, parts } = partsOf(SMALL);
  const g = growRun(config, { cache });
  const last = g.steps[g.steps.length - 1];

  it('at k = M reproduces the full run bit for bit (K, eigenvalues, one-step MSEs)', () => {
    expect(last.width).toBe(40);
    expect(Array.from(last.K)).toEqual(Array.from(result.model.K));
    expect(Array.from(last.eig!.re)).toEqual(Array.from(result.eigenvalues.re));
    expect(Array.from(last.eig!.im)).toEqual(Array.from(result.eigenvalues.im));
    expect(last.trainMse).toBe(result.metrics.trainMse);
    expect(last.testMse).toBe(result.metrics.testMse);
    expect(last.radius).toBe(result.metrics.spectralRadius);
    expect(last.unstable).toBe(result.metrics.unstableEigenvalues);
    expect(g.lambda).toBe(parts.fit.lambda);
    // The run came from the cache: nothing was refitted.
    expect(g.timingsMs.cross).toBeLessThan(50);
  });

  it('the first k neurons’ sub-block equals a fresh pass with those k neurons, bit for bit', () => {
    const k = 7;
    const sub = accumulateEdmd(
      layerDictionary(firstNeurons(parts.model.layer, k)),
      parts.data.train,
      false,
    );
    const M = 40;
    const idx = [...Array.from({ length: k }, (_, i) => i), M];
    const full = parts.sums;
    for (let a = 0; a <= k; a++)
      for (let b = 0; b <= k; b++) {
        expect(sub.G[a * (k + 1) + b]).toBe(full.G[idx[a] * (M + 1) + idx[b]]);
        expect(sub.A![a * (k + 1) + b]).toBe(full.A![idx[a] * (M + 1) + idx[b]]);
      }
  });

  it('the nested ridge objective J_k never increases (same absolute λ; tolerance 1e-12 relative)', () => {
    const J = g.curve.objective;
    expect(g.curve.widths).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (let i = 1; i < J.length; i++) expect(J[i]).toBeLessThanOrEqual(J[i - 1] * (1 + 1e-12));
    // It falls a lot: from one neuron to forty.
    expect(J[J.length - 1]).toBeLessThan(1e-3 * J[0]);
  });

  it('the same invariant with a strong ridge (λ_rel = 10⁻³), where the objective is far from 0', () => {
    const strong = partsOf(`${SMALL}&reg=1e-3`);
    const gs = growRun(strong.config, { cache: strong.cache });
    const J = gs.curve.objective;
    for (let i = 1; i < J.length; i++) expect(J[i]).toBeLessThanOrEqual(J[i - 1] * (1 + 1e-12));
    // With λ > 0 the objective includes λ‖D‖²: strictly above the mean squared residual.
    expect(J[J.length - 1]).toBeGreaterThan(0);
  });

  it('between frames the quadratic-form MSE equals oneStepMse’s (1e−6 relative)', () => {
    const base = {
      layer: parts.model.layer,
      sums: parts.sums,
      lambda: parts.fit.lambda,
      train: parts.data.train,
      trainPairs: 5000,
      test: (parts.forecast as SimulatedForecasts).truth,
    };
    const quad = growNetwork({ ...base, schedule: [40], dense: [9, 17, 40] });
    const exact = growNetwork({ ...base, schedule: [9, 17, 40], dense: [9, 17, 40] });
    for (const i of [0, 1]) {
      expect(Math.abs(quad.curve.trainMse[i] / exact.steps[i].trainMse - 1)).toBeLessThan(1e-6);
      expect(Math.abs(quad.curve.testMse[i] / exact.steps[i].testMse - 1)).toBeLessThan(1e-6);
    }
  });

  it('the schedule’s steps are the dense curve’s values at those widths', () => {
    for (const s of g.steps) {
      const i = g.curve.widths.indexOf(s.width);
      expect(g.curve.trainMse[i]).toBe(s.trainMse);
      expect(g.curve.testMse[i]).toBe(s.testMse);
    }
  });
});

describe('grow the network against an explicit least-squares oracle', () => {
  const { parts } = partsOf(SMALL);
  const { sums } = parts;
  const layer = parts.model.layer;
  const train = parts.data.train;
  const d = train.d;
  const M = layer.width;
  /** Ψ_k of every state, built with Math.tanh (independent of the lift kernel). */
  const psi = (k: number, x: Float64Array, off: number) => {
    const out = new Array<number>(k + 1);
    for (let j = 0; j < k; j++) {
      let s = layer.b[j];
      for (let i = 0; i < d; i++) s += layer.W[j * d + i] * x[off + i];
      out[j] = Math.tanh(s);
    }
    out[k] = 1;
    return out;
  };
  const oracle = (k: number, lambda: number) => {
    const X: number[][] = [];
    const Y: number[][] = [];
    for (let j = 0; j < train.count; j++)
      for (let t = 0; t + 1 < train.points; t++) {
        const o = (j * train.points + t) * d;
        X.push(psi(k, train.data, o));
        Y.push(psi(k, train.data, o + d));
      }
    const PX = new Matrix(X).transpose(); // (k+1)×N
    const PY = new Matrix(Y).transpose();
    const G = PX.mmul(PX.transpose()).add(Matrix.eye(k + 1).mul(lambda));
    return PY.mmul(PX.transpose()).mmul(inverse(G)); // K = A (G + λI)⁻¹
  };
  const lambda = 1e-3;
  const g = growNetwork({
    layer,
    sums,
    lambda,
    train,
    trainPairs: 5000,
    test: (parts.forecast as SimulatedForecasts).truth,
    schedule: [1, 5, M],
    dense: [1, 5, M],
  });

  it('k = 1: the 2×2 fit [ψ₁; 1] matches the oracle within 1e-9', () => {
    const ref = oracle(1, lambda);
    const K = g.steps[0].K;
    for (let a = 0; a < 2; a++)
      for (let b = 0; b < 2; b++) expect(K[a * 2 + b]).toBeCloseTo(ref.get(a, b), 9);
    // The constant feature maps to itself: the last row of K is (0, 1) up to the ridge's bias.
    expect(K[2]).toBeCloseTo(0, 2);
    expect(K[3]).toBeCloseTo(1, 2);
  });

  it('k = 5: K₅ matches the oracle within 1e-9', () => {
    const ref = oracle(5, lambda);
    const K = g.steps[1].K;
    for (let a = 0; a < 6; a++)
      for (let b = 0; b < 6; b++) expect(K[a * 6 + b]).toBeCloseTo(ref.get(a, b), 9);
  });
});

describe('grow the network: other runs and bad input', () => {
  it('a POD-truncated run accumulates the cross term again and says so', () => {
    const { config, cache } = partsOf(`${SMALL}&rank=20`);
    const g = growRun(config, { cache });
    expect(g.notes.join(' ')).toMatch(/accumulated again/);
    expect(g.steps[g.steps.length - 1].K.length).toBe(41 * 41);
  });
  it('refuses a controlled system and a measured series with a clear message', () => {
    expect(() => growRun(configOf('sys=forcedvdp&width=20&ntraj=5&len=50'))).toThrow(
      /needs a simulated free system \(sys=forcedvdp is a controlled system\)/,
    );
  });
  it('refuses widths outside 1…M and a negative λ', () => {
    const { parts } = partsOf(SMALL);
    const base = {
      layer: parts.model.layer,
      sums: parts.sums,
      lambda: 1e-6,
      train: parts.data.train,
      trainPairs: 100,
      test: (parts.forecast as SimulatedForecasts).truth,
    };
    expect(() => growNetwork({ ...base, schedule: [0, 40] })).toThrow(/width 0 outside 1…40/);
    expect(() => growNetwork({ ...base, lambda: -1 })).toThrow(/λ must be ≥ 0/);
  });
});

describe('samplerRun: the same data with random features', () => {
  it('returns a random layer of the same width on the same data, without pairs', () => {
    const config = configOf(SMALL);
    const r = samplerRun(config, 'random');
    expect(r.width).toBe(40);
    expect(r.pairPoints).toBeNull();
    expect(r.W.length).toBe(80);
    expect(r.query).toMatch(/sampler=random/);
    expect(Number.isFinite(r.testMse)).toBe(true);
  });
});
