import { useStore } from '../state/store';
import { ErrorPlot } from './plots/ErrorPlot';
import { PhasePlot } from './plots/PhasePlot';
import { SpectrumPlot } from './plots/SpectrumPlot';
import { TrajectoryPlot } from './plots/TrajectoryPlot';

/** Which test start the trajectory and phase plots show, and the SWIM-pair overlay. */
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

/** The four plots in a 2×2 grid; empty frames until the first result arrives. */
export function PlotsGrid() {
  const result = useStore((s) => s.result);
  const testIndex = useStore((s) => s.testIndex);
  const showPairs = useStore((s) => s.showPairs);
  const running = useStore((s) => s.status === 'running');
  return (
    <section className="plots-area" aria-label="Plots">
      <ViewBar />
      <div className={running && result ? 'plots stale' : 'plots'} data-testid="plots">
        {result ? (
          <>
            <div className="plot-cell">
              <TrajectoryPlot result={result} testIndex={testIndex} />
            </div>
            <div className="plot-cell">
              <PhasePlot result={result} testIndex={testIndex} showPairs={showPairs} />
            </div>
            <div className="plot-cell">
              <SpectrumPlot result={result} />
            </div>
            <div className="plot-cell">
              <ErrorPlot result={result} />
            </div>
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
