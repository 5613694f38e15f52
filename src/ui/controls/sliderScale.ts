/**
 * Maps a numeric field's value to a slider position in [0, STEPS] and back: linear, or logarithmic
 * for fields spanning decades (scale: 'log'). Slider values are rounded to "nice" numbers so a drag
 * writes short, shareable values into the URL.
 */
import type { NumberField } from '../../run/schema';

export const STEPS = 1000;

/** Lower end of a log slider whose field allows 0 (e.g. λ_rel): position 0 means exactly 0. */
const LOG_FLOOR_DECADES = 15;

function logRange(f: NumberField): [number, number] {
  const lo = f.min > 0 ? f.min : f.max * 10 ** -LOG_FLOOR_DECADES;
  return [Math.log(lo), Math.log(f.max)];
}

/** Whether a slider helps for this field (huge linear ranges like a seed do not slide usefully). */
export function hasSlider(f: NumberField): boolean {
  if (f.scale === 'log') return true;
  return f.kind === 'float' || f.max - f.min <= 10_000;
}

export function toPosition(f: NumberField, v: number): number {
  if (f.scale === 'log') {
    if (v <= 0) return 0;
    const [a, b] = logRange(f);
    return clamp(Math.round(((Math.log(v) - a) / (b - a)) * STEPS), 0, STEPS);
  }
  return clamp(Math.round(((v - f.min) / (f.max - f.min)) * STEPS), 0, STEPS);
}

export function fromPosition(f: NumberField, pos: number): number {
  let v: number;
  if (f.scale === 'log') {
    if (pos <= 0) return f.min;
    const [a, b] = logRange(f);
    v = Math.exp(a + (pos / STEPS) * (b - a));
    v = Number(v.toPrecision(2));
  } else {
    v = f.min + (pos / STEPS) * (f.max - f.min);
    const step = 10 ** (Math.floor(Math.log10(f.max - f.min)) - 2);
    const decimals = Math.max(0, -Math.floor(Math.log10(step)));
    v = Number((Math.round(v / step) * step).toFixed(decimals));
  }
  if (f.kind === 'int') v = Math.round(v);
  return clamp(v, f.min, f.max);
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
