/**
 * Stacked panels sharing one x axis: state components over time, an input below them, two cost
 * curves, one panel per measured variable. Each row gets its own y axis (titled), optionally a
 * label in its top left corner when the row is too short for a long rotated title.
 */
import type { PlotLayout } from 'plotly.js-gl3d-dist-min';
import { axis, note } from './layout';

/** Plotly's name of the k-th y axis as a trace reference ('y', 'y2', …) and as a layout key. */
export const yRef = (k: number): string => (k === 0 ? 'y' : `y${k + 1}`);
export const yKey = (k: number): string => (k === 0 ? 'yaxis' : `yaxis${k + 1}`);

/**
 * Domains [bottom, top] of rows listed top to bottom, heights ∝ weights, `gap` (paper fraction)
 * between neighbours.
 */
export function rowDomains(weights: number[], gap = 0.05): [number, number][] {
  const usable = 1 - gap * (weights.length - 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const out: [number, number][] = [];
  let top = 1;
  for (const w of weights) {
    const bottom = Math.max(0, top - (usable * w) / total);
    out.push([bottom, top]);
    top = bottom - gap;
  }
  // Rounding must not leave the last row a hair above or below the axis line.
  out[out.length - 1][0] = 0;
  return out;
}

export interface Row {
  /** The y axis title (short: it is rotated along a panel a fraction of the plot high). */
  title: string;
  /** Relative height (default 1). */
  weight?: number;
  /** Merged into the row's y axis (log type, range, …). */
  axis?: PlotLayout;
  /** A longer name written in the panel's top left corner. */
  label?: string;
}

/**
 * Adds one y axis per row (top to bottom) and the shared x axis `x` (anchored under the last row)
 * to `layout`; corner labels are appended to its annotations.
 */
export function stackRows(layout: PlotLayout, rows: Row[], x: PlotLayout, gap = 0.05): void {
  const domains = rowDomains(
    rows.map((r) => r.weight ?? 1),
    rows.length > 1 ? gap : 0,
  );
  const labels: PlotLayout[] = [];
  rows.forEach((row, k) => {
    layout[yKey(k)] = axis(row.title, {
      domain: domains[k],
      anchor: 'x',
      nticks: rows.length > 2 ? 4 : 5,
      ...(row.axis ?? {}),
    });
    if (row.label)
      labels.push(note(row.label, 0.005, domains[k][1], { xanchor: 'left', yanchor: 'top' }));
  });
  layout.xaxis = { ...x, anchor: yRef(rows.length - 1) };
  if (labels.length)
    layout.annotations = [...((layout.annotations as PlotLayout[] | undefined) ?? []), ...labels];
}
