import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSV_LIMITS, checkSize, readCsv, splitLine } from '../../src/sources/series/csv';
import { dayNumber, dayOfYear, parseDate } from '../../src/sources/series/dates';
import { csvPlan } from '../../src/sources/series/plan';
import { parseSeriesCsv } from '../../src/sources/series/table';

const fixture = (name: string) => readFileSync(`tests/fixtures/${name}`, 'utf8');
const message = (text: string) => {
  try {
    parseSeriesCsv(text);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('CSV reading', () => {
  it('reads the oscillation fixture: 500 dated rows, numeric x and y', () => {
    const t = parseSeriesCsv(fixture('oscillation.csv'));
    expect(t.names).toEqual(['x', 'y']);
    expect(t.rows).toBe(500);
    expect(t.dateName).toBe('date');
    expect(t.dates![0].text).toBe('2020-01-01');
    expect(t.dates![499].text).toBe('2021-05-14');
    expect(t.columns[0][0]).toBe(2.0264);
    expect(t.warnings).toEqual([]);
  });

  it.each([
    ['empty.csv', 'The file is empty.'],
    [
      'no-header.csv',
      'No header row: line 1 holds numbers (1.5,2); the first line must name the columns, e.g. "date,x,y".',
    ],
    ['non-numeric.csv', "Line 7 (data row 6), column 3 'y': 'abc' is not a number."],
    ['ragged.csv', 'Ragged rows: line 5 has 2 fields, but the header has 3.'],
  ])('refuses bad/%s with an exact message', (name, expected) => {
    expect(message(fixture(`bad/${name}`))).toBe(expected);
  });

  it('names empty cells, bad dates, duplicate and missing header names, and no data rows', () => {
    expect(message('t,x\n2020-01-01,1\n2020-01-02,\n')).toBe(
      "Line 3 (data row 2), column 2 'x' is empty; every cell of a numeric column must hold a number.",
    );
    expect(message('t,x\n2020-01-01,1\n2020-02-30,2\n')).toMatch(
      /^Line 3 \(data row 2\), column 1 't': '2020-02-30' is not a date/,
    );
    expect(message('x,x\n1,2\n')).toBe(
      "The header names two columns 'x' (columns 1 and 2); names must be unique.",
    );
    expect(message('x,,y\n1,2,3\n')).toBe('The header (line 1) has no name for column 2.');
    expect(message('x,y\n')).toBe('The file has a header but no data rows.');
    expect(message('date\n2020-01-01\n')).toMatch(/^The file has no numeric columns/);
    expect(message('name,x\nfoo,1\n')).toBe(
      "Line 2 (data row 1), column 1 'name': 'foo' is not a number.",
    );
  });

  it('enforces the size, row and column limits with their numbers', () => {
    expect(() => checkSize(CSV_LIMITS.maxBytes)).not.toThrow();
    expect(() => checkSize(CSV_LIMITS.maxBytes + 1)).toThrow(
      'The file is 10.0 MB, over the 10 MB limit for files read in the browser.',
    );
    const many = 'x\n' + '1\n'.repeat(CSV_LIMITS.maxRows + 1);
    expect(message(many)).toBe('The file has more than 100000 data rows (the limit).');
    const wide = Array.from({ length: 101 }, (_, i) => `c${i}`).join(',') + '\n';
    expect(message(wide)).toBe('The file has 101 columns, over the limit of 100.');
  });

  it('handles quotes, CRLF, a byte-order mark, blank lines and undated files', () => {
    expect(splitLine('"a, b",c,"say ""hi"""', 1)).toEqual(['a, b', 'c', 'say "hi"']);
    const r = readCsv('\ufeff"x",y\r\n1,2\r\n\r\n3,4\r\n');
    expect(r.header).toEqual(['x', 'y']);
    expect(r.lines).toEqual([2, 4]);
    const t = parseSeriesCsv('a,b\n1,2e-3\n-.5,+4\n');
    expect(t.dates).toBeNull();
    expect(Array.from(t.columns[1])).toEqual([0.002, 4]);
  });

  it('warns, but reads, when dates do not increase', () => {
    const t = parseSeriesCsv('d,x\n2020-01-02,1\n2020-01-01,2\n');
    expect(t.warnings[0]).toMatch(/dates do not increase at line 3/);
  });
});

describe('dates', () => {
  it('parses ISO dates and times, rejects impossible ones', () => {
    expect(parseDate('2012-02-29')?.text).toBe('2012-02-29');
    expect(parseDate('2013-02-29')).toBeNull();
    expect(parseDate('2020/1/5T07:30Z')?.text).toBe('2020-01-05 07:30:00');
    expect(parseDate('2020-01-05 24:00')).toBeNull();
    expect(parseDate('5.1.2020')).toBeNull();
  });

  it('counts days like the calendar', () => {
    expect(dayOfYear(2012, 12, 31)).toBe(366);
    expect(dayOfYear(2015, 3, 1)).toBe(60);
    expect(dayNumber(1970, 1, 1)).toBe(0);
    expect(dayNumber(2016, 1, 1) - dayNumber(2012, 1, 1)).toBe(1461);
  });
});

describe('CSV split', () => {
  const table = parseSeriesCsv(fixture('oscillation.csv'));

  it('trains on the first fraction of rows and forecasts the rest', () => {
    const p = csvPlan(table, { cols: '', delay: 4, split: 0.7, horizon: 10, name: 'o.csv' });
    expect([p.trainStart, p.trainEnd, p.targetStart, p.targetEnd]).toEqual([0, 349, 350, 499]);
    expect(p.vars).toEqual([0, 1]);
  });

  it('refuses too few rows for the delay and horizon with the numbers', () => {
    const short = parseSeriesCsv(fixture('bad/short.csv'));
    expect(() =>
      csvPlan(short, { cols: '', delay: 4, split: 0.7, horizon: 10, name: 's.csv' }),
    ).toThrow(
      'Too few rows for delay 4 and horizon 10: 20 data rows with split 0.7 give 14 training rows (need at least delay + 10 = 14) and 6 test forecasts (need at least 10).',
    );
  });

  it('names a column the file does not have', () => {
    expect(() =>
      csvPlan(table, { cols: 'x,z', delay: 2, split: 0.5, horizon: 3, name: 'o.csv' }),
    ).toThrow("column 'z' is not a numeric column of the file (columns: x, y)");
  });
});
