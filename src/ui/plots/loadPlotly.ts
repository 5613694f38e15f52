import type { PlotlyStatic } from 'plotly.js-gl3d-dist-min';

/**
 * Plotly is ~1.7 MB minified, so it is fetched lazily, once, after the controls have painted.
 * Every plot awaits the same promise.
 */
let pending: Promise<PlotlyStatic> | null = null;
let loaded: PlotlyStatic | null = null;

export function loadPlotly(): Promise<PlotlyStatic> {
  if (!pending) {
    pending = import('plotly.js-gl3d-dist-min').then(
      (mod) => {
        // The bundle is UMD/CommonJS: depending on the interop, the namespace or its default is Plotly.
        const m = mod as unknown as { default?: PlotlyStatic } & PlotlyStatic;
        loaded = m.default ?? m;
        return loaded;
      },
      (err: unknown) => {
        pending = null; // allow a retry after a failed chunk load
        throw err;
      },
    );
  }
  return pending;
}

/** Plotly if it has already loaded (for synchronous clean-up), else null. */
export function plotlyIfLoaded(): PlotlyStatic | null {
  return loaded;
}
