import { useStore } from '../../state/store';
import { GlossaryButton } from '../Glossary';
import { Warnings } from '../Warnings';
import type { PlotEntry } from './types';

/**
 * Above the plots: the run's warnings, and the view state the shown plots read — which test
 * start to draw, the SWIM-pair overlay.
 */
export function ViewBar({ entries }: { entries: PlotEntry[] }) {
  const count = useStore((s) => s.result?.test.count ?? 0);
  const hasPairs = useStore((s) => Boolean(s.result?.model.pairPoints));
  const testIndex = useStore((s) => s.testIndex);
  const showPairs = useStore((s) => s.showPairs);
  const setTestIndex = useStore((s) => s.setTestIndex);
  const setShowPairs = useStore((s) => s.setShowPairs);
  const reads = new Set(entries.flatMap((e) => e.reads ?? []));
  const i = Math.min(testIndex, Math.max(0, count - 1));
  return (
    <div className="view-bar">
      <Warnings />
      {reads.has('testIndex') && (
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
      )}
      {reads.has('showPairs') && (
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
      )}
      <GlossaryButton />
    </div>
  );
}
