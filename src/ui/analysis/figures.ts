/**
 * Pure figure builders of the analysis panel (METHOD.md §11, §3): the Lyapunov exponents' running
 * estimates, the marginal densities, the power spectra, the return map of successive maxima and
 * the held-out ridge curve. Analysis result in, Plotly figure out: no DOM, no store.
 */
import type { PlotData, PlotLayout } from 'plotly.js-gl3d-dist-min';
import type { LyapunovAnalysis, StatsAnalysis } from '../../run/analysis';
import type { RunResult } from '../../run/result';
import { formatSig } from '../format';
import { axis, figureLayout, hline, note, vline } from '../plots/layout';
import { COLORS, HUES, INK } from '../plots/palette';
import type { Figure } from '../plots/types';
import { plotText } from '../plots/plotText';

/** Subscript digits for λ₁, λ₂, … */
export function sub(n: number): string {
  return String(n)
    .split('')
    .map((c) => String.fromCharCode(0x2080 + Number(c)))
    .join('');
}

/** One colour per exponent (λ₁, λ₂, λ₃, …), the model told apart by the dash. */
const EXPONENT_COLORS = [HUES.blue, HUES.vermillion, HUES.green, HUES.purple, HUES.orange];

/** Range of the values of `ys` (finite only), padded by 8 % (at least ±0.05). */
function paddedRange(ys: number[]): [number, number] {
  const f = ys.filter(Number.isFinite);
  if (!f.length) return [-1, 1];
  const lo = Math.min(...f);
  const hi = Math.max(...f);
  const pad = Math.max(0.08 * (hi - lo), 0.05);
  return [lo - pad, hi + pad];
}

/**
 * Running estimates of the Lyapunov exponents: RNN solid, true system dashed, one colour per
 * exponent. λ₁ and λ₂ on top (with the reference λ_max dotted), the strongly negative ones below
 * (when d > 2), each y range from the later 90 % of the records so the first estimates' swings do
 * not flatten the convergence.
 */
export function lyapunovFigure(a: LyapunovAnalysis): Figure {
  const k = a.truth.running.k;
  const split = k > 2;
  const data: PlotData[] = [];
  const tops: number[] = [];
  const bottoms: number[] = [];
  for (const [who, s, dash] of [
    ['RNN', a.surrogate, 'solid'],
    ['true', a.truth, 'dash'],
  ] as const) {
    const { records, time, values } = s.running;
    const from = Math.floor(records / 10);
    for (let j = 0; j < s.running.k; j++) {
      const y = Array.from({ length: records }, (_, r) => values[r * s.running.k + j]);
      const lower = split && j >= 2;
      (lower ? bottoms : tops).push(...y.slice(from));
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: `${who} λ${sub(j + 1)}`,
        legendgroup: who,
        x: Array.from(time),
        y,
        yaxis: lower ? 'y2' : 'y',
        line: { color: EXPONENT_COLORS[j % EXPONENT_COLORS.length], width: 2, dash },
        hovertemplate: `t = %{x:.4g}<br>λ${sub(j + 1)} ≈ %{y:.4g}<extra>${who}</extra>`,
      });
    }
  }
  const lmax = a.reference.lambdaMax;
  if (lmax !== null) tops.push(lmax);
  const layout = figureLayout('Lyapunov exponents: running estimates', data, {
    xaxis: axis('model time t', { anchor: split ? 'y2' : 'y' }),
    yaxis: axis(split ? 'λ₁, λ₂' : 'λ', {
      range: paddedRange(tops),
      domain: split ? [0.45, 1] : [0, 1],
    }),
  });
  if (split)
    layout.yaxis2 = axis(`λ${sub(3)}${k > 3 ? '…' : ''}`, {
      range: paddedRange(bottoms),
      domain: [0, 0.38],
      anchor: 'x',
    });
  const shapes: PlotLayout[] = [];
  const annotations: PlotLayout[] = [];
  if (lmax !== null) {
    shapes.push({ ...hline(lmax, COLORS.threshold, 'dot'), yref: 'y' });
    annotations.push({
      ...note(`reference λ_max = ${formatSig(lmax, 4)}`, 1, lmax, {
        xanchor: 'right',
        yanchor: 'bottom',
        font: { color: INK.note, size: 13 },
      }),
      yref: 'y',
    });
  }
  layout.shapes = shapes;
  layout.annotations = annotations;
  return { data, layout };
}

