/**
 * Pure figure builders of "grow the network" (METHOD.md §13): the error curve against the number
 * of neurons k (log axes), drawn up to the frame's width, and the spectrum of K_k at that width.
 * The axes are fixed over all frames so the animation morphs instead of jumping.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { GrowRun } from '../../../run/explain';
import { axis, figureLayout, note } from '../../plots/layout';
import { COLORS, FONT, INK } from '../../plots/palette';
import type { Figure } from '../../plots/types';

/** log10 range over the positive finite values, padded by 0.2 decades. */
function logRange(values: number[]): [number, number] {
  const f = values.filter((v) => Number.isFinite(v) && v > 0);
  if (!f.length) return [-1, 1];
  return [Math.log10(Math.min(...f)) - 0.2, Math.log10(Math.max(...f)) + 0.2];
}

/** Where the dense curve's widths stop at the frame's width. */
function upTo(g: GrowRun, width: number): number {
  let n = 0;
  while (n < g.curve.widths.length && g.curve.widths[n] <= width) n++;
  return n;
}

/**
 * One-step train and test MSE of the RNN map C_k·K_k and the ridge objective J_k/(N·d) against k,
 * up to the frame's width, with the schedule's widths marked and the current one ringed.
 */
export function growErrorFigure(g: GrowRun, frame: number): Figure {
  const step = g.steps[frame];
  const n = upTo(g, step.width);
  const { widths, trainMse, testMse, objective } = g.curve;
  const shown = g.steps.slice(0, frame + 1);
  const data: PlotData[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: 'train MSE',
      x: widths.slice(0, n),
      y: trainMse.slice(0, n),
      line: { color: COLORS.relift, width: 2 },
      hovertemplate: 'k = %{x}<br>train MSE %{y:.3e}<extra></extra>',
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: 'test MSE',
      x: widths.slice(0, n),
      y: testMse.slice(0, n),
      line: { color: COLORS.linear, width: 2, dash: 'dash' },
      hovertemplate: 'k = %{x}<br>test MSE %{y:.3e}<extra></extra>',
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: 'objective J_k/(N·d)',
      x: widths.slice(0, n),
      y: objective.slice(0, n),
      line: { color: INK.note, width: 1.5, dash: 'dot' },
      hovertemplate: 'k = %{x}<br>J_k/(N·d) %{y:.3e}<extra>never rises</extra>',
    },
    {
      type: 'scatter',
      mode: 'markers',
      name: 'frames',
      showlegend: false,
      x: shown.map((s) => s.width),
      y: shown.map((s) => s.testMse),
      marker: { color: COLORS.linear, size: 6 },
      hoverinfo: 'skip',
    },
    {
      type: 'scatter',
      mode: 'markers',
      name: 'now',
      showlegend: false,
      x: [step.width, step.width],
      y: [step.trainMse, step.testMse],
      marker: {
        color: 'rgba(0, 0, 0, 0)',
        size: 14,
        line: { color: INK.text, width: 2 },
      },
      hoverinfo: 'skip',
    },
  ];
  const layout = figureLayout('One-step error vs number of neurons k', data, {
    xaxis: axis('neurons k', {
      type: 'log',
      range: [Math.log10(0.8), Math.log10(g.M * 1.25)],
    }),
    yaxis: axis('mean squared error', {
      type: 'log',
      range: logRange([...trainMse, ...testMse, ...objective]),
      exponentformat: 'power',
    }),
    hovermode: 'closest',
    uirevision: `grow-error-${g.query}`,
  });
  return { data, layout };
}

/** The eigenvalues of K_k at the frame's width, inside the unit circle or outside it. */
export function growSpectrumFigure(g: GrowRun, frame: number): Figure {
  const step = g.steps[frame];
  const circle = Array.from({ length: 129 }, (_, k) => (2 * Math.PI * k) / 128);
  const data: PlotData[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: 'unit circle',
      showlegend: false,
      x: circle.map(Math.cos),
      y: circle.map(Math.sin),
      line: { color: INK.circle, width: 1 },
      hoverinfo: 'skip',
    },
  ];
  const annotations: PlotLayout[] = [];
  if (step.eig) {
    const re = Array.from(step.eig.re);
    const im = Array.from(step.eig.im);
    const out = re.map((x, i) => Math.hypot(x, im[i]) > 1 + 1e-9);
    const part = (want: boolean) => ({
      x: re.filter((_, i) => out[i] === want),
      y: im.filter((_, i) => out[i] === want),
    });
    const dtText = g.dt;
    const hover = `λ = %{x:.4f} %{y:+.4f}i<extra>ω = ln λ / ${dtText}</extra>`;
    data.push(
      {
        type: 'scatter',
        mode: 'markers',
        name: '|λ| ≤ 1',
        ...part(false),
        marker: { color: COLORS.eigen, size: 8, line: { color: INK.markerEdge, width: 1 } },
        hovertemplate: hover,
      },
      {
        type: 'scatter',
        mode: 'markers',
        name: '|λ| > 1',
        ...part(true),
        marker: { color: COLORS.unstable, size: 9, line: { color: INK.markerEdge, width: 1 } },
        hovertemplate: hover,
      },
    );
  } else {
    annotations.push(
      note(`eigenvalues not computed above ${g.spectrumMax - 1} neurons`, 0.5, 0.5, {
        xanchor: 'center',
      }),
    );
  }
  const layout = figureLayout('Eigenvalues of K_k (k neurons + constant)', data, {
    xaxis: axis('Re λ', { range: [-1.15, 1.15], zeroline: true, zerolinecolor: INK.grid3d }),
    yaxis: axis('Im λ', {
      range: [-1.15, 1.15],
      scaleanchor: 'x',
      zeroline: true,
      zerolinecolor: INK.grid3d,
    }),
    annotations,
    hovermode: 'closest',
    uirevision: `grow-spectrum-${g.query}`,
    font: { size: FONT.tick },
  });
  return { data, layout };
}

/**
 * How monotone the dense curves are: the rises of J_k (0 in exact arithmetic), and of the train
 * and test MSE over single steps k → k+1 and over the schedule's frames, with the largest relative
 * rise and where.
 */
export interface MonotoneReport {
  steps: number;
  objectiveRises: number;
  trainRises: number;
  testRises: number;
  trainFrameRises: number;
  testFrameRises: number;
  /** Largest relative rise of the train MSE over one step (0 when none) and the k it ends at. */
  worstTrain: { ratio: number; k: number; mse: number };
}

export function monotoneReport(g: GrowRun): MonotoneReport {
  const { trainMse, testMse, objective, widths } = g.curve;
  const rises = (v: number[]) => v.slice(1).filter((x, i) => x > v[i]).length;
  let worst = { ratio: 0, k: 0, mse: 0 };
  for (let i = 1; i < trainMse.length; i++) {
    const r = trainMse[i] / trainMse[i - 1] - 1;
    if (r > worst.ratio) worst = { ratio: r, k: widths[i], mse: trainMse[i - 1] };
  }
  return {
    steps: widths.length - 1,
    objectiveRises: rises(objective),
    trainRises: rises(trainMse),
    testRises: rises(testMse),
    trainFrameRises: rises(g.steps.map((s) => s.trainMse)),
    testFrameRises: rises(g.steps.map((s) => s.testMse)),
    worstTrain: worst,
  };
}
