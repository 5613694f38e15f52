/**
 * The measured-series "systems" beside the simulated ones: the shipped weather records and a
 * user's CSV file. Their labels and default settings (read by the run schema), and the plan of a
 * run from its configuration and the source text.
 */
import { csvPlan, type SeriesPlan } from '../../sources/series/plan';
import type { RunConfig } from '../schema';
import { trainStandardiser } from '../../sources/series/embed';
import { parseSeriesCsv } from '../../sources/series/table';
import { weatherPlan, weatherTable } from '../../sources/series/weather';

export type SeriesKind = 'weather' | 'csv';
export const SERIES_IDS: readonly SeriesKind[] = ['weather', 'csv'];

export const SERIES_LABELS: Record<SeriesKind, string> = {
  weather: 'Weather',
  csv: 'CSV file',
};

/**
 * Defaults of the shared settings for each series (query key → value): 200 SWIM neurons, an
 * untruncated K, and a strong ridge λ_rel = 1e-2 — measured data are noisy, and with the
 * noise-free simulations' 1e-10 the network fits the noise (weather, 1-day temp_max MSE in
 * Seattle: 8.45 °C² at 1e-6, 7.56 at 1e-2; persistence 8.45). Weather reads 7 days of history.
 */
export const SERIES_DEFAULTS: Record<SeriesKind, Record<string, number>> = {
  weather: { width: 200, reg: 1e-2, rank: 201, delay: 7 },
  csv: { width: 200, reg: 1e-2, rank: 201, delay: 4, horizon: 10 },
};

export function isSeriesSystem(sys: string): sys is SeriesKind {
  return (SERIES_IDS as readonly string[]).includes(sys);
}

/** The text of the file a run reads (weather.csv or the user's CSV) and its name. */
export interface SeriesSource {
  name: string;
  text: string;
}

export interface PlannedRun {
  plan: SeriesPlan;
  source: SeriesKind;
  /** Label of the climatology baseline for tables and legends. */
  climatologyLabel: string;
}

/** Parses the source and lays out the run; throws CsvError / RangeError with the user's message. */
export function planFor(config: RunConfig, source: SeriesSource): PlannedRun {
  if (config.sys === 'weather') {
    const table = weatherTable(source.text, config.city);
    const plan = weatherPlan(table, {
      city: config.city,
      vars: config.vars,
      delay: config.delay,
      trainFrom: config.trainfrom,
      trainTo: config.trainto,
      testYear: config.testyear,
    });
    const years = plan.splitText.replace(/^train (\S+),.*$/, '$1');
    return { plan, source: 'weather', climatologyLabel: `day-of-year mean ${years}` };
  }
  if (config.sys === 'csv') {
    const table = parseSeriesCsv(source.text);
    const plan = csvPlan(table, {
      cols: config.cols,
      delay: config.delay,
      split: config.split,
      horizon: config.horizon,
      name: source.name,
    });
    trainStandardiser(plan); // a column that cannot be standardised is bad input, refused here
    return { plan, source: 'csv', climatologyLabel: 'training mean' };
  }
  throw new RangeError(`'${config.sys}' is not a measured series (weather, csv)`);
}
