import { describe, expect, it } from 'vitest';
import {
  climateStats,
  freeRun,
  hellinger,
  histogram,
  localMaxima,
  wasserstein1,
} from '../../src/method/climate';
import { blowupBox, rolloutRelift } from '../../src/method/rollout';
import { layerDictionary, type Dictionary } from '../../src/method/sampling/hiddenLayer';
import { createRng } from '../../src/numerics/rng';
import { analyse } from '../../src/run/analysis';
import { parseQuery } from '../../src/run/query';

describe('1-Wasserstein distance between samples', () => {
  const rng = createRng(7);
  const a = Float64Array.from({ length: 5000 }, () => rng.normal());

  it('is 0 for identical samples (in any order)', () => {
    const b = Float64Array.from(a).reverse();
    expect(wasserstein1(a, b)).toBe(0);
  });

  it('is the shift for a shifted sample, in the sample’s units', () => {
    for (const c of [0.25, -3, 1e-3]) {
      const b = a.map((v) => v + c);
      expect(Math.abs(wasserstein1(a, b) - Math.abs(c))).toBeLessThan(1e-12 * (1 + Math.abs(c)));
    }
  });

  it('handles different sample sizes (the CDF integral)', () => {
    expect(wasserstein1([0], [0, 1])).toBeCloseTo(0.5, 15);
    expect(wasserstein1([0, 0, 0], [1])).toBeCloseTo(1, 15);
    // Equal sizes: the mean distance between order statistics.
    expect(wasserstein1([3, 1, 2], [2, 5, 4])).toBeCloseTo((1 + 2 + 2) / 3, 15);
    expect(wasserstein1([], [1])).toBeNaN();
  });

  it('is symmetric and scales with the data', () => {
    const b = Float64Array.from({ length: 3000 }, () => 2 * rng.normal() + 1);
    expect(wasserstein1(a, b)).toBeCloseTo(wasserstein1(b, a), 12);
    expect(
      wasserstein1(
        a.map((v) => 10 * v),
        b.map((v) => 10 * v),
      ),
    ).toBeCloseTo(10 * wasserstein1(a, b), 10);
  });
});

describe('densities, Hellinger distance, maxima', () => {
  it('histogram densities integrate to 1', () => {
    const rng = createRng(1);
    const x = Float64Array.from({ length: 1000 }, () => rng.normal());
    const h = histogram(x, -5, 5, 40);
    expect(h.reduce((s, v) => s + v, 0) * (10 / 40)).toBeCloseTo(1, 12);
  });

  it('Hellinger: 0 for the same distribution, 1 for disjoint ones, scale-free', () => {
    expect(hellinger([1, 2, 3], [2, 4, 6])).toBe(0);
    expect(hellinger([1, 0], [0, 1])).toBe(1);
    expect(hellinger([1, 1], [1, 0])).toBeCloseTo(Math.sqrt(1 - Math.sqrt(0.5)), 15);
  });

  it('local maxima of a sampled sine, refined by the parabola, are ≈ its amplitude', () => {
    const x = Float64Array.from({ length: 2000 }, (_, t) => 3 * Math.sin(0.1 * t + 0.3));
    const m = localMaxima(x);
    expect(m.length).toBe(32);
    for (const v of m) expect(Math.abs(v - 3)).toBeLessThan(1e-4);
  });
});

