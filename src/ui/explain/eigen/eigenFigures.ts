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
import { axis, baseLayout, hline, note } from '../../plots/layout';
import { COLORS, INK, withAlpha } from '../../plots/palette';
import { plotText } from '../../plots/plotText';
import { RESIDUAL_HIGH } from '../../plots/spectrumData';
import type { Figure } from '../../plots/types';
import { colorImageUrl, VIRIDIS } from './colorImage';

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

/** "0.9956 + 0.0942i" */
export function complexText(re: number, im: number): string {
  const s = im < 0 ? '−' : '+';
  return `${formatSig(re, 4)} ${s} ${formatSig(Math.abs(im), 4)}i`;
}

/** Label of an eigenvalue in the list and the titles: λ with its continuous-time rate. */
export function pairLabel(p: EigenPairInfo): string {
  return `λ = ${complexText(p.re, p.im)}`;
}

/** "0.9956 ± 0.0942i" for a listed pair (its conjugate included), "1" for a real one. */
export function pairText(p: EigenPairInfo): string {
  if (p.im === 0) return formatSig(p.re, 4);
  return `${formatSig(p.re, 4)} ± ${formatSig(p.im, 4)}i`;
}

/** log10 of a residual, floored at −8 for the colour scale. */
function logRes(r: number): number {
  return Math.log10(Math.max(r, 1e-8));
}

/**
 * The eigenvalues unrolled: frequency arg λ/Δt across, |λ| up (the upper half plane: a conjugate
 * pair is one point), so the limit cycle's ladder k·ω and the transient modes below it are apart
 * even where they crowd together on the unit circle. K's other eigenvalues in light grey, the
 * listed ones coloured by log10 of the ResDMD residual, the selected one ringed. customdata of
 * the coloured points is the position in `a.pairs` (for the click handler).
 */
export function eigenSpectrumFigure(
  a: EigenfunctionAnalysis,
  eig: RunResult['eigenvalues'],
  selected: number,
): Figure {
  const dt = a.dt;
  const listed = new Set(a.pairs.map((p) => `${p.re},${p.im}`));
  const others = Array.from(eig.re.keys()).filter(
    (k) => eig.im[k] >= 0 && !listed.has(`${eig.re[k]},${eig.im[k]}`),
  );
  const mods = a.pairs.map((p) => p.modulus);
  const lo = Math.max(0, Math.min(...mods) - 0.03);
  const hi = Math.max(1, ...mods) + 0.015;
  const fmax = Math.max(...a.pairs.map((p) => p.frequency), 0.1);
  const hover = (p: EigenPairInfo) =>
    `λ = ${complexText(p.re, p.im)} (and its conjugate)<br>|λ| = ${formatSig(p.modulus, 6)}, ω = arg λ/Δt = ${formatSig(p.frequency, 4)} rad/t` +
    `<br>rate ln|λ|/Δt = ${formatSig(p.growth, 3)} 1/t<br>ResDMD residual = ${formatSig(p.residual, 3)}<extra></extra>`;
  const data: PlotData[] = [
    {
      type: 'scatter',
      mode: 'markers',
      name: 'other eigenvalues',
      x: others.map((k) => Math.atan2(eig.im[k], eig.re[k]) / dt),
      y: others.map((k) => Math.hypot(eig.re[k], eig.im[k])),
      marker: { color: '#c8c8c8', size: 6 },
      hovertemplate: 'ω = %{x:.4g}, |λ| = %{y:.5f}<extra>not listed</extra>',
    },
    {
      type: 'scatter',
      mode: 'markers',
      name: 'listed (colour: residual)',
      x: a.pairs.map((p) => p.frequency),
      y: mods,
      customdata: a.pairs.map((_, j) => j),
      text: a.pairs.map(hover),
      hovertemplate: '%{text}',
      marker: {
        size: 11,
        color: a.pairs.map((p) => logRes(p.residual)),
        cmin: -4,
        cmax: Math.log10(RESIDUAL_HIGH) + 0.5,
        colorscale: VIRIDIS,
        line: { color: INK.markerEdge, width: 1 },
        colorbar: { title: { text: 'log₁₀ residual', side: 'right' }, thickness: 10, len: 0.8 },
      },
    },
  ];
  const s = a.pairs[selected];
  if (s)
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'drawn below',
      x: [s.frequency],
      y: [s.modulus],
      marker: { size: 21, color: 'rgba(0,0,0,0)', line: { color: COLORS.linear, width: 2.5 } },
      hoverinfo: 'skip',
    });
  const layout = baseLayout('Leading eigenvalues (click one)', 1, {
    xaxis: axis('frequency ω = arg λ / Δt (rad per unit time)', {
      range: [-0.04 * fmax - 0.05, 1.06 * fmax + 0.05],
    }),
    yaxis: axis('|λ|', { range: [lo, hi] }),
    hovermode: 'closest',
    shapes: [hline(1, INK.circle, 'dot')],
    annotations: [note('|λ| = 1', 1, 1, { xanchor: 'right', yref: 'y', yanchor: 'bottom' })],
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
    marker: {
      color: withAlpha('#ffffff', 0.6),
      size: 3,
      line: { color: withAlpha('#555555', 0.5), width: 0.5 },
    },
    hoverinfo: 'skip',
  });
  if (a.orbit) {
    const o = a.orbit;
    out.push({
      type: 'scatter',
      mode: 'lines',
      name: 'orbit on the attractor',
      legendgroup: 'orbit',
      x: Array.from({ length: o.steps + 1 }, (_, k) => o.states[k * d]),
      y: Array.from({ length: o.steps + 1 }, (_, k) => o.states[k * d + 1]),
      line: { color: orbitColor, width: 2.5 },
      hoverinfo: 'skip',
    });
  }
  return out;
}

