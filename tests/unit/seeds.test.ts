import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';
import { repeatSeeds } from '../../src/run/seeds';

const config = parseQuery(
  'sys=vanderpol&width=40&ntraj=10&len=60&horizon=60&ntest=4&seed=5',
  'strict',
).config;

describe('repeat over seeds', () => {
  const rep = repeatSeeds(config, 3);

  it('runs seeds s, s+1, s+2 and keeps each run’s numbers exactly', () => {
    expect(rep.seeds).toEqual([5, 6, 7]);
    const own = rep.seeds.map((seed) => runPipeline({ ...config, seed }).metrics.testMse);
    expect(rep.metrics.testMse.values).toEqual(own);
  });

  it('summarises every scalar metric as mean, sample std and range', () => {
    const v = rep.metrics.rolloutMseRelift.values as number[];
    const mean = (v[0] + v[1] + v[2]) / 3;
    expect(rep.metrics.rolloutMseRelift.mean).toBeCloseTo(mean, 15);
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / 2);
    expect(rep.metrics.rolloutMseRelift.std!).toBeCloseTo(sd, 15);
    expect(rep.metrics.rolloutMseRelift.min).toBe(Math.min(...v));
    // Arrays (per-component MSE, the IQR) are not scalar metrics.
    expect(rep.metrics.rolloutMsePerComponent).toBeUndefined();
    expect(rep.metrics.vptCensored).toBeDefined();
  }, 60_000);

  it('refuses a count outside [2, 20]', () => {
    expect(() => repeatSeeds(config, 1)).toThrow(/\[2, 20\]/);
  });
});
