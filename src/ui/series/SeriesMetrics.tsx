import type { RunResult } from '../../run/result';
import { baselineWins } from '../../run/series/report';
import { formatMs, formatSig } from '../format';
import { methodRows, mseText, stepWord } from './seriesPlotData';

/** One number with its raw value in data-value (equal to the CLI's JSON). */
function Cell({ name, value, text }: { name: string; value: number | null; text: string }) {
  return (
    <td data-testid={`metric-${name}`} data-value={String(value)} title={String(value)}>
      {text}
    </td>
  );
}

/**
 * The RNN's test MSE next to persistence and climatology, per horizon and variable (physical
 * units²; lower is better, the best of each column in bold), and the plain-words verdicts when a
 * baseline wins. Cells: metric-series-<method>-h<h>-<variable>.
 */
export function SeriesMetrics({ r }: { r: RunResult }) {
  const s = r.series!;
  const m = r.metrics.series!;
  const rows = methodRows(s);
  const climName = s.source === 'weather' ? 'climatology' : 'the training mean';
  const losses = baselineWins(m, s.step === 'day' ? 'day' : 'step', climName);
  const H = m.horizons[m.horizons.length - 1];
  const longLoss = losses.filter((v) => v.horizon === H && v.baseline === 'climatology');
  const cols = m.horizons.flatMap((h, k) => m.variables.map((v, i) => ({ h, k, v, i })));
  return (
    <section className="series-metrics" aria-label="Metrics" data-testid="metrics">
      <p className="series-head" data-testid="series-head">
        <strong>{s.title}</strong> · {s.splitText} · delay {s.delay} · {s.count} test targets · fit{' '}
        <span data-testid="metric-fit-ms" data-value={String(r.timingsMs.total)}>
          {formatMs(r.timingsMs.total)}
        </span>
      </p>
      <table className="series-table">
        <thead>
          <tr>
            <th>Test MSE</th>
            {cols.map((c) => (
              <th key={`${c.h}-${c.v}`}>
                {c.v} · {stepWord(s, c.h)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid={`series-row-${row.key}`}>
              <th style={{ color: row.color }}>{row.label}</th>
              {cols.map((c) => {
                const value = m[row.key][c.k][c.i];
                const best = Math.min(...rows.map((o) => m[o.key][c.k][c.i] ?? Infinity));
                const text = mseText(value, m.units[c.i]);
                return (
                  <Cell
                    key={`${c.h}-${c.v}`}
                    name={`series-${row.key}-h${c.h}-${c.v}`}
                    value={value}
                    text={value === best ? `★ ${text}` : text}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="series-verdicts" data-testid="series-verdicts" data-count={losses.length}>
        {longLoss.length > 0 && (
          <li className="verdict-loss" data-testid="series-honesty">
            {stepWord(s, H)} ahead the sampled RNN loses to {climName} on{' '}
            {longLoss.map((v) => v.variable).join(', ')}:{' '}
            {s.source === 'weather'
              ? 'a week ahead, the seasonal average of past years is the better forecast here.'
              : 'this far ahead, the training mean is the better forecast here.'}
          </li>
        )}
        {losses
          .filter((v) => !longLoss.includes(v))
          .map((v) => (
            <li key={v.text} className="verdict-loss">
              {v.text}
            </li>
          ))}
        {losses.length === 0 && (
          <li className="verdict-win">
            The RNN beats persistence and {climName} on every variable at {stepWord(s, 1)} and{' '}
            {stepWord(s, H)}.
          </li>
        )}
      </ul>
      <p className="series-standard">
        Standardised units (all variables weigh the same): one-step test MSE{' '}
        <span data-testid="metric-testMse" data-value={String(r.metrics.testMse)}>
          {formatSig(r.metrics.testMse)}
        </span>
        , train{' '}
        <span data-testid="metric-trainMse" data-value={String(r.metrics.trainMse)}>
          {formatSig(r.metrics.trainMse)}
        </span>
        , MSE over steps 1–{H}{' '}
        <span data-testid="metric-rolloutMse" data-value={String(r.metrics.rolloutMse)}>
          {r.metrics.rolloutMse === null ? 'diverged' : formatSig(r.metrics.rolloutMse)}
        </span>
        . Sampler {r.config.sampler}, width {r.config.width}.
      </p>
    </section>
  );
}
