/**
 * Free systems: the normalised error e(t) on a log axis, medians of both rollouts, faint
 * per-start re-lifted lines, the threshold ε and the valid prediction time; time in Lyapunov
 * times for chaotic systems with a known λ_max.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../../run/result';
import { formatSig } from '../../format';
import { axis, figureLayout, hline, logErrorAxis, note, vline } from '../layout';
import { COLORS, INK, textColor, withAlpha } from '../palette';
import { decimatedJoin } from '../decimate';
import { evenSubset, timeAxis } from '../plotData';
import { logFloor, logFloorRow, logRange } from '../ranges';
import { referenceFor } from '../spectrumData';
import type { Figure } from '../types';

/** Per-start lines drawn at most (faint context behind the medians). */
export const MAX_START_LINES = 30;

export function errorFigure(result: RunResult): Figure {
  const { test, dt, metrics, config } = result;
  const steps = test.horizon + 1;
  const { lyapunov } = referenceFor(config);
  const scale = lyapunov ?? 1;
  const t = timeAxis(steps, dt, scale);
  const eps = Number(config.eps);

  const starts = evenSubset(test.count, MAX_START_LINES);
  const perStart = starts.map((i) => logFloorRow(test.errorRelift, steps, i));
  // Each start's faint line decimated on its own (long horizons), the medians by the plot cell.
  const joined = decimatedJoin(t, perStart);
  const xHover = lyapunov !== null ? 't·λ = %{x:.3f}' : 't = %{x:.3f}';
  const median = (name: string, y: ArrayLike<number>, color: string, width: number) => ({
    type: 'scatter',
    mode: 'lines',
    name: `${name} (median)`,
    x: t,
    y: logFloor(y),
    line: { color, width },
    hovertemplate: `${xHover}<br>e = %{y:.3g}<extra>${name} median</extra>`,
  });

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
    median('linear', test.medianErrorLinear, COLORS.linear, 2.5),
    median('re-lifted', test.medianErrorRelift, COLORS.relift, 3),
  ];

  const [lo, hi] = logRange([test.medianErrorRelift, test.medianErrorLinear, ...perStart], [eps]);
  const xEnd = t[steps - 1];
  const vpt = metrics.vptRelift;
  const shapes: PlotLayout[] = [hline(eps)];
  // Notes in paper coordinates (both ranges are fixed): a note in data coordinates takes part in
  // autoranging, and moving it (a new ε) would make Plotly recompute the whole figure.
  const annotations: PlotLayout[] = [
    note(`ε = ${formatSig(eps)}`, 1, (Math.log10(eps) - lo) / (hi - lo), {
      xanchor: 'right',
      yanchor: 'bottom',
      font: { color: INK.note },
    }),
  ];
  if (Number.isFinite(vpt)) {
    const x = Math.min(vpt * scale, xEnd);
    shapes.push(vline(x));
    // VPT equal to the horizon means e(t) never exceeded ε: a lower bound.
    const bound = vpt >= test.horizon * dt * (1 - 1e-12) ? '≥ ' : '';
    annotations.push(
      note(
        `VPT ${bound}${formatSig(vpt * scale)}${lyapunov !== null ? ' Lyapunov times' : ''}`,
        x / xEnd,
        0.02,
        {
          xanchor: x > 0.7 * xEnd ? 'right' : 'left',
          yanchor: 'bottom',
          font: { color: textColor(COLORS.vpt) },
        },
      ),
    );
  }
  const xTitle =
    lyapunov !== null
      ? `t · λ<sub>max</sub> (Lyapunov times, λ<sub>max</sub> = ${formatSig(lyapunov)})`
      : 't (model time)';
  const layout = figureLayout('Normalised error e(t)', data, {
    xaxis: axis(xTitle, { range: [0, xEnd] }),
    yaxis: logErrorAxis('e(t) (log)', lo, hi),
    shapes,
    annotations,
    hovermode: 'closest',
    uirevision: result.query,
  });
  return { data, layout };
}
