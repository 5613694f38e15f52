import type { RunResult } from '../../run/result';
import { formatSig } from '../format';
import { circleCounts, ON_CIRCLE_TEXT, referenceFor } from '../plots/spectrumData';
import { Card, Metric, MetricPair, MetricsBlock, TrainingTimeCard } from './Card';

/** The free systems' numbers: one-step and rollout MSE, VPT, spectrum, training time. */
export function FreeMetrics({ result: r }: { result: RunResult }) {
  const m = r.metrics;
  const headline = r.config.rollout === 'linear' ? 'linear' : 'RNN';
  // One VPT unit per system: Lyapunov times when the system has a known λ_max, as on the plots.
  const lyapunov = m.vptLyapunov !== null ? referenceFor(r.config).lyapunov : null;
  const scale = lyapunov ?? 1;
  const bound = m.vptCensored > 0 ? '≥ ' : '';
  const counts = circleCounts(r.eigenvalues.re, r.eigenvalues.im);
  return (
    <MetricsBlock>
      <div className="metric-cards">
        <Card
          title="Test MSE, 1 step"
          hint="Mean squared error of one step x_t → x_{t+1} on unseen test trajectories (and on the training pairs)."
        >
          <Metric name="testMse" value={m.testMse} big />
          <Metric name="trainMse" value={m.trainMse} label="train" />
        </Card>
        <Card
          title={`Rollout MSE, ${headline}`}
          hint={`Mean squared error of free forecasts over ${r.test.horizon} steps from each test start.`}
        >
          <Metric name="rolloutMse" value={m.rolloutMse} big />
          <MetricPair>
            <Metric name="rolloutMseRelift" value={m.rolloutMseRelift} label="RNN" />
            <Metric name="rolloutMseLinear" value={m.rolloutMseLinear} label="lin" />
          </MetricPair>
        </Card>
        <Card
          title={`VPT, ${headline}`}
          hint={`Valid prediction time: median over the test starts of the time until the normalised forecast error first exceeds ε = ${r.config.eps}${lyapunov !== null ? ', in Lyapunov times (t·λmax)' : ''}. "≥": some forecasts never crossed ε within the horizon, so the median is a lower bound.`}
        >
          <Metric
            name={lyapunov !== null ? 'vptLyapunov' : 'vpt'}
            value={lyapunov !== null ? m.vptLyapunov : m.vpt}
            format={(v) => `${bound}${formatSig(v)}`}
            unit={lyapunov !== null ? 'Lyapunov times' : 'time units'}
            big
          />
          {lyapunov !== null && <RawValue name="vpt" value={m.vpt} />}
          <span className="metric-note" data-testid="vpt-iqr">
            IQR {formatSig(m.vptIqr[0] * scale)}–{formatSig(m.vptIqr[1] * scale)}
            {m.vptCensored > 0 ? ` · ${m.vptCensored} of ${r.test.count} never crossed ε` : ''}
          </span>
        </Card>
        <Card
          title="Spectrum of K"
          hint={`Largest eigenvalue modulus of the Koopman matrix. Eigenvalues with ${ON_CIRCLE_TEXT} are on the unit circle (they persist, like a limit cycle); only |λ| > 1 + 10⁻³ makes the linear rollout grow.`}
        >
          <Metric name="spectralRadius" value={m.spectralRadius} label="max |λ|" big />
          <span className="metric-note wrap" data-testid="circle-counts">
            <span data-testid="metric-outside-circle" data-value={String(counts.outside)}>
              {counts.outside} outside
            </span>{' '}
            ·{' '}
            <span data-testid="metric-on-circle" data-value={String(counts.circle)}>
              {counts.circle} on the circle
            </span>
          </span>
        </Card>
        <RawValue name="unstableEigenvalues" value={m.unstableEigenvalues} />
        <TrainingTimeCard
          result={r}
          hint="Wall time of the whole run in the worker; the bar on the left splits it by phase."
        />
      </div>
    </MetricsBlock>
  );
}

/**
 * A metric kept for parity with the CLI's JSON (data-value) but not shown: the page states it in
 * another unit (VPT) or with the plot's tolerance (eigenvalues on the circle).
 */
function RawValue({ name, value }: { name: string; value: number | null }) {
  if (value === null) return null;
  return <span hidden data-testid={`metric-${name}`} data-value={String(value)} />;
}

/** Before the first result. */
export function MetricsPlaceholder() {
  return (
    <MetricsBlock>
      <p className="metrics-empty">Metrics appear here after the first run.</p>
    </MetricsBlock>
  );
}
