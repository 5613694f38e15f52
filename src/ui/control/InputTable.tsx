import type { RunResult } from '../../run/result';
import { formatFactor, formatSig } from '../format';
import { controlParts } from '../plots/figures/control';
import { SHORT_STEPS } from '../plots/figures/predictionError';
import { COLORS, textColor } from '../plots/palette';
import { visibleText } from '../visibleText';

/**
 * One MSE cell: formatted for eyes, the raw value (or null: diverged) in data-value; the chosen
 * signal's cells are the run's metrics (`metric-<name>`, as in the CLI's metrics.control).
 */
function Mse({ value, metric }: { value: number | null; metric?: string }) {
  return (
    <td
      data-testid={metric ? `metric-${metric}` : undefined}
      data-value={String(value)}
      title={String(value)}
      className={value === null ? 'diverged' : undefined}
    >
      {value === null ? 'diverged' : formatSig(value)}
    </td>
  );
}

/** How many times larger the B = 0 error is ("×12"), or '–' when either diverged. */
function factor(withB: number | null, noB: number | null): string {
  if (withB === null || noB === null || withB <= 0) return '–';
  return formatFactor(noB / withB);
}

/**
 * Prediction MSE under every test input, with B and with B = 0, so the value of the learned input
 * matrix shows at a glance; the chosen signal (the plots' one) is highlighted.
 */
export function InputTable({ result }: { result: RunResult }) {
  const { c, m } = controlParts(result);
  const H = c.prediction.horizon;
  const short = Math.min(SHORT_STEPS, H);
  return (
    <div className="input-table-wrap">
      <table className="input-table" data-testid="input-table">
        <caption>
          Prediction MSE under each unseen test input, mean over {c.prediction.count} test starts
        </caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Test input
            </th>
            <th scope="colgroup" colSpan={2} style={{ color: textColor(COLORS.relift) }}>
              model with B
            </th>
            <th scope="colgroup" colSpan={2} style={{ color: textColor(COLORS.noB) }}>
              model, B = 0
            </th>
            <th scope="col" rowSpan={2} title={`MSE with B = 0 ÷ MSE with B, ${short} steps`}>
              B = 0 ÷ B
            </th>
          </tr>
          <tr>
            <th scope="col">{short} steps</th>
            <th scope="col">{H} steps</th>
            <th scope="col">{short} steps</th>
            <th scope="col">{H} steps</th>
          </tr>
        </thead>
        <tbody>
          {m.inputs.map((input) => {
            const chosen = input.kind === c.prediction.kind;
            // The chosen signal's row shows the headline metrics themselves.
            const row = chosen
              ? {
                  ...input,
                  mse50: m.predMse50,
                  mse: m.predMse,
                  mse50NoB: m.predMse50NoB,
                  mseNoB: m.predMseNoB,
                }
              : input;
            const name = (metric: string) => (chosen ? metric : undefined);
            return (
              <tr
                key={row.kind}
                className={chosen ? 'chosen' : undefined}
                data-testid={`input-row-${row.kind}`}
                data-chosen={chosen ? 'true' : 'false'}
                aria-current={chosen ? 'true' : undefined}
              >
                <th scope="row">
                  {visibleText(row.label)}
                  {chosen && <span className="chosen-tag"> · plotted</span>}
                </th>
                <Mse value={row.mse50} metric={name('predMse50')} />
                <Mse value={row.mse} metric={name('predMse')} />
                <Mse value={row.mse50NoB} metric={name('predMse50NoB')} />
                <Mse value={row.mseNoB} metric={name('predMseNoB')} />
                <td className="factor">{factor(row.mse50, row.mse50NoB)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
