/**
 * The Compare section's figures (issue 13), pure builders like every plot's: the median error
 * curves, the VPTs and the spectra of the current run and its pins overlaid, each run in its own
 * colour; and a sweep's error and training time against width or data size on log–log axes.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../run/result';
import type { CompareSummary, Comparison } from '../../run/sweep';
import { FONT, HUES, INK } from '../plots/palette';
import type { Figure } from '../plots/types';

/** One run of the comparison: its result, label and colour. */
export interface ShownRun {
  label: string;
  color: string;
  result: RunResult;
}

/** Colours of the current run and pins 1…4 (Okabe–Ito, distinct from truth black). */
export const RUN_COLORS = [HUES.blue, HUES.orange, HUES.green, HUES.purple, HUES.vermillion];

/** Colours of the sweep's variants. */
export const VARIANT_COLORS: Record<string, string> = {
  swim: HUES.blue,
  random: HUES.orange,
  esn: HUES.green,
  edmd: HUES.blue,
  direct: HUES.purple,
  relift: HUES.blue,
  linear: HUES.vermillion,
};

export const VARIANT_LABELS: Record<string, string> = {
  swim: 'SWIM',
  random: 'random features',
  esn: 'echo state network',
  edmd: 'EDMD (K, then C)',
  direct: 'direct regression',
  relift: 're-lifted RNN',
  linear: 'linear Koopman',
};

function baseLayout(title: string, x: string, y: string): PlotLayout {
  return {
    title: { text: title, font: { size: FONT.title } },
    font: { family: FONT.family, size: FONT.tick, color: INK.text },
    margin: { l: 70, r: 16, t: 40, b: 56 },
    xaxis: { title: { text: x, font: { size: FONT.axisTitle } }, gridcolor: INK.grid },
    yaxis: { title: { text: y, font: { size: FONT.axisTitle } }, gridcolor: INK.grid },
    legend: { font: { size: FONT.legend }, orientation: 'h', y: -0.25 },
    paper_bgcolor: INK.paper,
    plot_bgcolor: INK.paper,
    showlegend: true,
  } as PlotLayout;
}

/** Lyapunov time factor of a result (VPT in Lyapunov times), or null. */
function lyapOf(r: RunResult): number | null {
  const m = r.metrics;
  return m.vptLyapunov !== null && m.vpt > 0 ? m.vptLyapunov / m.vpt : null;
}

/** Median normalised error e(t) of each run's headline forecast, log y. */
export function errorOverlay(runs: ShownRun[]): Figure {
  const lyap = runs.every((r) => lyapOf(r.result) !== null);
  const data = runs.map((s): PlotData => {
    const r = s.result;
    const e = r.config.rollout === 'linear' ? r.test.medianErrorLinear : r.test.medianErrorRelift;
    const f = lyap ? lyapOf(r)! : 1;
    return {
      type: 'scatter',
      mode: 'lines',
      name: s.label,
      x: Array.from(e, (_, t) => t * r.dt * f),
      y: Array.from(e, (v) => (v > 0 && Number.isFinite(v) ? v : null)),
      line: { color: s.color, width: 2.5 },
    } as PlotData;
  });
  const layout = baseLayout(
    'Median forecast error',
    lyap ? 'time (Lyapunov times)' : 'time',
    'e(t), normalised',
  );
  (layout.yaxis as Record<string, unknown>).type = 'log';
  return { data, layout };
}

/** Each run's median VPT with its interquartile range. */
export function vptOverlay(runs: ShownRun[]): Figure {
  const lyap = runs.every((r) => lyapOf(r.result) !== null);
  const data = runs.map((s): PlotData => {
    const m = s.result.metrics;
    const f = lyap ? lyapOf(s.result)! : 1;
    return {
      type: 'scatter',
      mode: 'markers',
      name: s.label,
      x: [s.label],
      y: [m.vpt * f],
      error_y: {
        type: 'data',
        symmetric: false,
        array: [(m.vptIqr[1] - m.vpt) * f],
        arrayminus: [(m.vpt - m.vptIqr[0]) * f],
        color: s.color,
        thickness: 2,
        width: 8,
      },
      marker: { color: s.color, size: 14 },
    } as PlotData;
  });
  const layout = baseLayout(
    'Valid prediction time (median, IQR)',
    '',
    lyap ? 'VPT (Lyapunov times)' : 'VPT (time units)',
  );
  layout.showlegend = false;
  (layout.yaxis as Record<string, unknown>).rangemode = 'tozero';
  return { data, layout };
}

/** Each run's eigenvalues (Koopman K, or the ESN's reservoir) in the complex plane. */
export function spectrumOverlay(runs: ShownRun[]): Figure {
  const th = Array.from({ length: 181 }, (_, k) => (2 * Math.PI * k) / 180);
  const data: PlotData[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: 'unit circle',
      x: th.map(Math.cos),
      y: th.map(Math.sin),
      line: { color: INK.circle, width: 1, dash: 'dot' },
      hoverinfo: 'skip',
      showlegend: false,
    } as PlotData,
    ...runs.map(
      (s): PlotData =>
        ({
          type: 'scatter',
          mode: 'markers',
          name: s.label,
          x: Array.from(s.result.eigenvalues.re),
          y: Array.from(s.result.eigenvalues.im),
          marker: { color: s.color, size: 6, opacity: 0.75 },
        }) as PlotData,
    ),
  ];
  const layout = baseLayout('Eigenvalues', 'Re λ', 'Im λ');
  (layout.yaxis as Record<string, unknown>).scaleanchor = 'x';
  return { data, layout };
}

/** A sweep against width or data size: one metric per variant (medians over seeds), log–log. */
export function sweepFigure(c: Comparison, metric: 'error' | 'time'): Figure {
  const chaotic = c.crossoverBy === 'vpt';
  const variants = [...new Set(c.summary.map((s) => s.variant))];
  const value = (s: CompareSummary): number | null =>
    metric === 'time' ? s.trainMs : chaotic ? (s.vptLyapunov ?? s.vpt) : s.rolloutMse;
  const data = variants.map(
    (v): PlotData =>
      ({
        type: 'scatter',
        mode: 'lines+markers',
        name: VARIANT_LABELS[v] ?? v,
        x: c.summary.filter((s) => s.variant === v).map((s) => s.x),
        y: c.summary.filter((s) => s.variant === v).map(value),
        line: { color: VARIANT_COLORS[v] ?? INK.text, width: 2.5 },
        marker: { size: 8 },
      }) as PlotData,
  );
  const x = c.kind === 'width' ? 'width M (reservoir N)' : 'training pairs N';
  const y =
    metric === 'time'
      ? 'training time (ms)'
      : chaotic
        ? 'median VPT (Lyapunov times)'
        : 'median rollout MSE';
  const layout = baseLayout(metric === 'time' ? 'Training time' : 'Forecast quality', x, y);
  (layout.xaxis as Record<string, unknown>).type = 'log';
  if (metric === 'time' || !chaotic) (layout.yaxis as Record<string, unknown>).type = 'log';
  return { data, layout };
}
