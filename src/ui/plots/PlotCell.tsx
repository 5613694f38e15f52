import { useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import type { RunResult } from '../../run/result';
import { Caption } from './Caption';
import { PlotlyFigure } from './PlotlyFigure';
import { captionOf } from './registry';
import type { PlotEntry, PlotView } from './types';

/** Gap between the plots' redraws: each gets its own task, so the page never stalls for all. */
const STAGGER_MS = 12;

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
 * One plot of the registry with its caption: the figure is built from the (staggered) result and
 * the parts of the view state the entry reads, and rebuilt only when one of those changes.
 */
export function PlotCell({
  entry,
  result,
  view,
  index,
}: {
  entry: PlotEntry;
  result: RunResult;
  view: PlotView;
  index: number;
}) {
  const shown = useStaggered(result, index);
  const reads = entry.reads ?? [];
  // View fields the entry does not read stay at a constant, so changing them never redraws it.
  const testIndex = reads.includes('testIndex') ? view.testIndex : 0;
  const showPairs = reads.includes('showPairs') ? view.showPairs : false;
  const webgl = reads.includes('webgl') ? view.webgl : true;
  const fig = useMemo(
    () => entry.build(shown, { testIndex, showPairs, webgl }),
    [entry, shown, testIndex, showPairs, webgl],
  );
  return (
    <figure className={entry.tall ? 'plot-cell tall' : 'plot-cell'} data-plot={entry.id}>
      <div className="plot-frame">
        <PlotlyFigure testid={`plot-${entry.id}`} data={fig.data} layout={fig.layout} />
      </div>
      <Caption text={captionOf(entry, shown)} />
    </figure>
  );
}
