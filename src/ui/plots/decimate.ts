/**
 * Drawing huge forecasts (issue 16): a line trace of more than MAX_DRAWN_POINTS points (200 test
 * starts × 20 001 steps blocked the main thread for seconds in Plotly) is drawn from a min/max
 * decimation — per bucket of consecutive points the smallest and the largest y, in index order —
 * so spikes and divergences survive, the first and last points are kept and a gap (NaN/null)
 * stays a gap. Only the drawing is decimated: exported CSV and JSON read the result, all points.
 */
import type { PlotData } from 'plotly.js-gl3d-dist-min';

/** Most points a line trace is drawn with. */
export const MAX_DRAWN_POINTS = 20_000;

type Value = number | string | null;
const bad = (v: Value) => v === null || (typeof v === 'number' && !Number.isFinite(v));

/**
 * Indices of the points kept when `y` (length n) is drawn with at most `max` points (max ≥ 5):
 * the first and the last, and per bucket of ⌈(n − 2)/⌊(max − 2)/3⌋⌉ interior points the
 * indices of its minimum, its maximum and its first gap (if any), in increasing order. All
 * indices when n ≤ max.
 */
export function minMaxIndices(y: ArrayLike<Value>, max = MAX_DRAWN_POINTS): number[] {
  const n = y.length;
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  if (max < 5) throw new RangeError('decimation needs room for at least 5 points');
  const buckets = Math.floor((max - 2) / 3);
  const size = Math.ceil((n - 2) / buckets);
  const out: number[] = [0];
  for (let start = 1; start < n - 1; start += size) {
    const end = Math.min(start + size, n - 1);
    let lo = -1;
    let hi = -1;
    let gap = -1;
    for (let i = start; i < end; i++) {
      const v = y[i];
      if (bad(v)) {
        if (gap < 0) gap = i;
        continue;
      }
      if (lo < 0 || (v as number) < (y[lo] as number)) lo = i;
      if (hi < 0 || (v as number) > (y[hi] as number)) hi = i;
    }
    const keep = [lo, hi, gap];
    for (const i of [...new Set(keep.filter((i) => i >= 0))].sort((a, b) => a - b)) out.push(i);
  }
  out.push(n - 1);
  return out;
}

const isLine = (t: PlotData) =>
  (t.type === undefined || t.type === 'scatter' || t.type === 'scattergl') &&
  typeof t.mode === 'string' &&
  t.mode.includes('lines') &&
  !t.mode.includes('markers');

/**
 * `data` with every long line trace decimated (`x`, `y`, and `customdata` when it is per point);
 * the very same array when no trace needed it, so an unchanged figure stays unchanged.
 */
export function decimateTraces(data: PlotData[], max = MAX_DRAWN_POINTS): PlotData[] {
  let changed = false;
  const out = data.map((t) => {
    const y = t.y as ArrayLike<Value> | undefined;
    if (!isLine(t) || !y || y.length <= max || typeof y === 'string') return t;
    const keep = minMaxIndices(y, max);
    const pick = (a: unknown) =>
      a && typeof a === 'object' && (a as ArrayLike<unknown>).length === y.length
        ? keep.map((i) => (a as ArrayLike<unknown>)[i])
        : a;
    changed = true;
    return { ...t, x: pick(t.x), y: pick(y), customdata: pick(t.customdata) } as PlotData;
  });
  return changed ? out : data;
}

/**
 * Lines of equal length joined into one trace with a gap (null) after each, each line decimated
 * on its own to its share of `max` points (minMaxIndices): every start's extremes and its first
 * and last point survive, and the full join — 30 starts × 20 001 steps for the largest forecast,
 * a main-thread stall to build and to decimate — is never formed. Equals joinWithGaps(x, lines)
 * when all lines fit.
 */
export function decimatedJoin(
  x: ArrayLike<number>,
  lines: ArrayLike<number>[],
  max = MAX_DRAWN_POINTS,
): { x: (number | null)[]; y: (number | null)[] } {
  const share = Math.max(5, Math.floor(max / Math.max(1, lines.length)) - 1);
  const xs: (number | null)[] = [];
  const ys: (number | null)[] = [];
  for (const y of lines) {
    for (const i of minMaxIndices(y, share)) {
      xs.push(x[i]);
      ys.push(y[i]);
    }
    xs.push(null);
    ys.push(null);
  }
  return { x: xs, y: ys };
}
