/**
 * What a measured-series run does with its table: which columns, how many delays, which rows train
 * the model and which rows are forecast targets (METHOD.md §1, delay embedding). A user's CSV is
 * split by a fraction of its rows; the weather records by calendar years (src/sources/series/weather.ts).
 */
import type { SeriesTable } from './table';

/** A training segment needs this many snapshot pairs after its first full delay embedding. */
export const MIN_TRAIN_PAIRS = 10;
/** At least this many test targets, so the test metrics mean something. */
export const MIN_TARGETS = 10;
/** Delay embedding dimension d·k allowed at most (the lift costs width × d·k per state). */
export const MAX_EMBED_DIM = 600;

export interface SeriesPlan {
  table: SeriesTable;
  /** Column indices into table.columns of the forecast variables (d of them). */
  vars: number[];
  /** Delay k: the embedded state is [x_t; x_{t−1}; …; x_{t−k+1}] ∈ R^{d·k}. */
  delay: number;
  /** Training rows trainStart … trainEnd (inclusive, contiguous); standardisation uses these only. */
  trainStart: number;
  trainEnd: number;
  /** Forecast targets: rows targetStart … targetEnd, each forecast from 1 and `horizon` rows before. */
  targetStart: number;
  targetEnd: number;
  /** The long forecast horizon H in rows (the short one is always 1). */
  horizon: number;
  /** Climatology baseline: the seasonal day-of-year mean (dated daily data) or the training mean. */
  climatology: 'seasonal' | 'mean';
  /** Unit of one step, for labels: 'day' or 'row'. */
  step: 'day' | 'row';
  /** Human description of the data, e.g. "Seattle, NOAA daily records" or "my.csv". */
  title: string;
  /** Human description of the split, e.g. "train 2012–2014, test 2015". */
  splitText: string;
}

/**
 * The columns named in a comma list ('' = every numeric column), as indices. Throws RangeError
 * naming a column the table does not have.
 */
export function selectColumns(table: SeriesTable, list: string): number[] {
  if (list === '') return table.names.map((_, i) => i);
  return list.split(',').map((name) => {
    const i = table.names.indexOf(name);
    if (i < 0) {
      throw new RangeError(
        `column '${name}' is not a numeric column of the file (columns: ${table.names.join(', ')})`,
      );
    }
    return i;
  });
}

/** Checks the shared limits of a plan; throws RangeError with what to change. */
export function checkPlan(p: SeriesPlan): void {
  const d = p.vars.length;
  if (d * p.delay > MAX_EMBED_DIM) {
    throw new RangeError(
      `${d} variables × delay ${p.delay} = ${d * p.delay} embedded dimensions, over the limit of ${MAX_EMBED_DIM}; choose fewer columns or a shorter delay`,
    );
  }
}

/**
 * A CSV run: the first ⌊split·N⌋ rows train, the rest are test targets (from the first row whose
 * H-step origin has a full delay embedding). Throws RangeError "Too few rows …" when the training
 * part has fewer than MIN_TRAIN_PAIRS pairs or there are fewer than MIN_TARGETS targets.
 */
export function csvPlan(
  table: SeriesTable,
  opts: { cols: string; delay: number; split: number; horizon: number; name: string },
): SeriesPlan {
  const { delay: k, horizon: H } = opts;
  const n = table.rows;
  const ntr = Math.floor(opts.split * n);
  const targetStart = Math.max(ntr, k - 1 + H);
  const targets = n - targetStart;
  if (ntr - k < MIN_TRAIN_PAIRS || targets < MIN_TARGETS) {
    throw new RangeError(
      `Too few rows for delay ${k} and horizon ${H}: ${n} data rows with split ${opts.split} give ` +
        `${ntr} training rows (need at least delay + ${MIN_TRAIN_PAIRS} = ${k + MIN_TRAIN_PAIRS}) ` +
        `and ${Math.max(0, targets)} test forecasts (need at least ${MIN_TARGETS}).`,
    );
  }
  const plan: SeriesPlan = {
    table,
    vars: selectColumns(table, opts.cols),
    delay: k,
    trainStart: 0,
    trainEnd: ntr - 1,
    targetStart,
    targetEnd: n - 1,
    horizon: H,
    climatology: 'mean',
    step: 'row',
    title: opts.name || 'your CSV file',
    splitText: `train rows 1–${ntr}, test rows ${targetStart + 1}–${n}`,
  };
  checkPlan(plan);
  return plan;
}
