import { useEffect, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import type { RunResult } from '../run/result';
import type { PlotKind } from '../state/lesson';
import { useStore } from '../state/store';
import { ErrorPlot } from './plots/ErrorPlot';
import { PhasePlot } from './plots/PhasePlot';
import { SpectrumPlot } from './plots/SpectrumPlot';
import { TrajectoryPlot } from './plots/TrajectoryPlot';
import { Warnings } from './Warnings';

/** Warnings; which test start the trajectory and phase plots show; the SWIM-pair overlay. */
function ViewBar() {
  const count = useStore((s) => s.result?.test.count ?? 0);
  const hasPairs = useStore((s) => Boolean(s.result?.model.pairPoints));
  const testIndex = useStore((s) => s.testIndex);
  const showPairs = useStore((s) => s.showPairs);
  const setTestIndex = useStore((s) => s.setTestIndex);
  const setShowPairs = useStore((s) => s.setShowPairs);
  const i = Math.min(testIndex, Math.max(0, count - 1));
  return (
    <div className="view-bar">
      <Warnings />
      <label className="view-test">
        Test start
        <input
          type="range"
          min={0}
          max={Math.max(0, count - 1)}
          value={i}
          disabled={count < 2}
          data-testid="test-index"
          onChange={(e) => setTestIndex(Number(e.target.value))}
        />
        <output>
          {count ? i + 1 : 0} / {count}
        </output>
      </label>
      <label className="toggle" title="Each SWIM neuron is built from a pair of training points">
        <input
          type="checkbox"
          data-testid="show-pairs"
          checked={showPairs}
          disabled={!hasPairs}
          onChange={(e) => setShowPairs(e.target.checked)}
        />
        Show SWIM pairs
      </label>
    </div>
  );
}

/** Gap between the plots' redraws: each gets its own task, so the page never stalls for four. */
const STAGGER_MS = 12;

/**
 * The result a plot cell shows: the store's latest, handed over `index` slots after it arrives,
 * each in its own task (flushSync renders and runs the Plotly effect right there). Status and
 * metrics update first; a busy Plotly redraw never blocks the page for all four plots at once.
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

function Cell({
  result,
  index,
  draw,
}: {
  result: RunResult;
  index: number;
  draw: (r: RunResult) => ReactNode;
}) {
  const shown = useStaggered(result, index);
  return <div className="plot-cell">{draw(shown)}</div>;
}

/** Draws one plot kind for a result. */
function drawPlot(kind: PlotKind, r: RunResult, testIndex: number, showPairs: boolean): ReactNode {
  switch (kind) {
    case 'trajectory':
      return <TrajectoryPlot result={r} testIndex={testIndex} />;
    case 'phase':
      return <PhasePlot result={r} testIndex={testIndex} showPairs={showPairs} />;
    case 'spectrum':
      return <SpectrumPlot result={r} />;
    case 'error':
      return <ErrorPlot result={r} />;
  }
}

/**
 * The plots in a 2×2 grid (or the ones a lesson link picks, in its order); empty frames until the
 * first result arrives.
 */
export function PlotsGrid() {
  const result = useStore((s) => s.result);
  const testIndex = useStore((s) => s.testIndex);
  const showPairs = useStore((s) => s.showPairs);
  const plots = useStore((s) => s.page.plots);
  const viewHidden = useStore((s) => s.page.hide.includes('view'));
  return (
    <section className="plots-area" aria-label="Plots">
      {!viewHidden && <ViewBar />}
      <div className={`plots n${plots.length}`} data-testid="plots">
        {result
          ? plots.map((kind, i) => (
              <Cell
                key={kind}
                result={result}
                index={i}
                draw={(r) => drawPlot(kind, r, testIndex, showPairs)}
              />
            ))
          : plots.map((k, i) => (
              <div key={k} className="plot-cell empty">
                <span>{i === 0 ? 'Training the first model…' : ''}</span>
              </div>
            ))}
      </div>
    </section>
  );
}
