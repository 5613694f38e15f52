import { useStore } from '../../state/store';
import { Warnings } from '../Warnings';
import { SeriesMetrics } from './SeriesMetrics';
import { SeriesPlots } from './SeriesPlots';
import './series.css';

/** Whether the result on screen is a measured-series run (weather or CSV). */
export function useSeriesResult(): boolean {
  return useStore((s) => Boolean(s.result?.series));
}

/** Metrics table, verdicts and plots of a weather or CSV run (in place of the simulated view). */
export function SeriesResults({ metrics = true }: { metrics?: boolean }) {
  const r = useStore((s) => s.result);
  const stale = useStore((s) => s.status !== 'done' && s.result !== null);
  if (!r?.series) return null;
  return (
    <>
      {metrics && (
        <div className={stale ? 'metrics stale' : 'metrics'}>
          <SeriesMetrics r={r} />
        </div>
      )}
      <section className="plots-area" aria-label="Plots">
        <div className="view-bar">
          <Warnings />
        </div>
        <SeriesPlots result={r} />
      </section>
    </>
  );
}
