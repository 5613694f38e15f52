/**
 * Every family: the Koopman eigenvalues λ in the complex plane with the unit circle, |λ| > 1
 * flagged, and for a system with a known limit cycle (ω in the registry, free or controlled) the
 * reference angles k·ω·Δt as radial ticks; hover gives λ, |λ|, arg λ and ω = log(λ)/Δt.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../../run/result';
import { formatSig } from '../../format';
import { axis, baseLayout, cornerLegend, note } from '../layout';
import { COLORS, FONT, INK } from '../palette';
import { eigenInfo, isUnstable, referenceAngles, referenceFor } from '../spectrumData';
import type { Figure } from '../types';

/** Eigenvalues farther out than this are left off-scale (and counted) so the circle stays legible. */
const MAX_RADIUS = 3;
/** The ladder is drawn for k = −K_MAX…K_MAX. */
export const K_MAX = 5;
/** Name of the reference ladder's legend entry (tests look for it). */
export const LADDER_NAME = 'k·ω·Δt';

/** The ladder e^{i·k·ω·Δt}: a radial tick across the circle per k and a hover target on it. */
function ladder(omega: number, dt: number): { data: PlotData[]; annotations: PlotLayout[] } {
  const marks = referenceAngles(omega, dt, K_MAX);
  const x: (number | null)[] = [];
  const y: (number | null)[] = [];
  for (const m of marks) {
    x.push(0.85 * m.re, 1.15 * m.re, null);
    y.push(0.85 * m.im, 1.15 * m.im, null);
  }
  const data: PlotData[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: `${LADDER_NAME}, k=−${K_MAX}…${K_MAX}<br>(ω = ${formatSig(omega, 4)})`,
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
  ];
  const annotations = marks
    .filter((m) => Math.abs(m.k) === K_MAX)
    .map((m) => ({
      text: `k=${m.k}`,
      x: 1.3 * m.re,
      y: 1.3 * m.im,
      xref: 'x',
      yref: 'y',
      showarrow: false,
      font: { size: 12, color: COLORS.threshold },
    }));
  return { data, annotations };
}

export function spectrumFigure(result: RunResult): Figure {
  const { re, im } = result.eigenvalues;
  const dt = result.dt;
  const info = eigenInfo(re, im, dt);
  const hover =
    'λ = %{x:.5f} %{y:+.5f}i<br>|λ| = %{customdata[0]:.6f}<br>arg λ = %{customdata[1]:.5f} rad' +
    '<br>Re ω = %{customdata[2]:.4g} /time<br>Im ω = %{customdata[3]:.4g} rad/time<extra>%{fullData.name}</extra>';
  const groups = { stable: [] as number[], unstable: [] as number[] };
  for (let k = 0; k < re.length; k++)
    (isUnstable(re[k], im[k]) ? groups.unstable : groups.stable).push(k);
  const trace = (idx: number[], name: string, marker: PlotLayout): PlotData => ({
    type: 'scatter',
    mode: 'markers',
    name,
    x: idx.map((k) => re[k]),
    y: idx.map((k) => im[k]),
    customdata: idx.map((k) => [info.abs[k], info.angle[k], info.growth[k], info.freq[k]]),
    hovertemplate: hover,
    marker,
  });

  const { omega } = referenceFor(result.config);
  const ref = omega !== null ? ladder(omega, dt) : { data: [], annotations: [] };
  const data: PlotData[] = [
    ...ref.data,
    trace(groups.stable, '|λ| ≤ 1', {
      color: COLORS.eigen,
      size: 7,
      line: { color: INK.markerEdge, width: 1 },
    }),
    trace(groups.unstable, 'unstable |λ|>1', {
      color: COLORS.unstable,
      size: 10,
      symbol: 'diamond',
      line: { color: COLORS.truth, width: 1 },
    }),
  ];

  let maxAbs = 1;
  let offScale = 0;
  for (const a of info.abs) {
    if (a > MAX_RADIUS) offScale++;
    else if (a > maxAbs) maxAbs = a;
  }
  const R = Math.max(maxAbs, 1) * (omega !== null ? 1.38 : 1.12);
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
  const layout = baseLayout(`Koopman spectrum (${re.length} eigenvalues)`, 0, {
    // Equal aspect: the square plot area hugs the left edge, the legend sits in the space to its right.
    xaxis: axis('Re λ', {
      // The left 62 % at most: the legend keeps the rest, clear of the ladder's ticks.
      domain: [0, 0.62],
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
    shapes: [circle],
    annotations,
    hovermode: 'closest',
    uirevision: result.query,
  });
  cornerLegend(layout);
  return { data, layout };
}
