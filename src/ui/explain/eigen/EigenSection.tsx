/**
 * The eigenfunction section: a button that computes the Koopman eigenfunctions of the run on
 * screen in a worker (src/state/eigen.ts), its progress and Cancel, then the view. Mounted in the
 * analysis panel; `auto` starts the computation on mount (for the explanation's Spectrum stage).
 */
import { useEffect } from 'react';
import { familyOf } from '../../../run/registry';
import { cancelEigen, startEigen, useEigen } from '../../../state/eigen';
import { useStore } from '../../../state/store';
import { EigenView } from './EigenView';

export function EigenSection({ auto = false }: { auto?: boolean }) {
  const result = useStore((s) => s.result);
  const runStatus = useStore((s) => s.status);
  const running = useEigen((s) => s.running);
  const progress = useEigen((s) => s.progress);
  const analysis = useEigen((s) => s.analysis);
  const of = useEigen((s) => s.of);
  const error = useEigen((s) => s.error);
  const free = result !== null && familyOf(result.config.sys) === 'free';
  const mine = analysis !== null && of === result;
  useEffect(() => {
    if (auto && free && !running && !mine && runStatus !== 'running') startEigen();
    // Only when the result changes (a new result clears the old analysis).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [auto, result]);
  if (!result || !free) return null;
  return (
    <div className="eigen-section" data-testid="eigen-section">
      <div className="analysis-actions">
        <button
          type="button"
          className={running ? 'btn primary' : 'btn'}
          data-testid="analysis-eigen"
          disabled={running || runStatus === 'running'}
          onClick={startEigen}
        >
          Koopman eigenfunctions
        </button>
        {running && (
          <span className="analysis-progress eigen-progress" data-testid="eigen-progress">
            <span className="analysis-track">
              <span
                className="analysis-fill"
                style={{
                  transform: `scaleX(${Math.max(0, Math.min(1, progress?.fraction ?? 0))})`,
                }}
              />
            </span>
            <span className="analysis-label">
              {progress?.phase ?? 'starting'} · {Math.round((progress?.fraction ?? 0) * 100)}%
            </span>
            <button type="button" className="btn small" onClick={cancelEigen}>
              Cancel
            </button>
          </span>
        )}
      </div>
      {error && (
        <p className="analysis-error" role="alert">
          Eigenfunctions failed: {error}
        </p>
      )}
      {mine && <EigenView a={analysis} result={result} />}
    </div>
  );
}
