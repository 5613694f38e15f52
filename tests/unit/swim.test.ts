import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/numerics/rng';
import { layerDictionary, type HiddenLayer } from '../../src/method/sampling/hiddenLayer';

const liftInto = (layer: HiddenLayer, x: Float64Array, xo: number, out: Float64Array, o: number) =>
  layerDictionary(layer).lift(x, xo, out, o);
import { sampleSwim, SWIM_TANH_S1 } from '../../src/method/sampling/swim';
import { sampleRandomFeatures } from '../../src/method/sampling/randomFeatures';
import { pairIndex } from '../../src/method/sampling/pairs';
import { buildDataset } from '../../src/sources/dataset';
import { vanderpol } from '../../src/sources/systems/vanderpol';

const set = buildDataset(
  vanderpol,
  { mu: 1 },
  { dt: 0.1, ntraj: 10, len: 49, ntest: 1, noise: 0, amp: 0, holdSteps: 1 },
  createRng(3),
).train;
const pairs = pairIndex(set);

describe('SWIM sampler', () => {
  it('uses s1 = ln 3 = 2·atanh(1/2)', () => {
    expect(SWIM_TANH_S1).toBeCloseTo(2 * Math.atanh(0.5), 15);
  });

  it('puts tanh = −1/2 at the first point of each pair and +1/2 at the second', () => {
    const layer = sampleSwim(pairs, 50, 'tanh', createRng(1));
    const out = new Float64Array(51);
    for (let j = 0; j < 50; j++) {
      const i1 = pairs.inputIndex[layer.pairs![2 * j]] * 2;
      const i2 = pairs.inputIndex[layer.pairs![2 * j + 1]] * 2;
      liftInto(layer, set.data, i1, out, 0);
      // Exact in real arithmetic; 1e-12 allows rounding in w·x with |w| up to ~1e3.
      expect(out[j]).toBeCloseTo(-0.5, 12);
      liftInto(layer, set.data, i2, out, 0);
      expect(out[j]).toBeCloseTo(0.5, 12);
    }
    expect(out[50]).toBe(1); // the constant feature
  });

  it('ReLU neurons are 0 at the first point and 1 at the second', () => {
    const layer = sampleSwim(pairs, 20, 'relu', createRng(2));
    const out = new Float64Array(21);
    for (let j = 0; j < 20; j++) {
      liftInto(layer, set.data, pairs.inputIndex[layer.pairs![2 * j]] * 2, out, 0);
      expect(Math.abs(out[j])).toBeLessThan(1e-12);
      liftInto(layer, set.data, pairs.inputIndex[layer.pairs![2 * j + 1]] * 2, out, 0);
      expect(out[j]).toBeCloseTo(1, 12);
    }
  });

  it('is deterministic for a seed and never picks a pair twice', () => {
    const a = sampleSwim(pairs, 100, 'tanh', createRng(9));
    const b = sampleSwim(pairs, 100, 'tanh', createRng(9));
    expect(a.W).toEqual(b.W);
    expect(a.b).toEqual(b.b);
    const keys = new Set<string>();
    for (let j = 0; j < 100; j++) keys.add(`${a.pairs![2 * j]},${a.pairs![2 * j + 1]}`);
    expect(keys.size).toBe(100);
  });

  it('refuses data without usable pairs', () => {
    const flat = { ...pairs, states: new Float64Array(set.data.length).fill(1) };
    expect(() => sampleSwim(flat, 10, 'tanh', createRng(1))).toThrow(/usable candidate pairs/);
  });
});

describe('random features', () => {
  it('centres w·x + b on the data mean with offsets in (−π, π)', () => {
    const mean = Float64Array.from([1, -2]);
    const std = Float64Array.from([2, 0.5]);
    const layer = sampleRandomFeatures(2, 500, 'tanh', mean, std, createRng(4));
    for (let j = 0; j < 500; j++) {
      const z = layer.W[2 * j] * mean[0] + layer.W[2 * j + 1] * mean[1] + layer.b[j];
      expect(Math.abs(z)).toBeLessThan(Math.PI);
    }
    // Scaled weights: std of W[:,0]·std_0 should be ≈ 1 (500 samples: ±0.1 is ~3 standard errors).
    let s = 0;
    for (let j = 0; j < 500; j++) s += (layer.W[2 * j] * std[0]) ** 2;
    expect(Math.abs(Math.sqrt(s / 500) - 1)).toBeLessThan(0.1);
  });
});
