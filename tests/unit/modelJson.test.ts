import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/run/query';
import { MODEL_FORMAT, modelToJson, parseModelJson } from '../../src/run/modelJson';
import { runPipeline } from '../../src/run/pipeline';
import type { RunResult } from '../../src/run/result';
import { weatherSource } from '../../src/cli/seriesSource';

const run = (q: string): RunResult => {
  const { config, errors } = parseQuery(q, 'strict');
  expect(errors).toEqual([]);
  return runPipeline(config);
};

/** Small runs: SWIM untruncated (K is (M+1)²), and a diverging random-feature run (NaN forecasts). */
const SWIM = run('sys=vanderpol&width=30&ntraj=5&len=50&horizon=50&ntest=3&rank=31&seed=4');
const DIVERGING = run(
  'sys=lorenz&width=40&len=300&horizon=400&ntest=3&reg=0&act=relu&sampler=random&rank=20',
);

const bytes = (a: Float64Array) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

function roundTrip(r: RunResult): RunResult {
  const parsed = parseModelJson(modelToJson(r, '9.9.9'));
  if (!parsed.ok) throw new Error(parsed.error);
  expect(parsed.appVersion).toBe('9.9.9');
  return parsed.result;
}

describe('trained-model JSON', () => {
  it('RunResult.model carries K (r×r), C and CK (d×(M+1)), with CK = C·K when untruncated', () => {
    const { K, C, CK, width } = SWIM.model;
    const m = width + 1;
    const d = SWIM.dim;
    expect(SWIM.spectrumRank).toBe(m);
    expect(K.length).toBe(m * m);
    expect(C.length).toBe(d * m);
    let maxErr = 0;
    let maxAbs = 0;
    for (let i = 0; i < d; i++)
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let k = 0; k < m; k++) s += C[i * m + k] * K[k * m + j];
        maxErr = Math.max(maxErr, Math.abs(s - CK[i * m + j]));
        maxAbs = Math.max(maxAbs, Math.abs(CK[i * m + j]));
      }
    // Same product, possibly summed in another order: agreement to rounding (1e-12 relative).
    expect(maxErr).toBeLessThanOrEqual(1e-12 * Math.max(1, maxAbs) * m);
    expect(DIVERGING.model.K.length).toBe(20 * 20);
  });

  it.each([
    ['SWIM', SWIM],
    ['diverging random features', DIVERGING],
  ])('%s: round-trips the whole result bit for bit (NaN forecasts included)', (_, r) => {
    const back = roundTrip(r);
    expect(back).toEqual(r);
    expect(bytes(back.eigenvalues.re)).toEqual(bytes(r.eigenvalues.re));
    expect(bytes(back.eigenvalues.im)).toEqual(bytes(r.eigenvalues.im));
    expect(bytes(back.model.K)).toEqual(bytes(r.model.K));
    expect(JSON.stringify(back.metrics)).toBe(JSON.stringify(r.metrics));
  });

  it('the diverging run really has NaN forecast steps (written as null)', () => {
    expect(Array.from(DIVERGING.test.linear).some(Number.isNaN)).toBe(true);
    // …and their normalised error is +∞, written as a string numpy's float parser reads.
    expect(Array.from(DIVERGING.test.errorLinear)).toContain(Infinity);
    const text = modelToJson(DIVERGING, '0');
    expect(text).toContain('null');
    expect(text).toContain('"Infinity"');
  });

  it('keeps non-finite metrics and nested arrays of typed arrays (measured-series results)', () => {
    const r = {
      ...SWIM,
      metrics: { ...SWIM.metrics, vpt: Infinity, rolloutMsePerComponent: [NaN, -Infinity] },
      extra: { rnn: [Float64Array.of(1, NaN), Float64Array.of(Infinity, 2)], names: ['NaN', 'x'] },
    } as RunResult;
    const text = modelToJson(r, '1');
    expect(JSON.parse(text).nonFinite).toEqual({
      'metrics.vpt': 'Infinity',
      'metrics.rolloutMsePerComponent.0': 'NaN',
      'metrics.rolloutMsePerComponent.1': '-Infinity',
    });
    expect(roundTrip(r)).toEqual(r);
  });

  it('round-trips a measured-series (weather) run: delay-embedded W and C, dates, baselines', () => {
    const { config, errors } = parseQuery('sys=weather&width=60', 'strict');
    expect(errors).toEqual([]);
    const r = runPipeline(config, { series: weatherSource() });
    expect(r.series).toBeDefined();
    expect(r.model.W.length).toBeGreaterThan(60 * r.dim); // M × (d·k)
    expect(roundTrip(r)).toEqual(r);
  });

  it('lists the documented fields with shapes a reader can reshape by', () => {
    const doc = JSON.parse(modelToJson(SWIM, '1.2.3'));
    expect(doc.format).toBe(MODEL_FORMAT);
    expect(doc.appVersion).toBe('1.2.3');
    expect(doc.seed).toBe(4);
    expect(doc.config.width).toBe(30);
    const m = 31;
    expect(doc.arrays['model.W']).toEqual({ dtype: 'float64', shape: [30, 2] });
    expect(doc.arrays['model.K']).toEqual({ dtype: 'float64', shape: [m, m] });
    expect(doc.arrays['model.C']).toEqual({ dtype: 'float64', shape: [2, m] });
    expect(doc.arrays['model.pairs']).toEqual({ dtype: 'int32', shape: [30, 2] });
    expect(doc.model.b).toHaveLength(30);
    expect(doc.eigenvalues.re).toHaveLength(m);
    expect(typeof doc.metrics.testMse).toBe('number');
  });

  const good = JSON.parse(modelToJson(SWIM, '1'));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form edits of a parsed file
  const mutate = (f: (d: Record<string, any>) => void) => {
    const d = structuredClone(good);
    f(d);
    return JSON.stringify(d);
  };
  it.each([
    ['not JSON', '{"format":', /not JSON/],
    ['another JSON file', '{"name":"x"}', /not a Sampled RNN Lab model file/],
    ['a newer format', mutate((d) => (d.formatVersion = 2)), /format version 2 is not supported/],
    ['a missing array', mutate((d) => delete d.arrays['model.K']), /model.K is missing/],
    ['a short matrix', mutate((d) => d.model.W.pop()), /model.W has 59 numbers, but its shape/],
    [
      'an inconsistent shape',
      mutate((d) => {
        d.model.b.push(1);
        d.arrays['model.b'].shape = [31];
      }),
      /model.b has 31 numbers, expected 30 \(width\)/,
    ],
    ['text in an array', mutate((d) => (d.model.b[3] = 'x')), /model.b\[3\] is not a number/],
    [
      'a fraction in int32',
      mutate((d) => (d.model.pairs[0] = 0.5)),
      /model.pairs\[0\] is not an integer/,
    ],
    [
      'a bad config value',
      mutate((d) => (d.config.width = 99999)),
      /config: width must be an integer/,
    ],
    ['a config of the wrong width', mutate((d) => (d.config.width = 31)), /model.width 30 differs/],
    [
      'a path into the prototype',
      mutate((d) => (d.arrays['__proto__.x'] = { dtype: 'float64', shape: [0] })),
      /invalid path/,
    ],
    ['no metrics', mutate((d) => delete d.metrics), /metrics is missing/],
  ])('rejects %s with a clear message', (_, text, re) => {
    const r = parseModelJson(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(re);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
