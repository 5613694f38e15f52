/** Number formatting for display. Raw values stay in data-value; these are for eyes only. */

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/**
 * Three significant digits; scientific notation with a superscript exponent outside
 * [1e-3, 1e5) so that tiny MSEs stay readable on a projector ("1.23×10⁻¹⁰").
 */
export function formatSig(v: number, digits = 3): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) return trimZeros(v.toPrecision(digits)).replace('-', '−');
  const [mant, exp] = v.toExponential(digits - 1).split('e');
  const e = String(Number(exp))
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('');
  return `${trimZeros(mant).replace('-', '−')}×10${e}`;
}

function trimZeros(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

/** Milliseconds for humans: "840 ms", "1.24 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}

/** A config value shown in a text box when not being edited (exact value on focus). */
export function formatInput(v: number | string): string {
  if (typeof v === 'string') return v;
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}
