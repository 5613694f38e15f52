/**
 * Issue 11, a spectrum that teaches: eigenvalues on the unit circle (within ON_CIRCLE_TOL) are
 * not unstable in the plot, the card or the warning; the zoom panel shows the ladder k·ω·Δt,
 * k = 1…5, with its labels; hover gives |λ|, arg λ, the rate and the period.
 */
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';
import { GROUP_NAMES, K_MAX, spectrumFigure } from '../../src/ui/plots/figures/spectrum';
import {
  circleClass,
  circleCounts,
  growthWarning,
  ON_CIRCLE_TOL,
  period,
  referenceFor,
} from '../../src/ui/plots/spectrumData';
import { warningItems } from '../../src/ui/warningItems';

interface Trace {
  name: string;
  mode?: string;
  x: Array<number | null>;
  xaxis?: string;
  hovertemplate?: string;
}
interface Annotation {
  text: string;
  x: number;
  xref: string;
}

describe('on the circle', () => {
  it('classifies by ||λ| − 1| ≤ 1e-3', () => {
    expect(ON_CIRCLE_TOL).toBe(1e-3);
    expect(circleClass(1.00003, 0)).toBe('circle');
    expect(circleClass(0, 1.0009)).toBe('circle');
    expect(circleClass(1.0011, 0)).toBe('outside');
    expect(circleClass(0.998, 0)).toBe('inside');
    expect(circleCounts([1, 0.5, 1.2], [0, 0, 0])).toEqual({ inside: 1, circle: 1, outside: 1 });
  });

  it('warns only about eigenvalues outside the circle and mentions those on it', () => {
    expect(growthWarning({ inside: 3, circle: 5, outside: 0 }, 'the linear rollout')).toEqual([]);
    const [w] = growthWarning({ inside: 3, circle: 5, outside: 1 }, 'the linear rollout');
    expect(w).toMatch(/^1 eigenvalue outside the unit circle/);
    expect(w).toContain('5 more on the circle');
  });

  it('period is 2π/|Im ω|, ∞ for a real eigenvalue', () => {
    expect(period(2 * Math.PI)).toBeCloseTo(1, 15);
    expect(period(0)).toBe(Infinity);
  });
});

describe('van der Pol default', () => {
  const r = runPipeline(parseQuery('sys=vanderpol', 'strict').config);
  const fig = spectrumFigure(r);
  const ts = fig.data as unknown as Trace[];

  it('shows 0 eigenvalues outside the circle, and the ladder on it', () => {
    const outside = ts.find((t) => t.name.startsWith(GROUP_NAMES.outside) && !t.xaxis)!;
    const circle = ts.find((t) => t.name.startsWith(GROUP_NAMES.circle) && !t.xaxis)!;
    expect(outside.x).toHaveLength(0);
    expect(circle.x.length).toBeGreaterThanOrEqual(5); // λ = 1 and k = ±1, ±2 at least
    expect(circleCounts(r.eigenvalues.re, r.eigenvalues.im).outside).toBe(0);
    // The engine's strict count (|λ| > 1 + 1e-9) may differ; the page's warning must not.
    expect(warningItems(r).some((w) => /eigenvalues? (with|outside)/.test(w))).toBe(false);
  });

  it('the zoom panel spans k·ω·Δt for k = 1…5, each labelled', () => {
    const { omega } = referenceFor(r.config);
    expect(omega).not.toBeNull();
    const range = (fig.layout.xaxis2 as { range: [number, number] }).range;
    const labels = (fig.layout.annotations as Annotation[]).filter((a) => a.xref === 'x2');
    for (let k = 1; k <= K_MAX; k++) {
      const angle = k * omega! * r.dt;
      expect(angle).toBeGreaterThan(range[0]);
      expect(angle).toBeLessThan(range[1]);
      const label = labels.find((a) => a.text === (k === 1 ? 'k=1' : String(k)))!;
      expect(label.x).toBeCloseTo(angle, 12);
    }
  });

  it('hover names |λ|, arg λ, the rate log(λ)/Δt and the period', () => {
    const h = ts.find((t) => t.name.startsWith(GROUP_NAMES.circle))!.hovertemplate!;
    for (const s of ['|λ|', 'arg λ', 'log(λ)/Δt', 'period']) expect(h).toContain(s);
  });
});

describe('nothing leaves the page', () => {
  it('Plotly config: no cloud link, no Share / Edit in Chart Studio button', async () => {
    const { readFileSync } = await import('node:fs');
    const src = readFileSync('src/ui/plots/PlotlyFigure.tsx', 'utf8');
    for (const key of ['showLink', 'showSendToCloud', 'showEditInChartStudio'])
      expect(src).toMatch(new RegExp(`${key}: false`));
    expect(src).toContain("'sendDataToCloud'");
  });
});
