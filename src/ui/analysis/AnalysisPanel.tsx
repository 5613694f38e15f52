/**
 * The analysis panel under the plots: for a simulated free system, the Lyapunov spectrum, the
 * long-term statistics and the repeat over seeds, each run in a worker with a progress bar and a
 * Cancel button (src/state/analysis.ts); and, for any run whose ridge was validated (regsel=cv),
 * the held-out score against λ_rel. Results stay until the result on screen changes.
 */
import { lazy, Suspense, useEffect, useRef } from 'react';
import { familyOf } from '../../run/registry';
import {
  cancelAnalysis,
  SEED_OPTIONS,
  startAnalysis,
  STEP_OPTIONS,
  useAnalysis,
  type AnalysisTask,
} from '../../state/analysis';
import { useStore } from '../../state/store';
import { ExplainTabs } from '../explain/ExplainTabs';
import { AnalysisFigure } from './AnalysisFigure';
import { ridgeFigure } from './figures';
import { LyapunovView } from './LyapunovView';
import { SeedsView } from './SeedsView';
import { StatsView } from './StatsView';
import './analysis.css';

// The eigenfunction view is fetched on first use of the panel (not part of the first paint).
const EigenSection = lazy(() =>
  import('../explain/eigen/EigenSection').then((m) => ({ default: m.EigenSection })),
);

const TASKS: Array<{ task: AnalysisTask; testid: string; label: (n: number) => string }> = [
  { task: 'lyapunov', testid: 'analysis-lyapunov', label: () => 'Lyapunov spectrum' },
  { task: 'stats', testid: 'analysis-stats', label: () => 'Long-term statistics' },
  { task: 'seeds', testid: 'analysis-seeds', label: (n) => `Repeat over ${n} seeds` },
];

/** The progress of the task in flight; written from a subscription, not by re-rendering. */
function AnalysisProgressBar() {
  const fill = useRef<HTMLSpanElement | null>(null);
  const label = useRef<HTMLSpanElement | null>(null);
  useEffect(
    () =>
      useAnalysis.subscribe((s) => {
        const p = s.progress;
        if (!p) return;
        if (fill.current)
          fill.current.style.transform = `scaleX(${Math.max(0, Math.min(1, p.fraction))})`;
        if (label.current)
          label.current.textContent = `${p.phase} · ${Math.round(p.fraction * 100)}%`;
      }),
    [],
  );
  return (
    <div className="analysis-progress" data-testid="analysis-progress">
      <span className="analysis-track">
        <span className="analysis-fill" ref={fill} />
      </span>
      <span className="analysis-label" ref={label}>
        starting…
      </span>
      <button
        type="button"
        className="btn small"
        onClick={cancelAnalysis}
        data-testid="analysis-cancel"
      >
        Cancel
      </button>
    </div>
  );
}

function Settings({ disabled }: { disabled: boolean }) {
  const steps = useAnalysis((s) => s.steps);
  const seedCount = useAnalysis((s) => s.seedCount);
  return (
    <div className="analysis-settings">
      <label>
        steps{' '}
        <select
          data-testid="analysis-steps"
          value={steps}
          disabled={disabled}
          onChange={(e) => useAnalysis.getState().setSteps(Number(e.target.value))}
        >
          {STEP_OPTIONS.map((n) => (
            <option key={n} value={n}>
              {n.toLocaleString('en')}
            </option>
          ))}
        </select>
      </label>
      <label>
        seeds{' '}
        <select
          data-testid="analysis-seed-count"
          value={seedCount}
          disabled={disabled}
          onChange={(e) => useAnalysis.getState().setSeedCount(Number(e.target.value))}
        >
          {SEED_OPTIONS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

export function AnalysisPanel() {
  const result = useStore((s) => s.result);
  const runStatus = useStore((s) => s.status);
  const running = useAnalysis((s) => s.running);
  const of = useAnalysis((s) => s.of);
  const lyapunov = useAnalysis((s) => s.lyapunov);
  const stats = useAnalysis((s) => s.stats);
  const seeds = useAnalysis((s) => s.seeds);
  const error = useAnalysis((s) => s.error);
  const seedCount = useAnalysis((s) => s.seedCount);
  if (!result) return null;
  const free = familyOf(result.config.sys) === 'free';
  const ridge = ridgeFigure(result);
  if (!free && !ridge) return null;
  // Analyses of an older result (before the store's subscription cleared them) are not shown.
  const mine = of === result;
  return (
    <section className="analysis-panel" aria-label="Analysis" data-testid="analysis-panel">
      <h2>Analysis</h2>
      {free && (
        <>
          <p className="analysis-intro">
            Beyond the first few Lyapunov times: is the trained RNN the same dynamical system as the
            truth? Each analysis runs in the background on the model shown above.
          </p>
          <div className="analysis-actions">
            {TASKS.map(({ task, testid, label }) => (
              <button
                key={task}
                type="button"
                className={running === task ? 'btn primary' : 'btn'}
                data-testid={testid}
                disabled={running !== null || runStatus === 'running'}
                onClick={() => startAnalysis(task)}
              >
                {label(seedCount)}
              </button>
            ))}
            <Settings disabled={running !== null} />
          </div>
          {running && <AnalysisProgressBar />}
          {error && (
            <p className="analysis-error" role="alert">
              Analysis failed: {error}
            </p>
          )}
          {mine && lyapunov && <LyapunovView a={lyapunov} />}
          {mine && stats && <StatsView a={stats} />}
          {mine && seeds && <SeedsView s={seeds} />}
          <ExplainTabs />
          <Suspense fallback={null}>
            <EigenSection />
          </Suspense>
        </>
      )}
      {ridge && (
        <div className="analysis-grid">
          <AnalysisFigure
            id="ridge"
            figure={ridge}
            caption="Each λ_rel of the grid was fitted without the held-out trajectories and scored by how well the RNN forecasts them. Too small a λ lets the forecast blow up (**diverged**), too large a λ blurs the model; the **star** marks the λ_rel chosen and used for the run."
          />
        </div>
      )}
    </section>
  );
}
