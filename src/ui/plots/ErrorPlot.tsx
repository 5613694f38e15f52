import { useMemo, type Ref } from 'react';
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../run/result';
import {
  axis,
  baseLayout,
  hline,
  legendNames,
  legendRows,
  logErrorAxis,
  note,
  vline,
} from './layout';
import { COLORS, withAlpha } from './palette';
import { PlotlyFigure } from './PlotlyFigure';
import {
  evenSubset,
  fmt,
  joinWithGaps,
  logFloor,
  logRange,
  referenceFor,
  testRow,
  timeAxis,
} from './plotData';

export interface ErrorPlotProps {
  result: RunResult;
  graphRef?: Ref<HTMLDivElement>;
}

/** Per-start lines drawn at most (faint context behind the medians). */
export const MAX_START_LINES = 30;

/** Normalised error e(t) on a log axis: medians of both rollouts, per-start re-lifted lines, ε and VPT. */
export function errorFigure(result: RunResult): { data: PlotData[]; layout: PlotLayout } {
  const { test, dt, metrics, config } = result;
  const steps = test.horizon + 1;
  const { lyapunov } = referenceFor(config);
  const scale = lyapunov ?? 1;
  const t = timeAxis(steps, dt, scale);
  const eps = config.eps;

  const starts = evenSubset(test.count, MAX_START_LINES);
  const perStart = starts.map((i) => logFloor(testRow(test.errorRelift, steps, i)));
  const joined = joinWithGaps(t, perStart);
  const medRelift = logFloor(test.medianErrorRelift);
  const medLinear = logFloor(test.medianErrorLinear);
  const xHover = lyapunov !== null ? 't·λ = %{x:.3f}' : 't = %{x:.3f}';

  const data: PlotData[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name:
        starts.length < test.count
          ? `re-lifted, ${starts.length} of ${test.count} starts`
          : 're-lifted, each start',
      x: joined.x,
      y: joined.y,
      line: { color: withAlpha(COLORS.relift, 0.25), width: 1 },
      hoverinfo: 'skip',
      connectgaps: false,
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: 'linear (median)',
      x: t,
      y: medLinear,
      line: { color: COLORS.linear, width: 2.5 },
      hovertemplate: `${xHover}<br>e = %{y:.3g}<extra>linear median</extra>`,
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: 're-lifted (median)',
      x: t,
      y: medRelift,
      line: { color: COLORS.relift, width: 3 },
      hovertemplate: `${xHover}<br>e = %{y:.3g}<extra>re-lifted median</extra>`,
    },
  ];

  const [lo, hi] = logRange([test.medianErrorRelift, test.medianErrorLinear, ...perStart], [eps]);
  const xEnd = t[steps - 1];
  const vpt = metrics.vptRelift;
  const shapes: PlotLayout[] = [hline(eps)];
  const annotations: PlotLayout[] = [
    // Annotations on a log axis take log10 of the value.
    note(`ε = ${fmt(eps)}`, 1, Math.log10(eps), {
      yref: 'y',
      xanchor: 'right',
      yanchor: 'bottom',
      font: { color: '#555555' },
    }),
  ];
  if (Number.isFinite(vpt)) {
    const x = Math.min(vpt * scale, xEnd);
    shapes.push(vline(x));
    // VPT equal to the horizon means e(t) never exceeded ε: a lower bound.
    const label = `VPT ${vpt >= test.horizon * dt * (1 - 1e-12) ? '≥ ' : ''}${fmt(vpt * scale)}`;
    annotations.push(
      note(label, x, 0.02, {
        xref: 'x',
        xanchor: x > 0.7 * xEnd ? 'right' : 'left',
        yanchor: 'bottom',
        font: { color: COLORS.vpt },
      }),
    );
  }
  const layout = baseLayout('Normalised error e(t)', legendRows(legendNames(data)), {
    xaxis: axis(
      lyapunov !== null ? `t · λ_max (Lyapunov times, λ_max=${fmt(lyapunov)})` : 't (model time)',
      {
        range: [0, xEnd],
      },
    ),
    yaxis: logErrorAxis('e(t) (log)', lo, hi),
    shapes,
    annotations,
    hovermode: 'closest',
    uirevision: result.query,
  });
  return { data, layout };
}

/** e(t) of the re-lifted and linear forecasts against time (Lyapunov times for chaotic systems). */
export function ErrorPlot({ result, graphRef }: ErrorPlotProps) {
  const fig = useMemo(() => errorFigure(result), [result]);
  return (
    <PlotlyFigure testid="plot-error" data={fig.data} layout={fig.layout} graphRef={graphRef} />
  );
}
