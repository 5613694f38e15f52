/**
 * Presenter mode for figures (pure, unit-tested): every font of a layout enlarged for the back row
 * of a lecture hall — tick labels, legends and notes at least PRESENT_FONT.text px, titles at least
 * PRESENT_FONT.title px — and the top margin grown with the title and legend it holds.
 */
import type { PlotLayout } from 'plotly.js-gl3d-dist-min';

export const PRESENT_FONT = { text: 20, title: 24, scale: 1.45 } as const;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function bigger(size: unknown, min: number): number {
  const s = typeof size === 'number' ? size : 14;
  return Math.max(min, Math.round(s * PRESENT_FONT.scale));
}

/** A deep copy of `v` with every `font` (and `tickfont`) enlarged; titles to the title minimum. */
function enlarge(v: unknown, inTitle: boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => enlarge(x, inTitle));
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    if ((k === 'font' || k === 'tickfont') && isObj(x))
      out[k] = { ...x, size: bigger(x.size, inTitle ? PRESENT_FONT.title : PRESENT_FONT.text) };
    else out[k] = enlarge(x, k === 'title' && !inTitle ? true : inTitle);
  }
  return out;
}

/**
 * The layout for presenter mode. The figure's own title is the title (≥ 24 px); axis titles and
 * everything else count as text (≥ 20 px). Axis tick fonts are set even where a builder left them
 * to the layout's default font.
 */
export function presenterLayout(layout: PlotLayout): PlotLayout {
  const out = enlarge(layout, false) as Obj;
  // Only the figure title is a title; axis titles are labels.
  for (const [k, v] of Object.entries(out)) {
    if (/^[xy]axis\d*$/.test(k) || k === 'scene') {
      const ax = v as Obj;
      if (isObj(ax.title) && isObj(ax.title.font))
        ax.title = { ...ax.title, font: { ...ax.title.font, size: bigger(14, PRESENT_FONT.text) } };
      if (!isObj(ax.tickfont)) ax.tickfont = { size: bigger(14, PRESENT_FONT.text) };
    }
  }
  const font = isObj(layout.font) ? layout.font : {};
  out.font = { ...font, size: bigger(font.size, PRESENT_FONT.text) };
  if (isObj(out.margin)) {
    const m = out.margin;
    out.margin = {
      ...m,
      t: typeof m.t === 'number' ? Math.round(m.t * PRESENT_FONT.scale) : m.t,
      l: typeof m.l === 'number' ? Math.round(m.l * 1.2) : m.l,
      b: typeof m.b === 'number' ? Math.round(m.b * 1.3) : m.b,
    };
  }
  return out as PlotLayout;
}
