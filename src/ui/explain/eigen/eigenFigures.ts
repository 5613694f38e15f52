/**
 * Pure figure builders of the eigenfunction view (METHOD.md §5, §12): the spectrum with each
 * listed eigenvalue coloured by its ResDMD residual, and |φ| and arg φ of the chosen
 * eigenfunction as colour maps over the phase plane with the training data and the orbit on the
 * attractor on top. Analysis in, Plotly figure out: no DOM, no store.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { EigenfunctionAnalysis, EigenPairInfo } from '../../../run/eigenfunctions';
import type { RunResult } from '../../../run/result';
import { formatSig } from '../../format';
import { axis, baseLayout } from '../../plots/layout';
import { COLORS, INK, withAlpha } from '../../plots/palette';
import type { Figure } from '../../plots/types';

/**
 * A cyclic colour scale for arg φ ∈ [−π, π]: the hue circle at moderate lightness (red → yellow →
 * green → cyan → blue → magenta → red), so −π and π get the same colour and each isochron (a level
 * set of arg φ) is one colour band.
 */
export const CYCLIC_SCALE: Array<[number, string]> = [
  [0, '#d7463c'],
  [1 / 6, '#c9a227'],
  [2 / 6, '#4fa64a'],
  [3 / 6, '#2aa1a8'],
  [4 / 6, '#3f6fd1'],
  [5 / 6, '#b04fc0'],
  [1, '#d7463c'],
];

/** ResDMD residuals above this are called unreliable in the view (the colour scale's top). */
export const RESIDUAL_HIGH = 0.1;

/** "0.9956 + 0.0942i" */
export function complexText(re: number, im: number): string {
  const s = im < 0 ? '−' : '+';
  return `${formatSig(re, 4)} ${s} ${formatSig(Math.abs(im), 4)}i`;
}

/** Label of an eigenvalue in the list and the titles: λ with its continuous-time rate. */
export function pairLabel(p: EigenPairInfo): string {
  return `λ = ${complexText(p.re, p.im)}`;
}

/** log10 of a residual, floored at −8 for the colour scale. */
function logRes(r: number): number {
  return Math.log10(Math.max(r, 1e-8));
}

/**
 * The eigenvalues in the complex plane: all of K's in light grey, the listed ones (and their
 * conjugates) coloured by log10 of the ResDMD residual, the selected one ringed. customdata of the
 * coloured points is the position in `a.pairs` (for the click handler).
 */
export function eigenSpectrumFigure(
  a: EigenfunctionAnalysis,
  eig: RunResult['eigenvalues'],
  selected: number,
): Figure {
  const t = Array.from({ length: 181 }, (_, k) => (2 * Math.PI * k) / 180);
  const hover = (p: EigenPairInfo, sign: 1 | -1) =>
    `${complexText(p.re, sign * p.im)}<br>|λ| = ${formatSig(p.modulus, 6)}, arg λ = ${formatSig(sign * p.angle, 4)} rad` +
    `<br>rate ln|λ|/Δt = ${formatSig(p.growth, 3)}, freq = ${formatSig(sign * p.frequency, 4)} rad/t` +
    `<br>ResDMD residual = ${formatSig(p.residual, 3)}<extra></extra>`;
  const pts = a.pairs.flatMap((p, j) =>
    p.im > 0
      ? [
          { p, j, sign: 1 as const },
          { p, j, sign: -1 as const },
        ]
      : [{ p, j, sign: 1 as const }],
  );
  const data: PlotData[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: 'unit circle',
      x: t.map(Math.cos),
      y: t.map(Math.sin),
      line: { color: INK.circle, width: 1 },
      hoverinfo: 'skip',
      showlegend: false,
    },
    {
      type: 'scatter',
      mode: 'markers',
      name: 'other eigenvalues',
      x: Array.from(eig.re),
      y: Array.from(eig.im),
      marker: { color: '#d0d0d0', size: 5 },
      hovertemplate: 'λ = %{x:.4f} %{y:+.4f}i<extra>not listed</extra>',
    },
    {
      type: 'scatter',
      mode: 'markers',
      name: 'listed (colour: residual)',
      x: pts.map((q) => q.p.re),
      y: pts.map((q) => q.sign * q.p.im),
      customdata: pts.map((q) => q.j),
      text: pts.map((q) => hover(q.p, q.sign)),
      hovertemplate: '%{text}',
      marker: {
        size: 11,
        color: pts.map((q) => logRes(q.p.residual)),
        cmin: -4,
        cmax: Math.log10(RESIDUAL_HIGH) + 0.5,
        colorscale: 'Viridis',
        reversescale: true,
        line: { color: INK.markerEdge, width: 1 },
        colorbar: {
          title: { text: 'log₁₀ res', side: 'right' },
          thickness: 10,
          len: 0.8,
        },
      },
    },
  ];
  const s = a.pairs[selected];
  if (s)
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'shown below',
      x: s.im > 0 ? [s.re, s.re] : [s.re],
      y: s.im > 0 ? [s.im, -s.im] : [s.im],
      marker: { size: 20, color: 'rgba(0,0,0,0)', line: { color: COLORS.linear, width: 2.5 } },
      hoverinfo: 'skip',
    });
  const layout = baseLayout('Eigenvalues of K (click one)', 1, {
    xaxis: axis('Re λ', { range: [-1.15, 1.15], zeroline: true, zerolinecolor: INK.grid }),
    yaxis: axis('Im λ', {
      range: [-1.15, 1.15],
      scaleanchor: 'x',
      zeroline: true,
      zerolinecolor: INK.grid,
    }),
    hovermode: 'closest',
  });
  return { data, layout };
}

