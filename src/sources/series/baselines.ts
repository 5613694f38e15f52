/**
 * The forecasts a meteorologist starts from, to set the RNN's numbers against:
 * - persistence: x̂_{t+h} = x_t (tomorrow = today; in a week = today);
 * - climatology: for dated daily data, the mean of the training years' values on the same day of
 *   the year, smoothed over ±CLIMATOLOGY_HALF_WINDOW days (three years give only three values per
 *   calendar day; the window makes the seasonal cycle usable); otherwise the training mean.
 * All in physical units, n × d row-major over the targets targetStart … targetEnd.
 */
import { dayOfYear, isLeapYear } from './dates';
import type { SeriesPlan } from './plan';

/** Half-width (days) of the day-of-year window of the seasonal climatology (15-day window). */
export const CLIMATOLOGY_HALF_WINDOW = 7;

export function targetCount(plan: SeriesPlan): number {
  return plan.targetEnd - plan.targetStart + 1;
}

/** Truth of the targets (n × d, physical units). */
export function targetTruth(plan: SeriesPlan, lag = 0): Float64Array {
  const n = targetCount(plan);
  const d = plan.vars.length;
  const out = new Float64Array(n * d);
  for (let q = 0; q < n; q++)
    plan.vars.forEach((c, i) => {
      out[q * d + i] = plan.table.columns[c][plan.targetStart + q - lag];
    });
  return out;
}

/** Persistence at horizon h: each target's value h rows earlier. */
export function persistence(plan: SeriesPlan, h: number): Float64Array {
  return targetTruth(plan, h);
}

/** Position of a date in its year on a 365-day circle (leap years squeezed by 365/366). */
function seasonPosition(year: number, month: number, day: number): number {
  const doy = dayOfYear(year, month, day) - 1;
  return isLeapYear(year) ? (doy * 365) / 366 : doy;
}

/** Climatology forecast of the targets (n × d), seasonal or training mean per plan.climatology. */
export function climatology(plan: SeriesPlan): Float64Array {
  const n = targetCount(plan);
  const d = plan.vars.length;
  const out = new Float64Array(n * d);
  const dates = plan.table.dates;
  if (plan.climatology === 'mean' || !dates) {
    plan.vars.forEach((c, i) => {
      let s = 0;
      for (let r = plan.trainStart; r <= plan.trainEnd; r++) s += plan.table.columns[c][r];
      const mean = s / (plan.trainEnd - plan.trainStart + 1);
      for (let q = 0; q < n; q++) out[q * d + i] = mean;
    });
    return out;
  }
  const trainPos: number[] = [];
  for (let r = plan.trainStart; r <= plan.trainEnd; r++) {
    trainPos.push(seasonPosition(dates[r].year, dates[r].month, dates[r].day));
  }
  for (let q = 0; q < n; q++) {
    const dt = dates[plan.targetStart + q];
    const pos = seasonPosition(dt.year, dt.month, dt.day);
    const sums = new Float64Array(d);
    let count = 0;
    trainPos.forEach((p, k) => {
      const gap = Math.abs(p - pos);
      if (Math.min(gap, 365 - gap) > CLIMATOLOGY_HALF_WINDOW + 1e-9) return;
      const r = plan.trainStart + k;
      plan.vars.forEach((c, i) => (sums[i] += plan.table.columns[c][r]));
      count++;
    });
    for (let i = 0; i < d; i++) out[q * d + i] = sums[i] / count;
  }
  return out;
}

/** Mean squared error per variable of a forecast against the truth (both n × d). */
export function msePerVariable(forecast: Float64Array, truth: Float64Array, d: number): number[] {
  const n = truth.length / d;
  const out = new Array<number>(d).fill(0);
  for (let q = 0; q < n; q++)
    for (let i = 0; i < d; i++) out[i] += (forecast[q * d + i] - truth[q * d + i]) ** 2;
  return out.map((s) => s / n);
}
