import { useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import type { RunResult } from '../../run/result';
import { useStore } from '../../state/store';
import { Caption } from './Caption';
import { PlotlyFigure } from './PlotlyFigure';
import { reconcileFigure } from './reconcile';
import { captionOf } from './registry';
import type { Figure, PlotEntry, PlotView } from './types';

/** Gap between the plots' redraws: each gets its own task, so the page never stalls for all. */
const STAGGER_MS = 4;

/**
 * The result a plot cell shows: the store's latest, handed over `index` slots after it arrives,
 * each in its own task (flushSync renders and runs the Plotly effect right there). Status and
 * metrics update first; a busy Plotly redraw never blocks the page for all plots at once.
 */
export function useStaggered<T>(result: T, index: number): T {
  const [shown, setShown] = useState(result);
  useEffect(() => {
    if (shown === result) return;
    const t = setTimeout(() => flushSync(() => setShown(result)), index * STAGGER_MS);
    return () => clearTimeout(t);
  }, [result, shown, index]);
  return shown;
}

/**
 * The figure to hand to Plotly: `next` sharing every unchanged trace (and the layout) with the
 * figure shown before, or that figure itself when nothing changed (see reconcile.ts).
 */
function useReconciled(next: Figure): Figure {
  const [shown, setShown] = useState(next);
  const fig = reconcileFigure(shown, next);
  // Storing what the previous render showed (React's pattern for state derived from props).
  if (fig !== shown) setShown(fig);
  return fig;
}

/** Each stacked subplot gets at least this many px (issue 11: never the ~35 px of a 3-row stack). */
export const MIN_SUBPLOT_PX = 90;

/**
 * The frame height a figure of vertically stacked subplots needs so that each row is at least
 * MIN_SUBPLOT_PX tall (title, a legend of two rows and the x axis take ~180 px); 0 for a figure with one row.
 */
export function stackedMinHeight(layout: Record<string, unknown>): number {
  const domains = Object.keys(layout)
    .filter((k) => /^yaxis\d*$/.test(k))
    .map((k) => (layout[k] as { domain?: [number, number] }).domain)
    .filter((d): d is [number, number] => Array.isArray(d));
  const rows = new Set(domains.map((d) => `${d[0]}-${d[1]}`)).size;
  return rows > 1 ? rows * MIN_SUBPLOT_PX + 180 + (rows - 1) * 12 : 0;
}

/** A result with the store's sequence number of it (shown on the plot once drawn). */
export interface ShownResult {
  result: RunResult;
  seq: number;
}

/**
 * One plot of the registry with its caption: the figure is built from the (staggered) result and
 * the parts of the view state the entry reads, and rebuilt only when one of those changes. Its
 * container carries `data-revision` = the result's sequence number once that figure is on screen.
 */
export function PlotCell({
  entry,
  current,
  view,
  index,
}: {
  entry: PlotEntry;
  current: ShownResult;
  view: PlotView;
  index: number;
}) {
  const { result: shown, seq } = useStaggered(current, index);
  const reads = entry.reads ?? [];
  // View fields the entry does not read stay at a constant, so changing them never redraws it.
  const testIndex = reads.includes('testIndex') ? view.testIndex : 0;
  const showPairs = reads.includes('showPairs') ? view.showPairs : false;
  const webgl = reads.includes('webgl') ? view.webgl : true;
  const built = useMemo(
    () => entry.build(shown, { testIndex, showPairs, webgl }),
    [entry, shown, testIndex, showPairs, webgl],
  );
  const fig = useReconciled(built);
  const full = useStore((s) => s.fullPlot === entry.id);
  const minHeight = stackedMinHeight(fig.layout);
  const cls = ['plot-cell', entry.tall ? 'tall' : '', full ? 'full' : ''].filter(Boolean).join(' ');
  return (
    <figure className={cls} data-plot={entry.id} data-full={full || undefined}>
      <div className="plot-frame" style={minHeight ? { minHeight } : undefined}>
        <PlotlyFigure
          testid={`plot-${entry.id}`}
          data={fig.data}
          layout={fig.layout}
          revision={seq}
        />
      </div>
      <Caption text={captionOf(entry, shown)} />
    </figure>
  );
}
