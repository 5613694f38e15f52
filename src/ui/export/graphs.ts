/**
 * The plots on the page that can be exported: every drawn plot container (`data-testid` =
 * `plot-<kind>`, the page's test-hook contract) and the Plotly graph div inside it, which
 * Plotly.toImage needs. Read from the page when the export menu opens, so plots added later (other
 * views, other kinds) are offered without registering anywhere.
 */
import { PLOT_LABELS, PLOT_KINDS, type PlotKind } from '../../state/lesson';

export interface Graph {
  /** The `<kind>` of `plot-<kind>`: also the file name suffix and the test id of its buttons. */
  kind: string;
  label: string;
  el: HTMLDivElement;
}

/** A short label: the known plot name, else the plot's own title up to its first " · ". */
function labelOf(kind: string, el: HTMLDivElement): string {
  if ((PLOT_KINDS as readonly string[]).includes(kind)) return PLOT_LABELS[kind as PlotKind];
  const layout = (el as unknown as { layout?: { title?: { text?: unknown } } }).layout;
  const title = layout?.title?.text;
  const text = typeof title === 'string' ? title.replace(/<[^>]*>/g, '').split(' · ')[0] : '';
  return text.trim() || kind.replace(/-/g, ' ');
}

/** The drawn plots, in page order. */
export function drawnGraphs(): Graph[] {
  const out: Graph[] = [];
  for (const box of document.querySelectorAll<HTMLElement>(
    '[data-testid^="plot-"][data-rendered="true"]',
  )) {
    const el = box.querySelector<HTMLDivElement>('.js-plotly-plot');
    if (!el) continue;
    const kind = box.dataset.testid!.slice('plot-'.length);
    out.push({ kind, label: labelOf(kind, el), el });
  }
  return out;
}
