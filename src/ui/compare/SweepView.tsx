/**
 * Ablations and sweeps of the current settings (src/run/sweep.ts, run in a worker): what to
 * compare, the seeds, Run / Cancel with a progress count, the medians per variant and, for the
 * width and data sweeps, error and training time on log axes.
 */
import { COMPARE_KINDS, DEFAULT_NDATA, DEFAULT_WIDTHS, type CompareKind } from '../../run/sweep';
import { cancelCompare, startCompare, useCompare } from '../../state/compare';
import { useStore } from '../../state/store';
import { AnalysisFigure } from '../analysis/AnalysisFigure';
import { formatMs, formatSig } from '../format';
import { sweepFigure, VARIANT_LABELS } from './figures';

const KIND_LABELS: Record<CompareKind, string> = {
  sampler: 'SWIM vs random features',
  esn: 'SWIM, random features and an echo state network',
  edmd: 'EDMD (K, then C) vs direct regression',
  rollout: 'Re-lifted RNN vs linear Koopman rollout',
  width: `Width sweep (M = ${DEFAULT_WIDTHS.join(', ')})`,
  ndata: `Data sweep (N = ${DEFAULT_NDATA.join(', ')} pairs)`,
};

export function SweepView() {
  const s = useCompare();
  const runStatus = useStore((st) => st.status);
  const sweep = s.kind === 'width' || s.kind === 'ndata';
  const r = s.result;
  return (
    <div className="analysis-section" data-testid="sweep">
      <h3>
        Ablations and sweeps{' '}
        <span className="analysis-sub">of the current settings, each variant with each seed</span>
      </h3>
      <div className="analysis-actions">
        <label className="compare-field">
          compare{' '}
          <select
            data-testid="sweep-kind"
            value={s.kind}
            disabled={s.running}
            onChange={(e) => s.setKind(e.target.value as CompareKind)}
          >
            {COMPARE_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="compare-field">
          seeds{' '}
          <input
            data-testid="sweep-seeds"
            type="text"
            size={8}
            placeholder="current"
            value={s.seeds}
            disabled={s.running}
            onChange={(e) => s.setSeeds(e.target.value)}
          />
        </label>
        {sweep && (
          <label className="compare-field">
            <input
              type="checkbox"
              data-testid="sweep-esn"
              checked={s.withEsn}
              disabled={s.running}
              onChange={(e) => s.setWithEsn(e.target.checked)}
            />{' '}
            with ESN
          </label>
        )}
        {s.running ? (
          <>
            <span className="compare-note" data-testid="sweep-progress" aria-live="polite">
              {s.total ? `${s.done} of ${s.total} runs` : 'starting…'}
            </span>
            <button
              type="button"
              className="btn small"
              data-testid="sweep-cancel"
              onClick={cancelCompare}
            >
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            className="btn"
            data-testid="sweep-run"
            disabled={runStatus === 'running'}
            onClick={startCompare}
          >
            Run comparison
          </button>
        )}
      </div>
      {s.error && (
        <p className="analysis-error" role="alert">
          Comparison failed: {s.error}
        </p>
      )}
      {s.rows.length > 0 && (
        <table className="analysis-table compare-table" data-testid="sweep-table">
          <thead>
            <tr>
              <th>variant</th>
              {sweep && <th>{s.kind === 'width' ? 'M' : 'pairs'}</th>}
              <th>seed</th>
              <th>training time</th>
              <th>one-step test MSE</th>
              <th>rollout MSE</th>
              <th>VPT</th>
            </tr>
          </thead>
          <tbody>
            {s.rows.map((row, i) => (
              <tr
                key={i}
                data-variant={row.variant}
                data-query={row.query}
                data-test-mse={row.testMse}
                data-vpt={row.vpt}
              >
                <th scope="row">{VARIANT_LABELS[row.variant] ?? row.variant}</th>
                {sweep && <td>{row.x}</td>}
                <td>{row.seed}</td>
                <td>{formatMs(row.trainMs)}</td>
                <td>{formatSig(row.testMse)}</td>
                <td>{row.rolloutMse === null ? 'diverged' : formatSig(row.rolloutMse)}</td>
                <td>
                  {formatSig(row.vptLyapunov ?? row.vpt)}
                  {row.vptLyapunov !== null ? ' Λ' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r && (r.kind === 'width' || r.kind === 'ndata') && (
        <>
          <p
            className="compare-note"
            data-testid="sweep-crossover"
            data-crossover={r.crossover ?? ''}
          >
            {r.crossover === null
              ? 'SWIM still beats random features at the largest value swept'
              : `SWIM stops beating random features from ${r.kind === 'width' ? 'M' : 'N'} = ${r.crossover}`}{' '}
            (by median {r.crossoverBy === 'vpt' ? 'VPT' : 'rollout MSE'} over the seeds; SWIM better
            at {r.swimWins.join(', ') || 'none'}, random features at{' '}
            {r.randomWins.join(', ') || 'none'}). BPTT reference point: not part of this build.
          </p>
          <div className="analysis-grid">
            <AnalysisFigure
              id="sweep-error"
              figure={sweepFigure(r, 'error')}
              caption="Median over the seeds for each variant, log axes."
            />
            <AnalysisFigure
              id="sweep-time"
              index={1}
              figure={sweepFigure(r, 'time')}
              caption="Training time (sample + features + solve) on this machine, median over the seeds."
            />
          </div>
        </>
      )}
    </div>
  );
}