/** A cell of the Lyapunov table: the raw value (null: not available) and its text. */
export interface LyapunovCell {
  value: number | null;
  text: string;
}

export interface LyapunovRow {
  key: string;
  label: string;
  rnn: LyapunovCell;
  truth: LyapunovCell;
  reference: LyapunovCell;
}

const cell = (v: number | null | undefined, digits = 4): LyapunovCell =>
  v === null || v === undefined
    ? { value: null, text: '–' }
    : { value: v, text: formatSig(v, digits) };

/**
 * The table under the plot: λ₁ … λ_min(d,3), Σλ and the Kaplan–Yorke dimension for the RNN and
 * the true system, with the reference λ_max (§7) and ⟨tr J_f⟩ (= Σλ of the flow).
 */
export function lyapunovRows(a: LyapunovAnalysis): LyapunovRow[] {
  const k = Math.min(a.truth.exponents.length, 3);
  const rows: LyapunovRow[] = [];
  for (let j = 0; j < k; j++)
    rows.push({
      key: `lambda${j + 1}`,
      label: `λ${sub(j + 1)}`,
      rnn: cell(a.surrogate.exponents[j]),
      truth: cell(a.truth.exponents[j]),
      reference: cell(j === 0 ? a.reference.lambdaMax : null),
    });
  rows.push({
    key: 'sum',
    label: 'Σλ',
    rnn: cell(a.surrogate.sum),
    truth: cell(a.truth.sum),
    reference: cell(Number.isFinite(a.reference.sum) ? a.reference.sum : null),
  });
  rows.push({
    key: 'kaplanYorke',
    label: 'Kaplan–Yorke dimension',
    rnn: cell(a.surrogate.kaplanYorke),
    truth: cell(a.truth.kaplanYorke),
    reference: cell(null),
  });
  return rows;
}

/** x-axis domains of `n` side-by-side panels with a small gap. */
function columnDomains(n: number, gap = 0.08): [number, number][] {
  const w = (1 - gap * (n - 1)) / n;
  return Array.from({ length: n }, (_, i) => [i * (w + gap), i * (w + gap) + w]);
}

const axisRef = (i: number, letter: 'x' | 'y') => (i === 0 ? letter : `${letter}${i + 1}`);
const axisKey = (i: number, letter: 'x' | 'y') =>
  i === 0 ? `${letter}axis` : `${letter}axis${i + 1}`;

/** Side-by-side panels, one per component, each with its own x and y axis. */
function panels(
  title: string,
  data: PlotData[],
  names: string[],
  xTitle: (i: number) => string,
  yTitle: string,
  yExtra: PlotLayout = {},
  xExtra: PlotLayout = {},
  sharedY = false,
): PlotLayout {
  const layout = figureLayout(title, data);
  const domains = columnDomains(names.length, sharedY ? 0.04 : 0.08);
  names.forEach((_, i) => {
    layout[axisKey(i, 'x')] = axis(xTitle(i), {
      domain: domains[i],
      anchor: axisRef(i, 'y'),
      ...xExtra,
    });
    layout[axisKey(i, 'y')] = axis(i === 0 ? yTitle : '', {
      anchor: axisRef(i, 'x'),
      ...yExtra,
      // Panels on one y scale label it once, on the left.
      ...(sharedY && i > 0 ? { showticklabels: false } : {}),
    });
  });
  return layout;
}

/**
 * Marginal densities of the RNN's long free run (blue) and the true system's (black), one panel
 * per component on their common binning, each titled with W₁ and its floor.
 */
