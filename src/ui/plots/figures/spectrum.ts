/**
 * Every family: the Koopman eigenvalues λ in the complex plane with the unit circle, split into
 * inside / on the circle (||λ| − 1| ≤ ON_CIRCLE_TOL, the tolerance the cards and warnings use) /
 * outside; for a system with a known limit cycle (ω in the registry) the reference angles k·ω·Δt
 * as radial ticks. A second panel unrolls the neighbourhood of λ = 1 (arg λ across, |λ| up) so the
 * ladder and its k labels are readable without zooming. Hover gives |λ|, arg λ, the rate
 * log(λ)/Δt, the period and, when the run has them, the ResDMD residual (METHOD.md §12); doubtful
 * eigenvalues (residual > RESIDUAL_HIGH) are faded, and a legend entry counts them.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../../run/result';
import { formatSig } from '../../format';
import { axis, baseLayout, legendNames, legendRows, note } from '../layout';
import { COLORS, FONT, INK } from '../palette';
import {
  circleClass,
  eigenInfo,
  ON_CIRCLE_TEXT,
  period,
  referenceAngles,
  referenceFor,
  RESIDUAL_HIGH,
  trustOf,
  type CircleClass,
} from '../spectrumData';
import type { Figure } from '../types';

/** Eigenvalues farther out than this are left off-scale (and counted) so the circle stays legible. */
const MAX_RADIUS = 3;
/** The ladder is drawn for k = −K_MAX…K_MAX. */
export const K_MAX = 5;
/** Name of the reference ladder's legend entry (tests look for it). */
export const LADDER_NAME = 'k·ω·Δt';
/** Legend names of the three eigenvalue groups (tests look for them). */
export const GROUP_NAMES: Record<CircleClass, string> = {
  inside: 'inside',
  circle: 'on the circle',
  outside: 'outside',
};
/** Opacity of doubtful eigenvalues (ResDMD residual > RESIDUAL_HIGH). */
const FADED = 0.28;
/** Legend name of the faded eigenvalues (tests look for it). */
export const DOUBTFUL_NAME = `faded: ResDMD residual > ${RESIDUAL_HIGH}`;

/** "3.0e-3 (trusted)" for the hover. */
function residualText(res: number): string {
  const trust = trustOf(res);
  return trust ? `${formatSig(res, 2)} (${trust})` : 'not defined';
}

/** The zoom panel's half-width in arg λ when ω is unknown (rad). */
const ZOOM_DEFAULT = 0.35;
/** The zoom panel's |λ| range. */
export const ZOOM_ABS: [number, number] = [0.9, 1.04];

/** The ladder e^{i·k·ω·Δt}: a radial tick across the circle per k and a hover target on it. */
function ladder(omega: number, dt: number): { data: PlotData[]; annotations: PlotLayout[] } {
  const marks = referenceAngles(omega, dt, K_MAX);
  const x: (number | null)[] = [];
  const y: (number | null)[] = [];
  // The same ticks unrolled on the zoom panel: vertical lines at arg λ = k·ω·Δt.
  const zx: (number | null)[] = [];
  const zy: (number | null)[] = [];
  for (const m of marks) {
    x.push(0.85 * m.re, 1.15 * m.re, null);
    y.push(0.85 * m.im, 1.15 * m.im, null);
    if (m.k < 0) continue;
    zx.push(m.angle, m.angle, null);
    zy.push(ZOOM_ABS[0], ZOOM_ABS[1], null);
  }
  const data: PlotData[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: `${LADDER_NAME} (ω = ${formatSig(omega, 4)})`,
      legendgroup: LADDER_NAME,
      x,
      y,
      line: { color: COLORS.threshold, width: 2 },
      hoverinfo: 'skip',
    },
    {
      type: 'scatter',
      mode: 'markers',
      name: LADDER_NAME,
      legendgroup: LADDER_NAME,
      x: marks.map((m) => m.re),
      y: marks.map((m) => m.im),
      customdata: marks.map((m) => [m.k, m.angle]),
      marker: { color: 'rgba(0, 0, 0, 0)', size: 10 },
      hovertemplate:
        'k = %{customdata[0]}<br>k·ω·Δt = %{customdata[1]:.4f} rad<extra>reference</extra>',
      showlegend: false,
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: `${LADDER_NAME} (zoom)`,
      legendgroup: LADDER_NAME,
      x: zx,
      y: zy,
      xaxis: 'x2',
      yaxis: 'y2',
      line: { color: COLORS.threshold, width: 1.5, dash: 'dot' },
      hoverinfo: 'skip',
      showlegend: false,
    },
  ];
  const annotations: PlotLayout[] = marks
    .filter((m) => Math.abs(m.k) === K_MAX)
    .map((m) => ({
      text: `k=${m.k}`,
      x: 1.3 * m.re,
      y: 1.3 * m.im,
      xref: 'x',
      yref: 'y',
      showarrow: false,
      font: { size: FONT.annotation, color: INK.note },
    }));
  // Every k = 1…K_MAX labelled on the zoom panel, above its tick ("k=1", then "2"…"5": room).
  for (const m of marks)
    if (m.k >= 1)
      annotations.push({
        text: m.k === 1 ? 'k=1' : String(m.k),
        x: m.angle,
        y: ZOOM_ABS[1],
        xref: 'x2',
        yref: 'y2',
        yanchor: 'bottom',
        showarrow: false,
        font: { size: FONT.annotation, color: INK.note },
        name: 'ladder-label',
      });
  return { data, annotations };
}

