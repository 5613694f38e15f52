/**
 * The family parts of an imported model file's metrics (issue 16): `metrics.series` (per
 * variable and horizon, the tables and the skill plot read them) and `metrics.control` (the input
 * table and the prediction plots read them), each checked for type and size against the
 * model's own shapes, as modelParts.ts does for the rest of the file. The first problem is thrown
 * as a sentence naming the field.
 */
import { BadPart } from './modelParts';

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number';
const numOrNull = (v: unknown) => v === null || isNum(v);

function names(v: unknown, path: string, count: number, maxLength: number): void {
  if (
    !Array.isArray(v) ||
    v.length !== count ||
    !v.every((s) => typeof s === 'string' && s.length <= maxLength)
  )
    throw new BadPart(`${path} must list ${count} texts of at most ${maxLength} characters`);
}

/** A table of `rows` arrays of `cols` numbers (or null where `nulls`). */
function table(v: unknown, path: string, rows: number, cols: number, nulls: boolean): void {
  const cell = nulls ? numOrNull : isNum;
  if (
    !Array.isArray(v) ||
    v.length !== rows ||
    !v.every((row) => Array.isArray(row) && row.length === cols && row.every(cell))
  )
    throw new BadPart(
      `${path} must list ${rows} arrays of ${cols} numbers${nulls ? ' (or null)' : ''}`,
    );
}

/**
 * metrics.series of a measured-series run with d variables, forecast at `horizons` (the file's
 * series.horizons, already checked): names, units, the same horizons, and one row of d MSEs per
 * horizon for the RNN (null: diverged), persistence and climatology.
 */
export function checkSeriesMetrics(m: unknown, d: number, horizons: unknown): void {
  if (!isObj(m)) throw new BadPart('metrics.series must be an object');
  names(m.variables, 'metrics.series.variables', d, 200);
  names(m.units, 'metrics.series.units', d, 40);
  const h = horizons as number[];
  if (!Array.isArray(m.horizons) || m.horizons.join() !== h.join())
    throw new BadPart(`metrics.series.horizons must be the series' horizons [${h.join(', ')}]`);
  table(m.rnn, 'metrics.series.rnn', h.length, d, true);
  table(m.persistence, 'metrics.series.persistence', h.length, d, false);
  table(m.climatology, 'metrics.series.climatology', h.length, d, false);
}

const CONTROL_NUMBERS = ['ctrlMeanDist', 'freeMeanDist', 'ctrlRatio', 'ctrlCost', 'freeCost'];
const CONTROL_MSES = ['predMse50', 'predMse', 'predMse50NoB', 'predMseNoB'];
const ROW_MSES = ['mse50', 'mse', 'mse50NoB', 'mseNoB'];
/** Most rows the input table shows (the lab writes one per input signal, a handful). */
export const MAX_INPUT_ROWS = 20;

/** metrics.control of a controlled run: its scalars and the input table's rows. */
export function checkControlMetrics(m: unknown): void {
  if (!isObj(m)) throw new BadPart('metrics.control must be an object');
  for (const k of CONTROL_NUMBERS)
    if (!isNum(m[k])) throw new BadPart(`metrics.control.${k} must be a number`);
  for (const k of CONTROL_MSES)
    if (!numOrNull(m[k])) throw new BadPart(`metrics.control.${k} must be a number or null`);
  const rows = m.inputs;
  if (!Array.isArray(rows) || rows.length < 1 || rows.length > MAX_INPUT_ROWS)
    throw new BadPart(`metrics.control.inputs must list 1 to ${MAX_INPUT_ROWS} rows`);
  rows.forEach((row, i) => {
    if (
      !isObj(row) ||
      typeof row.kind !== 'string' ||
      row.kind.length > 20 ||
      typeof row.label !== 'string' ||
      row.label.length > 500 ||
      !ROW_MSES.every((k) => numOrNull(row[k]))
    )
      throw new BadPart(
        `metrics.control.inputs[${i}] must be { kind, label: texts; mse50, mse, mse50NoB, mseNoB: numbers or null }`,
      );
  });
}
