/**
 * The one number formatter of the app: metric cards, tables, plot titles, legends and labels.
 * Raw values stay in data-value attributes; these strings are for eyes only.
 */

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
  // Number() drops trailing zeros and writes 1234 → toPrecision(3) "1.23e+3" back as 1230.
  if (a >= 1e-3 && a < 1e5) return minus(String(Number(v.toPrecision(digits))));
  const [mant, exp] = v.toExponential(digits - 1).split('e');
  const e = String(Number(exp))
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('');
  return `${minus(String(Number(mant)))}×10${e}`;
}

/** The typographic minus sign instead of the hyphen. */
function minus(s: string): string {
  return s.replace('-', '−');
}

/** An MSE with its unit squared ("7.56 °C²"), or "diverged" for a missing value. */
export function formatMse(v: number | null, unit: string): string {
  if (v === null || !Number.isFinite(v)) return 'diverged';
  return unit ? `${formatSig(v)} ${unit}²` : formatSig(v);
}

/** A state as a short tuple for labels: "(2, −0.5)". */
export function formatTuple(v: ArrayLike<number>): string {
  return `(${Array.from(v, (x) => formatSig(x)).join(', ')})`;
}

/** How many times larger: "×12", "×1.5", "×131". */
export function formatFactor(f: number): string {
  return `×${f >= 100 ? String(Math.round(f)) : formatSig(f, 2)}`;
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

/**
 * A valid prediction time in the one unit of its system: Lyapunov times (t·λ_max) when the system
 * has a known Lyapunov exponent, else model time units; "≥" when it is only a lower bound (the
 * forecast never crossed ε within the horizon).
 */
export function formatVpt(
  vpt: number,
  lyapunov: number | null,
  lowerBound: boolean,
  withUnit = true,
): string {
  const v = lyapunov !== null ? vpt * lyapunov : vpt;
  const unit = withUnit ? (lyapunov !== null ? ' Lyapunov times' : ' time units') : '';
  return `${lowerBound ? '≥ ' : ''}${formatSig(v)}${unit}`;
}
