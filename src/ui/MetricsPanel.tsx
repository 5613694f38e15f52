import type { RunResult } from '../core/result';
import { useStore } from '../state/store';
import { formatMs, formatSig } from './format';

/**
 * One metric: the formatted number for eyes, the exact `String(value)` in data-value for tests
 * (equal, byte for byte, to the number in the CLI's JSON).
 */
function Metric({
  name,
  value,
  label,
  unit,
  big,
}: {
  name: string;
  value: number | null | undefined;
  label: string;
  unit?: string;
  big?: boolean;
}) {
  if (value === null || value === undefined) return null;
  return (
    <span
      className={big ? 'metric big' : 'metric'}
      data-testid={`metric-${name}`}
      data-value={String(value)}
      title={`${label}: ${String(value)}`}
    >
      <span className="metric-label">{label}</span>
      <span className="metric-value">
        {name === 'fit-ms' ? formatMs(value) : formatSig(value)}
        {unit && <span className="metric-unit"> {unit}</span>}
      </span>
    </span>
  );
}

function Cards({ r }: { r: RunResult }) {
  const m = r.metrics;
  const headline = r.config.rollout === 'linear' ? 'linear' : 're-lifted';
  return (
    <div className="metric-cards">
      <div className="card">
        <h3>One-step MSE</h3>
        <Metric name="testMse" value={m.testMse} label="test" big />
        <Metric name="trainMse" value={m.trainMse} label="train" />
      </div>
      <div className="card">
        <h3>
          Rollout MSE <small>({r.test.horizon} steps)</small>
        </h3>
        <Metric name="rolloutMse" value={m.rolloutMse} label={headline} big />
        <span className="metric-pair">
          <Metric name="rolloutMseRelift" value={m.rolloutMseRelift} label="RNN" />
          <Metric name="rolloutMseLinear" value={m.rolloutMseLinear} label="linear" />
        </span>
      </div>
      <div className="card">
        <h3>Valid prediction time</h3>
        <Metric name="vpt" value={m.vpt} label={`median, ${headline}`} unit="time" big />
        <Metric name="vptLyapunov" value={m.vptLyapunov} label="in" unit="Lyapunov times" />
      </div>
      <div className="card">
        <h3>Spectrum of K</h3>
        <Metric name="spectralRadius" value={m.spectralRadius} label="max |λ|" big />
        <Metric name="unstableEigenvalues" value={m.unstableEigenvalues} label="|λ| > 1:" />
      </div>
      <div className="card">
        <h3>Training time</h3>
        <Metric name="fit-ms" value={r.timingsMs.total} label="total" big />
        <span className="metric-note">
          {r.kernel} · {r.solveMethod}
        </span>
      </div>
    </div>
  );
}

function Warnings({ r }: { r: RunResult }) {
  const n = r.divergences.length;
  const items = [...r.warnings];
  if (n) {
    const first = r.divergences[0];
    items.push(
      `${n} forecast${n > 1 ? 's' : ''} diverged (first: ${first.rollout} rollout, test ${first.testIndex}, ` +
        `step ${first.step}, ${first.reason === 'nan' ? 'not a number' : 'blew up'}).`,
    );
  }
  if (!items.length) return null;
  return (
    <details className="warnings" data-testid="warnings" open={items.length <= 2}>
      <summary>
        {items.length} warning{items.length > 1 ? 's' : ''}
      </summary>
      <ul>
        {items.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ul>
    </details>
  );
}

/** The numbers of the last successful run, and its warnings. */
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
        <>
          <Cards r={r} />
          <Warnings r={r} />
        </>
      ) : (
        <p className="metrics-empty">Metrics appear here after the first run.</p>
      )}
    </section>
  );
}
