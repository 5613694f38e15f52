/**
 * Controlled systems: the stage cost ‖x_t − goal‖² + r‖u_t‖² per step (top, log) and its running
 * sum (bottom, log), for the controlled and the uncontrolled run.
 */
import type { PlotData } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../../run/result';
import { formatSig } from '../../format';
import { axis, figureLayout, logAxis } from '../layout';
import { COLORS } from '../palette';
import { cumulative, positive, timeAxis } from '../plotData';
import { LOG_FLOOR, logRange } from '../ranges';
import { stackRows, yRef } from '../stack';
import type { Figure } from '../types';
import { controlParts, LOOP_NAMES } from './control';

/** Whole decades covering the costs, with a fifth of a decade of headroom (10^k on the edge). */
function costRange(series: ArrayLike<number>[]): [number, number] {
  const [lo, hi] = logRange(series, [], LOG_FLOOR, Infinity);
  return [lo, hi + 0.2];
}

export function costFigure(r: RunResult): Figure {
  const { c, m } = controlParts(r);
  const cl = c.closedLoop;
  const t = timeAxis(cl.steps, cl.dt);
  const runs = [
    { key: 'controlled', stage: cl.stageCost, rank: 1, width: 2.5, color: COLORS.controlled },
    { key: 'free', stage: cl.freeStageCost, rank: 2, width: 2, color: COLORS.uncontrolled },
  ] as const;
  const sums = runs.map((run) => cumulative(run.stage));
  const data: PlotData[] = [];
  runs.forEach((run, k) => {
    const name = LOOP_NAMES[run.key];
    [run.stage, sums[k]].forEach((y, row) =>
      data.push({
        type: 'scatter',
        mode: 'lines',
        name,
        x: t,
        y: positive(y),
        yaxis: yRef(row),
        legendgroup: run.key,
        legendrank: run.rank,
        showlegend: row === 0,
        line: { color: run.color, width: run.width },
        hovertemplate: `t = %{x:.2f}<br>${row ? 'Σ cost' : 'stage cost'} = %{y:.3g}<extra>${name}</extra>`,
      }),
    );
  });
  const title = `Cost · Σ ${formatSig(m.ctrlCost)} controlled vs ${formatSig(m.freeCost)} free`;
  const layout = figureLayout(title, data);
  stackRows(
    layout,
    [
      { title: 'stage cost', axis: logAxis(costRange([cl.stageCost, cl.freeStageCost]), 3) },
      { title: 'cumulative', axis: logAxis(costRange(sums), 3) },
    ],
    axis('t (model time)', { range: [0, t[t.length - 1] ?? 1] }),
    0.1,
  );
  layout.hovermode = 'closest';
  layout.uirevision = `${r.query}|cost`;
  return { data, layout };
}
