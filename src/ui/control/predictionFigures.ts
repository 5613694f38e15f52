/**
 * Figures of prediction under an unseen input (plain objects, unit-testable): one test start's
 * truth against the model with B, with B = 0 and the linear lifted model, the input below; and the
 * mean prediction error over all test starts on a log axis.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import { axis, logErrorAxis, note, vline } from '../plots/layout';
import {
  clipDiverged,
  componentRanges,
  displayBox,
  fmt,
  logRange,
  testSeries,
  timeAxis,
} from '../plots/plotData';
import { SHORT_STEPS } from '../../run/control/predictions';
import type { ControlView } from './controlData';
import { gaps, positive } from './controlData';
import { CONTROL_COLORS as C } from './controlPalette';
import { figureLayout, inputTraces, stackRows, yRef, type Figure } from './controlLayout';

/** Steps of the short-horizon prediction metric (predMse50), as the core computes it. */
export { SHORT_STEPS } from '../../run/control/predictions';

/** Legend names of the three models, the same in both figures and the input table. */
export const MODEL_NAMES = {
  truth: 'truth',
  withB: 'model with B',
  noB: 'model, B = 0',
  linear: 'linear lifted',
} as const;

const INPUT_ROW_WEIGHT = 0.6;

/**
 * The first (or `testIndex`-th) test start under the chosen test input: each state component in
 * its own panel, the input u_t as a stepped line in the bottom panel. Forecasts leaving 3× the
 * truth's span (all starts) are cut there and the divergence is noted.
 */
export function predictionFigure(v: ControlView, testIndex = 0): Figure {
  const { r, c } = v;
  const pred = c.prediction;
  const d = r.dim;
  const steps = pred.horizon + 1;
  const i = Math.min(Math.max(0, Math.floor(testIndex)), Math.max(0, pred.count - 1));
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
    width: number,
    dash: string,
    rank: number,
  ): PlotData => ({
    type: 'scatter',
    mode: 'lines',
    name,
    x: t,
    y: gaps(y),
    xaxis: 'x',
    yaxis: yRef(j),
    legendgroup: name,
    legendrank: rank,
    showlegend: j === 0,
    line: { color, width, dash },
    hovertemplate: `${name}<br>t = %{x:.2f}<br>${r.stateNames[j]} = %{y:.4g}<extra></extra>`,
  });
  for (let j = 0; j < d; j++) {
    // Truth under the forecasts' dashes, so both stay visible where they agree.
    data.push(line(j, MODEL_NAMES.truth, truth[j], C.truth, 2.5, 'solid', 1));
    for (const m of models)
      data.push(line(j, MODEL_NAMES[m.key], m.clipped[j], C[m.key], m.width, m.dash, m.rank));
  }
  data.push(...inputTraces(pred.u, c.inputNames, r.dt, d, 5, C.input));

  const title = `Prediction · ${pred.label} · test ${i + 1}/${pred.count}`;
  const layout = figureLayout(title, data);
  stackRows(
    layout,
    [...r.stateNames, c.inputNames.join(', ') || 'u'],
    [...r.stateNames.map(() => 1), INPUT_ROW_WEIGHT],
    't (model time)',
    [0, t[steps - 1]],
  );
  const annotations: PlotLayout[] = [];
  let row = 0;
  for (const m of [...models].reverse()) {
    if (m.divergedAt === null) continue;
    annotations.push(
      note(`${MODEL_NAMES[m.key]} left the plot at t = ${fmt(m.divergedAt * r.dt)}`, 1, 1, {
        xanchor: 'right',
        yanchor: 'top',
        yshift: -18 * row++,
        font: { color: C[m.key], size: 13 },
      }),
    );
  }
  layout.annotations = annotations;
  layout.hovermode = 'closest';
  layout.uirevision = `${r.query}|prediction|${i}`;
  return { data, layout };
}

/**
 * Mean over all test starts of ‖x̂_t − x_t‖ per step for the three models, log y. Steps after a
 * divergence (NaN) and the exact start (0) are gaps; the y range ends two decades above the
 * largest state norm, so a blow-up runs off the top instead of squashing the rest.
 */
export function predictionErrorFigure(v: ControlView): Figure {
  const { r, c } = v;
  const pred = c.prediction;
  const steps = pred.horizon + 1;
  const t = timeAxis(steps, r.dt);
  const curves = [
    { key: 'withB', y: pred.errorWithB, width: 3, dash: 'solid' },
    { key: 'noB', y: pred.errorNoB, width: 2.5, dash: 'dash' },
    { key: 'linear', y: pred.errorLinear, width: 2, dash: 'dot' },
  ] as const;
  const data: PlotData[] = curves.map((cv) => ({
    type: 'scatter',
    mode: 'lines',
    name: MODEL_NAMES[cv.key],
    x: t,
    y: positive(cv.y),
    connectgaps: false,
    line: { color: C[cv.key], width: cv.width, dash: cv.dash },
    hovertemplate: `t = %{x:.2f}<br>mean ‖x̂ − x‖ = %{y:.3g}<extra>${MODEL_NAMES[cv.key]}</extra>`,
  }));
  let norm = 0;
  for (let k = 0; k + r.dim <= pred.truth.length; k += r.dim) {
    let s = 0;
    for (let j = 0; j < r.dim; j++) s += pred.truth[k + j] ** 2;
    if (Number.isFinite(s)) norm = Math.max(norm, Math.sqrt(s));
  }
  const [lo, hi] = logRange(
    curves.map((cv) => cv.y),
    [],
    1e-12,
    Math.max(norm, 1e-6) * 100,
  );
  const shapes: PlotLayout[] = [];
  const annotations: PlotLayout[] = [];
  if (pred.horizon > SHORT_STEPS) {
    const x = SHORT_STEPS * r.dt;
    shapes.push(vline(x, C.guide, 'dot'));
    annotations.push(
      note(`${SHORT_STEPS} steps`, x, 0, {
        xref: 'x',
        xanchor: 'left',
        yanchor: 'bottom',
        font: { color: '#555555', size: 13 },
      }),
    );
  }
  const layout = figureLayout(`Prediction error · mean over ${pred.count} test starts`, data, {
    xaxis: axis('t (model time)', { range: [0, t[steps - 1]] }),
    yaxis: logErrorAxis('mean ‖x̂ − x‖ (log)', lo, hi),
    shapes,
    annotations,
    hovermode: 'closest',
    uirevision: `${r.query}|prediction-error`,
  });
  return { data, layout };
}
