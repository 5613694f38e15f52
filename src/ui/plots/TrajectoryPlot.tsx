import { useMemo, type Ref } from 'react';
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../run/result';
import { axis, baseLayout, note, vline } from './layout';
import { COLORS } from './palette';
import { PlotlyFigure } from './PlotlyFigure';
import { validPredictionTimes } from '../../method/metrics';
import { clipDiverged, componentRanges, displayBox, fmt, testSeries, timeAxis } from './plotData';

export interface TrajectoryPlotProps {
  result: RunResult;
  /** Which test start to draw (clamped to the available ones). */
  testIndex: number;
  graphRef?: Ref<HTMLDivElement>;
}

/** Builds the stacked component-vs-time figure for test i (exported for export/reuse). */
export function trajectoryFigure(
  result: RunResult,
  testIndex: number,
): { data: PlotData[]; layout: PlotLayout } {
  const { dim, dt, stateNames, test } = result;
  const steps = test.horizon + 1;
  const i = Math.min(Math.max(0, Math.floor(testIndex)), Math.max(0, test.count - 1));
  const t = timeAxis(steps, dt);
  const truth = testSeries(test.truth, steps, dim, i);
  // Forecasts may wander to 3× the span of the truth (all test starts) before they count as diverged.
  const boxes = componentRanges(test.truth, dim).map((r) => displayBox(r, 1));
  const relift = clipDiverged(testSeries(test.relift, steps, dim, i), boxes);
  const linear = clipDiverged(testSeries(test.linear, steps, dim, i), boxes);

  // Same definition as metrics.vpt: time of the last step before e(t) first exceeds ε.
  const vpt = validPredictionTimes(
    test.errorRelift,
    test.count,
    test.horizon,
    result.config.eps,
    dt,
  )[i];
  const reached = vpt < test.horizon * dt;
  const title = `Trajectory · test ${i + 1}/${test.count} · VPT ${reached ? '' : '≥ '}${fmt(vpt)}`;
  const data: PlotData[] = [];
  const layout = baseLayout(title, 1);
  const gap = dim > 1 ? 0.06 : 0;
  for (let j = 0; j < dim; j++) {
    const ya = j === 0 ? 'y' : `y${j + 1}`;
    const line = (
      name: string,
      y: number[],
      color: string,
      width: number,
      dash: string,
      group: string,
    ): PlotData => ({
      type: 'scatter',
      mode: 'lines',
      name,
      x: t,
      y,
      xaxis: 'x',
      yaxis: ya,
      legendgroup: group,
      showlegend: j === 0,
      line: { color, width, dash },
      hovertemplate: `${name}<br>t = %{x:.3f}<br>${stateNames[j]} = %{y:.4g}<extra></extra>`,
    });
    data.push(line('linear', linear.clipped[j], COLORS.linear, 1.5, 'solid', 'linear'));
    data.push(line('truth', truth[j], COLORS.truth, 2.5, 'solid', 'truth'));
    data.push(line('re-lifted (RNN)', relift.clipped[j], COLORS.relift, 2, 'dash', 'relift'));
    const top = 1 - j / dim;
    const bottom = 1 - (j + 1) / dim;
    layout[j === 0 ? 'yaxis' : `yaxis${j + 1}`] = axis(stateNames[j] ?? `x${j + 1}`, {
      domain: [bottom + (j < dim - 1 ? gap / 2 : 0), top - (j > 0 ? gap / 2 : 0)],
      anchor: 'x',
      nticks: dim > 2 ? 4 : 5,
    });
  }
  layout.xaxis = axis('t (model time)', {
    anchor: dim === 1 ? 'y' : `y${dim}`,
    range: [0, t[steps - 1]],
  });

  const shapes: PlotLayout[] = [];
  const annotations: PlotLayout[] = [];
  if (reached) {
    shapes.push(vline(vpt));
    const left = vpt > 0.75 * t[steps - 1];
    annotations.push(
      note(`VPT ${fmt(vpt)}`, vpt, 1, {
        xref: 'x',
        xanchor: left ? 'right' : 'left',
        yanchor: 'top',
        font: { color: COLORS.vpt, size: 14 },
      }),
    );
  }
  let row = 0;
  for (const [name, r, color] of [
    ['re-lifted', relift, COLORS.relift],
    ['linear', linear, COLORS.linear],
  ] as const) {
    if (r.divergedAt === null) continue;
    annotations.push(
      note(`${name} diverged at t=${fmt(r.divergedAt * dt)}`, 1, 0.02 + 0.12 * row++, {
        xanchor: 'right',
        yanchor: 'bottom',
        font: { color, size: 14 },
      }),
    );
  }
  layout.shapes = shapes;
  layout.annotations = annotations;
  layout.uirevision = `${result.query}|${i}`;
  return { data, layout };
}

/** Each state component against time: truth, re-lifted and linear Koopman forecasts, VPT marked. */
export function TrajectoryPlot({ result, testIndex, graphRef }: TrajectoryPlotProps) {
  const fig = useMemo(() => trajectoryFigure(result, testIndex), [result, testIndex]);
  return (
    <PlotlyFigure
      testid="plot-trajectory"
      data={fig.data}
      layout={fig.layout}
      graphRef={graphRef}
    />
  );
}
