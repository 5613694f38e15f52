/**
 * Figures of the closed loop (plain objects, unit-testable): the true system driven by the
 * model-predictive controller against the uncontrolled run, over time and in the phase plane, and
 * the stage cost of both.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import { axis } from '../plots/layout';
import { fmt, LOG_FLOOR, logRange, timeAxis } from '../plots/plotData';
import { withAlpha } from '../plots/palette';
import type { ControlView } from './controlData';
import { column, cumulative, gaps, padded, positive, tuple } from './controlData';
import { CONTROL_COLORS as C } from './controlPalette';
import { figureLayout, inputTraces, logAxis, stackRows, yRef, type Figure } from './controlLayout';

export const LOOP_NAMES = {
  controlled: 'controlled',
  free: 'uncontrolled',
  goal: 'goal',
  bound: '±u_max',
} as const;

const INPUT_ROW_WEIGHT = 0.6;

/** The metric window [t0, t1] as a light band behind every panel. */
function windowBand(v: ControlView): PlotLayout {
  const [t0, t1] = v.c.closedLoop.window;
  return {
    type: 'rect',
    xref: 'x',
    yref: 'paper',
    x0: t0,
    x1: t1,
    y0: 0,
    y1: 1,
    fillcolor: withAlpha(C.controlled, 0.08),
    line: { width: 0 },
    layer: 'below',
  };
}

/**
 * Each state component against time, controlled and uncontrolled, the goal dashed; the applied
 * input below with the bounds ±u_max. The metric window is shaded.
 */
export function closedLoopFigure(v: ControlView): Figure {
  const { r, c } = v;
  const cl = c.closedLoop;
  const d = r.dim;
  const n = cl.steps + 1;
  const t = timeAxis(n, cl.dt);
  const T = t[n - 1];
  const umax = Number(r.config.umax);
  const data: PlotData[] = [];
  for (let j = 0; j < d; j++) {
    const name = r.stateNames[j];
    const hover = (who: string) => `${who}<br>t = %{x:.2f}<br>${name} = %{y:.4g}<extra></extra>`;
    data.push(
      {
        type: 'scatter',
        mode: 'lines',
        name: LOOP_NAMES.free,
        x: t,
        y: gaps(column(cl.free, d, j, n)),
        yaxis: yRef(j),
        legendgroup: 'free',
        legendrank: 2,
        showlegend: j === 0,
        line: { color: C.free, width: 2 },
        hovertemplate: hover(LOOP_NAMES.free),
      },
      {
        type: 'scatter',
        mode: 'lines',
        name: LOOP_NAMES.controlled,
        x: t,
        y: gaps(column(cl.x, d, j, n)),
        yaxis: yRef(j),
        legendgroup: 'controlled',
        legendrank: 1,
        showlegend: j === 0,
        line: { color: C.controlled, width: 2.5 },
        hovertemplate: hover(LOOP_NAMES.controlled),
      },
      {
        type: 'scatter',
        mode: 'lines',
        name: LOOP_NAMES.goal,
        x: [0, T],
        y: [cl.goal[j], cl.goal[j]],
        yaxis: yRef(j),
        legendgroup: 'goal',
        legendrank: 3,
        showlegend: j === 0,
        line: { color: C.guide, width: 1.5, dash: 'dash' },
        hoverinfo: 'skip',
      },
    );
  }
  data.push(...inputTraces(cl.u, c.inputNames, cl.dt, d, 4, C.input));
  data.push({
    type: 'scatter',
    mode: 'lines',
    name: LOOP_NAMES.bound,
    x: [0, T, null, 0, T],
    y: [umax, umax, null, -umax, -umax],
    yaxis: yRef(d),
    legendrank: 9,
    line: { color: C.guide, width: 1.5, dash: 'dash' },
    hoverinfo: 'skip',
  });

  const title = `Closed loop · start ${tuple(cl.start)} → goal ${tuple(cl.goal)}`;
  const layout = figureLayout(title, data);
  const inputs = c.inputNames.join(', ') || 'u';
  stackRows(
    layout,
    [...r.stateNames, inputs],
    [...r.stateNames.map(() => 1), INPUT_ROW_WEIGHT],
    `t (model time) · shaded: metric window [${fmt(cl.window[0])}, ${fmt(cl.window[1])}]`,
    [0, T],
    // Lines on a panel's edge hide behind the axis: every panel gets some room.
    r.stateNames
      .map((_, j): PlotLayout => ({
        range: padded([column(cl.x, d, j, n), column(cl.free, d, j, n), [cl.goal[j]]]),
      }))
      .concat([{ range: [-1.25 * umax, 1.25 * umax] }]),
  );
  layout.shapes = [windowBand(v)];
  layout.hovermode = 'closest';
  layout.uirevision = `${r.query}|closedloop`;
  return { data, layout };
}

