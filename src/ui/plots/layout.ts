/**
 * Shared Plotly layout pieces: fonts, compact margins, a horizontal legend above the plot area and
 * a left-aligned title, sized for a ~450×300 px cell of the two-column plot grid at 1280×720.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import { COLORS, FONT, INK } from './palette';

/** Title band height (px) at the top of the figure. */
const TITLE_H = 30;
/** Height of one row of a horizontal legend at FONT.legend (px). */
const LEGEND_ROW_H = 21;
/** Legend rows are estimated for a plot area this wide (px): a half-width cell at 1280×720. */
export const LEGEND_WIDTH = 440;

/**
 * Rows a horizontal legend needs at `width` px. Each entry is a ~40 px symbol plus its text at
 * ~0.48 em per character; when the entries do not fit on one row, Plotly lays them out in columns
 * as wide as the widest entry. An estimate, so the top margin can hold title and legend.
 */
export function legendRows(names: string[], width = LEGEND_WIDTH): number {
  if (names.length === 0) return 0;
  const widths = names.map((n) => 40 + 0.48 * FONT.legend * n.length);
  if (widths.reduce((a, b) => a + b, 0) <= width) return 1;
  const perRow = Math.max(1, Math.floor(width / Math.max(...widths)));
  return Math.ceil(names.length / perRow);
}

/** Names of the traces that show in the legend. */
export function legendNames(data: PlotData[]): string[] {
  return data
    .filter((d) => d.showlegend !== false && typeof d.name === 'string')
    .map((d) => d.name as string);
}

/**
 * Title at the top left, then (rows > 0) a horizontal legend directly above the plot area; the top
 * margin holds both. Pass rows = 0 for a legend placed elsewhere.
 */
export function baseLayout(title: string, rows: number, extra: PlotLayout = {}): PlotLayout {
  return {
    font: { family: FONT.family, size: FONT.tick, color: INK.text },
    title: {
      text: title,
      font: { size: FONT.title },
      x: 0,
      xref: 'container',
      xanchor: 'left',
      y: 1,
      yref: 'container',
      yanchor: 'top',
      pad: { t: 6, l: 8 },
    },
    // A few px more between title and a legend of two rows or more, which would touch the title.
    margin: {
      l: 62,
      r: 12,
      t: TITLE_H + 4 + rows * LEGEND_ROW_H + (rows > 1 ? 6 : 0),
      b: 46,
      pad: 0,
    },
    showlegend: true,
    legend: {
      orientation: 'h',
      x: 0,
      xanchor: 'left',
      y: 1,
      yanchor: 'bottom',
      font: { size: FONT.legend },
      bgcolor: 'rgba(255, 255, 255, 0)',
      tracegroupgap: 0,
    },
    hoverlabel: { font: { size: FONT.hover } },
    paper_bgcolor: INK.paper,
    plot_bgcolor: INK.paper,
    autosize: true,
    ...extra,
  };
}

/** The title-and-legend layout for `data`, its legend rows estimated from the trace names. */
export function figureLayout(title: string, data: PlotData[], extra: PlotLayout = {}): PlotLayout {
  return baseLayout(title, legendRows(legendNames(data)), extra);
}

/** A vertical legend in the top right (or top left) corner, over the plot area. */
export function cornerLegend(layout: PlotLayout, side: 'left' | 'right' = 'right'): void {
  layout.legend = {
    ...(layout.legend as PlotLayout),
    orientation: 'v',
    x: side === 'right' ? 1 : 0,
    xanchor: side,
    y: 1,
    yanchor: 'top',
  };
}

/** A linear or log axis with a titled unit, readable ticks and light grid lines. */
export function axis(title: string, extra: PlotLayout = {}): PlotLayout {
  return {
    title: { text: title, font: { size: FONT.axisTitle }, standoff: 4 },
    tickfont: { size: FONT.tick },
    gridcolor: INK.grid,
    zeroline: false,
    linecolor: INK.axis,
    showline: true,
    ticks: 'outside',
    ticklen: 4,
    automargin: true,
    // Plotly's default ('hide past div') measures every tick label with getBoundingClientRect
    // after each draw, forcing a layout each time: ~12 % of a redraw's script time (issue 15). The
    // automatic margins already keep the labels inside the figure.
    ticklabeloverflow: 'allow',
    ...extra,
  };
}

/**
 * A log axis over whole decades [lo, hi] (log10) with at most `maxTicks` labelled decades, so
 * stacked panels never print labels on top of each other.
 */
export function logAxis(range: [number, number], maxTicks = 6): PlotLayout {
  return {
    type: 'log',
    range,
    exponentformat: 'power',
    dtick: Math.max(1, Math.ceil((range[1] - range[0]) / maxTicks)),
  };
}

/** A titled log y axis for error curves over [10^lo, 10^hi]. */
export function logErrorAxis(title: string, lo: number, hi: number): PlotLayout {
  return axis(title, logAxis([lo, hi]));
}

/** A full-height vertical dashed line at data x on axis `xref` (spanning the paper height). */
export function vline(
  x: number,
  color: string = COLORS.vpt,
  dash = 'dash',
  xref = 'x',
): PlotLayout {
  return {
    type: 'line',
    xref,
    yref: 'paper',
    x0: x,
    x1: x,
    y0: 0,
    y1: 1,
    line: { color, width: 2, dash },
  };
}

/** A full-width horizontal dashed line at data y on axis `yref`. */
export function hline(
  y: number,
  color: string = COLORS.threshold,
  dash = 'dash',
  yref = 'y',
): PlotLayout {
  return {
    type: 'line',
    xref: 'paper',
    yref,
    x0: 0,
    x1: 1,
    y0: y,
    y1: y,
    line: { color, width: 1.5, dash },
  };
}

/** A short text label in plot-paper coordinates (`extra.font` is merged into the default font). */
export function note(text: string, x: number, y: number, extra: PlotLayout = {}): PlotLayout {
  return {
    text,
    x,
    y,
    xref: 'paper',
    yref: 'paper',
    showarrow: false,
    bgcolor: 'rgba(255, 255, 255, 0.8)',
    ...extra,
    font: { size: FONT.annotation, ...(extra.font as PlotLayout | undefined) },
  };
}