export function spectrumFigure(result: RunResult): Figure {
  const { re, im } = result.eigenvalues;
  const dt = result.dt;
  const info = eigenInfo(re, im, dt);
  const residual = result.eigenvalues.residual;
  const hover =
    'λ = %{customdata[5]:.5f} %{customdata[6]:+.5f}i<br>|λ| = %{customdata[0]:.6f}<br>arg λ = %{customdata[1]:.5f} rad' +
    '<br>rate log(λ)/Δt = %{customdata[2]:.4g} %{customdata[3]:+.4g}i /time' +
    '<br>period 2π/Im = %{customdata[4]}' +
    (residual ? '<br>ResDMD residual = %{customdata[7]}' : '') +
    '<extra>%{fullData.name}</extra>';
  const groups: Record<CircleClass, number[]> = { inside: [], circle: [], outside: [] };
  for (let k = 0; k < re.length; k++) groups[circleClass(re[k], im[k])].push(k);
  const custom = (idx: number[]) =>
    idx.map((k) => {
      const T = period(info.freq[k]);
      return [
        info.abs[k],
        info.angle[k],
        info.growth[k],
        info.freq[k],
        Number.isFinite(T) ? formatSig(T, 4) : '∞ (real λ)',
        re[k],
        im[k],
        residual ? residualText(residual[k]) : '',
      ];
    });
  // Doubtful eigenvalues (ResDMD residual > RESIDUAL_HIGH) are drawn faded.
  const opacity = (idx: number[]) =>
    idx.map((k) => (residual && trustOf(residual[k]) === 'doubtful' ? FADED : 1));
  const markers: Record<CircleClass, PlotLayout> = {
    inside: { color: COLORS.eigen, size: 7, line: { color: INK.markerEdge, width: 1 } },
    circle: {
      color: COLORS.onCircle,
      size: 9,
      symbol: 'circle-open',
      line: { color: COLORS.onCircle, width: 2.5 },
    },
    outside: {
      color: COLORS.unstable,
      size: 10,
      symbol: 'diamond',
      line: { color: COLORS.truth, width: 1 },
    },
  };
  const order: CircleClass[] = ['inside', 'circle', 'outside'];
  const traces: PlotData[] = order.map((g) => ({
    type: 'scatter',
    mode: 'markers',
    name: `${GROUP_NAMES[g]}${g === 'circle' ? ` ${ON_CIRCLE_TEXT}` : ''} (${groups[g].length})`,
    legendgroup: g,
    x: groups[g].map((k) => re[k]),
    y: groups[g].map((k) => im[k]),
    customdata: custom(groups[g]),
    hovertemplate: hover,
    marker: { ...markers[g], opacity: opacity(groups[g]) },
  }));
  // The zoom panel: the same eigenvalues unrolled near λ = 1 (x = arg λ, y = |λ|).
  const zoomTraces: PlotData[] = order.map((g) => ({
    type: 'scatter',
    mode: 'markers',
    name: `${GROUP_NAMES[g]} (zoom)`,
    legendgroup: g,
    showlegend: false,
    x: groups[g].map((k) => info.angle[k]),
    y: groups[g].map((k) => info.abs[k]),
    customdata: custom(groups[g]),
    hovertemplate: hover,
    marker: { ...markers[g], opacity: opacity(groups[g]) },
    xaxis: 'x2',
    yaxis: 'y2',
  }));

  const { omega } = referenceFor(result.config);
  const ref = omega !== null ? ladder(omega, dt) : { data: [], annotations: [] };
  const data: PlotData[] = [...ref.data, ...traces, ...zoomTraces];
  if (residual) {
    // A legend-only entry that explains the fading and counts the doubtful eigenvalues.
    const doubtful = Array.from(residual).filter((x) => trustOf(x) === 'doubtful').length;
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `${DOUBTFUL_NAME} (${doubtful} of ${residual.length})`,
      x: [null],
      y: [null],
      marker: { color: COLORS.eigen, size: 7, opacity: FADED },
      hoverinfo: 'skip',
    });
  }

  let maxAbs = 1;
  let offScale = 0;
  for (const a of info.abs) {
    if (a > MAX_RADIUS) offScale++;
    else if (a > maxAbs) maxAbs = a;
  }
  const R = Math.max(maxAbs, 1) * (omega !== null ? 1.38 : 1.12);
  const step = omega !== null ? Math.abs(omega * dt) : 0;
  const zoomRange: [number, number] =
    omega !== null ? [-0.6 * step, (K_MAX + 0.6) * step] : [-ZOOM_DEFAULT, ZOOM_DEFAULT];
  const annotations = [...ref.annotations];
  if (offScale > 0)
    annotations.push(
      note(`${offScale} eigenvalue(s) with |λ| > ${MAX_RADIUS} off-scale`, 0, 0, {
        xanchor: 'left',
        yanchor: 'bottom',
        font: { size: FONT.small },
      }),
    );
  const circle: PlotLayout = {
    type: 'circle',
    xref: 'x',
    yref: 'y',
    x0: -1,
    y0: -1,
    x1: 1,
    y1: 1,
    line: { color: INK.circle, width: 1.5 },
    layer: 'below',
  };
  // On the zoom panel the unit circle is the line |λ| = 1, the tolerance band around it shaded.
  const band: PlotLayout = {
    type: 'rect',
    xref: 'x2',
    yref: 'y2',
    x0: zoomRange[0],
    x1: zoomRange[1],
    y0: 1 - 1e-3,
    y1: 1 + 1e-3,
    fillcolor: 'rgba(0, 0, 0, 0.08)',
    line: { width: 0 },
    layer: 'below',
  };
  const unitLine: PlotLayout = {
    type: 'line',
    xref: 'x2',
    yref: 'y2',
    x0: zoomRange[0],
    x1: zoomRange[1],
    y0: 1,
    y1: 1,
    line: { color: INK.circle, width: 1.5 },
    layer: 'below',
  };
  const counts = order.map((g) => `${groups[g].length} ${g === 'circle' ? 'on' : g}`).join(' · ');
  const layout = baseLayout(`Koopman spectrum: ${counts}`, legendRows(legendNames(data)), {
    // Equal aspect: the square plot area hugs the left edge; the zoom panel fills the right half.
    xaxis: axis('Re λ', {
      domain: [0, 0.44],
      range: [-R, R],
      zeroline: true,
      zerolinecolor: COLORS.guide,
      constrain: 'domain',
      constraintoward: 'left',
    }),
    yaxis: axis('Im λ', {
      range: [-R, R],
      scaleanchor: 'x',
      scaleratio: 1,
      zeroline: true,
      zerolinecolor: COLORS.guide,
    }),
    xaxis2: axis('arg λ (rad), near λ = 1', {
      domain: [0.56, 1],
      range: zoomRange,
      anchor: 'y2',
      zeroline: true,
      zerolinecolor: COLORS.guide,
    }),
    yaxis2: axis('|λ|', {
      range: ZOOM_ABS,
      anchor: 'x2',
    }),
    shapes: [circle, band, unitLine],
    annotations,
    hovermode: 'closest',
    uirevision: result.query,
  });
  return { data, layout };
}
