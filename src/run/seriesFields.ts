/**
 * The run-schema fields of the measured series (sys = weather, csv): which city and variables,
 * which CSV columns, the delay embedding and the train/test split. Spread into FIELDS by schema.ts.
 */
import { CSV_LIMITS } from '../sources/series/csv';
import { SERIES_DEFAULTS } from './series/sources';
import { WEATHER_CITIES, WEATHER_VARS, WEATHER_YEARS } from '../sources/series/weather';
import type { Field } from './schema';

const W = ['weather'];
const C = ['csv'];

/** Shown in the "System" group: the city, or the local file's name. */
export const seriesSystemFields: Field[] = [
  {
    key: 'city',
    label: 'City',
    group: 'system',
    kind: 'enum',
    options: Object.keys(WEATHER_CITIES),
    optionLabels: WEATHER_CITIES,
    unit: '',
    doc: 'Which station’s daily NOAA records (2012–2015) to forecast.',
    systems: W,
    default: () => 'seattle',
  },
  {
    key: 'file',
    label: 'Local file',
    group: 'system',
    kind: 'text',
    maxLength: 200,
    unit: '',
    doc: 'Name of the CSV file the run used; the file itself never leaves the browser, so a link asks for it again.',
    systems: C,
    default: () => '',
  },
];

/** Shown in the "Data" group. */
export const seriesDataFields: Field[] = [
  {
    key: 'vars',
    label: 'Variables',
    group: 'data',
    kind: 'list',
    options: WEATHER_VARS,
    maxItems: WEATHER_VARS.length,
    unit: '',
    doc: 'Measured variables the network reads and forecasts (temperatures °C, precipitation mm, wind m/s).',
    systems: W,
    default: () => 'temp_max,temp_min',
  },
  {
    key: 'cols',
    label: 'Columns',
    group: 'data',
    kind: 'list',
    options: null,
    maxItems: CSV_LIMITS.maxColumns,
    unit: '',
    doc: 'Numeric columns of the file to forecast, by header name; empty means every numeric column.',
    systems: C,
    default: () => '',
  },
  {
    key: 'delay',
    label: 'Delay k',
    group: 'data',
    kind: 'int',
    min: 1,
    max: 60,
    scale: 'linear',
    unit: 'steps',
    doc: 'Past values in the delay embedding [x_t; x_{t−1}; …; x_{t−k+1}] (days for weather).',
    systems: ['weather', 'csv'],
    default: (sys) => SERIES_DEFAULTS[sys as 'weather' | 'csv']?.delay ?? 7,
  },
  ...(['trainfrom', 'trainto', 'testyear'] as const).map((key): Field => ({
    key,
    label: { trainfrom: 'Train from', trainto: 'Train to', testyear: 'Test year' }[key],
    group: 'data',
    kind: 'int',
    min: WEATHER_YEARS.first,
    max: WEATHER_YEARS.last,
    scale: 'linear',
    unit: 'year',
    doc: {
      trainfrom:
        'First calendar year of the training data (standardisation uses training years only).',
      trainto: 'Last calendar year of the training data.',
      testyear: 'The year forecast day by day, 1 and 7 days ahead; not one of the training years.',
    }[key],
    systems: W,
    default: () => ({ trainfrom: 2012, trainto: 2014, testyear: 2015 })[key],
  })),
  {
    key: 'split',
    label: 'Train fraction',
    group: 'data',
    kind: 'float',
    min: 0.1,
    max: 0.95,
    scale: 'linear',
    unit: '1',
    doc: 'The first part of the rows trains the model; the rest are forecast as the test.',
    systems: C,
    default: () => 0.7,
  },
];
