import { formatSig } from '../format';
import type { ControlView } from './controlData';
import { CONTROL_COLORS } from './controlPalette';
import { SHORT_STEPS } from './predictionFigures';

/** One MSE cell: formatted for eyes, the raw value (or null) in data-value. */
function Mse({ value, best }: { value: number | null; best?: boolean }) {
  return (
    <td data-value={String(value)} title={String(value)} className={best ? 'better' : undefined}>
      {value === null ? 'diverged' : formatSig(value)}
    </td>
  );
}

/** How many times larger the B = 0 error is ("×12"), or '–' when either diverged. */
function factor(withB: number | null, noB: number | null): string {
  if (withB === null || noB === null || withB <= 0) return '–';
  const f = noB / withB;
  return `×${f >= 100 ? Math.round(f) : Number(f.toPrecision(2))}`;
}

/**
 * Prediction MSE under every test input, with B and with B = 0, so the value of the learned input
 * matrix shows at a glance; the chosen signal (the plots' one) is highlighted.
 */
export function InputTable({ v }: { v: ControlView }) {
  const { c, m } = v;
  const H = c.prediction.horizon;
  const short = Math.min(SHORT_STEPS, H);
  return (
    <table className="input-table" data-testid="input-table">
      <caption>Prediction MSE under each unseen test input (mean over test starts)</caption>
      <thead>
        <tr>
          <th scope="col">Test input</th>
          <th scope="col" style={{ color: CONTROL_COLORS.withB }}>
            with B, {short} steps
          </th>
          <th scope="col" style={{ color: CONTROL_COLORS.withB }}>
            with B, {H}
          </th>
          <th scope="col" style={{ color: CONTROL_COLORS.noB }}>
            B = 0, {short} steps
          </th>
          <th scope="col" style={{ color: CONTROL_COLORS.noB }}>
            B = 0, {H}
          </th>
          <th scope="col" title={`MSE with B = 0 ÷ MSE with B, ${short} steps`}>
            B = 0 ÷ B
          </th>
        </tr>
      </thead>
      <tbody>
        {m.inputs.map((row) => {
          const chosen = row.kind === c.prediction.kind;
          return (
            <tr
              key={row.kind}
              className={chosen ? 'chosen' : undefined}
              data-testid={`input-row-${row.kind}`}
              data-chosen={chosen ? 'true' : 'false'}
              aria-current={chosen ? 'true' : undefined}
            >
              <th scope="row">
                {row.label}
                {chosen && <span className="chosen-tag"> · plotted</span>}
              </th>
              <Mse value={row.mse50} />
              <Mse value={row.mse} />
              <Mse value={row.mse50NoB} />
              <Mse value={row.mseNoB} />
              <td className="factor">{factor(row.mse50, row.mse50NoB)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
