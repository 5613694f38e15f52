import { describe, expect, it } from 'vitest';
import { heldOut } from '../../src/method/ridgeCv';
import { runPipeline } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';

const run = (q: string) => runPipeline(parseQuery(q, 'strict').config);

describe('choosing the ridge by holdout validation (METHOD.md §3)', () => {
  it('holds out every fifth trajectory whole, or the last 20 % of each when there are fewer than five', () => {
    const set = (count: number, points: number) => ({
      d: 1,
      count,
      points,
      data: Float64Array.from({ length: count * points }, (_, k) => k),
    });
    const whole = heldOut(set(10, 4))!;
    expect(whole.count).toBe(2);
    // Trajectories 4 and 9 (0-based), 4 points each.
    expect(Array.from(whole.data)).toEqual([16, 17, 18, 19, 36, 37, 38, 39]);
    // Two trajectories of 11 points (10 pairs): the last 2 pairs (3 points) of each.
    expect(Array.from(heldOut(set(2, 11))!.data)).toEqual([8, 9, 10, 19, 20, 21]);
  });

  it('van der Pol with 5 % noise, seed 1: the fixed λ_rel = 1e-12 blows up, the validated λ does not', () => {
    const fixed = run('sys=vanderpol&noise=0.05&seed=1');
    const cv = run('sys=vanderpol&noise=0.05&seed=1&regsel=cv');
    expect(fixed.metrics.divergedRelift).toBeGreaterThan(0);
    expect(cv.metrics.divergedRelift).toBe(0);
    expect(cv.ridge.cv!.rel).toHaveLength(7);
    // The tiny ridges diverge on the held-out trajectories too: their score is ∞.
    expect(cv.ridge.cv!.score[0]).toBe(Infinity);
    expect(cv.ridge.rel).toBeGreaterThan(1e-12);
  }, 60_000);

  it('validates a POD-truncated run too (one trajectory: its last 20 % held out)', () => {
    const r = run('sys=lorenz&width=200&len=3000&regsel=cv');
    expect(r.spectrumRank).toBe(100);
    expect(r.ridge.cv!.score.every((v) => v > 0)).toBe(true);
    expect(r.ridge.rel).toBe(r.ridge.cv!.best);
    expect(r.warnings.some((w) => /could not be validated/.test(w))).toBe(false);
  }, 60_000);
});
