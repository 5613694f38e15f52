/**
 * Pure figure builders of the neuron view (METHOD.md §2): one neuron's activation σ(w·x + b) as a
 * heat map over the phase plane (a slice of it for d ≥ 3) with its SWIM pair marked, and the zero
 * lines w·x + b = 0 of many neurons over the training data. A layer (W, b, pairs) in, Plotly figure
 * out: no DOM, no store, no method code (the activation is evaluated here with Math.tanh: a
 * picture, not a result).
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../../run/result';
import { formatSig } from '../../format';
import { axis, baseLayout, legendNames, legendRows } from '../../plots/layout';
import { COLORS, FONT, HUES, INK, withAlpha } from '../../plots/palette';
import { plotText } from '../../plots/plotText';
import type { Figure } from '../../plots/types';
import { colorAt, pngDataUrl } from '../rasterPng';

/** A hidden layer as the views read it: W (M×d), b (M), the SWIM pairs' points (M×2×d) or null. */
export interface LayerView {
  sampler: string;
  d: number;
  width: number;
  W: Float64Array;
  b: Float64Array;
  pairPoints: Float64Array | null;
  act: string;
}

export function layerOfResult(r: RunResult): LayerView {
  return {
    sampler: r.config.sampler,
    d: r.dim,
    width: r.model.width,
    W: r.model.W,
    b: r.model.b,
    pairPoints: r.model.pairPoints,
    act: r.config.act,
  };
}

/** σ of the layer: tanh or ReLU. */
export function activate(act: string, z: number): number {
  return act === 'relu' ? Math.max(0, z) : Math.tanh(z);
}

/** w_j·x + b_j, summed over i = 0 … d−1 in order and then + b_j (as the sampler forms b). */
export function preActivation(layer: LayerView, j: number, x: ArrayLike<number>, off = 0): number {
  let s = 0;
  for (let i = 0; i < layer.d; i++) s += layer.W[j * layer.d + i] * x[off + i];
  return s + layer.b[j];
}

/** What one neuron is: its weights, its pair and its activation at the pair's two points. */
export interface NeuronInfo {
  j: number;
  w: number[];
  b: number;
  /** The SWIM pair's points x⁽¹⁾, x⁽²⁾ (null for random features). */
  x1: number[] | null;
  x2: number[] | null;
  /** w·x + b and σ(w·x + b) at x⁽¹⁾ and x⁽²⁾ (null without a pair). */
  pre1: number | null;
  pre2: number | null;
  act1: number | null;
  act2: number | null;
  /**
   * What METHOD.md §2 says σ is at the two points: tanh −½ and +½ (w·x + b = ∓ln3/2), ReLU 0 and 1.
   */
  expected: [number, number];
}

export function neuronInfo(layer: LayerView, j: number): NeuronInfo {
  const d = layer.d;
  const w = Array.from(layer.W.subarray(j * d, (j + 1) * d));
  const pp = layer.pairPoints;
  const x1 = pp ? Array.from(pp.subarray(2 * j * d, (2 * j + 1) * d)) : null;
  const x2 = pp ? Array.from(pp.subarray((2 * j + 1) * d, (2 * j + 2) * d)) : null;
  const pre1 = x1 ? preActivation(layer, j, x1) : null;
  const pre2 = x2 ? preActivation(layer, j, x2) : null;
  return {
    j,
    w,
    b: layer.b[j],
    x1,
    x2,
    pre1,
    pre2,
    act1: pre1 === null ? null : activate(layer.act, pre1),
    act2: pre2 === null ? null : activate(layer.act, pre2),
    expected: layer.act === 'relu' ? [0, 1] : [-0.5, 0.5],
  };
}

/** The plane a figure draws: two state components on the axes, the others held at `base`. */
export interface SlicePlane {
  axes: [number, number];
  base: number[];
  /** Axis ranges (the training data's box, padded). */
  ranges: [[number, number], [number, number]];
  names: [string, string];
  /** Human-readable description of the fixed components, e.g. "z = 23.5" ('' for d = 2). */
  fixedText: string;
}

