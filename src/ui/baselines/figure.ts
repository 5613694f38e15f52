/**
 * The live learning curve of the gradient baselines (docs/METHOD.md, "Gradient baselines"):
 * train (dotted) and test (solid) one-step MSE against training wall time, log y, one colour per
 * cell; the sampled network of the same run as one point (its training time, its one-step test
 * MSE); the thresholds 10⁻² and 10⁻³ dashed. Pure: curves in, Plotly figure out.
 */
import type { PlotData } from 'plotly.js-gl3d-dist-min';
import type { BpttCurvePoint } from '../../run/bptt/result';
import { BPTT_THRESHOLDS } from '../../run/bptt/result';
import type { BpttCell } from '../../run/bptt/settings';
import { formatSig } from '../format';
import { axis, figureLayout, hline, logAxis } from '../plots/layout';
import { COLORS, HUES } from '../plots/palette';
import type { Figure } from '../plots/types';

/** One colour per gradient-trained cell (the sampled RNN keeps its blue everywhere). */
export const CELL_COLORS: Record<BpttCell, string> = { lstm: HUES.orange, gru: HUES.green };
export const CELL_LABELS: Record<BpttCell, string> = { lstm: 'LSTM', gru: 'GRU' };

export function curveFigure(
  curves: Partial<Record<BpttCell, BpttCurvePoint[]>>,
  sampled: { trainingS: number; testMse: number } | null,
  budget: number,
): Figure {
  const data: PlotData[] = [];
  const ys: number[] = [];
  for (const cell of ['lstm', 'gru'] as const) {
    const c = curves[cell];
    if (!c?.length) continue;
    const x = c.map((p) => p.t);
    for (const [which, dash, key] of [
      ['test', 'solid', 'testMse'],
      ['train', 'dot', 'trainMse'],
    ] as const) {
      const y = c.map((p) => p[key]);
      ys.push(...y);
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: `${CELL_LABELS[cell]} ${which}`,
        x,
        y,
        line: { color: CELL_COLORS[cell], width: which === 'test' ? 2.5 : 1.5, dash },
        hovertemplate: `t = %{x:.3g} s<br>${which} MSE %{y:.3g}<extra>${CELL_LABELS[cell]}</extra>`,
      });
    }
  }
  if (sampled && sampled.testMse > 0) {
    ys.push(sampled.testMse);
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `sampled RNN: ${formatSig(sampled.testMse)} in ${formatSig(sampled.trainingS)} s`,
      x: [sampled.trainingS],
      y: [sampled.testMse],
      marker: { symbol: 'star', size: 14, color: COLORS.relift },
      hovertemplate: `t = %{x:.3g} s<br>test MSE %{y:.3g}<extra>sampled RNN</extra>`,
    });
  }
  // Axes fixed while training (the budget; from the sampled RNN's decade to 10¹): a redraw then
  // only moves the lines, which keeps each live update short on the main thread.
  const finite = ys.filter((v) => v > 0 && Number.isFinite(v));
  const lo = Math.floor(Math.log10(Math.min(1e-4, sampled?.testMse ?? 1, ...finite)) - 0.3);
  const hi = Math.max(1, Math.ceil(Math.log10(Math.max(1, ...finite)) + 0.1));
  const tMax = Math.max(budget, sampled?.trainingS ?? 0, ...data.flatMap((d) => d.x as number[]));
  const layout = figureLayout('One-step MSE while training', data, {
    xaxis: axis('training time (s)', { range: [0, tMax * 1.04] }),
    yaxis: axis('one-step MSE', logAxis([lo, hi])),
  });
  layout.shapes = BPTT_THRESHOLDS.map((t) => hline(t));
  layout.annotations = BPTT_THRESHOLDS.map((t) => ({
    text: formatSig(t),
    x: 1,
    xref: 'paper',
    xanchor: 'right',
    y: Math.log10(t),
    yanchor: 'bottom',
    showarrow: false,
    font: { size: 12, color: COLORS.threshold },
  }));
  return { data, layout };
}
