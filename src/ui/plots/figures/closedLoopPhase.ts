/**
 * Controlled systems: the controlled and the uncontrolled run in the plane of the first two state
 * components, with the start, the goal and where each run ends.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../../run/result';
import { formatTuple } from '../../format';
import { axis, figureLayout } from '../layout';
import { COLORS, INK } from '../palette';
import { column, gaps } from '../plotData';
import type { Figure } from '../types';
import { controlParts, LOOP_NAMES } from './control';

export function closedLoopPhaseFigure(r: RunResult): Figure {
  const { c } = controlParts(r);
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
    name: `${name} ${formatTuple(x)}`,
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
    path(cl.free, LOOP_NAMES.free, COLORS.uncontrolled, 2),
    path(cl.x, LOOP_NAMES.controlled, COLORS.controlled, 2.5),
    end(cl.free, LOOP_NAMES.free, COLORS.uncontrolled),
    end(cl.x, LOOP_NAMES.controlled, COLORS.controlled),
    point(cl.start, 'start', { color: COLORS.truth, size: 11, symbol: 'circle' }),
    point(cl.goal, 'goal', {
      color: INK.paper,
      size: 16,
      symbol: 'star',
      line: { color: COLORS.truth, width: 2 },
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
