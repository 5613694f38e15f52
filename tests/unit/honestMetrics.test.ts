import { describe, expect, it } from 'vitest';
import { accumulateEdmd, solveEdmd } from '../../src/method/edmd';
import { projectEdmd } from '../../src/method/edmdProjection';
import { censoredCount, quantile, scoreRollout } from '../../src/method/metrics';
import { samplerOf } from '../../src/method/sampling';
import { layerDictionary } from '../../src/method/sampling/hiddenLayer';
import { gemmNN } from '../../src/numerics/kernels/gemm';
import { solveRightSpd } from '../../src/numerics/linalg/cholesky';
import { eigenvalues } from '../../src/numerics/linalg/eigenvalues';
import { symmetricEigen } from '../../src/numerics/linalg/symmetricEigen';
import { createRng } from '../../src/numerics/rng';
import { simulatedData } from '../../src/run/families/simulated';
import { runPipeline } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';

const cfg = (q: string) => parseQuery(q, 'strict').config;

describe('honest VPT (METHOD.md §6)', () => {
  // Two starts, horizon 10, Δt = 0.5: one forecast crosses ε = 0.4 after step 3, one never does.
  const truth = { d: 1, count: 2, points: 11, data: new Float64Array(22) };
  const forecast = new Float64Array(22);
  for (let t = 0; t <= 10; t++) {
    forecast[t] = t >= 4 ? 1 : 0.1; // start 0: e = 1 > ε from step 4
    forecast[11 + t] = 0.2; // start 1: e = 0.2 ≤ ε throughout
  }
  const s = scoreRollout(truth, forecast, Int32Array.of(-1, -1), {
    horizon: 10,
    scale: 1,
    eps: 0.4,
    dt: 0.5,
  });

  it('VPT is the time of the last step before the error first exceeds ε; a start that never does is censored at the horizon', () => {
    expect(s.censored).toBe(1);
    expect(censoredCount(s.err, 2, 10, 0.4)).toBe(1);
    // Start 0: last step below ε is t = 3 → 1.5; start 1: censored at H·Δt = 5. Median 3.25.
    expect(s.vpt).toBe(3.25);
    expect(s.vptIqr).toEqual([2.375, 4.125]);
  });

  it('quantiles interpolate linearly between order statistics (numpy default)', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([5], 0.75)).toBe(5);
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
  });

  it('the rollout MSE over the surviving starts stays finite when one start diverged', () => {
    const bad = Float64Array.from(forecast);
    bad.fill(NaN, 11 + 5, 22); // start 1 diverged at step 5
    const d = scoreRollout(truth, bad, Int32Array.of(-1, 5), {
      horizon: 10,
      scale: 1,
      eps: 0.4,
      dt: 0.5,
    });
    expect(d.mse.total).toBeNull();
    // Start 0 alone: steps 1–3 error 0.1², steps 4–10 error 1 → (3·0.01 + 7)/10.
    expect(d.mseLive).toBeCloseTo((3 * 0.01 + 7) / 10, 14);
  });

  it('the per-component error norm weighs a component with a small spread like the others', () => {
    const base = 'sys=rossler&width=150&len=5000&horizon=1500&ntest=6';
    const total = runPipeline(cfg(base));
    const comp = runPipeline(cfg(`${base}&errnorm=component`));
    // Same model and forecasts: only the scores differ.
    expect(comp.test.relift).toEqual(total.test.relift);
    // z has a small spread: scaled on its own it crosses ε sooner (METHOD.md §6).
    expect(comp.metrics.vpt).toBeLessThan(total.metrics.vpt);
    expect(comp.query).toContain('errnorm=component');
  }, 60_000);

  it('a censored Lorenz run reports the count and warns', () => {
    const r = runPipeline(cfg('sys=lorenz&width=200&len=4000&horizon=100&ntest=5'));
    // 100 steps = 0.9 Lyapunov times: every start stays below ε.
    expect(r.metrics.vptCensored).toBe(5);
    expect(r.warnings.some((w) => /never exceeded ε.*lower bound/.test(w))).toBe(true);
  }, 60_000);
});

describe('trustworthy truncated spectrum (METHOD.md §3, §5)', () => {
  const c = cfg('sys=lorenz&width=300&len=4000&rank=60');
  const rng = createRng(c.seed);
  const streams = { data: rng.fork(), sample: rng.fork(), fit: rng.fork() };
  const data = simulatedData(c, streams.data);
  const layer = samplerOf('swim').sample(data, c.width, 'tanh', streams.sample);
  const dict = layerDictionary(layer);
  const full = accumulateEdmd(dict, data.train, false); // with A, for the exact projection
  const m = dict.m;
  const r = 60;

  it('the POD basis gives eigenvalues within 1e-6 of the exact rank-r projection, with its residual stated', () => {
    const proj = projectEdmd(dict, data.train, full, r, streams.fit);
    const fit = solveEdmd(dict, data.train, full, proj, c.reg);
    expect(fit.podResidual!).toBeLessThan(1e-10);
    // Exact: the r leading eigenvectors of G by a full symmetric eigendecomposition.
    const { vectors } = symmetricEigen(full.G, m);
    const Q = new Float64Array(m * r);
    for (let i = 0; i < m; i++) for (let k = 0; k < r; k++) Q[i * r + k] = vectors[i * m + k];
    const proj2 = (M: Float64Array) => {
      const MQ = gemmNN(M, m, m, Q, r);
      const out = new Float64Array(r * r);
      for (let a = 0; a < r; a++)
        for (let b = 0; b < r; b++) {
          let s = 0;
          for (let i = 0; i < m; i++) s += Q[i * r + a] * MQ[i * r + b];
          out[a * r + b] = s;
        }
      return out;
    };
    const Gr = proj2(full.G);
    for (let a = 0; a < r; a++) Gr[a * r + a] += fit.lambda;
    const exact = eigenvalues(solveRightSpd(proj2(full.A!), r, Gr, r).x, r);
    const shown = eigenvalues(fit.K, r);
    let worst = 0;
    for (let i = 0; i < r; i++) {
      let best = Infinity;
      for (let j = 0; j < r; j++)
        best = Math.min(best, Math.hypot(shown.re[i] - exact.re[j], shown.im[i] - exact.im[j]));
      worst = Math.max(worst, best);
    }
    expect(worst).toBeLessThan(1e-6);
  }, 60_000);

  it('rank changes the spectrum, never the RNN: C·K is bit-identical for every truncated rank', () => {
    const sums = accumulateEdmd(dict, data.train, true);
    const fits = [30, 60, 120].map((k) =>
      solveEdmd(
        dict,
        data.train,
        sums,
        projectEdmd(dict, data.train, sums, k, createRng(1)),
        c.reg,
      ),
    );
    expect(fits[1].CK).toEqual(fits[0].CK);
    expect(fits[2].CK).toEqual(fits[0].CK);
    expect(fits[1].K.length).toBe(60 * 60);
  }, 60_000);
});
