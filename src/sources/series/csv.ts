/**
 * Reading a CSV file into a header and string rows, with one exact, actionable message for each
 * way a file can be unusable. Comma-separated; fields may be double-quoted ("a, b" and "" for a
 * quote inside); CRLF or LF line ends; a UTF-8 byte-order mark is dropped; blank lines are skipped
 * (line numbers in messages still count them, so they match a text editor).
 */

/** Size limits for a user's file (documented in the README; the browser holds the whole file). */
export const CSV_LIMITS = {
  /** Largest file accepted, in bytes (10 MB). */
  maxBytes: 10_000_000,
  /** Most data rows (lines after the header). */
  maxRows: 100_000,
  /** Most columns. */
  maxColumns: 100,
} as const;

/** A file problem with the message shown to the user (and printed by the CLI). */
export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

export interface CsvRows {
  header: string[];
  /** Data rows, each with header.length fields (untrimmed text). */
  rows: string[][];
  /** 1-based file line number of each data row. */
  lines: number[];
}

/** The size check, shared by the browser (File.size, before reading) and the CLI (stat). */
export function checkSize(bytes: number): void {
  if (bytes > CSV_LIMITS.maxBytes) {
    throw new CsvError(
      `The file is ${(bytes / 1e6).toFixed(1)} MB, over the ${CSV_LIMITS.maxBytes / 1e6} MB limit for files read in the browser.`,
    );
  }
}

/** Splits one line into fields, honouring double quotes. Throws on an unclosed quote. */
export function splitLine(line: string, lineNo: number): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) throw new CsvError(`Line ${lineNo} has an unclosed double quote.`);
  out.push(field);
  return out;
}

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A finite number written in plain decimal or exponent notation (surrounding spaces allowed). */
export function parseNumber(s: string): number | null {
  const t = s.trim();
  if (!NUMBER_RE.test(t)) return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
}

/**
 * Header and rows of a CSV text. Errors (CsvError), in the order they are checked: empty file;
 * first line made of numbers (no header); a header name empty or repeated; more columns than the
 * limit; a row with a different number of fields than the header (ragged); more rows than the
 * limit; no data rows.
 */
export function readCsv(text: string): CsvRows {
  checkSize(text.length); // a character is at least one byte
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (src.trim() === '') throw new CsvError('The file is empty.');
  const all = src.split(/\r\n|\n|\r/);
  let i = 0;
  while (all[i].trim() === '') i++;
  const header = splitLine(all[i], i + 1).map((h) => h.trim());
  if (header.every((h) => parseNumber(h) !== null)) {
    throw new CsvError(
      `No header row: line ${i + 1} holds numbers (${preview(all[i])}); the first line must name the columns, e.g. "date,x,y".`,
    );
  }
  header.forEach((h, c) => {
    if (h === '') throw new CsvError(`The header (line ${i + 1}) has no name for column ${c + 1}.`);
    const first = header.indexOf(h);
    if (first < c)
      throw new CsvError(
        `The header names two columns '${h}' (columns ${first + 1} and ${c + 1}); names must be unique.`,
      );
  });
  if (header.length > CSV_LIMITS.maxColumns) {
    throw new CsvError(
      `The file has ${header.length} columns, over the limit of ${CSV_LIMITS.maxColumns}.`,
    );
  }
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let k = i + 1; k < all.length; k++) {
    if (all[k].trim() === '') continue;
    const fields = splitLine(all[k], k + 1);
    if (fields.length !== header.length) {
      throw new CsvError(
        `Ragged rows: line ${k + 1} has ${fields.length} field${fields.length === 1 ? '' : 's'}, but the header has ${header.length}.`,
      );
    }
    if (rows.length === CSV_LIMITS.maxRows) {
      throw new CsvError(`The file has more than ${CSV_LIMITS.maxRows} data rows (the limit).`);
    }
    rows.push(fields);
    lines.push(k + 1);
  }
  if (rows.length === 0) throw new CsvError('The file has a header but no data rows.');
  return { header, rows, lines };
}

function preview(line: string): string {
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
