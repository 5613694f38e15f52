import { Caption } from '../plots/Caption';
import { PlotlyFigure } from '../plots/PlotlyFigure';
import type { Figure } from '../plots/types';

/** A figure of the panel with its caption, in a `plot-<id>` container. */
export function AnalysisFigure({
  id,
  figure,
  caption,
  wide,
}: {
  id: string;
  figure: Figure;
  caption: string;
  wide?: boolean;
}) {
  return (
    <figure className={wide ? 'plot-cell analysis-wide' : 'plot-cell'} data-plot={id}>
      <div className="plot-frame">
        <PlotlyFigure testid={`plot-${id}`} data={figure.data} layout={figure.layout} />
      </div>
      <Caption text={caption} />
    </figure>
  );
}
