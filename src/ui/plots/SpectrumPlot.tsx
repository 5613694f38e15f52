import { useMemo, type Ref } from 'react';
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../run/result';
import { axis, baseLayout, note } from './layout';
import { COLORS } from './palette';
import { PlotlyFigure } from './PlotlyFigure';
import { eigenInfo, fmt, isUnstable, referenceAngles, referenceFor } from './plotData';

export interface SpectrumPlotProps {
  result: RunResult;
  graphRef?: Ref<HTMLDivElement>;
}

/** Eigenvalues farther out than this are left off-scale (and counted in a note) so the unit circle stays legible. */
const MAX_RADIUS = 3;

/** Koopman eigenvalues λ in the complex plane with the unit circle and, for van der Pol, e^{i·k·ω·Δt}. */
export function spectrumFigure(result: RunResult): { data: PlotData[]; layout: PlotLayout } {
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

  const data: PlotData[] = [];
  const shapes: PlotLayout[] = [
    {
      type: 'circle',
      xref: 'x',
      yref: 'y',
      x0: -1,
      y0: -1,
      x1: 1,
      y1: 1,
      line: { color: '#999999', width: 1.5 },
      layer: 'below',
    },
  ];
  const annotations: PlotLayout[] = [];

  const { omega } = referenceFor(result.config);
  if (omega !== null) {
    // Limit cycle: eigenvalues on the unit circle at angles k·ω·Δt (METHOD.md §5). Radial ticks
    // across the circle mark them without hiding eigenvalues that sit exactly there.
    const marks = referenceAngles(omega, dt, 5);
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    for (const m of marks) {
      x.push(0.85 * m.re, 1.15 * m.re, null);
      y.push(0.85 * m.im, 1.15 * m.im, null);
    }
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: `k·ω·Δt, k=−5…5<br>(ω = ${fmt(omega, 4)})`,
      x,
      y,
      line: { color: COLORS.threshold, width: 2 },
      hoverinfo: 'skip',
    });
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'k·ω·Δt',
      x: marks.map((m) => m.re),
      y: marks.map((m) => m.im),
      customdata: marks.map((m) => [m.k, m.angle]),
      marker: { color: 'rgba(0, 0, 0, 0)', size: 10 },
      hovertemplate:
        'k = %{customdata[0]}<br>k·ω·Δt = %{customdata[1]:.4f} rad<extra>reference</extra>',
      showlegend: false,
    });
    for (const m of marks.filter((mk) => Math.abs(mk.k) === 5)) {
      annotations.push({
        text: `k=${m.k}`,
        x: 1.3 * m.re,
        y: 1.3 * m.im,
        xref: 'x',
        yref: 'y',
        showarrow: false,
        font: { size: 12, color: COLORS.threshold },
      });
    }
  }
  data.push(
    trace(groups.stable, '|λ| ≤ 1', {
      color: COLORS.eigen,
      size: 7,
      line: { color: '#1F4E79', width: 1 },
    }),
    trace(groups.unstable, 'unstable |λ|>1', {
      color: COLORS.unstable,
      size: 10,
      symbol: 'diamond',
      line: { color: '#000000', width: 1 },
    }),
  );

  let maxAbs = 1;
  let offScale = 0;
  for (const a of info.abs) {
    if (a > MAX_RADIUS) offScale++;
    else if (a > maxAbs) maxAbs = a;
  }
  const R = Math.max(maxAbs, 1) * (omega !== null ? 1.38 : 1.12);
  if (offScale > 0) {
    annotations.push(
      note(`${offScale} eigenvalue(s) with |λ| > ${MAX_RADIUS} off-scale`, 0, 0, {
        xanchor: 'left',
        yanchor: 'bottom',
      }),
    );
  }
  const layout = baseLayout(`Koopman spectrum (${re.length} eigenvalues)`, 0, {
    // Equal aspect: the square plot area hugs the left edge, the legend sits in the space to its right.
    xaxis: axis('Re λ', {
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
    shapes,
    annotations,
    hovermode: 'closest',
    uirevision: result.query,
  });
  layout.legend = {
    ...(layout.legend as PlotLayout),
    orientation: 'v',
    xref: 'paper',
    x: 1,
    xanchor: 'right',
    y: 1,
    yanchor: 'top',
  };
  return { data, layout };
}

/** Eigenvalues of K with the unit circle; |λ| > 1 flagged; hover gives λ, |λ|, arg λ and ω = log(λ)/Δt. */
export function SpectrumPlot({ result, graphRef }: SpectrumPlotProps) {
  const fig = useMemo(() => spectrumFigure(result), [result]);
  return (
    <PlotlyFigure testid="plot-spectrum" data={fig.data} layout={fig.layout} graphRef={graphRef} />
  );
}
