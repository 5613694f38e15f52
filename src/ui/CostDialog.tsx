import { train } from '../state/runController';
import { confirmRun, dismissRun, useCostConfirm } from '../state/costConfirm';
import { useStore } from '../state/store';
import { serializeQuery } from '../run/query';

/**
 * Before a run estimated over ~20 s: the estimate, what to reduce, and the choice to run it
 * anyway or change the settings first (issue 16). Nothing runs until "Run anyway".
 */
export function CostDialog() {
  const pending = useCostConfirm((s) => s.pending);
  const query = useStore((s) => serializeQuery(s.config));
  if (!pending || pending.query !== query) return null;
  const e = pending.estimate;
  const share = (x: number) => `${Math.round((100 * x) / e.seconds)} %`;
  return (
    <div
      className="cost-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="cost-title"
      data-testid="cost-dialog"
      data-seconds={e.seconds}
    >
      <div className="cost-box">
        <h2 id="cost-title">This run will take a while</h2>
        <p>{pending.sentence}</p>
        <p className="cost-parts">
          Where the time goes: Gram sums {share(e.stages.features)} ({e.pairs} pairs × M² with M ={' '}
          {e.width}), solve {share(e.stages.solve)} (M³), eigenvalues {share(e.stages.spectrum)} (r
          = {e.rank}), forecasts {share(e.stages.forecast)}. The page stays usable; Cancel or Esc
          stops the run.
        </p>
        <div className="cost-buttons">
          <button
            type="button"
            className="btn primary"
            data-testid="cost-run"
            autoFocus
            onClick={() => {
              confirmRun(pending.query);
              train('user');
            }}
          >
            Run anyway
          </button>
          <button type="button" className="btn" data-testid="cost-cancel" onClick={dismissRun}>
            Change the settings
          </button>
        </div>
      </div>
    </div>
  );
}
