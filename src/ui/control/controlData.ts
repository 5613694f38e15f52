/**
 * Pure helpers for the controlled view (no DOM, no Plotly): read a controlled run's extras and
 * turn its flat arrays into plot series. Layouts (src/core/control/types.ts): trajectories are
 * count×(H+1)×d or (steps+1)×d row-major, inputs H×p or steps×p row-major.
 */
import type { ControlMetrics, ControlResult } from '../../sources/systems/controlledTypes';
import type { RunResult } from '../../run/result';

export interface ControlView {
  r: RunResult;
  c: ControlResult;
  m: ControlMetrics;
}

/** The controlled run's result and metrics, or null for any other run. */
export function controlView(r: RunResult | null): ControlView | null {
  if (!r?.control || !r.metrics.control) return null;
  return { r, c: r.control, m: r.metrics.control };
}

/** Column j of an n×stride row-major block starting at row `start`, n rows. */
export function column(
  flat: ArrayLike<number>,
  stride: number,
  j: number,
  n: number,
  start = 0,
): number[] {
  return Array.from({ length: n }, (_, t) => flat[(start + t) * stride + j]);
}

/** Non-finite values become null: Plotly draws a gap there instead of joining across it. */
export function gaps(values: ArrayLike<number>): (number | null)[] {
  return Array.from(values, (v) => (Number.isFinite(v) ? v : null));
}

/** For a log axis: only finite values > 0 are drawn, everything else is a gap. */
export function positive(values: ArrayLike<number>): (number | null)[] {
  return Array.from(values, (v) => (Number.isFinite(v) && v > 0 ? v : null));
}

/** Running sum; NaN stays NaN from its first occurrence on. */
export function cumulative(values: ArrayLike<number>): number[] {
  let s = 0;
  return Array.from(values, (v) => (s += v));
}

/**
 * Input j of an n×p zero-order-hold signal as a stepped line (Plotly `line.shape: 'hv'`): u_k at
 * t_k = k·Δt, plus a last point at n·Δt so the final hold is drawn to its end.
 */
export function steppedInput(
  u: ArrayLike<number>,
  p: number,
  j: number,
  dt: number,
): { x: number[]; y: (number | null)[] } {
  const n = Math.floor(u.length / p);
  const y = gaps(column(u, p, j, n));
  return {
    x: Array.from({ length: n + 1 }, (_, k) => k * dt),
    y: n ? [...y, y[n - 1]] : [],
  };
}

/** "(2, 0)": a state as a short tuple for labels. */
export function tuple(v: ArrayLike<number>): string {
  return `(${Array.from(v, (x) => String(Number(x.toPrecision(3)))).join(', ')})`;
}

/** Largest |u| over a signal's finite values (0 if none). */
export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < values.length; k++)
    if (Number.isFinite(values[k])) m = Math.max(m, Math.abs(values[k]));
  return m;
}

/** [min, max] of the finite values widened by 8 % of the span on each side (±0.1 if flat). */
export function padded(series: ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series)
    for (let k = 0; k < s.length; k++)
      if (Number.isFinite(s[k])) {
        lo = Math.min(lo, s[k]);
        hi = Math.max(hi, s[k]);
      }
  if (!(lo <= hi)) return [-1, 1];
  const pad = hi > lo ? 0.08 * (hi - lo) : 0.1 * Math.max(1, Math.abs(hi));
  return [lo - pad, hi + pad];
}
