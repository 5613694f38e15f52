import type { ReactNode } from 'react';
import type { RunResult } from '../run/result';
import { useStore } from '../state/store';
import { formatMs, formatSig } from './format';

/**
 * One metric: the formatted number for eyes, the exact `String(value)` in data-value for tests
 * (equal, byte for byte, to the number in the CLI's JSON).
 */
export function Metric({
  name,
  value,
  label,
  unit,
  big,
}: {
  name: string;
  value: number | null | undefined;
  label?: string;
  unit?: string;
  big?: boolean;
}) {
  if (value === null || value === undefined) return null;
  return (
    <span
      className={big ? 'metric big' : 'metric'}
      data-testid={`metric-${name}`}
      data-value={String(value)}
      title={`${name} = ${String(value)}`}
    >
      {label && <span className="metric-label">{label}</span>}
      <span className="metric-value">{name === 'fit-ms' ? formatMs(value) : formatSig(value)}</span>
      {unit && <span className="metric-unit">{unit}</span>}
    </span>
  );
}

export function Card({
  title,
  hint,
  children,
}: {
  title: ReactNode;
  hint: string;
  children: ReactNode;
}) {
  return (
    <div className="card" title={hint}>
      <h3>{title}</h3>
      {children}
    </div>
  );
}

function Cards({ r }: { r: RunResult }) {
  const m = r.metrics;
  const headline = r.config.rollout === 'linear' ? 'linear' : 'RNN';
  return (
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
        <span className="metric-pair">
          <Metric name="rolloutMseRelift" value={m.rolloutMseRelift} label="RNN" />
          <Metric name="rolloutMseLinear" value={m.rolloutMseLinear} label="lin" />
        </span>
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
  );
}

/** The numbers of the last successful run (dimmed while a newer run is in flight). */
export function MetricsPanel() {
  const r = useStore((s) => s.result);
  const stale = useStore((s) => s.status !== 'done' && s.result !== null);
  return (
    <section
      className={stale ? 'metrics stale' : 'metrics'}
      aria-label="Metrics"
      data-testid="metrics"
    >
      {r ? (
        <Cards r={r} />
      ) : (
        <p className="metrics-empty">Metrics appear here after the first run.</p>
      )}
    </section>
  );
}

/** The run's total wall time (`metric-fit-ms`), with the kernel and solve path that ran. */
export function TrainingTimeCard({ result: r, hint }: { result: RunResult; hint: string }) {
  return (
    <Card title="Training time" hint={hint}>
      <Metric name="fit-ms" value={r.timingsMs.total} big />
      <span className="metric-note" title={`kernel ${r.kernel}, solve ${r.solveMethod}`}>
        {r.kernel} · {r.solveMethod}
      </span>
    </Card>
  );
}