/** Per-component mean, std, min and max of the training sample. */
function sampleStats(r: RunResult) {
  const { x, rows } = r.trainSample;
  const d = r.dim;
  const mean = new Array<number>(d).fill(0);
  const lo = new Array<number>(d).fill(Infinity);
  const hi = new Array<number>(d).fill(-Infinity);
  for (let k = 0; k < rows; k++)
    for (let i = 0; i < d; i++) {
      const v = x[k * d + i];
      mean[i] += v / rows;
      lo[i] = Math.min(lo[i], v);
      hi[i] = Math.max(hi[i], v);
    }
  const std = new Array<number>(d).fill(0);
  for (let k = 0; k < rows; k++)
    for (let i = 0; i < d; i++) std[i] += (x[k * d + i] - mean[i]) ** 2 / rows;
  return { mean, std: std.map(Math.sqrt), lo, hi };
}

/**
 * The plane of a figure: for d = 2 the phase plane; for d ≥ 3 the plane through `through` (default:
 * the training mean) spanned by the two components with the largest spread in the training data.
 */
export function slicePlane(r: RunResult, through?: number[]): SlicePlane {
  const d = r.dim;
  const st = sampleStats(r);
  const order = Array.from({ length: d }, (_, i) => i).sort(
    (a, b) => st.std[b] - st.std[a] || a - b,
  );
  const axes = (d === 2 ? [0, 1] : order.slice(0, 2).sort((a, b) => a - b)) as [number, number];
  const base = through ?? st.mean;
  const name = (i: number) => r.stateNames[i] ?? `x${i + 1}`;
  const pad = (i: number): [number, number] => {
    const span = st.hi[i] - st.lo[i] || 1;
    return [st.lo[i] - 0.08 * span, st.hi[i] + 0.08 * span];
  };
  const fixed = Array.from({ length: d }, (_, i) => i).filter((i) => !axes.includes(i));
  return {
    axes,
    base: Array.from(base),
    ranges: [pad(axes[0]), pad(axes[1])],
    names: [name(axes[0]), name(axes[1])],
    fixedText: fixed.map((i) => `${name(i)} = ${formatSig(base[i], 3)}`).join(', '),
  };
}

/** Width (px) the legend rows are estimated for: a half-width cell less the colour bar. */
const NARROW_LEGEND = 280;

/** Title and legend layout, the legend rows estimated for the narrow plot area. */
function narrowLayout(title: string, data: PlotData[], extra: PlotLayout): PlotLayout {
  return baseLayout(title, legendRows(legendNames(data), NARROW_LEGEND), extra);
}

/** Pixels per axis of the heat map (stretched over the plot area, smoothed by the browser). */
const GRID = 121;

function linspace([a, b]: [number, number], n: number): number[] {
  return Array.from({ length: n }, (_, k) => a + ((b - a) * k) / (n - 1));
}

/** The training sample's points on the plane's axes (projected for d ≥ 3). */
function trainTrace(r: RunResult, plane: SlicePlane, opacity: number): PlotData {
  const { x, rows } = r.trainSample;
  const d = r.dim;
  return {
    type: 'scatter',
    mode: 'markers',
    name: 'training data',
    showlegend: false,
    x: Array.from({ length: rows }, (_, k) => x[k * d + plane.axes[0]]),
    y: Array.from({ length: rows }, (_, k) => x[k * d + plane.axes[1]]),
    marker: { color: INK.text, size: 2, opacity },
    hoverinfo: 'skip',
  };
}

/**
 * The segment of the line a·s + c·t + e = 0 inside the box, or null when it misses the box.
 * (s, t) are the plane's coordinates.
 */
