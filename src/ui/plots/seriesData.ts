/**
 * Pure helpers for the measured-series plots and table (no DOM, no Plotly; unit-tested in Node).
 * Layouts (src/run/result.ts SeriesResult): truth, rnn[h], persistence[h] and climatology are
 * n×d row-major, so variable i of target q sits at q·d + i.
 */
import type { SeriesResult } from '../../run/result';
import { COLORS } from './palette';

/** Variable i of an n×d array as a plain array. */
export function variable(flat: ArrayLike<number>, d: number, i: number): number[] {
  const n = Math.floor(flat.length / d);
  return Array.from({ length: n }, (_, q) => flat[q * d + i]);
}

/** The x values of the targets: their dates (a date axis) or their 1-based data rows. */
export function xValues(s: SeriesResult): Array<string | number> {
  return s.dates ?? Array.from(s.rows);
}

/** "1 day"/"7 days" or "1 step"/"7 steps" for a horizon h. */
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

export interface MethodRow {
  key: 'rnn' | 'persistence' | 'climatology';
  label: string;
  color: string;
}

/** The three forecasts compared in the series view, RNN first (table rows, skill lines). */
export function methodRows(s: SeriesResult): MethodRow[] {
  return [
    { key: 'rnn', label: 'Sampled RNN', color: COLORS.relift },
    { key: 'persistence', label: 'Persistence', color: COLORS.persistence },
    {
      key: 'climatology',
      label: s.source === 'weather' ? 'Climatology' : 'Training mean',
      color: COLORS.climatology,
    },
  ];
}

/** Readable names of the shipped weather records' columns (src/sources/series/weather.ts). */
const VARIABLE_NAMES: Record<string, string> = {
  temp_max: 'max temperature',
  temp_min: 'min temperature',
  precipitation: 'precipitation',
  wind: 'wind speed',
};

/** Variable i's name for people: readable for the weather columns, a CSV column's own header. */
export function variableName(s: Pick<SeriesResult, 'variables' | 'source'>, i: number): string {
  const v = s.variables[i];
  return s.source === 'weather' ? (VARIABLE_NAMES[v] ?? v) : v;
}

/** Variable i's name with its unit, e.g. "max temperature (°C)". */
export function variableLabel(
  s: Pick<SeriesResult, 'variables' | 'source' | 'units'>,
  i: number,
): string {
  const unit = s.units[i];
  return `${variableName(s, i)}${unit ? ` (${unit})` : ''}`;
}