/** The training sample and the orbit on the attractor, drawn over a map. */
function overlays(a: EigenfunctionAnalysis, r: RunResult, orbitColor: string): PlotData[] {
  const out: PlotData[] = [];
  const { x, rows } = r.trainSample;
  const d = r.dim;
  out.push({
    type: 'scatter',
    mode: 'markers',
    name: 'training data',
    x: Array.from({ length: rows }, (_, k) => x[k * d]),
    y: Array.from({ length: rows }, (_, k) => x[k * d + 1]),
    marker: { color: withAlpha('#ffffff', 0.55), size: 2.5 },
    hoverinfo: 'skip',
  });
  if (a.orbit) {
    const o = a.orbit;
    out.push({
      type: 'scatter',
      mode: 'lines',
      name: 'orbit on the attractor',
      x: Array.from({ length: o.steps + 1 }, (_, k) => o.states[k * d]),
      y: Array.from({ length: o.steps + 1 }, (_, k) => o.states[k * d + 1]),
      line: { color: orbitColor, width: 2.5 },
      hoverinfo: 'skip',
    });
  }
  return out;
}

function rowsOf(v: Float64Array, nx: number, ny: number): number[][] {
  return Array.from({ length: ny }, (_, i) => Array.from(v.subarray(i * nx, (i + 1) * nx)));
}

function mapLayout(title: string, a: EigenfunctionAnalysis): PlotLayout {
  const g = a.grid!;
  return baseLayout(title, 1, {
    xaxis: axis(a.stateNames[0], { range: [g.x[0], g.x[g.nx - 1]] }),
    yaxis: axis(a.stateNames[1], { range: [g.y[0], g.y[g.ny - 1]] }),
    hovermode: 'closest',
  });
}

/** |φ_j| on the grid (max 1), Viridis, with data and orbit. */
export function modulusMapFigure(a: EigenfunctionAnalysis, r: RunResult, j: number): Figure {
  const g = a.grid!;
  const p = a.pairs[j];
  const data: PlotData[] = [
    {
      type: 'heatmap',
      name: '|φ|',
      x: Array.from(g.x),
      y: Array.from(g.y),
      z: rowsOf(g.modulus[j], g.nx, g.ny),
      zmin: 0,
      zmax: 1,
      colorscale: 'Viridis',
      colorbar: { title: { text: '|φ|', side: 'right' }, thickness: 10, len: 0.85 },
      hovertemplate: `${a.stateNames[0]} = %{x:.3g}, ${a.stateNames[1]} = %{y:.3g}<br>|φ| = %{z:.3f}<extra></extra>`,
      showlegend: false,
    },
    ...overlays(a, r, '#ffffff'),
  ];
  return { data, layout: mapLayout(`|φ| for ${pairLabel(p)}`, a) };
}

/** arg φ_j on the grid with the cyclic scale (isochrons are its colour bands), data and orbit. */
export function phaseMapFigure(a: EigenfunctionAnalysis, r: RunResult, j: number): Figure {
  const g = a.grid!;
  const p = a.pairs[j];
  const data: PlotData[] = [
    {
      type: 'heatmap',
      name: 'arg φ',
      x: Array.from(g.x),
      y: Array.from(g.y),
      z: rowsOf(g.phase[j], g.nx, g.ny),
      zmin: -Math.PI,
      zmax: Math.PI,
      colorscale: CYCLIC_SCALE,
      colorbar: {
        title: { text: 'arg φ', side: 'right' },
        thickness: 10,
        len: 0.85,
        tickvals: [-Math.PI, -Math.PI / 2, 0, Math.PI / 2, Math.PI],
        ticktext: ['−π', '−π/2', '0', 'π/2', 'π'],
      },
      hovertemplate: `${a.stateNames[0]} = %{x:.3g}, ${a.stateNames[1]} = %{y:.3g}<br>arg φ = %{z:.3f} rad<extra></extra>`,
      showlegend: false,
    },
    ...overlays(a, r, INK.text),
  ];
  return { data, layout: mapLayout(`arg φ for ${pairLabel(p)}`, a) };
}