export function clipLine(
  a: number,
  c: number,
  e: number,
  [[s0, s1], [t0, t1]]: SlicePlane['ranges'],
): [[number, number], [number, number]] | null {
  const pts: Array<[number, number]> = [];
  if (c !== 0)
    for (const s of [s0, s1]) {
      const t = -(a * s + e) / c;
      if (t >= t0 && t <= t1) pts.push([s, t]);
    }
  if (a !== 0)
    for (const t of [t0, t1]) {
      const s = -(c * t + e) / a;
      if (s >= s0 && s <= s1) pts.push([s, t]);
    }
  if (pts.length < 2) return null;
  let best: [[number, number], [number, number]] = [pts[0], pts[1]];
  let far = -1;
  for (let i = 0; i < pts.length; i++)
    for (let k = i + 1; k < pts.length; k++) {
      const dist = (pts[i][0] - pts[k][0]) ** 2 + (pts[i][1] - pts[k][1]) ** 2;
      if (dist > far) {
        far = dist;
        best = [pts[i], pts[k]];
      }
    }
  return far > 0 ? best : null;
}

/** Coefficients (a, c, e) of neuron j's w·x + b on the plane: a·s + c·t + e. */
function lineOf(layer: LayerView, j: number, plane: SlicePlane): [number, number, number] {
  const d = layer.d;
  let e = layer.b[j];
  for (let i = 0; i < d; i++)
    if (i !== plane.axes[0] && i !== plane.axes[1]) e += layer.W[j * d + i] * plane.base[i];
  return [layer.W[j * d + plane.axes[0]], layer.W[j * d + plane.axes[1]], e];
}

const SAMPLER_NAME: Record<string, string> = { swim: 'SWIM', random: 'Random features' };
export const samplerName = (s: string): string => SAMPLER_NAME[s] ?? s;

/** Diverging colour scale for tanh: blue (−1) · white (0) · vermillion (+1); white → vermillion for ReLU. */
function colorscale(act: string): Array<[number, string]> {
  return act === 'relu'
    ? [
        [0, '#FFFFFF'],
        [1, HUES.vermillion],
      ]
    : [
        [0, HUES.blue],
        [0.5, '#FFFFFF'],
        [1, HUES.vermillion],
      ];
}

/**
 * Neuron j's activation σ(w·x + b) over the plane (heat map), the training data faint on top, its
 * zero line, the direction w as an arrow and, for SWIM, the pair x⁽¹⁾ (σ = −½) and x⁽²⁾ (σ = +½).
 */
