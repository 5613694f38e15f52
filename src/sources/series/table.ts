/**
 * A measured multivariate time series as plain data: numeric columns in physical units, one row per
 * sample in time order, and optionally the date of each row. Built from a user's CSV (numeric
 * columns plus at most one date/time column) or from the shipped weather records.
 */
import { CsvError, parseNumber, readCsv, type CsvRows } from './csv';
import { parseDate, type CalendarDate } from './dates';

export interface SeriesTable {
  /** Names of the numeric columns, in header order (the date column excluded). */
  names: string[];
  /** Physical units per numeric column ('' when unknown). */
  units: string[];
  /** One array of length `rows` per numeric column. */
  columns: Float64Array[];
  rows: number;
  /** Header name of the date column, or null (rows are then numbered 0, 1, 2, …). */
  dateName: string | null;
  /** The date of each row (length rows), or null. */
  dates: CalendarDate[] | null;
  /** 1-based line number in the file of each row. */
  lines: number[];
  /** Harmless oddities found while reading (e.g. dates out of order). */
  warnings: string[];
}

const cellRef = (line: number, row: number, col: number, name: string) =>
  `Line ${line} (data row ${row}), column ${col} '${name}'`;

/**
 * Classifies the columns of a CSV by their first data row — a number makes a numeric column, an
 * ISO date the (first) date column — and parses every cell. Errors (CsvError): a cell that is
 * empty or not a number in a numeric column (line, data row and column named), a cell that is not
 * a date in the date column, a second text column, no numeric column at all.
 */
export function tableFromRows(csv: CsvRows): SeriesTable {
  const { header, rows, lines } = csv;
  let dateCol = -1;
  const numericCols: number[] = [];
  header.forEach((name, c) => {
    const first = rows[0][c];
    if (parseNumber(first) !== null) numericCols.push(c);
    else if (dateCol < 0 && parseDate(first)) dateCol = c;
    else throw new CsvError(notNumber(lines[0], 1, c, name, first));
  });
  if (numericCols.length === 0) {
    throw new CsvError(
      `The file has no numeric columns (only '${header[dateCol]}', read as dates); it needs at least one column of numbers.`,
    );
  }
  const columns = numericCols.map(() => new Float64Array(rows.length));
  const dates: CalendarDate[] | null = dateCol >= 0 ? [] : null;
  const warnings: string[] = [];
  for (let r = 0; r < rows.length; r++) {
    numericCols.forEach((c, k) => {
      const x = parseNumber(rows[r][c]);
      if (x === null) throw new CsvError(notNumber(lines[r], r + 1, c, header[c], rows[r][c]));
      columns[k][r] = x;
    });
    if (dates) {
      const d = parseDate(rows[r][dateCol]);
      if (!d) {
        throw new CsvError(
          `${cellRef(lines[r], r + 1, dateCol + 1, header[dateCol])}: '${rows[r][dateCol].trim()}' is not a date (YYYY-MM-DD, optionally with a time HH:MM or HH:MM:SS).`,
        );
      }
      const prev = dates[r - 1];
      if (prev && !warnings.length && order(d) <= order(prev)) {
        warnings.push(
          `dates do not increase at line ${lines[r]} (${d.text} after ${prev.text}); rows are used in file order`,
        );
      }
      dates.push(d);
    }
  }
  return {
    names: numericCols.map((c) => header[c]),
    units: numericCols.map(() => ''),
    columns,
    rows: rows.length,
    dateName: dateCol >= 0 ? header[dateCol] : null,
    dates,
    lines: lines.slice(),
    warnings,
  };
}

function notNumber(line: number, row: number, col: number, name: string, cell: string): string {
  const where = cellRef(line, row, col + 1, name);
  return cell.trim() === ''
    ? `${where} is empty; every cell of a numeric column must hold a number.`
    : `${where}: '${cell.trim().slice(0, 40)}' is not a number.`;
}

/** A number that orders dates and times chronologically (not a time difference). */
function order(d: CalendarDate): number {
  return ((d.year * 13 + d.month) * 32 + d.day) * 86400 + d.seconds;
}

/** Parses a user's CSV text into a series table (readCsv's checks, then tableFromRows's). */
export function parseSeriesCsv(text: string): SeriesTable {
  return tableFromRows(readCsv(text));
}
