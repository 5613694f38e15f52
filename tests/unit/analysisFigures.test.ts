// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- tsconfig.node.json leaves out src/ui, whose figures this test imports
/// <reference path="../../src/ui/plots/plotly.d.ts" />
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/run/analysis';
import { runPipeline } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';
import { repeatSeeds } from '../../src/run/seeds';
import { createStageCache } from '../../src/run/stageCache';
import {
  lyapunovFigure,
  lyapunovRows,
  marginalsFigure,
  returnMapFigure,
  ridgeFigure,
  spectraFigure,
} from '../../src/ui/analysis/figures';
import { censoredSeeds, distanceRows, leftWarning, seedRows } from '../../src/ui/analysis/tables';
import { analysisFraction } from '../../src/state/analysis';

interface Trace {
  name: string;
  mode?: string;
  x: Array<number | null>;
  y: Array<number | null>;
  xaxis?: string;
  yaxis?: string;
  showlegend?: boolean;
  line?: { dash?: string; color?: string };
  text?: string[];
}
const traces = (fig: { data: unknown[] }) => fig.data as Trace[];

const config = parseQuery('sys=lorenz&width=100&len=3000', 'strict').config;
const cache = createStageCache();

describe('analysis figures (Lorenz, width 100, short analyses)', () => {
  const lyap = analyse(config, 'lyapunov', { steps: 3000, cache });
  const stats = analyse(config, 'stats', { steps: 4000, cache });

  it('Lyapunov: one solid RNN and one dashed true line per exponent, ending at the exponents', () => {
    const fig = lyapunovFigure(lyap);
    const t = traces(fig);
    expect(t).toHaveLength(6);
    const rnn = t.filter((x) => x.name.startsWith('RNN'));
    const truth = t.filter((x) => x.name.startsWith('true'));
    expect(rnn.map((x) => x.name)).toEqual(['RNN λ₁', 'RNN λ₂', 'RNN λ₃']);
    expect(rnn.every((x) => x.line?.dash === 'solid')).toBe(true);
    expect(truth.every((x) => x.line?.dash === 'dash')).toBe(true);
    // Same colour for the same exponent of both models.
    expect(rnn.map((x) => x.line?.color)).toEqual(truth.map((x) => x.line?.color));
    // 3000 counted steps recorded every 100: 30 estimates, the last equal to the exponent.
    expect(rnn[0].x).toHaveLength(30);
    expect(rnn[0].x[29]).toBeCloseTo(30, 10);
    for (let j = 0; j < 3; j++) {
      expect(rnn[j].y[29]).toBeCloseTo(lyap.surrogate.exponents[j], 10);
      expect(truth[j].y[29]).toBeCloseTo(lyap.truth.exponents[j], 10);
    }
    // λ₃ on the lower panel, the reference λ_max drawn on the upper.
    expect(rnn[2].yaxis).toBe('y2');
    expect(rnn[0].yaxis).toBe('y');
    const shapes = fig.layout.shapes as Array<{ y0: number }>;
    expect(shapes[0].y0).toBe(0.9056);
    // The upper range holds λ₁ and λ₂ of both models and the reference.
    const [lo, hi] = (fig.layout.yaxis as { range: [number, number] }).range;
    expect(lo).toBeLessThan(Math.min(lyap.truth.exponents[1], lyap.surrogate.exponents[1]));
    expect(hi).toBeGreaterThan(0.9056);
    expect(hi).toBeLessThan(3);
  });

  it('Lyapunov table: λ₁–λ₃, Σλ and D_KY with the reference λ_max and ⟨tr J⟩ = −(σ+1+β)', () => {
    const rows = lyapunovRows(lyap);
    expect(rows.map((r) => r.key)).toEqual(['lambda1', 'lambda2', 'lambda3', 'sum', 'kaplanYorke']);
    expect(rows[0].rnn.value).toBe(lyap.surrogate.exponents[0]);
    expect(rows[0].reference.value).toBe(0.9056);
    expect(rows[1].reference.value).toBeNull();
    expect(rows[3].truth.value).toBe(lyap.truth.sum);
    expect(rows[3].reference.value!).toBeCloseTo(-(10 + 1 + 8 / 3), 8);
    // The true map's Σλ equals the flow's contraction rate closely.
    expect(rows[3].truth.value!).toBeCloseTo(-13.6667, 3);
    expect(rows[4].truth.value!).toBeGreaterThan(2);
    expect(rows[4].truth.value!).toBeLessThan(2.1);
    expect(rows[3].reference.text).toBe('−13.67');
  });

  it('marginals: RNN and truth per component on their common bins, W₁ and floor in the axis title', () => {
    const fig = marginalsFigure(stats);
    const t = traces(fig);
    expect(t).toHaveLength(6);
    const bins = stats.stats.histograms.bins;
    expect(t[0].x).toHaveLength(bins);
    // Densities integrate to 1 over the bins.
    const w = (stats.stats.histograms.hi[2] - stats.stats.histograms.lo[2]) / bins;
    const zTruth = t.find((x) => x.xaxis === 'x3' && x.name === 'true system')!;
    expect((zTruth.y as number[]).reduce((a, b) => a + b, 0) * w).toBeCloseTo(1, 8);
    expect(t.filter((x) => x.showlegend).map((x) => x.name)).toEqual(['true system', 'RNN']);
    const title = (fig.layout.xaxis3 as { title: { text: string } }).title.text;
    expect(title).toMatch(/^z: W₁ [\d.]+ \(floor [\d.]+\)$/);
    const rows = distanceRows(stats);
    expect(rows.map((r) => r.name)).toEqual(['x', 'y', 'z']);
    expect(rows[2].wasserstein).toBe(stats.stats.components[2].wasserstein);
    expect(rows[2].floor).toBe(stats.floor.components[2].wasserstein);
    expect(rows[2].floor).toBeGreaterThan(0);
  });

  it('spectra: log y, frequencies from k = 1, one panel per component', () => {
    const fig = spectraFigure(stats)!;
    const t = traces(fig);
    expect(t).toHaveLength(6);
    const sp = stats.stats.spectra!;
    expect(t[0].x[0]).toBe(sp.freq[1]);
    expect(t[0].x).toHaveLength(sp.freq.length - 1);
    expect((fig.layout.yaxis as { type: string }).type).toBe('log');
    expect((fig.layout.yaxis2 as { type: string }).type).toBe('log');
    expect(t[1].y[0]).toBe(sp.surrogate[1] > 0 ? sp.surrogate[1] : null);
  });

  it('return map: consecutive z maxima (zₙ, zₙ₊₁) of both runs', () => {
    const fig = returnMapFigure(stats)!;
    const [truth, rnn] = traces(fig);
    const m = stats.stats.returnMap!.truth;
    expect(m.length).toBeGreaterThan(20);
    expect(truth.x).toHaveLength(m.length - 1);
    expect(truth.x[3]).toBe(m[3]);
    expect(truth.y[3]).toBe(m[4]);
    expect(rnn.name).toMatch(/^RNN \(\d+ maxima\)$/);
    // Lorenz z maxima lie between ~30 and ~48.
    expect(Math.min(...(truth.x as number[]))).toBeGreaterThan(25);
    expect(Math.max(...(truth.x as number[]))).toBeLessThan(50);
    expect(leftWarning(stats)).toBe(stats.leftAt < 0 ? null : leftWarning(stats));
  });

  it('left-the-attractor warning names the step and time', () => {
    const fake = { ...stats, leftAt: 250, leftReason: 'blowup' as const };
    expect(leftWarning(fake)).toMatch(/left the attractor at step 250 \(t = 2\.5\)/);
  });
});

