import { useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import type { PlotConfig, PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import { useStore } from '../../state/store';
import { loadPlotly, plotlyIfLoaded } from './loadPlotly';
import { presenterLayout } from './presenter';
import { boundaryMessage } from '../ViewBoundary';
import { decimateTraces } from './decimate';

export interface PlotlyFigureProps {
  /** Container test id, `plot-<kind>`. */
  testid: string;
  data: PlotData[];
  layout: PlotLayout;
  config?: PlotConfig;
  /** Receives the Plotly graph div. */
  graphRef?: Ref<HTMLDivElement>;
  /**
   * What this figure shows (a result's sequence number): written to `data-revision` once this
   * very figure object is on screen — at once when the figure did not change since the last draw.
   */
  revision?: number;
}

export const BASE_CONFIG: PlotConfig = {
  responsive: true,
  displaylogo: false,
  // Nothing leaves the page: no links to Plotly's cloud, no "Share chart"/"Edit in Chart Studio".
  showLink: false,
  showSendToCloud: false,
  showEditInChartStudio: false,
  sendData: false,
  scrollZoom: false,
  // A short mode bar (save, zoom, pan, reset) so it does not cover the title in a small cell.
  modeBarButtonsToRemove: [
    'select2d',
    'lasso2d',
    'zoomIn2d',
    'zoomOut2d',
    'autoScale2d',
    'hoverClosestCartesian',
    'hoverCompareCartesian',
    'toggleSpikelines',
    'hoverClosest3d',
    'resetCameraLastSave3d',
    'sendDataToCloud',
    'editInChartStudio',
  ],
  toImageButtonOptions: { format: 'png', scale: 2 },
};

/** Thin Plotly wrapper: Plotly.react on change, resize with the container, purge on unmount. */
export function PlotlyFigure({
  testid,
  data,
  layout,
  config,
  graphRef,
  revision,
}: PlotlyFigureProps) {
  const boxRef = useRef<HTMLDivElement | null>(null);
  const divRef = useRef<HTMLDivElement | null>(null);
  const [rendered, setRendered] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The figure Plotly last finished drawing, and the revision the current figure stands for.
  const drawnRef = useRef<{ data: PlotData[]; layout: PlotLayout } | null>(null);
  const revisionRef = useRef(revision);
  // Presenter mode: every font enlarged for the back row (a copy of the layout, built once).
  const presenting = useStore((s) => Boolean(s.page.present));
  const drawnLayout = useMemo(
    () => (presenting ? presenterLayout(layout) : layout),
    [layout, presenting],
  );

  // Long line traces drawn decimated (min/max per bucket), so a huge forecast never blocks.
  const drawnData = useMemo(() => decimateTraces(data), [data]);

  // data-revision is written here, not rendered: the mark must not wait for another render.
  const mark = () => {
    if (boxRef.current && revisionRef.current !== undefined)
      boxRef.current.dataset.revision = String(revisionRef.current);
  };

  useEffect(() => {
    let cancelled = false;
    const el = divRef.current;
    loadPlotly()
      .then((Plotly) =>
        // Plotly writes into the layout it draws (axis types, autoranges): it gets a copy, so
        // the caller's figure stays as built and can be compared with the next one.
        cancelled || !el
          ? null
          : Plotly.react(el, drawnData, structuredClone(drawnLayout), {
              ...BASE_CONFIG,
              ...config,
            }),
      )
      .then((gd) => {
        if (!cancelled && gd) {
          drawnRef.current = { data, layout };
          mark();
          setRendered(data.length > 0);
          setError(null);
        }
      })
      .catch((err: unknown) => {
        if (!cancelled) setError(err instanceof Error ? err.message : String(err));
      });
    return () => {
      cancelled = true;
    };
  }, [data, drawnData, layout, drawnLayout, config]);

  // A new revision of a figure already on screen (the result did not change it): marked at once.
  useEffect(() => {
    revisionRef.current = revision;
    const drawn = drawnRef.current;
    if (drawn && drawn.data === data && drawn.layout === layout) mark();
  }, [revision, data, layout]);

  useEffect(() => {
    const el = divRef.current;
    if (!el) return;
    // `responsive` only follows window resizes; the grid cell can change size on its own.
    const ro = new ResizeObserver(() => {
      if (el.querySelector('.main-svg')) void plotlyIfLoaded()?.Plots.resize(el);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      plotlyIfLoaded()?.purge(el);
    };
  }, []);

  useImperativeHandle(graphRef, () => divRef.current as HTMLDivElement, []);

  return (
    <div
      ref={boxRef}
      className="plot"
      data-testid={testid}
      data-rendered={rendered ? 'true' : 'false'}
      style={{ position: 'relative', width: '100%', height: '100%', minHeight: 260 }}
    >
      {!rendered && (
        <div
          className="plot-placeholder"
          role="status"
          style={{
            position: 'absolute',
            inset: 0,
            display: 'grid',
            placeItems: 'center',
            color: '#666',
          }}
        >
          {error ? boundaryMessage('plot', error) : 'Loading plot…'}
        </div>
      )}
      <div ref={divRef} style={{ position: 'absolute', inset: 0 }} />
    </div>
  );
}
