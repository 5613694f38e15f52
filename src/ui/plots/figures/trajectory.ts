/**
 * Free systems: each state component of one test start against time, the truth and both
 * forecasts, the valid prediction time marked; forecasts that leave the plot are cut and noted.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import { validPredictionTimes } from '../../../method/metrics';
import type { RunResult } from '../../../run/result';
import { formatSig, formatVpt } from '../../format';
import { axis, baseLayout, note, vline } from '../layout';
import { COLORS, textColor } from '../palette';
import { clampIndex, testSeries, timeAxis } from '../plotData';
import { clipDiverged, componentRanges, displayBox } from '../ranges';
import { referenceFor } from '../spectrumData';
import { stackRows, yRef } from '../stack';
import type { Figure, PlotView } from '../types';

export function trajectoryFigure(result: RunResult, view: Pick<PlotView, 'testIndex'>): Figure {
  const { dim, dt, stateNames, test } = result;
  const steps = test.horizon + 1;
  const i = clampIndex(view.testIndex, test.count);
  const t = timeAxis(steps, dt);
  const truth = testSeries(test.truth, steps, dim, i);
  // Forecasts may wander to 3× the span of the truth (all test starts) before they count as diverged.
  const boxes = componentRanges(test.truth, dim).map((r) => displayBox(r, 1));
  const relift = clipDiverged(testSeries(test.relift, steps, dim, i), boxes);
  const linear = clipDiverged(testSeries(test.linear, steps, dim, i), boxes);

  // Same definition as metrics.vpt: time of the last step before e(t) first exceeds ε.
  const eps = Number(result.config.eps);
  const vpt = validPredictionTimes(test.errorRelift, test.count, test.horizon, eps, dt)[i];
  const reached = vpt < test.horizon * dt;
  const { lyapunov } = referenceFor(result.config);
  const title = `Trajectory · test ${i + 1}/${test.count} · VPT ${formatVpt(vpt, lyapunov, !reached)}`;
  const data: PlotData[] = [];
  const names = Array.from({ length: dim }, (_, j) => stateNames[j] ?? `x${j + 1}`);
  for (let j = 0; j < dim; j++) {
    const line = (name: string, y: number[], color: string, width: number, dash: string) => ({
      type: 'scatter',
      mode: 'lines',
      name,
      x: t,
      y,
      xaxis: 'x',
      yaxis: yRef(j),
      legendgroup: name,
      showlegend: j === 0,
      line: { color, width, dash },
      hovertemplate: `${name}<br>t = %{x:.3f}<br>${names[j]} = %{y:.4g}<extra></extra>`,
    });
    data.push(line('linear', linear.clipped[j], COLORS.linear, 1.5, 'solid'));
    data.push(line('truth', truth[j], COLORS.truth, 2.5, 'solid'));
    data.push(line('re-lifted (RNN)', relift.clipped[j], COLORS.relift, 2, 'dash'));
  }
  const layout = baseLayout(title, 1);
  stackRows(
    layout,
    names.map((title) => ({ title })),
    axis('t (model time)', { range: [0, t[steps - 1]] }),
    0.06,
  );

  const shapes: PlotLayout[] = [];
  const annotations: PlotLayout[] = [];
  if (reached) {
    shapes.push(vline(vpt));
    // In paper coordinates (the x range is fixed): a note in data coordinates takes part in
    // autoranging, and moving it (a new ε) would make Plotly recompute the whole figure.
    const x = vpt / t[steps - 1];
    annotations.push(
      note(`VPT ${formatVpt(vpt, lyapunov, false, lyapunov !== null)}`, x, 1, {
        xanchor: x > 0.75 ? 'right' : 'left',
        yanchor: 'top',
        font: { color: textColor(COLORS.vpt) },
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
      note(`${name} diverged at t=${formatSig(r.divergedAt * dt)}`, 1, 0.02 + 0.12 * row++, {
        xanchor: 'right',
        yanchor: 'bottom',
        font: { color },
      }),
    );
  }
  layout.shapes = shapes;
  layout.annotations = annotations;
  layout.uirevision = `${result.query}|${i}`;
  return { data, layout };
}