export function marginalsFigure(a: StatsAnalysis): Figure {
  const { histograms: h, components } = a.stats;
  const d = components.length;
  const data: PlotData[] = [];
  for (let i = 0; i < d; i++) {
    const w = (h.hi[i] - h.lo[i]) / h.bins;
    const x = Array.from({ length: h.bins }, (_, b) => h.lo[i] + (b + 0.5) * w);
    for (const [who, values, color, width] of [
      ['true system', h.truth, COLORS.truth, 2],
      ['RNN', h.surrogate, COLORS.relift, 2.5],
    ] as const)
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: who,
        legendgroup: who,
        showlegend: i === 0,
        x,
        y: Array.from(values.subarray(i * h.bins, (i + 1) * h.bins)),
        xaxis: axisRef(i, 'x'),
        yaxis: axisRef(i, 'y'),
        line: { color, width, shape: 'hvh' },
        hovertemplate: `${plotText(components[i].name)} = %{x:.3g}<br>density %{y:.3g}<extra>${who}</extra>`,
      });
  }
  const layout = panels(
    'Marginal densities (long free run)',
    data,
    components.map((c) => plotText(c.name)),
    (i) =>
      `${plotText(components[i].name)}: W₁ ${formatSig(components[i].wasserstein, 2)} (floor ${formatSig(a.floor.components[i].wasserstein, 2)})`,
    'density',
    { rangemode: 'tozero' },
  );
  return { data, layout };
}

/**
 * Welch power spectra (normalised to unit sum), log y, one panel per component; null when the
 * free run was too short for a spectrum.
 */
export function spectraFigure(a: StatsAnalysis): Figure | null {
  const sp = a.stats.spectra;
  if (!sp) return null;
  const { components } = a.stats;
  const n = sp.freq.length;
  const data: PlotData[] = [];
  components.forEach((c, i) => {
    const x = Array.from(sp.freq.subarray(1));
    for (const [who, values, color, width] of [
      ['true system', sp.truth, COLORS.truth, 1.5],
      ['RNN', sp.surrogate, COLORS.relift, 2],
    ] as const)
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: who,
        legendgroup: who,
        showlegend: i === 0,
        x,
        // Zero power has no place on a log axis (a gap instead).
        y: Array.from(values.subarray(i * n + 1, (i + 1) * n), (v) => (v > 0 ? v : null)),
        xaxis: axisRef(i, 'x'),
        yaxis: axisRef(i, 'y'),
        line: { color, width },
        hovertemplate: `f = %{x:.3g}<br>power %{y:.3g}<extra>${who}</extra>`,
      } as PlotData);
  });
  // Eight decades below the largest power: the far tail is rounding noise of the FFT.
  let top = 0;
  for (const v of [sp.truth, sp.surrogate]) for (const p of v) if (p > top) top = p;
  const hi = Math.log10(top > 0 ? top : 1) + 0.3;
  const f1 = Math.log10(sp.freq[1]);
  const fN = Math.log10(sp.freq[n - 1]);
  const layout = panels(
    'Power spectra (Welch, normalised)',
    data,
    components.map((c) => plotText(c.name)),
    (i) => {
      const hd = components[i].spectrumHellinger;
      const fl = a.floor.components[i].spectrumHellinger;
      return `${plotText(components[i].name)}${hd === null ? '' : `: H ${formatSig(hd, 2)}${fl === null ? '' : ` (floor ${formatSig(fl, 2)})`}`}`;
    },
    'power',
    { type: 'log', exponentformat: 'power', range: [hi - 8, hi], dtick: 2 },
    { type: 'log', exponentformat: 'power', range: [f1, fN], dtick: 1 },
    true,
  );
  return { data, layout };
}

