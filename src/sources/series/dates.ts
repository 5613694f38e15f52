/**
 * Calendar dates without the Date object (pure integer arithmetic, the same in every engine).
 * Accepted forms: YYYY-MM-DD, optionally followed by a time "HH:MM" or "HH:MM:SS(.fff)" after a
 * space or "T", optionally ending in "Z"; "/" may replace "-". They are normalised to
 * "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS", which Plotly's date axes read.
 */

const DATE_RE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?Z?)?$/;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
  /** Seconds after midnight (0 for a date without a time). */
  seconds: number;
  /** Normalised text for plots: "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS". */
  text: string;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The date (and time) written in s, or null when s is not one of the accepted forms. */
export function parseDate(s: string): CalendarDate | null {
  const m = DATE_RE.exec(s.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  let seconds = 0;
  let text = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (m[4] !== undefined) {
    const [hh, mm, ss] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
    if (hh > 23 || mm > 59 || ss > 59) return null;
    seconds = hh * 3600 + mm * 60 + ss;
    text += ` ${pad(hh)}:${pad(mm)}:${pad(ss)}${m[7] ?? ''}`;
  }
  return { year, month, day, seconds, text };
}

/** Day of the year, 1 … 365 (366 on 31 December of a leap year). */
export function dayOfYear(year: number, month: number, day: number): number {
  let n = day;
  for (let k = 1; k < month; k++) n += daysInMonth(year, k);
  return n;
}

/**
 * Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's days_from_civil), so differences
 * of two dates are exact day counts.
 */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
