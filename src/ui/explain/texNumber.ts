/**
 * Numbers written into KaTeX source (pure, unit-tested): three significant digits by default,
 * a thin space every three digits of a large integer, scientific notation as a × 10^{e} outside
 * [10⁻³, 10⁵), ∞ for infinities. The exact values stay in data attributes; these are for eyes.
 */
export function texNumber(v: number, digits = 3): string {
  if (Number.isNaN(v)) return '\\text{NaN}';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e9) return groupThousands(String(v));
  if (a >= 1e-3 && a < 1e5) return groupThousands(String(Number(v.toPrecision(digits))));
  const [mant, exp] = v.toExponential(digits - 1).split('e');
  const m = Number(mant);
  const e = Number(exp);
  return m === 1 ? `10^{${e}}` : m === -1 ? `-10^{${e}}` : `${m} \\times 10^{${e}}`;
}

/** "20000" → "20\,000" (only the integer part, only from five digits on). */
function groupThousands(s: string): string {
  const [int, frac] = s.split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  const grouped = digits.length >= 5 ? digits.replace(/\B(?=(\d{3})+$)/g, '\\,') : digits;
  return `${neg ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** A complex number a + b i for TeX ("0.995 + 0.0943\,i", "-0.05 - 0.94\,i"). */
export function texComplex(re: number, im: number, digits = 3): string {
  if (im === 0) return texNumber(re, digits);
  const b = texNumber(Math.abs(im), digits);
  return `${texNumber(re, digits)} ${im < 0 ? '-' : '+'} ${b}\\,i`;
}

/** Several equations stacked and centred (KaTeX `gathered`), so none is wider than the column. */
export function texLines(...lines: string[]): string {
  return lines.length === 1
    ? lines[0]
    : `\\begin{gathered} ${lines.join(' \\\\[4pt] ')} \\end{gathered}`;
}
