// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- tsconfig.node.json leaves out src/ui, whose figures this test imports
/// <reference path="../../src/ui/plots/plotly.d.ts" />
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';
import { errorFigure } from '../../src/ui/plots/figures/error';
import { phaseFigure } from '../../src/ui/plots/figures/phase';
import { LADDER_NAME, spectrumFigure } from '../../src/ui/plots/figures/spectrum';
import { trajectoryFigure } from '../../src/ui/plots/figures/trajectory';
import { testComponent } from '../../src/ui/plots/plotData';
import { logFloor } from '../../src/ui/plots/ranges';
import { DEFAULT_VIEW } from '../../src/ui/plots/types';

const r = runPipeline(
  parseQuery('sys=vanderpol&width=50&ntraj=10&len=50&horizon=50&ntest=4', 'strict').config,
);
const steps = r.test.horizon + 1;

interface Trace {
  name: string;
  mode?: string;
  x: Array<number | null>;
  y: Array<number | null>;
  yaxis?: string;
  visible?: unknown;
}
const traces = (fig: { data: unknown[] }) => fig.data as Trace[];

describe('free-system figures', () => {
  it('trajectory: one panel per component, the chosen start’s truth and forecast', () => {
    const fig = trajectoryFigure(r, { testIndex: 2 });
    const ts = traces(fig);
    const truthY = ts.find((t) => t.name === 'truth' && t.yaxis === 'y2')!;
    expect(truthY.y).toEqual(testComponent(r.test.truth, steps, r.dim, 2, 1));
    const rnnX = ts.find((t) => t.name === 're-lifted (RNN)' && t.yaxis === 'y')!;
    // Within the display box nothing is cut: the re-lifted forecast as the run returned it.
    expect(rnnX.y).toEqual(testComponent(r.test.relift, steps, r.dim, 2, 0));
    expect(rnnX.x[steps - 1]).toBeCloseTo(r.test.horizon * r.dt, 12);
    expect(Object.keys(fig.layout).filter((k) => /^yaxis\d*$/.test(k))).toEqual([
      'yaxis',
      'yaxis2',
    ]);
    expect((fig.layout.title as { text: string }).text).toMatch(/^Trajectory · test 3\/4 · VPT/);
  });

  it('phase: train sample, truth and forecast in the plane; SWIM pairs on request', () => {
    const plain = traces(phaseFigure(r, DEFAULT_VIEW));
    expect(plain.map((t) => t.name)).toEqual([
      'train',
      'linear',
      'truth',
      're-lifted (RNN)',
      'start',
    ]);
    expect(plain[0].x).toHaveLength(r.trainSample.rows);
    expect(plain[1].visible).toBe('legendonly');
    const pairs = traces(phaseFigure(r, { ...DEFAULT_VIEW, showPairs: true }))[1];
    // 50 neurons, one segment each: two points and a gap.
    expect(pairs.name).toBe('SWIM pairs (50)');
    expect(pairs.x).toHaveLength(3 * 50);
  });

  it('error: the medians of both rollouts on a log axis, ε and the VPT marked', () => {
    const fig = errorFigure(r);
    const med = traces(fig).find((t) => t.name === 're-lifted (median)')!;
    expect(med.y).toEqual(logFloor(r.test.medianErrorRelift));
    expect((fig.layout.yaxis as { type: string }).type).toBe('log');
    const eps = Number(r.config.eps);
    const shapes = fig.layout.shapes as Array<{ y0: number; x0: number }>;
    expect(shapes[0].y0).toBe(eps);
    expect(shapes[1].x0).toBe(Math.min(r.metrics.vptRelift, r.test.horizon * r.dt));
  });

  it('spectrum: every eigenvalue once, split at |λ| = 1, with the van der Pol ladder', () => {
    const ts = traces(spectrumFigure(r));
    const stable = ts.find((t) => t.name === '|λ| ≤ 1')!;
    const unstable = ts.find((t) => t.name === 'unstable |λ|>1')!;
    expect(stable.x.length + unstable.x.length).toBe(r.eigenvalues.re.length);
    expect(unstable.x.length).toBe(r.metrics.unstableEigenvalues);
    for (let k = 0; k < unstable.x.length; k++)
      expect(Math.hypot(unstable.x[k]!, unstable.y[k]!)).toBeGreaterThan(1);
    expect(ts.some((t) => t.name === LADDER_NAME)).toBe(true);
  });
});
