/**
 * Controlled systems: the true system driven by the model-predictive controller against the
 * uncontrolled run, each state component over time with the goal dashed, the applied input below
 * with the bounds ±u_max, and the metric window shaded.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../../run/result';
import { formatSig, formatTuple } from '../../format';
import { axis, figureLayout } from '../layout';
import { COLORS, withAlpha } from '../palette';
import { column, gaps, timeAxis } from '../plotData';
import { padded } from '../ranges';
import { stackRows, yRef } from '../stack';
import type { Figure } from '../types';
import { controlParts, INPUT_ROW_WEIGHT, inputTitle, inputTraces, LOOP_NAMES } from './control';

export function closedLoopFigure(r: RunResult): Figure {
  const { c } = controlParts(r);
  const cl = c.closedLoop;
  const d = r.dim;
  const n = cl.steps + 1;
  const t = timeAxis(n, cl.dt);
  const T = t[n - 1];
  const umax = Number(r.config.umax);
  const data: PlotData[] = [];
  for (let j = 0; j < d; j++) {
    const name = r.stateNames[j];
    const run = (key: 'free' | 'controlled', flat: Float64Array, rank: number): PlotData => ({
      type: 'scatter',
      mode: 'lines',
      name: LOOP_NAMES[key],
      x: t,
      y: gaps(column(flat, d, j, n)),
      yaxis: yRef(j),
      legendgroup: key,
      legendrank: rank,
      showlegend: j === 0,
      line: {
        color: key === 'free' ? COLORS.uncontrolled : COLORS.controlled,
        width: key === 'free' ? 2 : 2.5,
      },
      hovertemplate: `${LOOP_NAMES[key]}<br>t = %{x:.2f}<br>${name} = %{y:.4g}<extra></extra>`,
    });
    data.push(run('free', cl.free, 2), run('controlled', cl.x, 1), {
      type: 'scatter',
      mode: 'lines',
      name: LOOP_NAMES.goal,
      x: [0, T],
      y: [cl.goal[j], cl.goal[j]],
      yaxis: yRef(j),
      legendgroup: 'goal',
      legendrank: 3,
      showlegend: j === 0,
      line: { color: COLORS.threshold, width: 1.5, dash: 'dash' },
      hoverinfo: 'skip',
    });
  }
  data.push(...inputTraces(cl.u, c.inputNames, cl.dt, d, 4, COLORS.input));
  data.push({
    type: 'scatter',
    mode: 'lines',
    name: LOOP_NAMES.bound,
    x: [0, T, null, 0, T],
    y: [umax, umax, null, -umax, -umax],
    yaxis: yRef(d),
    legendrank: 9,
    line: { color: COLORS.threshold, width: 1.5, dash: 'dash' },
    hoverinfo: 'skip',
  });

  const title = `Closed loop · start ${formatTuple(cl.start)} → goal ${formatTuple(cl.goal)}`;
  const layout = figureLayout(title, data);
  const [w0, w1] = cl.window;
  stackRows(
    layout,
    [
      // Lines on a panel's edge hide behind the axis: every panel gets some room.
      ...r.stateNames.map((title, j) => ({
        title,
        axis: { range: padded([column(cl.x, d, j, n), column(cl.free, d, j, n), [cl.goal[j]]]) },
      })),
      {
        title: inputTitle(c.inputNames),
        weight: INPUT_ROW_WEIGHT,
        axis: { range: [-1.25 * umax, 1.25 * umax] },
      },
    ],
    axis(`t (model time) · shaded: metric window [${formatSig(w0)}, ${formatSig(w1)}]`, {
      range: [0, T],
    }),
  );
  const band: PlotLayout = {
    type: 'rect',
    xref: 'x',
    yref: 'paper',
    x0: w0,
    x1: w1,
    y0: 0,
    y1: 1,
    fillcolor: withAlpha(COLORS.controlled, 0.08),
    line: { width: 0 },
    layer: 'below',
  };
  layout.shapes = [band];
  layout.hovermode = 'closest';
  layout.uirevision = `${r.query}|closedloop`;
  return { data, layout };
}
