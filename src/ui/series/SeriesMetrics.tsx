import type { RunResult } from '../../run/result';
import { baselineWins } from '../../run/series/report';
import { formatMse } from '../format';
import { Card, Metric, MetricsBlock, TrainingTimeCard } from '../metrics/Card';
import { seriesParts } from '../plots/figures/seriesPanels';
import { textColor } from '../plots/palette';
import { methodRows, stepWord, variableName } from '../plots/seriesData';
import { visibleText } from '../visibleText';

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
 * units²; lower is better, the best of each column starred). Cells: metric-series-<method>-h<h>-<variable>.
 */
function ComparisonTable({ r }: { r: RunResult }) {
  const { s, m } = seriesParts(r);
  const rows = methodRows(s);
  const cols = m.horizons.flatMap((h, k) => m.variables.map((v, i) => ({ h, k, v, i })));
  return (
    <table className="series-table">
      <thead>
        <tr>
          <th>Test MSE</th>
          {cols.map((c) => (
            <th key={`${c.h}-${c.v}`}>
              {visibleText(variableName(s, c.i))}
              <br />
              {stepWord(s, c.h)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-testid={`series-row-${row.key}`}>
            <th style={{ color: textColor(row.color) }}>{row.label}</th>
            {cols.map((c) => {
              const value = m[row.key][c.k][c.i];
              const best = Math.min(...rows.map((o) => m[o.key][c.k][c.i] ?? Infinity));
              const text = formatMse(value, m.units[c.i]);
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
  );
}

/** The plain-words verdicts: where a baseline beats the RNN, or that none does. */
function Verdicts({ r }: { r: RunResult }) {
  const { s, m } = seriesParts(r);
  const climName = s.source === 'weather' ? 'climatology' : 'the training mean';
  const losses = baselineWins(m, s.step === 'day' ? 'day' : 'step', climName);
  const H = m.horizons[m.horizons.length - 1];
  const longLoss = losses.filter((v) => v.horizon === H && v.baseline === 'climatology');
  return (
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
  );
}

/**
 * A measured-series run's numbers: what was forecast, the standardised MSEs and the training time
 * on the shared cards, then the comparison with the baselines in physical units and the verdicts.
 */
export function SeriesMetrics({ result: r }: { result: RunResult }) {
  const { s, m } = seriesParts(r);
  const H = m.horizons[m.horizons.length - 1];
  return (
    <MetricsBlock className="series-metrics">
      <div className="metric-cards series-cards">
        <Card title="Data" hint="The measured series, how it was split and embedded.">
          <p className="series-head" data-testid="series-head">
            <strong>{visibleText(s.title)}</strong> · {visibleText(s.splitText)} · delay {s.delay} ·{' '}
            {s.count} test targets
          </p>
        </Card>
        <Card
          title="Test MSE, 1 step"
          hint="One-step MSE in standardised units (every variable weighs the same), on the test targets and on the training pairs."
        >
          <Metric name="testMse" value={r.metrics.testMse} big />
          <Metric name="trainMse" value={r.metrics.trainMse} label="train" />
        </Card>
        <Card
          title={`MSE, steps 1–${H}`}
          hint={`MSE of the RNN's forecasts over steps 1 to ${H}, in standardised units.`}
        >
          <Metric name="rolloutMse" value={r.metrics.rolloutMse} nullText="diverged" big />
          <span className="metric-note">
            {String(r.config.sampler)}, width {String(r.config.width)}
          </span>
        </Card>
        <TrainingTimeCard result={r} hint="Wall time of the whole run in the worker." />
      </div>
      <div className="series-compare">
        <ComparisonTable r={r} />
        <Verdicts r={r} />
      </div>
    </MetricsBlock>
  );
}
