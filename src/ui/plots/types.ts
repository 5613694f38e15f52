/**
 * What a plot is to the app: a registry entry (src/ui/plots/registry.ts) whose `build` turns a
 * run's result and the view state into a Plotly figure. Builders are pure functions: no DOM, no
 * store, no Plotly calls, so Node tests, the export menu and the page all draw the same figure.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { Family } from '../../run/registry';
import type { RunResult } from '../../run/result';

export interface Figure {
  data: PlotData[];
  layout: PlotLayout;
}

/** The view state a figure may depend on besides the result. */
export interface PlotView {
  /** Which test start to draw (clamped to the available ones). */
  testIndex: number;
  /** Overlay each neuron's SWIM pair (ignored for random features). */
  showPairs: boolean;
  /** Whether the browser can draw WebGL (3-D phase portraits); true in Node. */
  webgl: boolean;
}

export const DEFAULT_VIEW: PlotView = { testIndex: 0, showPairs: false, webgl: true };

/** Sections of a view that group its plots under a heading (the controlled view has two). */
export type PlotSection = 'prediction' | 'closedloop';

export interface PlotEntry {
  /** The `<id>` of the page's `plot-<id>` container, of `plots=<id>,…` and of export files. */
  id: string;
  family: Family;
  /** Short name for the lesson dialog and the export menu. */
  label: string;
  /**
   * For students, under the plot: what is drawn and what to look for. `**…**` is bold. A function
   * when the words depend on the run (horizons, number of test starts).
   */
  caption: string | ((r: RunResult) => string);
  /** The figure: a pure function of the result and the view state. */
  build: (r: RunResult, view: PlotView) => Figure;
  /** The view state `build` reads (the figure is rebuilt only when one of these changes). */
  reads?: ReadonlyArray<keyof PlotView>;
  /** Drawn taller than the others (stacked panels with an input row). */
  tall?: boolean;
  /** The heading it is grouped under, in views that have sections. */
  section?: PlotSection;
}
