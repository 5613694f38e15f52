import { useMemo, type ReactNode } from 'react';
import { PlotlyFigure } from '../plots/PlotlyFigure';
import { useStaggered } from '../PlotsGrid';
import type { ControlView } from './controlData';
import type { Figure } from './controlLayout';
import type { ControlPlotKind } from './plotKinds';

/**
 * One plot of the controlled view with its caption for students. The figure is rebuilt
 * `index` tasks after a new result arrives (staggered like the main grid: the page never stalls
 * while six plots redraw).
 */
export function ControlFigure({
  v,
  index,
  testid,
  make,
  caption,
  tall,
}: {
  v: ControlView;
  index: number;
  testid: `plot-${Exclude<ControlPlotKind, 'spectrum'>}`;
  make: (v: ControlView) => Figure;
  caption: ReactNode;
  tall?: boolean;
}) {
  const shown = useStaggered(v, index);
  const fig = useMemo(() => make(shown), [make, shown]);
  return (
    <figure className={tall ? 'control-cell tall' : 'control-cell'}>
      <div className="control-plot">
        <PlotlyFigure testid={testid} data={fig.data} layout={fig.layout} />
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

/** Any other plot (the spectrum) in the same frame, staggered the same way. */
export function ControlCell({
  v,
  index,
  draw,
  caption,
}: {
  v: ControlView;
  index: number;
  draw: (v: ControlView) => ReactNode;
  caption: ReactNode;
}) {
  const shown = useStaggered(v, index);
  return (
    <figure className="control-cell">
      <div className="control-plot">{draw(shown)}</div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
