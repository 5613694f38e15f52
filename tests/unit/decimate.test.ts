// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- tsconfig.node.json leaves out src/ui
/// <reference path="../../src/ui/plots/plotly.d.ts" />
import { describe, expect, it } from 'vitest';
import {
  decimatedJoin,
  decimateTraces,
  MAX_DRAWN_POINTS,
  minMaxIndices,
} from '../../src/ui/plots/decimate';
import { joinWithGaps } from '../../src/ui/plots/plotData';
import { logFloor, logFloorRow } from '../../src/ui/plots/ranges';
import { createRng } from '../../src/numerics/rng';

describe('min/max decimation of long forecast traces', () => {
  const n = 200 * 20_001; // the largest allowed forecast, drawn as one trace with gaps
  const rng = createRng(7);
  const y = Array.from({ length: n }, (_, i) => Math.sin(i / 500) + 0.01 * rng.normal());
  y[123_457] = 50; // a spike
  y[3_000_001] = -40; // a dip
  for (let i = 2_000_000; i < 2_000_010; i++) y[i] = NaN; // a divergence gap

  const keep = minMaxIndices(y);

  it('keeps at most the bound, first and last, in increasing order', () => {
    expect(keep.length).toBeLessThanOrEqual(MAX_DRAWN_POINTS);
    expect(keep.length).toBeGreaterThan(MAX_DRAWN_POINTS * 0.6); // 2 of 3 slots: few gaps
    expect(keep[0]).toBe(0);
    expect(keep[keep.length - 1]).toBe(n - 1);
    for (let k = 1; k < keep.length; k++) expect(keep[k]).toBeGreaterThan(keep[k - 1]);
  });

  it('keeps the extremes: the spike, the dip, and every bucket’s min and max', () => {
    expect(keep).toContain(123_457);
    expect(keep).toContain(3_000_001);
    const range = (a: number[]) =>
      a
        .filter(Number.isFinite)
        .reduce(([lo, hi], v) => [Math.min(lo, v), Math.max(hi, v)], [Infinity, -Infinity]);
    expect(range(keep.map((i) => y[i]))).toEqual(range(y));
    // Each bucket's extremes: the decimated line spans what the full one spans, bucket by bucket.
    const size = Math.ceil((n - 2) / Math.floor((MAX_DRAWN_POINTS - 2) / 3));
    for (const b of [0, 617, 5000]) {
      const lo = 1 + b * size;
      const inBucket = keep.filter((i) => i >= lo && i < lo + size).map((i) => y[i]);
      expect(range(inBucket)).toEqual(range(y.slice(lo, lo + size)));
    }
  });

  it('keeps a gap a gap', () => {
    expect(keep.some((i) => Number.isNaN(y[i]))).toBe(true);
  });

  it('leaves short traces, markers and unchanged figures alone', () => {
    expect(minMaxIndices([1, 2, 3], 10)).toEqual([0, 1, 2]);
    const short = [{ type: 'scatter', mode: 'lines', y: [1, 2, 3] }];
    expect(decimateTraces(short)).toBe(short);
    const markers = [{ type: 'scatter', mode: 'markers', y }];
    expect(decimateTraces(markers)).toBe(markers);
  });

  it('decimates x, y and per-point customdata together', () => {
    const x = y.map((_, i) => i * 0.01);
    const [t] = decimateTraces([{ type: 'scatter', mode: 'lines', x, y, customdata: x }]);
    const tx = t.x as number[];
    expect(tx.length).toBe(keep.length);
    expect(tx.map((v) => Math.round(v * 100))).toEqual(keep);
    expect(t.customdata).toEqual(tx);
  });
});

describe('per-line decimation of the error plot’s faint per-start lines', () => {
  const steps = 20_001; // the longest horizon
  const x = Array.from({ length: steps }, (_, k) => k * 0.1);
  const rng = createRng(3);
  const lines = Array.from({ length: 30 }, (_, s) =>
    Array.from({ length: steps }, (_, k) => Math.exp(Math.sin(k / (50 + s)) + 0.1 * rng.normal())),
  );
  lines[4][777] = 1e6; // a spike in one start
  lines[9][1000] = NaN; // a gap in another

  it('draws at most MAX_DRAWN_POINTS, one gap after each line, x and y together', () => {
    const j = decimatedJoin(x, lines);
    expect(j.y.length).toBe(j.x.length);
    expect(j.y.length).toBeLessThanOrEqual(MAX_DRAWN_POINTS);
    expect(j.y.filter((v) => v === null)).toHaveLength(30);
    // Every kept point is a (t, e) pair of its own line, first and last steps included.
    const first = j.y.indexOf(null);
    expect([j.x[0], j.y[0]]).toEqual([0, lines[0][0]]);
    expect([j.x[first - 1], j.y[first - 1]]).toEqual([x[steps - 1], lines[0][steps - 1]]);
  });

  it('keeps each line’s extremes and gaps', () => {
    const j = decimatedJoin(x, lines);
    expect(j.y).toContain(1e6);
    expect(j.y.some((v) => typeof v === 'number' && Number.isNaN(v))).toBe(true);
    const all = lines.flat().filter(Number.isFinite);
    const kept = j.y.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    expect(Math.min(...kept)).toBe(all.reduce((a, b) => Math.min(a, b)));
  });

  it('equals the plain join when every line fits', () => {
    const short = lines.map((l) => l.slice(0, 201));
    expect(decimatedJoin(x.slice(0, 201), short)).toEqual(joinWithGaps(x.slice(0, 201), short));
  });
});

describe('logFloorRow', () => {
  it('equals logFloor of the row, as a typed array', () => {
    const flat = Float64Array.from([1, 0, -2, NaN, Infinity, 1e-20, 3, 4, 5, 6]);
    expect(Array.from(logFloorRow(flat, 5, 0))).toEqual(logFloor(Array.from(flat).slice(0, 5)));
    expect(Array.from(logFloorRow(flat, 5, 1))).toEqual(logFloor(Array.from(flat).slice(5)));
  });
});
