import { familyOf, type Family } from '../run/registry';
import type { RunResult } from '../run/result';
import { useStore } from '../state/store';
import { ExplainView } from './explain/ExplainView';
import { ControlResults } from './control/ControlResults';
import { FreeMetrics, MetricsPlaceholder } from './metrics/FreeMetrics';
import { PlotArea } from './plots/PlotArea';
import { SeriesResults } from './series/SeriesResults';
import { ViewBoundary } from './ViewBoundary';

/** The family whose view is on screen: the result's, or before the first result the settings'. */
function useFamily(): Family {
  return useStore((s) => s.result?.family ?? familyOf(String(s.config.sys)));
}

/**
 * The results of the run on screen, in the view of its family: metrics (unless a lesson link
 * hides them) and the family's plots from the plot registry.
 */
export function Results({ metrics }: { metrics: boolean }) {
  const result = useStore((s) => s.result);
  const family = useFamily();
  if (!result)
    return (
      <>
        {metrics && <MetricsPlaceholder />}
        <PlotArea family={family} />
      </>
    );
  return (
    <>
      <ExplainView result={result} />
      <FamilyResults result={result} metrics={metrics} />
    </>
  );
}

/** The family's own view of a result. */
function FamilyResults({ result, metrics }: { result: RunResult; metrics: boolean }) {
  switch (result.family) {
    case 'controlled':
      return <ControlResults result={result} metrics={metrics} />;
    case 'series':
      return <SeriesResults result={result} metrics={metrics} />;
    default:
      return (
        <>
          {metrics && (
            <ViewBoundary kind="metrics" id="metrics" resetKey={result}>
              <FreeMetrics result={result} />
            </ViewBoundary>
          )}
          <PlotArea family="free" />
        </>
      );
  }
}
