import { useEffect, useRef } from 'react';
import { PHASES, type Phase } from '../run/result';
import { useStore } from '../state/store';
import { formatMs } from './format';

export const PHASE_LABELS: Record<Phase, string> = {
  data: 'data',
  sample: 'sample',
  features: 'features',
  solve: 'solve',
  spectrum: 'spectrum',
  forecast: 'forecast',
};

/**
 * One segment per phase. While running, segments fill as phases complete; the DOM is written
 * from a store subscription (a transient update), so progress ticks do not re-render React.
 * After a run, the same bar shows the share of training time each phase took.
 */
export function ProgressBar() {
  const status = useStore((s) => s.status);
  const timings = useStore((s) => s.result?.timingsMs);
  const fills = useRef<Array<HTMLSpanElement | null>>([]);
  const label = useRef<HTMLSpanElement | null>(null);

  useEffect(() => {
    if (status !== 'running') return;
    const paint = (p: { phase: Phase; fraction: number } | null) => {
      const k = p ? PHASES.indexOf(p.phase) : 0;
      PHASES.forEach((_, i) => {
        const el = fills.current[i];
        if (!el) return;
        const f = i < k ? 1 : i === k ? (p?.fraction ?? 0) : 0;
        el.style.transform = `scaleX(${Math.max(0, Math.min(1, f))})`;
      });
      if (label.current && p) {
        label.current.textContent = `${PHASE_LABELS[p.phase]} ${Math.round(p.fraction * 100)}%`;
      }
    };
    paint(useStore.getState().progress);
    return useStore.subscribe((s) => s.progress, paint);
  }, [status]);

  const running = status === 'running';
  const total = timings ? PHASES.reduce((a, p) => a + timings[p], 0) || 1 : 1;
  return (
    <div className="progress" data-testid="progress" aria-hidden={!running}>
      <div className="progress-track">
        {PHASES.map((p, i) => {
          const share = !running && timings ? Math.max(timings[p] / total, 0.04) : 1;
          return (
            <span
              key={p}
              className={`progress-seg phase-${p}`}
              style={{ flexGrow: share }}
              title={
                timings && !running
                  ? `${PHASE_LABELS[p]}: ${formatMs(timings[p])}`
                  : PHASE_LABELS[p]
              }
            >
              <span
                className="progress-fill"
                ref={(el) => {
                  fills.current[i] = el;
                }}
                style={running ? undefined : { transform: timings ? 'scaleX(1)' : 'scaleX(0)' }}
              />
            </span>
          );
        })}
      </div>
      <div className="progress-legend">
        {running ? (
          <span ref={label} className="progress-label" data-testid="progress-label">
            starting…
          </span>
        ) : (
          PHASES.map((p) => (
            <span key={p} className="progress-key" data-testid={`timing-${p}`}>
              <i className={`swatch phase-${p}`} />
              {PHASE_LABELS[p]} {timings ? formatMs(timings[p]) : '–'}
            </span>
          ))
        )}
      </div>
    </div>
  );
}