/** Controlled and uncontrolled runs in the plane of the first two state components. */
export function closedLoopPhaseFigure(v: ControlView): Figure {
  const { r, c } = v;
  const cl = c.closedLoop;
  const d = r.dim;
  const n = cl.steps + 1;
  const [a, b] = [0, Math.min(1, d - 1)];
  const [na, nb] = [r.stateNames[a], r.stateNames[b]];
  const hover = `${na} = %{x:.3f}<br>${nb} = %{y:.3f}`;
  const path = (flat: Float64Array, name: string, color: string, width: number): PlotData => ({
    type: 'scatter',
    mode: 'lines',
    name,
    x: gaps(column(flat, d, a, n)),
    y: gaps(column(flat, d, b, n)),
    line: { color, width },
    hovertemplate: `${hover}<extra>${name}</extra>`,
  });
  const point = (x: ArrayLike<number>, name: string, marker: PlotLayout): PlotData => ({
    type: 'scatter',
    mode: 'markers',
    name: `${name} ${tuple(x)}`,
    x: [x[a]],
    y: [x[b]],
    marker,
    hovertemplate: `${hover}<extra>${name}</extra>`,
  });
  // Where each run ends: an uncontrolled state resting at its start is a point, not a line.
  const end = (flat: Float64Array, name: string, color: string): PlotData => ({
    type: 'scatter',
    mode: 'markers',
    name: `end, ${name}`,
    x: [flat[(n - 1) * d + a]],
    y: [flat[(n - 1) * d + b]],
    showlegend: false,
    // Open symbols are stroked in marker.color, with marker.line.width.
    marker: { color, size: 17, symbol: 'diamond-open', line: { width: 2.5 } },
    hovertemplate: `${hover}<extra>end, ${name}</extra>`,
  });
  const data: PlotData[] = [
    path(cl.free, LOOP_NAMES.free, C.free, 2),
    path(cl.x, LOOP_NAMES.controlled, C.controlled, 2.5),
    end(cl.free, LOOP_NAMES.free, C.free),
    end(cl.x, LOOP_NAMES.controlled, C.controlled),
    point(cl.start, 'start', { color: C.truth, size: 11, symbol: 'circle' }),
    point(cl.goal, 'goal', {
      color: '#FFFFFF',
      size: 16,
      symbol: 'star',
      line: { color: C.truth, width: 2 },
    }),
  ];
  const layout = figureLayout('Phase portrait · closed loop', data, {
    xaxis: axis(na),
    yaxis: axis(nb),
    hovermode: 'closest',
    uirevision: `${r.query}|closedloop-phase`,
  });
  return { data, layout };
}

/**
 * Stage cost ‖x_t − goal‖² + r‖u_t‖² per step (top, log) and its running sum (bottom, log), for the
 * controlled and the uncontrolled run.
 */
export function costFigure(v: ControlView): Figure {
  const { r, c, m } = v;
  const cl = c.closedLoop;
  const t = timeAxis(cl.steps, cl.dt);
  const runs = [
    { key: 'controlled', stage: cl.stageCost, rank: 1, width: 2.5 },
    { key: 'free', stage: cl.freeStageCost, rank: 2, width: 2 },
  ] as const;
  const data: PlotData[] = [];
  runs.forEach((run) => {
    const name = LOOP_NAMES[run.key];
    const sums = cumulative(run.stage);
    [run.stage, sums].forEach((y, k) =>
      data.push({
        type: 'scatter',
        mode: 'lines',
        name,
        x: t,
        y: positive(y),
        yaxis: yRef(k),
        legendgroup: run.key,
        legendrank: run.rank,
        showlegend: k === 0,
        line: { color: C[run.key], width: run.width },
        hovertemplate: `t = %{x:.2f}<br>${k ? 'Σ cost' : 'stage cost'} = %{y:.3g}<extra>${name}</extra>`,
      }),
    );
  });
  // A fifth of a decade of headroom: a constant cost of exactly 10^k would sit on the edge.
  const headroom = ([lo, hi]: [number, number]): [number, number] => [lo, hi + 0.2];
  const stageRange = headroom(logRange([cl.stageCost, cl.freeStageCost], [], LOG_FLOOR, Infinity));
  const sumRange = headroom(
    logRange([cumulative(cl.stageCost), cumulative(cl.freeStageCost)], [], LOG_FLOOR, Infinity),
  );
  const title = `Cost · Σ ${fmt(m.ctrlCost)} controlled vs ${fmt(m.freeCost)} free`;
  const layout = figureLayout(title, data);
  stackRows(
    layout,
    ['stage cost', 'cumulative'],
    [1, 1],
    't (model time)',
    [0, t[t.length - 1] ?? 1],
    [logAxis(stageRange, 3), logAxis(sumRange, 3)],
    0.1,
  );
  layout.hovermode = 'closest';
  layout.uirevision = `${r.query}|cost`;
  return { data, layout };
}
