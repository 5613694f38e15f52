/**
 * Pure figure builders of the neuron view (METHOD.md §2): one neuron's activation σ(w·x + b) as a
 * heat map over the phase plane (a slice of it for d ≥ 3) with its SWIM pair marked, and the zero
 * lines w·x + b = 0 of many neurons over the training data. A layer (W, b, pairs) in, Plotly figure
 * out: no DOM, no store, no method code (the activation is evaluated here with Math.tanh: a
 * picture, not a result).
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../../run/result';
import { axis, baseLayout, legendNames, legendRows } from '../../plots/layout';
import { COLORS, FONT, HUES, INK, withAlpha } from '../../plots/palette';
import { plotText } from '../../plots/plotText';
import type { Figure } from '../../plots/types';
import { colorAt, pngDataUrl } from '../rasterPng';
import { activate, neuronInfo, type LayerView } from './neuronLayer';
import { clipLine, lineOf, type SlicePlane } from './slicePlane';

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
