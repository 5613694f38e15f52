/**
 * Controlled systems: the mean over all test starts of ‖x̂_t − x_t‖ per step for the three models
 * under the chosen input, log y. Steps after a divergence (NaN) and the exact start (0) are gaps;
 * the y range ends two decades above the largest state norm, so a blow-up runs off the top.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import { SHORT_STEPS } from '../../../run/control/predictions';
import type { RunResult } from '../../../run/result';
import { axis, figureLayout, logErrorAxis, note, vline } from '../layout';
import { COLORS, INK } from '../palette';
import { positive, timeAxis } from '../plotData';
import { logRange } from '../ranges';
import type { Figure } from '../types';
import { controlParts, MODEL_NAMES } from './control';

/** Steps of the short-horizon prediction metric (predMse50), as the run computes it. */
export { SHORT_STEPS };

/** Largest Euclidean norm of the finite states of an n×d array. */
function maxNorm(flat: ArrayLike<number>, d: number): number {
  let norm = 0;
  for (let k = 0; k + d <= flat.length; k += d) {
    let s = 0;
    for (let j = 0; j < d; j++) s += flat[k + j] ** 2;
    if (Number.isFinite(s)) norm = Math.max(norm, Math.sqrt(s));
  }
  return norm;
}

export function predictionErrorFigure(r: RunResult): Figure {
  const { c } = controlParts(r);
  const pred = c.prediction;
  const steps = pred.horizon + 1;
  const t = timeAxis(steps, r.dt);
  const curves = [
    { key: 'withB', y: pred.errorWithB, width: 3, dash: 'solid', color: COLORS.relift },
    { key: 'noB', y: pred.errorNoB, width: 2.5, dash: 'dash', color: COLORS.noB },
    { key: 'linear', y: pred.errorLinear, width: 2, dash: 'dot', color: COLORS.linear },
  ] as const;
  const data: PlotData[] = curves.map((cv) => ({
    type: 'scatter',
    mode: 'lines',
    name: MODEL_NAMES[cv.key],
    x: t,
    y: positive(cv.y),
    connectgaps: false,
    line: { color: cv.color, width: cv.width, dash: cv.dash },
    hovertemplate: `t = %{x:.2f}<br>mean ‖x̂ − x‖ = %{y:.3g}<extra>${MODEL_NAMES[cv.key]}</extra>`,
  }));
  const ceiling = Math.max(maxNorm(pred.truth, r.dim), 1e-6) * 100;
  const [lo, hi] = logRange(
    curves.map((cv) => cv.y),
    [],
    1e-12,
    ceiling,
  );
  const shapes: PlotLayout[] = [];
  const annotations: PlotLayout[] = [];
  if (pred.horizon > SHORT_STEPS) {
    const x = SHORT_STEPS * r.dt;
    shapes.push(vline(x, COLORS.threshold, 'dot'));
    annotations.push(
      note(`${SHORT_STEPS} steps`, x, 0, {
        xref: 'x',
        xanchor: 'left',
        yanchor: 'bottom',
        font: { color: INK.note, size: 13 },
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