describe('free run and statistics', () => {
  const rng = createRng(2);
  const d = 2;
  const M = 30;
  const W = Float64Array.from({ length: M * d }, () => 0.5 * rng.normal());
  const b = Float64Array.from({ length: M }, () => rng.normal());
  const CK = Float64Array.from({ length: d * (M + 1) }, () => 0.3 * rng.normal());
  const dict = layerDictionary({ d, width: M, W, b, act: 'tanh', pairs: null });
  const box = blowupBox(
    { d, data: Float64Array.of(-3, -3, 3, 3) },
    new Float64Array(d),
    Float64Array.of(1, 1),
  );

  it('the chunked free run is the re-lifted rollout bit for bit', () => {
    const start = Float64Array.of(0.2, -0.1);
    const run = freeRun(dict, CK, start, 12_345, box);
    const ref = rolloutRelift(dict, CK, start, d, 12_345, box);
    expect(run.x).toEqual(ref.x);
    expect(run.leftAt).toBe(-1);
    expect(run.valid).toBe(12_346);
  });

  it('reports the step where the run leaves the blow-up box (in a later chunk)', () => {
    // x ↦ 1.001·x: leaves |x| ≤ 10·(3 + 1) = 40 from x = 1 after ⌈ln 40 / ln 1.001⌉ steps.
    const lin: Dictionary = {
      d: 1,
      m: 2,
      lift: (x, xo, out, o) => ((out[o] = x[xo]), (out[o + 1] = 1)),
    };
    const box1 = blowupBox(
      { d: 1, data: Float64Array.of(-3, 3) },
      Float64Array.of(0),
      Float64Array.of(1),
    );
    const run = freeRun(lin, Float64Array.of(1.001, 0), [1], 20_000, box1);
    const expected = Math.ceil(Math.log(40) / Math.log(1.001));
    expect(run.leftAt).toBe(expected);
    expect(run.leftReason).toBe('blowup');
    expect(run.valid).toBe(expected);
    expect(Number.isNaN(run.x[expected])).toBe(true);
    expect(Number.isFinite(run.x[expected - 1])).toBe(true);
  });

  it('identical runs give zero distances everywhere', () => {
    const run = freeRun(dict, CK, [0.2, -0.1], 5000, box);
    const s = climateStats(run.x, run.valid, run.x, run.valid, d, {
      dt: 0.1,
      stateNames: ['x', 'y'],
      segment: 1024,
      returnMap: 0,
    });
    for (const c of s.components) {
      expect(c.wasserstein).toBe(0);
      expect(c.spectrumHellinger).toBe(0);
    }
    expect(s.density2d.hellinger).toBe(0);
    expect(s.spectra!.segment).toBe(1024);
    expect(s.spectra!.freq[1]).toBeCloseTo(1 / (1024 * 0.1), 15);
    expect(s.returnMap!.truth).toEqual(s.returnMap!.surrogate);
  });

  it('a shifted copy shows the shift as W₁ and leaves the spectra equal', () => {
    const run = freeRun(dict, CK, [0.2, -0.1], 5000, box);
    const shifted = run.x.map((v, k) => (k % d === 1 ? v + 0.5 : v));
    const s = climateStats(run.x, run.valid, shifted, run.valid, d, {
      dt: 0.1,
      stateNames: ['x', 'y'],
      segment: 1024,
    });
    expect(s.components[0].wasserstein).toBe(0);
    expect(s.components[1].wasserstein).toBeCloseTo(0.5, 10);
    expect(s.components[1].spectrumHellinger!).toBeLessThan(1e-7); // the mean is removed
  });
});

describe('analyse(config, "stats")', () => {
  it('Rössler (short run): small distances, a true-vs-true floor, the z-maxima, no escape', () => {
    const { config } = parseQuery('sys=rossler&width=300&len=5000', 'strict');
    const a = analyse(config, 'stats', { steps: 8000, segment: 1024 });
    expect(a.kind).toBe('stats');
    expect(a.leftAt).toBe(-1);
    expect(a.stats.samples).toEqual({ truth: 8001, surrogate: 8001 });
    expect(a.stats.components.map((c) => c.name)).toEqual(['x', 'y', 'z']);
    for (const c of a.stats.components) {
      expect(c.wassersteinRel).toBeLessThan(0.5);
      expect(c.spectrumHellinger!).toBeLessThan(0.5);
    }
    expect(a.floor.components).toHaveLength(3);
    expect(a.stats.returnMap!.component).toBe(2);
    expect(a.stats.returnMap!.truth.length).toBeGreaterThan(10);
    expect(a.stats.histograms.truth.length).toBe(3 * a.stats.histograms.bins);
  });
});