export function neuronFigure(r: RunResult, layer: LayerView, j: number, plane: SlicePlane): Figure {
  const info = neuronInfo(layer, j);
  const [a, c, e] = lineOf(layer, j, plane);
  const xs = linspace(plane.ranges[0], GRID);
  const ys = linspace(plane.ranges[1], GRID);
  const relu = layer.act === 'relu';
  const vals = ys.map((t) => xs.map((s) => activate(layer.act, a * s + c * t + e)));
  const zmin = relu ? 0 : -1;
  const zmax = relu ? Math.max(1e-12, ...vals.map((row) => Math.max(...row))) : 1;
  const stops = colorscale(layer.act);
  // The heat map as an image under the axes (the app's Plotly bundle has no heatmap trace); the
  // image's first row is the top of the plot (largest y).
  const rgb = new Uint8Array(GRID * GRID * 3);
  for (let row = 0; row < GRID; row++)
    for (let col = 0; col < GRID; col++)
      rgb.set(
        colorAt(stops, (vals[GRID - 1 - row][col] - zmin) / (zmax - zmin)),
        (row * GRID + col) * 3,
      );
  const [[s0, s1], [t0, t1]] = plane.ranges;
  const images: PlotLayout[] = [
    {
      source: pngDataUrl(GRID, GRID, rgb),
      xref: 'x',
      yref: 'y',
      x: s0,
      y: t1,
      sizex: s1 - s0,
      sizey: t1 - t0,
      sizing: 'stretch',
      layer: 'below',
      opacity: 0.85,
    },
  ];
  const data: PlotData[] = [
    {
      // Carries the colour bar of the image (one invisible marker).
      type: 'scatter',
      mode: 'markers',
      x: [s0],
      y: [t0],
      showlegend: false,
      hoverinfo: 'skip',
      marker: {
        size: 0.1,
        opacity: 0,
        color: [zmin],
        cmin: zmin,
        cmax: zmax,
        colorscale: stops,
        showscale: true,
        colorbar: {
          thickness: 12,
          len: 0.9,
          title: { text: relu ? 'ReLU' : 'tanh', side: 'right', font: { size: FONT.small } },
          tickfont: { size: FONT.small },
        },
      },
    },
    trainTrace(r, plane, 0.12),
  ];
  const seg = clipLine(a, c, e, plane.ranges);
  if (seg)
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: relu ? 'w·x + b = 0 (kink)' : 'w·x + b = 0 (σ = 0)',
      x: [seg[0][0], seg[1][0]],
      y: [seg[0][1], seg[1][1]],
      line: { color: INK.text, width: 1.5, dash: 'dot' },
      hoverinfo: 'skip',
    });
  const annotations: PlotLayout[] = [];
  const [ia, ib] = plane.axes;
  if (info.x1 && info.x2) {
    const lab = relu ? ['0', '1'] : ['−½', '+½'];
    data.push({
      type: 'scatter',
      mode: 'lines+markers+text',
      name: 'SWIM pair x⁽¹⁾, x⁽²⁾',
      x: [info.x1[ia], info.x2[ia]],
      y: [info.x1[ib], info.x2[ib]],
      text: [`x⁽¹⁾: ${lab[0]}`, `x⁽²⁾: ${lab[1]}`],
      textposition: ['bottom left', 'top right'],
      textfont: { size: FONT.annotation, color: INK.text },
      marker: {
        color: [HUES.blue, HUES.vermillion],
        size: 11,
        line: { color: INK.text, width: 2 },
      },
      line: { color: INK.text, width: 1.5 },
      hovertemplate: `%{text}<extra></extra>`,
    });
  }
  // The direction w (its part in the plane) as an arrow from the zero line's point nearest the
  // pair's midpoint (or the plane's base point), 18 % of the box wide.
  const norm = Math.hypot(a, c);
  if (norm > 0 && seg) {
    const px = info.x1 && info.x2 ? (info.x1[ia] + info.x2[ia]) / 2 : plane.base[ia];
    const py = info.x1 && info.x2 ? (info.x1[ib] + info.x2[ib]) / 2 : plane.base[ib];
    // Foot of the perpendicular from (px, py) onto the zero line, then a quarter of the box along
    // the line (inside the box), so the arrow does not cover the pair.
    const off = (a * px + c * py + e) / (norm * norm);
    const sx = plane.ranges[0][1] - plane.ranges[0][0];
    const sy = plane.ranges[1][1] - plane.ranges[1][0];
    const lx = -c / sy;
    const ly = a / sx;
    const ln = Math.hypot(lx, ly);
    const inBox = (x: number, y: number) =>
      x > s0 + 0.1 * sx && x < s1 - 0.1 * sx && y > t0 + 0.1 * sy && y < t1 - 0.1 * sy;
    let fx = px - a * off;
    let fy = py - c * off;
    for (const sgn of [1, -1]) {
      const qx = fx + (sgn * 0.25 * lx * sx) / ln;
      const qy = fy + (sgn * 0.25 * ly * sy) / ln;
      if (inBox(qx, qy)) {
        fx = qx;
        fy = qy;
        break;
      }
    }
    // Arrow length 18 % of the box in the plot's own scale (axes differ in units).
    const ux = a / sx;
    const uy = c / sy;
    const un = Math.hypot(ux, uy);
    annotations.push({
      x: fx + (0.18 * ux * sx) / un,
      y: fy + (0.18 * uy * sy) / un,
      ax: fx,
      ay: fy,
      xref: 'x',
      yref: 'y',
      axref: 'x',
      ayref: 'y',
      showarrow: true,
      arrowhead: 3,
      arrowsize: 1.3,
      arrowwidth: 2.5,
      arrowcolor: INK.text,
      text: '',
    });
    annotations.push({
      x: fx + (0.22 * ux * sx) / un,
      y: fy + (0.22 * uy * sy) / un,
      xref: 'x',
      yref: 'y',
      text: '<b>w</b>',
      showarrow: false,
      font: { size: FONT.annotation + 2, color: INK.text },
      bgcolor: 'rgba(255, 255, 255, 0.7)',
    });
  }
  const where = layer.d > 2 ? ` · slice ${plotText(plane.fixedText)}` : '';
  const layout = narrowLayout(
    `${samplerName(layer.sampler)} neuron ${j + 1} of ${layer.width}${where}`,
    data,
    {
      xaxis: axis(plotText(plane.names[0]), { range: plane.ranges[0] }),
      yaxis: axis(plotText(plane.names[1]), { range: plane.ranges[1] }),
      annotations,
      images,
      uirevision: `neuron-${layer.sampler}`,
      hovermode: 'closest',
    },
  );
  layout.margin = { ...(layout.margin as PlotLayout), r: 8 };
  return { data, layout };
}