/** Return map of successive maxima m_{n+1} against m_n (Lorenz z: a thin cusp); null if none. */
export function returnMapFigure(a: StatsAnalysis): Figure | null {
  const rm = a.stats.returnMap;
  if (!rm) return null;
  const name = plotText(a.stateNames[rm.component] ?? `x${rm.component + 1}`);
  const pairs = (m: Float64Array) => ({
    x: Array.from(m.subarray(0, Math.max(0, m.length - 1))),
    y: Array.from(m.subarray(1)),
  });
  const data: PlotData[] = [
    {
      type: 'scatter',
      mode: 'markers',
      name: `true system (${rm.truth.length} maxima)`,
      ...pairs(rm.truth),
      marker: { color: COLORS.truth, size: 5 },
      hovertemplate: `${name}ₙ = %{x:.4g}<br>${name}ₙ₊₁ = %{y:.4g}<extra>true</extra>`,
    },
    {
      type: 'scatter',
      mode: 'markers',
      name: `RNN (${rm.surrogate.length} maxima)`,
      ...pairs(rm.surrogate),
      marker: { color: COLORS.relift, size: 4, opacity: 0.7 },
      hovertemplate: `${name}ₙ = %{x:.4g}<br>${name}ₙ₊₁ = %{y:.4g}<extra>RNN</extra>`,
    },
  ];
  const layout = figureLayout(`Return map of the maxima of ${name}`, data, {
    xaxis: axis(`${name}ₙ (a maximum)`),
    yaxis: axis(`${name}ₙ₊₁ (the next one)`),
  });
  return { data, layout };
}

/**
 * The held-out score of the validated ridge (regsel=cv) against λ_rel, log–log; a diverged score
 * (∞) is drawn as a cross at the top labelled "diverged", the chosen λ_rel marked. null without
 * a validation curve.
 */
export function ridgeFigure(r: RunResult): Figure | null {
  const cv = r.ridge.cv;
  if (!cv) return null;
  const finite = cv.score.filter((s) => Number.isFinite(s) && s > 0);
  const lo = finite.length ? Math.log10(Math.min(...finite)) : -1;
  const hiFinite = finite.length ? Math.log10(Math.max(...finite)) : 1;
  const span = Math.max(hiFinite - lo, 1);
  const top = hiFinite + 0.25 * span;
  const yTop = 10 ** top;
  const ok = cv.rel.map((_, i) => Number.isFinite(cv.score[i]) && cv.score[i] > 0);
  const data: PlotData[] = [
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: 'held-out rollout MSE',
      x: cv.rel.filter((_, i) => ok[i]),
      y: cv.score.filter((_, i) => ok[i]),
      line: { color: COLORS.relift, width: 2 },
      marker: { color: COLORS.relift, size: 7 },
      hovertemplate: 'λ_rel = %{x:.0e}<br>score %{y:.3g}<extra></extra>',
    },
  ];
  const diverged = cv.rel.filter((_, i) => !ok[i]);
  if (diverged.length)
    data.push({
      type: 'scatter',
      mode: 'markers+text',
      name: 'diverged (∞)',
      x: diverged,
      y: diverged.map(() => yTop),
      // One label for the row of crosses (three words side by side would overlap).
      text: diverged.map((_, i) => (i === 0 ? 'diverged' : '')),
      textposition: 'bottom right',
      textfont: { color: COLORS.unstable, size: 12 },
      marker: { color: COLORS.unstable, symbol: 'x', size: 10 },
      hovertemplate: 'λ_rel = %{x:.0e}<br>forecast diverged<extra></extra>',
      cliponaxis: false,
    } as PlotData);
  const bestScore = cv.score[cv.rel.indexOf(cv.best)];
  if (Number.isFinite(bestScore))
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `chosen λ_rel = ${formatSig(cv.best, 2)}`,
      x: [cv.best],
      y: [bestScore],
      marker: { color: COLORS.vpt, symbol: 'star', size: 16, line: { color: INK.text, width: 1 } },
      hovertemplate: 'chosen λ_rel = %{x:.0e}<br>score %{y:.3g}<extra></extra>',
    });
  const xs = cv.rel.map((v) => Math.log10(v));
  const layout = figureLayout('Choosing λ: held-out score', data, {
    xaxis: axis('λ_rel', {
      type: 'log',
      exponentformat: 'power',
      range: [Math.min(...xs) - 0.5, Math.max(...xs) + 0.5],
    }),
    yaxis: axis('held-out rollout MSE', {
      type: 'log',
      exponentformat: 'power',
      range: [lo - 0.15 * span, top + 0.1 * span],
    }),
  });
  layout.shapes = [vline(cv.best, COLORS.vpt, 'dot')];
  return { data, layout };
}
