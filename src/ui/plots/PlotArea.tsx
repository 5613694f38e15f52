import type { Family } from '../../run/registry';
import { useStore } from '../../state/store';
import { PlotGrid } from './PlotGrid';
import { shownPlots } from './registry';
import { ViewBar } from './ViewBar';

/**
 * The plots of a view without sections (free systems, measured series): the view bar (unless a
 * lesson link hides it) and the grid of the family's plots a lesson link shows.
 */
export function PlotArea({ family }: { family: Family }) {
  const result = useStore((s) => s.result);
  const requested = useStore((s) => s.page.plots);
  const viewHidden = useStore((s) => s.page.hide.includes('view'));
  const entries = shownPlots(family, requested);
  return (
    <section className="plots-area" aria-label="Plots" data-testid="plots">
      {!viewHidden && <ViewBar entries={entries} />}
      <PlotGrid result={result?.family === family ? result : null} entries={entries} />
    </section>
  );
}
