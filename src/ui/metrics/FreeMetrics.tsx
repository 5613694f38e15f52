import type { RunResult } from '../../run/result';
import { formatSig } from '../format';
import { Card, Metric, MetricPair, MetricsBlock, TrainingTimeCard } from './Card';

/** The free systems' numbers: one-step and rollout MSE, VPT, spectrum, training time. */
export function FreeMetrics({ result: r }: { result: RunResult }) {
  const m = r.metrics;
  const headline = r.config.rollout === 'linear' ? 'linear' : 'RNN';
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
          hint={`Valid prediction time: median time until the normalised forecast error first exceeds ε = ${r.config.eps}.`}
        >
          <Metric name="vpt" value={m.vpt} unit="time units" big />
          {m.vptLyapunov !== null ? (
            <Metric name="vptLyapunov" value={m.vptLyapunov} unit="Lyapunov times" />
          ) : (
            <span className="metric-note">horizon {formatSig(r.test.horizon * r.dt)}</span>
          )}
        </Card>
        <Card
          title="Spectrum of K"
          hint="Largest eigenvalue modulus of the Koopman matrix; |λ| > 1 makes the linear rollout grow."
        >
          <Metric name="spectralRadius" value={m.spectralRadius} label="max |λ|" big />
          <Metric name="unstableEigenvalues" value={m.unstableEigenvalues} label="|λ| > 1:" />
        </Card>
        <TrainingTimeCard
          result={r}
          hint="Wall time of the whole run in the worker; the bar on the left splits it by phase."
        />
      </div>
    </MetricsBlock>
  );
}

/** Before the first result. */
export function MetricsPlaceholder() {
  return (
    <MetricsBlock>
      <p className="metrics-empty">Metrics appear here after the first run.</p>
    </MetricsBlock>
  );
}
