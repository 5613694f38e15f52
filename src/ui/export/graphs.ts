/**
 * The Plotly graph divs on the page, by plot kind, for export (Plotly.toImage needs the div).
 * PlotsGrid hands each plot a stable callback ref from here.
 */
import type { PlotKind } from '../../state/lesson';

const graphs = new Map<PlotKind, HTMLDivElement>();

const refFor = (kind: PlotKind) => (el: HTMLDivElement | null) => {
  if (el) graphs.set(kind, el);
  else graphs.delete(kind);
};

/** One callback ref per kind, created once so React never detaches and re-attaches it. */
export const GRAPH_REFS: Record<PlotKind, (el: HTMLDivElement | null) => void> = {
  trajectory: refFor('trajectory'),
  phase: refFor('phase'),
  spectrum: refFor('spectrum'),
  error: refFor('error'),
};

/** The graph div of a plot that has been drawn, or null. */
export function drawnGraph(kind: PlotKind): HTMLDivElement | null {
  const el = graphs.get(kind);
  return el && el.isConnected && el.querySelector('.main-svg') ? el : null;
}
