/**
 * Controlled systems: one test start under the chosen unseen input, the truth against the model
 * with B, with B = 0 and the linear lifted model, each state component in its own panel and the
 * input u_t below. Forecasts leaving 3× the truth's span (all starts) are cut there and noted.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../../run/result';
import { formatSig } from '../../format';
import { axis, figureLayout, note } from '../layout';
import { COLORS } from '../palette';
import { clampIndex, gaps, testSeries, timeAxis } from '../plotData';
import { clipDiverged, componentRanges, displayBox } from '../ranges';
import { stackRows, yRef } from '../stack';
import type { Figure, PlotView } from '../types';
import { controlParts, INPUT_ROW_WEIGHT, inputTitle, inputTraces, MODEL_NAMES } from './control';

const MODEL_COLORS = { withB: COLORS.relift, noB: COLORS.noB, linear: COLORS.linear } as const;

export function predictionFigure(r: RunResult, view: Pick<PlotView, 'testIndex'>): Figure {
  const { c } = controlParts(r);
  const pred = c.prediction;
  const d = r.dim;
  const steps = pred.horizon + 1;
  const i = clampIndex(view.testIndex, pred.count);
  const t = timeAxis(steps, r.dt);
  const boxes = componentRanges(pred.truth, d).map((b) => displayBox(b, 1));
  const truth = testSeries(pred.truth, steps, d, i);
  const clip = (flat: Float64Array) => clipDiverged(testSeries(flat, steps, d, i), boxes);
  const models = [
    { key: 'linear', rank: 4, width: 1.5, dash: 'dot', ...clip(pred.linear) },
    { key: 'noB', rank: 3, width: 2, dash: 'dash', ...clip(pred.noB) },
    { key: 'withB', rank: 2, width: 2, dash: 'dash', ...clip(pred.withB) },
  ] as const;

  const data: PlotData[] = [];
  const line = (
    j: number,
    name: string,
    y: ArrayLike<number>,
    color: string,
    style: { width: number; dash: string; rank: number },
  ): PlotData => ({
    type: 'scatter',
    mode: 'lines',
    name,
    x: t,
    y: gaps(y),
    xaxis: 'x',
    yaxis: yRef(j),
    legendgroup: name,
    legendrank: style.rank,
    showlegend: j === 0,
    line: { color, width: style.width, dash: style.dash },
    hovertemplate: `${name}<br>t = %{x:.2f}<br>${r.stateNames[j]} = %{y:.4g}<extra></extra>`,
  });
  for (let j = 0; j < d; j++) {
    // Truth under the forecasts' dashes, so both stay visible where they agree.
    data.push(
      line(j, MODEL_NAMES.truth, truth[j], COLORS.truth, { width: 2.5, dash: 'solid', rank: 1 }),
    );
    for (const m of models)
      data.push(line(j, MODEL_NAMES[m.key], m.clipped[j], MODEL_COLORS[m.key], m));
  }
  data.push(...inputTraces(pred.u, c.inputNames, r.dt, d, 5, COLORS.input));

  const layout = figureLayout(`Prediction · ${pred.label} · test ${i + 1}/${pred.count}`, data);
  const annotations: PlotLayout[] = [];
  let row = 0;
  for (const m of [...models].reverse()) {
    if (m.divergedAt === null) continue;
    const text = `${MODEL_NAMES[m.key]} left the plot at t = ${formatSig(m.divergedAt * r.dt)}`;
    annotations.push(
      note(text, 1, 1, {
        xanchor: 'right',
        yanchor: 'top',
        yshift: -18 * row++,
        font: { color: MODEL_COLORS[m.key], size: 13 },
      }),
    );
  }
  layout.annotations = annotations;
  stackRows(
    layout,
    [
      ...r.stateNames.map((title) => ({ title })),
      { title: inputTitle(c.inputNames), weight: INPUT_ROW_WEIGHT },
    ],
    axis('t (model time)', { range: [0, t[steps - 1]] }),
  );
  layout.hovermode = 'closest';
  layout.uirevision = `${r.query}|prediction|${i}`;
  return { data, layout };
}
