import type { RunResult } from '../../run/result';
import { PlotArea } from '../plots/PlotArea';
import { SeriesMetrics } from './SeriesMetrics';
import './series.css';
import { ViewBoundary } from '../ViewBoundary';

/** Metrics (cards, comparison table, verdicts) and plots of a weather or CSV run. */
export function SeriesResults({ result, metrics }: { result: RunResult; metrics: boolean }) {
  return (
    <>
      {metrics && (
        <ViewBoundary kind="metrics" id="metrics" resetKey={result}>
          <SeriesMetrics result={result} />
        </ViewBoundary>
      )}
      <PlotArea family="series" />
    </>
  );
}
