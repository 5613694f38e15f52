import { useMemo } from 'react';
import type { LyapunovAnalysis } from '../../run/analysis';
import { formatSig } from '../format';
import { AnalysisFigure } from './AnalysisFigure';
import { lyapunovFigure, lyapunovRows } from './figures';

const CAPTION =
  'A **Lyapunov exponent** λ is the average rate at which two nearby states drift apart (λ > 0, chaos) or come together (λ < 0) along one direction, per unit time. Their sum **Σλ** is how fast volumes in state space shrink, so it measures the dissipation: a surrogate with the right λ₁ but a more negative Σλ forgets too fast. Solid: the RNN’s map; dashed: the true system’s, same estimator and start.';

/** The Lyapunov spectrum: running estimates and the table of exponents. */
export function LyapunovView({ a }: { a: LyapunovAnalysis }) {
  const figure = useMemo(() => lyapunovFigure(a), [a]);
  const rows = useMemo(() => lyapunovRows(a), [a]);
  return (
    <div className="analysis-section" data-testid="lyapunov-view">
      <h3>
        Lyapunov spectrum{' '}
        <span className="analysis-sub">
          {a.truth.steps.toLocaleString('en')} steps after {a.truth.warmup.toLocaleString('en')}{' '}
          warm-up, from test start {a.testIndex + 1}
        </span>
      </h3>
      <div className="analysis-grid">
        <AnalysisFigure id="lyapunov" figure={figure} caption={CAPTION} />
        <div className="analysis-table-cell">
          <table className="analysis-table" data-testid="lyapunov-table">
            <thead>
              <tr>
                <th />
                <th>RNN</th>
                <th>true system</th>
                <th>reference</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-row={r.key}>
                  <th scope="row">{r.label}</th>
                  {(['rnn', 'truth', 'reference'] as const).map((col) => (
                    <td
                      key={col}
                      data-col={col}
                      data-value={r[col].value === null ? '' : String(r[col].value)}
                    >
                      {r[col].text}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="analysis-note">
            Reference: λ_max from the literature; Σλ = ⟨tr J⟩, the true flow’s mean contraction rate
            along the orbit. Kaplan–Yorke dimension D = j + (λ₁+…+λⱼ)/|λⱼ₊₁| with j the largest
            count whose sum is ≥ 0.
          </p>
          {a.warnings.map((w) => (
            <p key={w} className="analysis-warning" role="status">
              {w}
            </p>
          ))}
          <p className="analysis-note">
            RNN {formatSig(a.timingsMs.surrogate / 1000, 2)} s, true system{' '}
            {formatSig(a.timingsMs.truth / 1000, 2)} s.
          </p>
        </div>
      </div>
    </div>
  );
}
