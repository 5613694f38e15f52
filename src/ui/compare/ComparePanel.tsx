/**
 * The Compare section (issue 13): pin the run on screen (up to four pins, kept in the link), see
 * the current run and the pins side by side — a table of training time, one-step test MSE,
 * rollout MSE, VPT and the settings that differ, and their error curves, VPTs and spectra overlaid
 * in their own colours — re-run a pinned run with the other sampler in one click; and run the
 * comparisons and sweeps of src/run/sweep.ts in a worker with progress and Cancel.
 */
import { useEffect, useMemo } from 'react';
import { familyOf } from '../../run/registry';
import { serializeQuery } from '../../run/query';
import { trainingMs } from '../../run/sweep';
import { MAX_PINS } from '../../state/pinLinks';
import {
  canPin,
  otherSampler,
  pinCurrent,
  rerunWithOtherSampler,
  syncPins,
  unpin,
  usePins,
} from '../../state/pins';
import { useStore } from '../../state/store';
import { AnalysisFigure } from '../analysis/AnalysisFigure';
import { formatMs, formatSig } from '../format';
import { differingKeys, settingsText } from './differingSettings';
import { errorOverlay, RUN_COLORS, spectrumOverlay, vptOverlay, type ShownRun } from './figures';
import { SweepView } from './SweepView';
import '../analysis/analysis.css';
import './compare.css';

function modelLabel(r: ShownRun['result']): string {
  const c = r.config;
  if (c.net === 'esn') return `ESN, N = ${c.esnsize}`;
  return `${c.sampler === 'swim' ? 'SWIM' : 'random'}, M = ${c.width}`;
}

function vptText(r: ShownRun['result']): string {
  const m = r.metrics;
  const v = m.vptLyapunov ?? m.vpt;
  return `${m.vptCensored > 0 ? '≥ ' : ''}${formatSig(v)}${m.vptLyapunov !== null ? ' Λ' : ''}`;
}

function ComparisonTable({ runs, queries }: { runs: ShownRun[]; queries: Array<string | null> }) {
  const keys = differingKeys(runs.map((r) => r.result.config));
  return (
    <table className="analysis-table compare-table" data-testid="compare-table">
      <thead>
        <tr>
          <th>run</th>
          <th>model</th>
          <th title="sample + features + solve stages (wall time)">training time</th>
          <th>one-step test MSE</th>
          <th>rollout MSE</th>
          <th title="median valid prediction time; Λ = Lyapunov times">VPT</th>
          <th>settings that differ</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {runs.map((s, i) => {
          const r = s.result;
          const m = r.metrics;
          const q = queries[i];
          return (
            <tr
              key={s.label}
              data-testid={`compare-row-${i}`}
              data-query={r.query}
              data-train-ms={trainingMs(r)}
              data-test-mse={m.testMse}
              data-rollout-mse={m.rolloutMse ?? ''}
              data-vpt={m.vpt}
            >
              <th scope="row">
                <span className="compare-swatch" style={{ background: s.color }} aria-hidden />
                {s.label}
              </th>
              <td>{modelLabel(r)}</td>
              <td>{formatMs(trainingMs(r))}</td>
              <td>{formatSig(m.testMse)}</td>
              <td>{m.rolloutMse === null ? 'diverged' : formatSig(m.rolloutMse)}</td>
              <td>{vptText(r)}</td>
              <td className="compare-settings" title={settingsText(r.config, keys)}>
                {keys.length === 0
                  ? '—'
                  : keys.map((k) => <span key={k}>{settingsText(r.config, [k])}</span>)}
              </td>
              <td className="compare-actions">
                {q && r.config.net !== 'esn' && (
                  <button
                    type="button"
                    className="btn small"
                    data-testid={`compare-other-sampler-${i}`}
                    onClick={() => rerunWithOtherSampler(q)}
                    title="Train this pinned run again with the other sampler (it becomes the current run)"
                  >
                    With {otherSampler(r.config) === 'swim' ? 'SWIM' : 'random'}
                  </button>
                )}
                {q && (
                  <button
                    type="button"
                    className="btn small"
                    data-testid={`compare-unpin-${i}`}
                    onClick={() => unpin(q)}
                  >
                    Unpin
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ComparePanel() {
  const result = useStore((s) => s.result);
  const pins = useStore((s) => s.page.pins);
  const entries = usePins((s) => s.entries);
  useEffect(() => syncPins(), []);
  const pinned = useMemo(() => pins ?? [], [pins]);
  const current = result ? serializeQuery(result.config) : null;
  const runs = useMemo(() => {
    const out: ShownRun[] = [];
    const queries: Array<string | null> = [];
    if (result && !pinned.includes(current!)) {
      out.push({ label: 'current', color: RUN_COLORS[0], result });
      queries.push(null);
    }
    entries.forEach((e, i) => {
      if (!e.result) return;
      out.push({
        label: `pin ${i + 1}${e.query === current ? ' (current)' : ''}`,
        color: RUN_COLORS[i + 1],
        result: e.result,
      });
      queries.push(e.query);
    });
    return { out, queries };
  }, [result, entries, pinned, current]);
  if (!result || familyOf(result.config.sys) !== 'free') return null;
  const waiting = entries.filter((e) => e.status === 'waiting' || e.status === 'running').length;
  const failed = entries.filter((e) => e.status === 'error');
  const shown = runs.out;
  return (
    <section className="analysis-panel compare-panel" aria-label="Compare" data-testid="compare">
      <h2>Compare</h2>
      <p className="analysis-intro">
        Pin a run to keep it while you change settings: the pins stay in the link (up to {MAX_PINS}
        ), and the table and plots below set them side by side with the current run.
      </p>
      <div className="analysis-actions">
        <button
          type="button"
          className="btn"
          data-testid="compare-pin"
          disabled={!canPin(result, pinned)}
          onClick={pinCurrent}
        >
          Pin this run
        </button>
        <span className="compare-note" data-testid="compare-pin-count" data-count={pinned.length}>
          {pinned.length} of {MAX_PINS} pinned
          {waiting > 0 ? ` · training ${waiting} pinned run${waiting > 1 ? 's' : ''}…` : ''}
        </span>
      </div>
      {failed.map((e) => (
        <p key={e.query} className="analysis-error" role="alert">
          Pinned run {e.query} failed: {e.error}
        </p>
      ))}
      {shown.length > 0 && pinned.length > 0 && (
        <>
          <ComparisonTable runs={shown} queries={runs.queries} />
          <div className="analysis-grid compare-grid">
            <AnalysisFigure
              id="compare-error"
              figure={errorOverlay(shown)}
              caption="Median over the test starts of each run's forecast error, in the run's own colour; lower is better, and the curve crossing ε marks the valid prediction time."
            />
            <AnalysisFigure
              id="compare-vpt"
              index={1}
              figure={vptOverlay(shown)}
              caption="Median **valid prediction time** of each run with its interquartile range over the test starts."
            />
            <AnalysisFigure
              id="compare-spectrum"
              index={2}
              wide
              figure={spectrumOverlay(shown)}
              caption="Eigenvalues of each run's Koopman matrix K (for an echo state network: of its reservoir matrix, scaled to spectral radius ρ). Outside the dotted unit circle a mode grows."
            />
          </div>
        </>
      )}
      <SweepView />
    </section>
  );
}
