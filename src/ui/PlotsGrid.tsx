import { useEffect, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import type { RunResult } from '../core/result';
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
function useStaggered(result: RunResult, index: number): RunResult {
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

/** The four plots in a 2×2 grid; empty frames until the first result arrives. */
export function PlotsGrid() {
  const result = useStore((s) => s.result);
  const testIndex = useStore((s) => s.testIndex);
  const showPairs = useStore((s) => s.showPairs);
  return (
    <section className="plots-area" aria-label="Plots">
      <ViewBar />
      <div className="plots" data-testid="plots">
        {result ? (
          <>
            <Cell
              result={result}
              index={0}
              draw={(r) => <TrajectoryPlot result={r} testIndex={testIndex} />}
            />
            <Cell
              result={result}
              index={1}
              draw={(r) => <PhasePlot result={r} testIndex={testIndex} showPairs={showPairs} />}
            />
            <Cell result={result} index={2} draw={(r) => <SpectrumPlot result={r} />} />
            <Cell result={result} index={3} draw={(r) => <ErrorPlot result={r} />} />
          </>
        ) : (
          ['trajectory', 'phase', 'spectrum', 'error'].map((k) => (
            <div key={k} className="plot-cell empty">
              <span>{k === 'trajectory' ? 'Training the first model…' : ''}</span>
            </div>
          ))
        )}
      </div>
    </section>
  );
}
