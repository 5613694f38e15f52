/**
 * The shared pieces of every view's metrics panel: the panel itself (dimmed while a newer run is
 * in flight), a titled card, and one metric whose exact value sits in data-value for tests.
 */
import type { ReactNode } from 'react';
import type { RunResult } from '../../run/result';
import { useStore } from '../../state/store';
import { formatMs, formatSig } from '../format';

/**
 * One metric: the formatted number for eyes, the exact `String(value)` in data-value (equal, byte
 * for byte, to the number in the CLI's JSON). Nothing for a missing value, unless `nullText`
 * says what to show instead. Test id `metric-<name>` unless `testid` names another.
 */
export function Metric({
  name,
  value,
  label,
  unit,
  big,
  format = formatSig,
  nullText,
  testid,
}: {
  name: string;
  value: number | null | undefined;
  label?: string;
  unit?: string;
  big?: boolean;
  format?: (v: number) => string;
  nullText?: string;
  testid?: string;
}) {
  if (value === undefined || (value === null && nullText === undefined)) return null;
  return (
    <span
      className={big ? 'metric big' : 'metric'}
      data-testid={testid ?? `metric-${name}`}
      data-value={String(value)}
      title={`${name} = ${String(value)}`}
    >
      {label && <span className="metric-label">{label}</span>}
      <span className={value === null ? 'metric-value diverged' : 'metric-value'}>
        {value === null ? nullText : format(value)}
      </span>
      {unit && <span className="metric-unit">{unit}</span>}
    </span>
  );
}

/** Two small metrics side by side under a big one. */
export function MetricPair({ children }: { children: ReactNode }) {
  return <span className="metric-pair">{children}</span>;
}

/** A titled card of metrics; `hint` explains them on hover. */
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

/**
 * The run's total wall time (`metric-fit-ms`), with the kernel and solve path that ran and the
 * threads its passes were split over (`threads`).
 */
export function TrainingTimeCard({ result: r, hint }: { result: RunResult; hint: string }) {
  const threads = r.threads === 1 ? '1 thread' : `${r.threads} threads`;
  return (
    <Card title="Training time" hint={hint}>
      <Metric name="fit-ms" value={r.timingsMs.total} format={formatMs} big />
      <span
        className="metric-note"
        data-testid="threads"
        data-threads={r.threads}
        title={`kernel ${r.kernel}, solve ${r.solveMethod}, ${threads} (the numbers are the same for any number of threads)`}
      >
        {r.kernel} · {r.solveMethod} · {threads}
      </span>
    </Card>
  );
}

/** The metrics panel of a view (`metrics`): dimmed while a newer run is in flight. */
export function MetricsBlock({ className, children }: { className?: string; children: ReactNode }) {
  const stale = useStore((s) => s.status !== 'done' && s.result !== null);
  return (
    <section
      className={['metrics', className, stale ? 'stale' : ''].filter(Boolean).join(' ')}
      aria-label="Metrics"
      data-testid="metrics"
    >
      {children}
    </section>
  );
}
