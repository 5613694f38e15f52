import { useMemo } from 'react';
import type { RunResult } from '../../run/result';
import { useStore } from '../../state/store';
import { PlotCell, type ShownResult } from './PlotCell';
import type { PlotEntry, PlotView } from './types';
import { hasWebGL } from './webgl';
import { ViewBoundary } from '../ViewBoundary';

/** The view state every figure builder gets, from the store. */
export function usePlotView(): PlotView {
  const testIndex = useStore((s) => s.testIndex);
  const showPairs = useStore((s) => s.showPairs);
  return { testIndex, showPairs, webgl: hasWebGL() };
}

/**
 * The one plot grid of every view: registry entries in two columns (one column, or the first
 * plot across both, when a lesson link picks one or three), each with its caption. Cell k redraws
 * `first + k` stagger slots after a new result; before the first result, empty frames.
 */
export function PlotGrid({
  result,
  entries,
  first = 0,
}: {
  result: RunResult | null;
  entries: PlotEntry[];
  first?: number;
}) {
  const view = usePlotView();
  const seq = useStore((s) => s.resultSeq);
  const current = useMemo<ShownResult | null>(
    () => (result ? { result, seq } : null),
    [result, seq],
  );
  return (
    <div className={`plots n${entries.length}`}>
      {current
        ? entries.map((entry, k) => (
            <ViewBoundary
              key={entry.id}
              kind="plot"
              id={entry.id}
              resetKey={current}
              className="plot-cell"
            >
              <PlotCell entry={entry} current={current} view={view} index={first + k} />
            </ViewBoundary>
          ))
        : entries.map((entry, k) => (
            <figure key={entry.id} className={entry.tall ? 'plot-cell tall' : 'plot-cell'}>
              <div className="plot-frame empty">
                <span>{k === 0 && first === 0 ? 'Training the first model…' : ''}</span>
              </div>
            </figure>
          ))}
    </div>
  );
}