/**
 * A colour map of `values` (ny×nx over the grid) as a stretched layout image, with an invisible
 * trace that carries its colour bar and a coarser invisible grid of hover points.
 */
function colorMap(
  a: EigenfunctionAnalysis,
  values: Float64Array,
  scale: Array<[number, string]>,
  range: [number, number],
  label: string,
  colorbar: Record<string, unknown>,
): { traces: PlotData[]; image: PlotLayout } {
  const g = a.grid!;
  const dx = (g.x[g.nx - 1] - g.x[0]) / (g.nx - 1);
  const dy = (g.y[g.ny - 1] - g.y[0]) / (g.ny - 1);
  const image: PlotLayout = {
    source: colorImageUrl(values, g.nx, g.ny, scale, range[0], range[1]),
    xref: 'x',
    yref: 'y',
    x: g.x[0] - dx / 2,
    y: g.y[g.ny - 1] + dy / 2,
    sizex: g.x[g.nx - 1] - g.x[0] + dx,
    sizey: g.y[g.ny - 1] - g.y[0] + dy,
    sizing: 'stretch',
    xanchor: 'left',
    yanchor: 'top',
    layer: 'below',
  };
  const hx: number[] = [];
  const hy: number[] = [];
  const hv: number[] = [];
  const stride = Math.max(1, Math.round(g.nx / 40));
  for (let i = 0; i < g.ny; i += stride)
    for (let j = 0; j < g.nx; j += stride) {
      hx.push(g.x[j]);
      hy.push(g.y[i]);
      hv.push(values[i * g.nx + j]);
    }
  const traces: PlotData[] = [
    {
      type: 'scatter',
      mode: 'markers',
      name: label,
      x: hx,
      y: hy,
      customdata: hv,
      marker: {
        size: 6,
        opacity: 0,
        color: hv,
        cmin: range[0],
        cmax: range[1],
        colorscale: scale,
        showscale: true,
        colorbar: { thickness: 10, len: 0.85, ...colorbar },
      },
      hovertemplate: `${plotText(a.stateNames[0])} = %{x:.3g}, ${plotText(a.stateNames[1])} = %{y:.3g}<br>${label} = %{customdata:.3f}<extra></extra>`,
      showlegend: false,
    },
  ];
  return { traces, image };
}

function mapLayout(title: string, a: EigenfunctionAnalysis, image: PlotLayout): PlotLayout {
  const g = a.grid!;
  return baseLayout(title, 1, {
    xaxis: axis(plotText(a.stateNames[0]), { range: [g.x[0], g.x[g.nx - 1]] }),
    yaxis: axis(plotText(a.stateNames[1]), { range: [g.y[0], g.y[g.ny - 1]] }),
    hovermode: 'closest',
    images: [image],
  });
}

/** |φ_j| on the grid (max 1), Viridis, with data and orbit. */
export function modulusMapFigure(a: EigenfunctionAnalysis, r: RunResult, j: number): Figure {
  const p = a.pairs[j];
  const { traces, image } = colorMap(a, a.grid!.modulus[j], VIRIDIS, [0, 1], '|φ|', {
    title: { text: '|φ|', side: 'right' },
  });
  const data = [...traces, ...overlays(a, r, COLORS.linear)];
  return { data, layout: mapLayout(`|φ| for ${pairLabel(p)}`, a, image) };
}

/** arg φ_j on the grid with the cyclic scale (isochrons are its colour bands), data and orbit. */
export function phaseMapFigure(a: EigenfunctionAnalysis, r: RunResult, j: number): Figure {
  const p = a.pairs[j];
  const { traces, image } = colorMap(
    a,
    a.grid!.phase[j],
    CYCLIC_SCALE,
    [-Math.PI, Math.PI],
    'arg φ',
    {
      title: { text: 'arg φ', side: 'right' },
      tickvals: [-Math.PI, -Math.PI / 2, 0, Math.PI / 2, Math.PI],
      ticktext: ['−π', '−π/2', '0', 'π/2', 'π'],
    },
  );
  const data = [...traces, ...overlays(a, r, INK.text)];
  return { data, layout: mapLayout(`arg φ for ${pairLabel(p)}`, a, image) };
}
