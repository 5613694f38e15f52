/**
 * Pure helpers for the measured-series plots (no DOM, no Plotly; unit-tested in Node).
 * Layouts (src/core/result.ts SeriesResult): truth, rnn[h], persistence[h] and climatology are
 * n×d row-major, so variable i of target q sits at q·d + i.
 */
import type { SeriesResult } from '../../run/result';
import { COLORS } from '../plots/palette';

/** One colour per forecast, the same in every series plot and in the table (Okabe–Ito). */
export const SERIES_COLORS = {
  truth: COLORS.truth,
  rnn1: COLORS.relift,
  rnnH: '#CC79A7',
  persistence: '#E69F00',
  climatology: '#009E73',
} as const;

/** Variable i of an n×d array as a plain array. */
export function variable(flat: ArrayLike<number>, d: number, i: number): number[] {
  const n = Math.floor(flat.length / d);
  return Array.from({ length: n }, (_, q) => flat[q * d + i]);
}

/** The x values of the targets: their dates (a date axis) or their 1-based data rows. */
export function xValues(s: SeriesResult): Array<string | number> {
  return s.dates ?? Array.from(s.rows);
}

/** "day"/"days" or "step"/"steps" for a horizon h. */
export function stepWord(s: SeriesResult, h: number): string {
  const w = s.step === 'day' ? 'day' : 'step';
  return `${h} ${w}${h === 1 ? '' : 's'}`;
}

/**
 * Centred rolling root-mean-square of forecast − truth for variable i, over ±half targets
 * (shorter at the ends); NaN where a forecast is missing. Smooths day-to-day noise so the error
 * plot shows when in the year each forecast does well.
 */
export function rollingRmse(
  forecast: ArrayLike<number>,
  truth: ArrayLike<number>,
  d: number,
  i: number,
  half: number,
): number[] {
  const n = Math.floor(truth.length / d);
  const sq = Array.from({ length: n }, (_, q) => (forecast[q * d + i] - truth[q * d + i]) ** 2);
  // Prefix sums make each window O(1).
  const pre = [0];
  for (const v of sq) pre.push(pre[pre.length - 1] + v);
  return sq.map((_, q) => {
    const a = Math.max(0, q - half);
    const b = Math.min(n - 1, q + half);
    return Math.sqrt((pre[b + 1] - pre[a]) / (b - a + 1));
  });
}

/** An MSE with its unit², e.g. "7.56 °C²". */
export function mseText(v: number | null, unit: string): string {
  if (v === null || !Number.isFinite(v)) return 'diverged';
  const num = String(Number(v.toPrecision(3)));
  return unit ? `${num} ${unit}²` : num;
}

export interface MethodRow {
  key: 'rnn' | 'persistence' | 'climatology';
  label: string;
  color: string;
}

/** Rows of the comparison table, RNN first. */
export function methodRows(s: SeriesResult): MethodRow[] {
  return [
    { key: 'rnn', label: 'Sampled RNN', color: SERIES_COLORS.rnn1 },
    { key: 'persistence', label: 'Persistence', color: SERIES_COLORS.persistence },
    {
      key: 'climatology',
      label: s.source === 'weather' ? 'Climatology' : 'Training mean',
      color: SERIES_COLORS.climatology,
    },
  ];
}