/** Neurons drawn in the all-neurons figure: all when M ≤ max, else every (M/max)-th plus `keep`. */
export function shownNeurons(width: number, max: number, keep: number): number[] {
  const set = new Set<number>();
  if (width <= max) for (let j = 0; j < width; j++) set.add(j);
  else for (let i = 0; i < max; i++) set.add(Math.floor((i * width) / max));
  if (keep >= 0 && keep < width) set.add(keep);
  return [...set].sort((x, y) => x - y);
}

/**
 * The zero lines w·x + b = 0 of (up to `max`) neurons over the training data on the plane; for
 * SWIM also each pair's midpoint (where its zero line crosses the pair: tanh is 0 halfway), which
 * can be clicked to select the neuron. The selected neuron is drawn thick.
 */
export function zeroLinesFigure(
  r: RunResult,
  layer: LayerView,
  plane: SlicePlane,
  selected: number,
  max = 50,
): { figure: Figure; shown: number; missed: number } {
  const js = shownNeurons(layer.width, max, selected);
  const xs: Array<number | null> = [];
  const ys: Array<number | null> = [];
  let missed = 0;
  let sel: [[number, number], [number, number]] | null = null;
  for (const j of js) {
    const seg = clipLine(...lineOf(layer, j, plane), plane.ranges);
    if (!seg) {
      missed++;
      continue;
    }
    if (j === selected) sel = seg;
    xs.push(seg[0][0], seg[1][0], null);
    ys.push(seg[0][1], seg[1][1], null);
  }
  const color = layer.sampler === 'swim' ? HUES.green : HUES.purple;
  const data: PlotData[] = [
    trainTrace(r, plane, 0.35),
    {
      type: 'scatter',
      mode: 'lines',
      name: `zero lines (${js.length - missed} of ${layer.width})`,
      x: xs,
      y: ys,
      line: { color: withAlpha(color, 0.55), width: 1.2 },
      connectgaps: false,
      hoverinfo: 'skip',
    },
  ];
  const [ia, ib] = plane.axes;
  const d = layer.d;
  if (layer.pairPoints) {
    const pp = layer.pairPoints;
    const mid = (j: number, i: number) => (pp[2 * j * d + i] + pp[(2 * j + 1) * d + i]) / 2;
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'pair midpoints (click one)',
      x: js.map((j) => mid(j, ia)),
      y: js.map((j) => mid(j, ib)),
      customdata: js.map((j) => j),
      text: js.map((j) => `neuron ${j + 1}`),
      marker: { color: COLORS.pairs, size: 7, line: { color: INK.paper, width: 1 } },
      hovertemplate: '%{text}<extra>click to select</extra>',
    });
  }
  if (sel)
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: `neuron ${selected + 1}`,
      x: [sel[0][0], sel[1][0]],
      y: [sel[0][1], sel[1][1]],
      line: { color: INK.text, width: 3 },
      hoverinfo: 'skip',
    });
  const where = layer.d > 2 ? ` · slice ${plotText(plane.fixedText)}` : '';
  const title = `${samplerName(layer.sampler)}: zero lines w·x + b = 0${where}`;
  const layout = narrowLayout(title, data, {
    xaxis: axis(plotText(plane.names[0]), { range: plane.ranges[0] }),
    yaxis: axis(plotText(plane.names[1]), { range: plane.ranges[1] }),
    uirevision: `lines-${layer.sampler}`,
    hovermode: 'closest',
  });
  return { figure: { data, layout }, shown: js.length, missed };
}
