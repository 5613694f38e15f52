/**
 * The gradient baselines (docs/METHOD.md, "Gradient baselines"): the pure parts exactly (windows,
 * the masked one-step MSE, the time to a threshold, the ratio of training times, the seeded
 * initial weights, the settings' parsing), the data being the sampled network's own, and a tiny
 * LSTM and GRU trained by BPTT in Node on TensorFlow.js' CPU backend: the loss falls by a stated
 * factor and the same seed gives the same numbers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWindows, shuffledOrder, windowMse, windowStarts } from '../../src/method/bpttWindows';
import { initialWeights } from '../../src/method/bpttInit';
import { speedRatio, timeToThreshold } from '../../src/method/learningCurve';
import { createRng } from '../../src/numerics/rng';
import type { TrajectorySet } from '../../src/numerics/trajectorySet';
import { sampleStates } from '../../src/sources/dataset';
import { bpttData } from '../../src/run/bptt/data';
import { compareWithSampled } from '../../src/run/bptt/compare';
import {
  forecastFromPredictions,
  type BpttResult,
  type BpttSnapshot,
} from '../../src/run/bptt/result';
import { bpttSettings, parseBpttSpec } from '../../src/run/bptt/settings';
import { runPipeline } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';
import { selectBackend } from '../../src/tfjs/backend';
import { scoreSnapshot, trainBaseline } from '../../src/tfjs/trainer';

describe('truncated-BPTT windows', () => {
  // d = 2, two trajectories of 6 points (5 pairs): x_t = (10j + t, −(10j + t)).
  const points = 6;
  const data = new Float64Array(2 * points * 2);
  for (let j = 0; j < 2; j++)
    for (let t = 0; t < points; t++) {
      data[(j * points + t) * 2] = 10 * j + t;
      data[(j * points + t) * 2 + 1] = -(10 * j + t);
    }
  const set: TrajectorySet = { d: 2, count: 2, points, data };
  const mean = [1, -1];
  const std = [2, 4];

  it('starts at 0, L, 2L, … and one overlapping window at the end', () => {
    expect(windowStarts(5, 2)).toEqual([0, 2, 3]);
    expect(windowStarts(6, 2)).toEqual([0, 2, 4]);
    expect(windowStarts(3, 3)).toEqual([0]);
  });

  it('holds the standardised x_t and x_{t+1} of each window exactly, never across trajectories', () => {
    const w = buildWindows(set, 2, mean, std);
    expect([w.count, w.steps, w.d]).toEqual([6, 2, 2]);
    expect(Array.from(w.traj)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(w.start)).toEqual([0, 2, 3, 0, 2, 3]);
    // Window 2 of trajectory 1 starts at t = 3: x = (13, −13), (14, −14); y = (14, −14), (15, −15).
    const k = 5;
    const at = (a: Float32Array, s: number, i: number) => a[(k * 2 + s) * 2 + i];
    expect(at(w.x, 0, 0)).toBe((13 - 1) / 2);
    expect(at(w.x, 0, 1)).toBe((-13 + 1) / 4);
    expect(at(w.x, 1, 0)).toBe((14 - 1) / 2);
    expect(at(w.y, 0, 0)).toBe((14 - 1) / 2);
    expect(at(w.y, 1, 0)).toBe((15 - 1) / 2);
    expect(at(w.y, 1, 1)).toBe((-15 + 1) / 4);
    // The overlapping window counts only the pair t = 4 (t = 3 is in the window before).
    expect(Array.from(w.mask)).toEqual([1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1]);
  });

  it('masked one-step MSE counts every pair once, in original units', () => {
    const w = buildWindows(set, 2, mean, std);
    // Predict every standardised target with an error of +1 in component 0 and 0 in component 1,
    // except a huge error on the masked (duplicate) pair, which must not count.
    const pred = Float32Array.from(w.y);
    for (let k = 0; k < w.count * w.steps; k++) pred[k * 2] += w.mask[k] ? 1 : 1e6;
    // Error in original units std_0·1 = 2 on component 0, 0 on component 1: MSE = 4 / 2 = 2.
    expect(windowMse(w, pred, std)).toBeCloseTo(2, 12);
  });

  it('uses one window of the whole trajectory when L exceeds it; refuses L < 1 by name', () => {
    const w = buildWindows(set, 50, mean, std);
    expect([w.count, w.steps]).toEqual([2, 5]);
    expect(() => buildWindows(set, 0, mean, std)).toThrow(/window must be an integer ≥ 1/);
  });

  it('shuffles with the seeded generator: a permutation, the same for the same seed', () => {
    const a = shuffledOrder(50, createRng(3));
    const b = shuffledOrder(50, createRng(3));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, k) => k));
    expect(Array.from(a)).not.toEqual(Array.from({ length: 50 }, (_, k) => k));
  });
});

describe('time to a one-step MSE and the ratio of training times', () => {
  // mse(t) = 10^(−t): log-linear interpolation is exact on it.
  const curve = [0, 1, 2, 3, 4].map((t) => ({ t, mse: 10 ** -t }));

  it('interpolates log MSE linearly between the evaluations around the crossing', () => {
    expect(timeToThreshold(curve, 10 ** -2.5)).toBeCloseTo(2.5, 12);
    expect(timeToThreshold(curve, 1e-2)).toBeCloseTo(2, 12);
    expect(timeToThreshold(curve, 0.5)).toBeCloseTo(Math.log10(2), 12);
  });

  it('is the first evaluation when already below, null when never reached', () => {
    expect(timeToThreshold(curve, 2)).toBe(0);
    expect(timeToThreshold(curve, 1e-5)).toBeNull();
    // A curve that dips below and comes back: the first crossing counts.
    const bumpy = [
      { t: 0, mse: 1 },
      { t: 1, mse: 1e-3 },
      { t: 2, mse: 1 },
    ];
    expect(timeToThreshold(bumpy, 1e-2)).toBeCloseTo(2 / 3, 12);
    expect(() => timeToThreshold(curve, 0)).toThrow(/threshold must be > 0/);
  });

  it('gives the ratio, a lower bound from the budget, or says the sampled RNN misses', () => {
    expect(speedRatio(25, 30, 0.5, 1e-9, 1e-2)).toEqual({
      kind: 'ratio',
      ratio: 50,
      baselineS: 25,
    });
    expect(speedRatio(null, 30, 0.5, 1e-9, 1e-3)).toEqual({ kind: 'atLeast', ratio: 60 });
    expect(speedRatio(5, 30, 0.5, 0.1, 1e-2)).toEqual({ kind: 'sampledMisses' });
  });
});

describe('seeded initial weights', () => {
  it('orthogonal recurrent kernel, Glorot bounds, unit forget bias, same seed same weights', () => {
    const [W, U, b, V] = initialWeights('lstm', 8, 2, createRng(5));
    expect(U.shape).toEqual([8, 32]);
    for (let r = 0; r < 8; r++)
      for (let c = 0; c < 8; c++) {
        let s = 0;
        for (let k = 0; k < 32; k++) s += U.values[r * 32 + k] * U.values[c * 32 + k];
        expect(s).toBeCloseTo(r === c ? 1 : 0, 5);
      }
    const a = Math.sqrt(6 / (2 + 32));
    expect(Math.max(...W.values.map(Math.abs))).toBeLessThanOrEqual(a);
    expect(Math.max(...V.values.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 10));
    expect(Array.from(b.values.slice(8, 16))).toEqual(new Array(8).fill(1));
    expect(Array.from(b.values.slice(0, 8))).toEqual(new Array(8).fill(0));
    const again = initialWeights('lstm', 8, 2, createRng(5));
    expect(Array.from(again[1].values)).toEqual(Array.from(U.values));
    expect(initialWeights('gru', 8, 2, createRng(5))[1].shape).toEqual([8, 24]);
  });
});

describe('settings', () => {
  it('parses the CLI value and names a bad field with its range', () => {
    const [l, g] = parseBpttSpec('lstm,gru,budget=12.5,units=16');
    expect([l.cell, g.cell, l.budget, g.units, l.window]).toEqual(['lstm', 'gru', 12.5, 16, 50]);
    expect(() => parseBpttSpec('budget=5')).toThrow(/needs a cell/);
    expect(() => parseBpttSpec('rnn')).toThrow(/cell must be lstm or gru, got 'rnn'/);
    expect(() => parseBpttSpec('lstm,budget=0')).toThrow(/budget must be a number in \[1, 3600\]/);
    expect(() => parseBpttSpec('lstm,budget=abc')).toThrow(/budget .*'abc'/);
    expect(() => parseBpttSpec('lstm,units=2.5')).toThrow(/units must be an integer/);
    expect(() => parseBpttSpec('lstm,depth=2')).toThrow(/unknown setting 'depth'/);
  });
});

describe('the data is the sampled network’s own', () => {
  it('same training trajectories and test trajectories as the pipeline, bit for bit', () => {
    const { config } = parseQuery(
      'sys=vanderpol&ntraj=12&len=60&ntest=4&horizon=40&width=40&seed=9',
      'strict',
    );
    const run = runPipeline(config);
    const data = bpttData(config);
    expect(data.truth.data).toEqual(run.test.truth);
    // The pipeline's training sample of the phase plot is drawn from the same states.
    expect(sampleStates(data.train).x).toEqual(run.trainSample.x);
    expect(data.train.count * (data.train.points - 1)).toBe(12 * 60);
    expect(Array.from(data.testStarts)).toEqual(
      Array.from({ length: 4 * 2 }, (_, k) => run.test.truth[Math.floor(k / 2) * 41 * 2 + (k % 2)]),
    );
    expect(() => bpttData(parseQuery('sys=duffing', 'strict').config)).toThrow(
      /without inputs, not sys=duffing/,
    );
  });

  it('forecasts are stopped at the blow-up box like the sampled rollouts', () => {
    const box = { mean: new Float64Array([0]), halfWidth: new Float64Array([10]) };
    const pred = Float32Array.from([1, 2, 30, 1]); // standardised; std 1, mean 0
    const f = forecastFromPredictions(new Float64Array([0.5]), pred, 1, 4, [0], [1], box);
    expect(Array.from(f.divergedAt)).toEqual([3]);
    expect(Array.from(f.x.slice(0, 3))).toEqual([0.5, 1, 2]);
    expect(f.x.slice(3).every(Number.isNaN)).toBe(true);
  });
});

describe('BPTT in Node (TensorFlow.js CPU backend)', () => {
  const { config } = parseQuery(
    'sys=vanderpol&ntraj=8&len=40&ntest=3&horizon=30&width=60&seed=4',
    'strict',
  );
  const settings = (cell: 'lstm' | 'gru') =>
    bpttSettings(cell, { units: 8, window: 10, batch: 8, lr: 0.01, budget: 600 });
  let first: BpttResult;
  beforeAll(async () => {
    expect(await selectBackend(null)).toBe('cpu');
    first = await trainBaseline(config, settings('lstm'), { backend: 'cpu', maxSteps: 80 });
  }, 120_000);

  it('an LSTM’s one-step loss falls at least 5× in 80 Adam steps', () => {
    const c = first.curve;
    expect(first.steps).toBe(80);
    expect(c[0].steps).toBe(0);
    expect(c.at(-1)!.steps).toBe(80);
    expect(c.at(-1)!.trainMse).toBeLessThan(c[0].trainMse / 5);
    expect(c.at(-1)!.testMse).toBeLessThan(c[0].testMse / 5);
    // Metrics of the same forecasts as the sampled network: finite, none diverged.
    expect(first.metrics.diverged).toBe(0);
    expect(first.metrics.rolloutMse).toBeGreaterThan(0);
    expect(first.forecast.length).toBe(3 * 31 * 2);
    expect(first.parameters).toBe(4 * 8 * (2 + 8 + 1) + 8 * 2 + 2);
  });

  it('is reproducible: the same seed gives the same numbers', async () => {
    let last: BpttSnapshot | null = null;
    const again = await trainBaseline(config, settings('lstm'), {
      backend: 'cpu',
      maxSteps: 80,
      onStep: (snap) => (last = snap),
    });
    expect(again.metrics).toEqual(first.metrics);
    expect(Array.from(again.forecast)).toEqual(Array.from(first.forecast));
    expect(again.curve.at(-1)!.testMse).toBe(first.curve.at(-1)!.testMse);
    // Stop on the page scores the last snapshot in a fresh worker: the same network, same numbers.
    const snap = last as unknown as BpttSnapshot;
    expect(snap.steps).toBe(80);
    const scored = scoreSnapshot(config, settings('lstm'), snap, first.curve.slice(0, 2), 'cpu');
    expect(scored.stoppedBy).toBe('stop');
    expect(scored.metrics).toEqual(first.metrics);
    expect(scored.curve.at(-1)!.testMse).toBe(first.curve.at(-1)!.testMse);
    expect(scored.curve.at(-1)!.steps).toBe(80);
  }, 120_000);

  it('a GRU trains too, and the comparison reads the sampled run', async () => {
    const g = await trainBaseline(config, settings('gru'), { backend: 'cpu', maxSteps: 40 });
    expect(g.curve.at(-1)!.trainMse).toBeLessThan(g.curve[0].trainMse / 2);
    expect(g.parameters).toBe(3 * 8 * (2 + 8 + 1) + 8 * 2 + 2);
    const run = runPipeline(config);
    const cmp = compareWithSampled(g, run);
    expect(cmp.sampled.testMse).toBe(run.metrics.testMse);
    expect(cmp.thresholds.map((t) => t.mse)).toEqual([1e-2, 1e-3]);
  }, 120_000);
});
