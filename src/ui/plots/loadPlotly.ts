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

/** Set when a real figure starts drawing: a warm-up after that would only delay it. */
let realDrawStarted = false;

/** Called by every figure before it draws. */
export function noteRealDraw(): void {
  realDrawStarted = true;
}

/**
 * Draws one throwaway 2-D figure off-screen and removes it, while the first run computes in the
 * worker: Plotly's first draw in a page compiles most of its code and sets up its styles and text
 * measuring, which otherwise happens in the first real draw, after the run (issue 15: cold load,
 * first plots). Skipped once a real figure has started drawing.
 */
export async function warmPlotly(): Promise<void> {
  const Plotly = await loadPlotly();
  if (realDrawStarted) return;
  const div = document.createElement('div');
  div.setAttribute('aria-hidden', 'true');
  div.style.cssText =
    'position:fixed;left:-10000px;top:0;width:480px;height:320px;visibility:hidden;pointer-events:none';
  document.body.appendChild(div);
  performance.mark('plotly-warm-start');
  try {
    await Plotly.react(
      div,
      [
        { x: [0, 1, 2, 3], y: [0, 1, 0, -1], type: 'scatter', mode: 'lines', name: 'a' },
        { x: [0, 1, 2], y: [1, 0, 1], type: 'scatter', mode: 'markers', name: 'b' },
      ],
      {
        title: { text: 'warm-up' },
        xaxis: { title: { text: 'x' } },
        yaxis: { title: { text: 'y' } },
        showlegend: true,
      },
      { displaylogo: false, responsive: false },
    );
  } finally {
    Plotly.purge(div);
    div.remove();
    performance.mark('plotly-warm-end');
  }
}
