import { useEffect, useRef } from 'react';
import { Caption } from '../plots/Caption';
import { PlotlyFigure } from '../plots/PlotlyFigure';
import type { Figure } from '../plots/types';

/** The part of a Plotly graph div this component uses (events exist once Plotly has drawn). */
interface GraphDiv extends HTMLDivElement {
  on?: (event: string, handler: (ev: { points?: Array<{ customdata?: unknown }> }) => void) => void;
}

/**
 * A figure of the explanation views with its caption, in a `plot-<id>` container. `onPick`
 * receives the `customdata` of a clicked point (e.g. a neuron index); `revision` is written to the
 * container's `data-revision` once this very figure is drawn (for tests and the UI bench).
 */
export function ExplainFigure({
  id,
  figure,
  caption,
  onPick,
  revision,
}: {
  id: string;
  figure: Figure;
  caption: string;
  onPick?: (value: unknown) => void;
  revision?: number;
}) {
  const graph = useRef<HTMLDivElement | null>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  });
  const wired = useRef(false);
  // Plotly adds `.on` to the div on its first draw; wire the click handler once it is there.
  useEffect(() => {
    if (!onPick || wired.current) return;
    const t = setInterval(() => {
      const gd = graph.current as GraphDiv | null;
      if (!gd?.on) return;
      gd.on('plotly_click', (ev) => {
        const v = ev.points?.[0]?.customdata;
        if (v !== undefined) pick.current?.(v);
      });
      wired.current = true;
      clearInterval(t);
    }, 100);
    return () => clearInterval(t);
  }, [onPick]);
  return (
    <figure className="plot-cell" data-plot={id}>
      <div className="plot-frame">
        <PlotlyFigure
          testid={`plot-${id}`}
          data={figure.data}
          layout={figure.layout}
          graphRef={graph}
          revision={revision}
        />
      </div>
      <Caption text={caption} />
    </figure>
  );
}
