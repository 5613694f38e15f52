import { useEffect, useState } from 'react';
import { Caption } from '../plots/Caption';
import { PlotlyFigure } from '../plots/PlotlyFigure';
import type { Figure } from '../plots/types';

/** Gap between the first draws of a view's figures: each gets its own task (Plotly is slow). */
const STAGGER_MS = 30;

/**
 * A figure of the analysis panel with its caption, in a `plot-<id>` container. A view's figures
 * appear together; `index` delays each one's first draw by a task of its own, so the page never
 * stalls for all of them at once.
 */
export function AnalysisFigure({
  id,
  figure,
  caption,
  wide,
  index = 0,
}: {
  id: string;
  figure: Figure;
  caption: string;
  wide?: boolean;
  index?: number;
}) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setReady(true), (index + 1) * STAGGER_MS);
    return () => clearTimeout(t);
  }, [index]);
  return (
    <figure className={wide ? 'plot-cell analysis-wide' : 'plot-cell'} data-plot={id}>
      <div className="plot-frame">
        {ready ? (
          <PlotlyFigure testid={`plot-${id}`} data={figure.data} layout={figure.layout} />
        ) : (
          <div className="plot-frame empty" data-testid={`plot-${id}`} data-rendered="false">
            Drawing…
          </div>
        )}
      </div>
      <Caption text={caption} />
    </figure>
  );
}