describe('ridge curve (van der Pol, 5 % noise, regsel=cv)', () => {
  const r = runPipeline(parseQuery('sys=vanderpol&noise=0.05&seed=1&regsel=cv', 'strict').config);

  it('finite scores as a line, ∞ as crosses labelled "diverged" at the top, the chosen λ starred', () => {
    const cv = r.ridge.cv!;
    const fig = ridgeFigure(r)!;
    const [line, diverged, chosen] = traces(fig);
    const finite = cv.score.filter(Number.isFinite);
    expect(line.y).toEqual(finite);
    expect(diverged.x).toEqual(cv.rel.filter((_, i) => !Number.isFinite(cv.score[i])));
    expect(diverged.x[0]).toBe(1e-14);
    // One label for the row of crosses.
    expect(diverged.text!.filter((s) => s === 'diverged')).toHaveLength(1);
    // Drawn above every finite score, inside the y range.
    const [, top] = (fig.layout.yaxis as { range: [number, number] }).range;
    expect(Math.log10(diverged.y[0]!)).toBeGreaterThan(Math.log10(Math.max(...finite)));
    expect(Math.log10(diverged.y[0]!)).toBeLessThan(top);
    expect(chosen.x).toEqual([cv.best]);
    expect(chosen.y).toEqual([cv.score[cv.rel.indexOf(cv.best)]]);
    expect(cv.best).toBe(r.ridge.rel);
    expect((fig.layout.xaxis as { type: string }).type).toBe('log');
  });

  it('no curve without validation', () => {
    expect(ridgeFigure({ ...r, ridge: { rel: 1e-12, cv: null } })).toBeNull();
  });
});

describe('seeds table rows', () => {
  const rep = repeatSeeds(
    parseQuery('sys=lorenz&width=60&len=1000&ntest=4&horizon=200', 'strict').config,
    3,
  );
  it('testMse, rolloutMseRelift, vptLyapunov (Lorenz has λ_max), spectralRadius as mean ± std', () => {
    const rows = seedRows(rep);
    expect(rows.map((r) => r.key)).toEqual([
      'testMse',
      'rolloutMseRelift',
      'vptLyapunov',
      'spectralRadius',
    ]);
    expect(rows[0].summary).toBe(rep.metrics.testMse);
    expect(rows[0].meanText).toMatch(/ ± /);
    expect(rows[3].count).toBe(3);
    expect(censoredSeeds(rep)).toBe(
      rep.metrics.vptCensored.values.filter((v) => v !== null && v > 0).length,
    );
  });
});

describe('analysis progress', () => {
  it('weights training, surrogate and truth phases into one monotone fraction', () => {
    expect(analysisFraction('data', 0)).toBe(0);
    expect(analysisFraction('forecast', 1)).toBeCloseTo(0.1, 12);
    expect(analysisFraction('surrogate', 1)).toBeCloseTo(analysisFraction('truth', 0), 12);
    expect(analysisFraction('truth', 1)).toBeCloseTo(1, 12);
  });
});
