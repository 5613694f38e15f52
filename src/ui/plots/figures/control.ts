/**
 * Shared pieces of the controlled view's figures: the run's control parts, the legend names of
 * the models and runs (the same in every figure and in the input table), and the input traces of
 * a bottom panel.
 */
import type { PlotData } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../../run/result';
import { steppedInput } from '../plotData';
import { yRef } from '../stack';

export type ControlParts = NonNullable<RunResult['control']>;
export type ControlNumbers = NonNullable<RunResult['metrics']['control']>;

/** The control parts of a controlled run (its builders are only ever given such runs). */
export function controlParts(r: RunResult): { c: ControlParts; m: ControlNumbers } {
  if (!r.control || !r.metrics.control)
    throw new Error(`a ${r.family} run has no closed loop or input predictions to plot`);
  return { c: r.control, m: r.metrics.control };
}

/** Legend names of the three models under an input. */
export const MODEL_NAMES = {
  truth: 'truth',
  withB: 'model with B',
  noB: 'model, B = 0',
  linear: 'linear lifted',
} as const;

/** Legend names of the closed-loop figures. */
export const LOOP_NAMES = {
  controlled: 'controlled',
  free: 'uncontrolled',
  goal: 'goal',
  bound: '±u_max',
} as const;

/** Relative height of the input panel under the state panels. */
export const INPUT_ROW_WEIGHT = 0.6;

/**
 * The input traces of a figure: each of the p inputs (u: n×p, zero-order hold) as a stepped line
 * in the bottom panel `panel`, after the figure's other legend entries (from `rankFrom`).
 */
export function inputTraces(
  u: ArrayLike<number>,
  names: string[],
  dt: number,
  panel: number,
  rankFrom: number,
  color: string,
): PlotData[] {
  const p = Math.max(1, names.length);
  return Array.from({ length: p }, (_, q): PlotData => {
    const s = steppedInput(u, p, q, dt);
    const name = `input ${names[q] ?? `u${q + 1}`}`;
    return {
      type: 'scatter',
      mode: 'lines',
      name,
      x: s.x,
      y: s.y,
      xaxis: 'x',
      yaxis: yRef(panel),
      legendrank: rankFrom + q,
      line: { color, width: 2, shape: 'hv', dash: q ? 'dot' : 'solid' },
      hovertemplate: `${name}<br>t = %{x:.2f}<br>u = %{y:.4g}<extra></extra>`,
    };
  });
}

/** The input panel's y-axis title: the input names ("u"). */
export function inputTitle(names: string[]): string {
  return names.join(', ') || 'u';
}
