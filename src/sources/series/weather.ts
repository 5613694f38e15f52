/**
 * The shipped weather records (public/data/weather.csv, see its README): NOAA daily observations for
 * Seattle and New York, 2012–2015, via the vega-datasets package. Temperatures in °C, precipitation
 * in mm, wind in m/s. A weather run trains on a range of calendar years and forecasts every day of
 * a different test year 1 and 7 days ahead.
 */
import { readCsv } from './csv';
import { checkPlan, type SeriesPlan } from './plan';
import { tableFromRows, type SeriesTable } from './table';

export const WEATHER_CITIES: Record<string, string> = {
  seattle: 'Seattle',
  new_york: 'New York',
};
export const WEATHER_VARS = ['temp_max', 'temp_min', 'precipitation', 'wind'] as const;
export const WEATHER_UNITS: Record<string, string> = {
  temp_max: '°C',
  temp_min: '°C',
  precipitation: 'mm',
  wind: 'm/s',
};
export const WEATHER_YEARS = { first: 2012, last: 2015 } as const;
/** The week-ahead horizon of a weather run (days); the short horizon is 1 day. */
export const WEATHER_HORIZON = 7;
/** Path of the records relative to the app's root (browser) or the repository's public/ (Node). */
export const WEATHER_FILE = 'data/weather.csv';

/** The rows of one city as a dated table with the four variables in WEATHER_VARS order. */
export function weatherTable(text: string, city: string): SeriesTable {
  const label = WEATHER_CITIES[city];
  if (!label) throw new RangeError(`unknown city '${city}'`);
  const csv = readCsv(text);
  const loc = csv.header.indexOf('location');
  const keep = ['date', ...WEATHER_VARS].map((name) => {
    const c = csv.header.indexOf(name);
    if (c < 0 || loc < 0) throw new RangeError(`weather.csv has no '${name}' column`);
    return c;
  });
  const picked = csv.rows.map((row, r) => ({ row, line: csv.lines[r] }));
  const mine = picked.filter(({ row }) => row[loc] === label);
  const table = tableFromRows({
    header: keep.map((c) => csv.header[c]),
    rows: mine.map(({ row }) => keep.map((c) => row[c])),
    lines: mine.map(({ line }) => line),
  });
  table.units = table.names.map((n) => WEATHER_UNITS[n] ?? '');
  return table;
}

export interface WeatherOptions {
  city: string;
  /** Comma list of variables, a subset of WEATHER_VARS. */
  vars: string;
  delay: number;
  trainFrom: number;
  trainTo: number;
  testYear: number;
}

/**
 * Training rows: the days of the years trainFrom … trainTo; targets: the days of testYear whose
 * 7-day-ahead origin has a full delay window in the records (every day for a test year after 2012).
 * Throws RangeError when the test year lies inside the training years.
 */
export function weatherPlan(table: SeriesTable, o: WeatherOptions): SeriesPlan {
  if (o.trainFrom > o.trainTo)
    throw new RangeError(`training years ${o.trainFrom}–${o.trainTo} are in the wrong order`);
  if (o.testYear >= o.trainFrom && o.testYear <= o.trainTo)
    throw new RangeError(
      `the test year ${o.testYear} must not be one of the training years ${o.trainFrom}–${o.trainTo}`,
    );
  const dates = table.dates!;
  const rowsOf = (from: number, to: number) => {
    const idx = dates.flatMap((d, r) => (d.year >= from && d.year <= to ? [r] : []));
    return { first: idx[0], last: idx[idx.length - 1] };
  };
  const train = rowsOf(o.trainFrom, o.trainTo);
  const test = rowsOf(o.testYear, o.testYear);
  const targetStart = Math.max(test.first, o.delay - 1 + WEATHER_HORIZON);
  const vars = o.vars.split(',').map((v) => table.names.indexOf(v));
  const plan: SeriesPlan = {
    table,
    vars,
    delay: o.delay,
    trainStart: train.first,
    trainEnd: train.last,
    targetStart,
    targetEnd: test.last,
    horizon: WEATHER_HORIZON,
    climatology: 'seasonal',
    step: 'day',
    title: `${WEATHER_CITIES[o.city]}, NOAA daily records`,
    splitText: `train ${o.trainFrom}${o.trainTo > o.trainFrom ? `–${o.trainTo}` : ''}, test ${o.testYear}`,
  };
  checkPlan(plan);
  return plan;
}
