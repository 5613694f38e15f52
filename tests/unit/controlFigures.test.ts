// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- tsconfig.node.json leaves out src/ui, whose figures this test imports
/// <reference path="../../src/ui/plots/plotly.d.ts" />
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';
import { closedLoopFigure } from '../../src/ui/plots/figures/closedLoop';
import { closedLoopPhaseFigure } from '../../src/ui/plots/figures/closedLoopPhase';
import { controlParts } from '../../src/ui/plots/figures/control';
import { costFigure } from '../../src/ui/plots/figures/cost';
import { predictionFigure } from '../../src/ui/plots/figures/prediction';
import { predictionErrorFigure } from '../../src/ui/plots/figures/predictionError';
import { LADDER_NAME, spectrumFigure } from '../../src/ui/plots/figures/spectrum';
import { column } from '../../src/ui/plots/plotData';
import { rowDomains } from '../../src/ui/plots/stack';

/** A small controlled run (~0.2 s): 3 test starts, 80 prediction steps, 15 time units of loop. */
const QUERY = 'sys=forcedvdp&width=60&ntraj=40&len=100&horizon=80&ntest=3&ctime=15';
const r = runPipeline(parseQuery(QUERY, 'strict').config);
const { c, m } = controlParts(r);

interface Trace {
  name: string;
  mode?: string;
  x: Array<number | null>;
  y: Array<number | null>;
  xaxis?: string;
  yaxis?: string;
  line?: { shape?: string };
  showlegend?: boolean;
}
const traces = (fig: { data: unknown[] }) => fig.data as Trace[];

describe('control view helpers', () => {
  it('reads a controlled run and refuses any other', () => {
    expect(r.family).toBe('controlled');
    const plain = runPipeline(
      parseQuery('sys=vanderpol&width=20&ntraj=5&len=40&ntest=2&horizon=20', 'strict').config,
    );
    expect(() => controlParts(plain)).toThrow(/free run has no closed loop/);
  });

  it('stacks rows top to bottom with the gaps between them, filling [0, 1]', () => {
    const d = rowDomains([1, 1, 0.5], 0.1);
    expect(d[0][1]).toBe(1);
    expect(d[2][0]).toBe(0);
    // Heights ∝ weights (to 1e-12: sums of a few fractions), gaps exactly 0.1.
    expect(d[0][1] - d[0][0]).toBeCloseTo(2 * (d[2][1] - d[2][0]), 12);
    expect(d[0][0] - d[1][1]).toBeCloseTo(0.1, 12);
  });
});

describe('control figures', () => {
  const pred = c.prediction;
  const cl = c.closedLoop;
  const d = r.dim;

  it('prediction: one panel per state component and one for the input, the chosen test start', () => {
    const fig = predictionFigure(r, { testIndex: 0 });
    expect(Object.keys(fig.layout).filter((k) => /^yaxis\d*$/.test(k))).toHaveLength(d + 1);
    const ts = traces(fig);
    const truthX = ts.find((t) => t.name === 'truth' && t.yaxis === 'y')!;
    expect(truthX.y).toEqual(column(pred.truth, d, 0, pred.horizon + 1));
    const input = ts.find((t) => t.name.startsWith('input'))!;
    expect(input.yaxis).toBe(`y${d + 1}`);
    expect(input.line?.shape).toBe('hv');
    expect(input.x).toHaveLength(pred.horizon + 1);
    expect(input.y.slice(0, -1)).toEqual(Array.from(pred.u));
    // One legend entry per role.
    const legend = ts.filter((t) => t.showlegend !== false).map((t) => t.name);
    expect(legend).toEqual(['truth', 'linear lifted', 'model, B = 0', 'model with B', 'input u']);
    // Test start 3 of 3 (and anything past the end) draws the third start's truth.
    const third = column(pred.truth, d, 0, pred.horizon + 1, 2 * (pred.horizon + 1));
    for (const testIndex of [2, 7]) {
      const fig3 = predictionFigure(r, { testIndex });
      expect(traces(fig3).find((t) => t.name === 'truth')!.y).toEqual(third);
      expect((fig3.layout.title as { text: string }).text).toContain('test 3/3');
    }
  });

  it('prediction error: log axis, only positive finite values drawn', () => {
    const fig = predictionErrorFigure(r);
    expect((fig.layout.yaxis as { type: string }).type).toBe('log');
    for (const t of traces(fig)) {
      expect(t.y[0]).toBeNull(); // every model starts on the true state: error 0, no log
      expect(t.y.every((y) => y === null || (Number.isFinite(y) && y > 0))).toBe(true);
    }
    expect(traces(fig)[0].y[10]).toBe(pred.errorWithB[10]);
  });

  it('closed loop: controlled and free runs, goal, ±u_max and the shaded metric window', () => {
    const fig = closedLoopFigure(r);
    const ts = traces(fig);
    const umax = Number(r.config.umax);
    const bound = ts.find((t) => t.name === '±u_max')!;
    expect(bound.y).toEqual([umax, umax, null, -umax, -umax]);
    const goalY = ts.filter((t) => t.name === 'goal').map((t) => t.y[0]);
    expect(goalY).toEqual(Array.from(cl.goal));
    const shape = (fig.layout.shapes as Array<{ x0: number; x1: number }>)[0];
    expect([shape.x0, shape.x1]).toEqual(cl.window);
    // Every state panel's range holds both runs and the goal.
    for (let j = 0; j < d; j++) {
      const [lo, hi] = (fig.layout[j ? `yaxis${j + 1}` : 'yaxis'] as { range: number[] }).range;
      for (const flat of [cl.x, cl.free])
        for (const y of column(flat, d, j, cl.steps + 1)) {
          expect(y).toBeGreaterThan(lo);
          expect(y).toBeLessThan(hi);
        }
    }
  });

  it('phase portrait: both paths, start and goal markers, and where each run ends', () => {
    const ts = traces(closedLoopPhaseFigure(r));
    const start = ts.find((t) => t.name.startsWith('start'))!;
    expect([start.x[0], start.y[0]]).toEqual([cl.start[0], cl.start[1]]);
    const end = ts.find((t) => t.name === 'end, controlled')!;
    expect([end.x[0], end.y[0]]).toEqual([cl.x[cl.steps * d], cl.x[cl.steps * d + 1]]);
  });

  it('cost: the running sum ends at the total cost of the metrics', () => {
    const ts = traces(costFigure(r));
    const sums = ts.filter((t) => t.yaxis === 'y2');
    expect(sums).toHaveLength(2);
    // Summed left to right here; the run may add in another order: equal to 1e-12 relative.
    const last = (t: Trace) => t.y[t.y.length - 1]!;
    expect(last(sums[0]) / m.ctrlCost).toBeCloseTo(1, 12);
    expect(last(sums[1]) / m.freeCost).toBeCloseTo(1, 12);
  });

  it('spectrum: draws the ω ladder of the unforced oscillator (k·ω·Δt, k = −5…5)', () => {
    const ts = traces(spectrumFigure(r));
    const marks = ts.find((t) => t.name === LADDER_NAME && t.mode === 'markers')!;
    expect(marks).toBeDefined();
    const omega = 0.94296; // van der Pol μ = 1 (docs/METHOD.md §7)
    const dt = r.dt;
    expect(marks.x).toHaveLength(11);
    marks.x.forEach((x, k) => {
      const angle = (k - 5) * omega * dt;
      expect(Math.abs(x! - Math.cos(angle))).toBeLessThan(1e-15);
      expect(Math.abs(marks.y[k]! - Math.sin(angle))).toBeLessThan(1e-15);
    });
    // The legend entry names ω, and the eigenvalues are all there.
    expect(ts.some((t) => t.name.includes('ω = 0.943'))).toBe(true);
    const eig = ts.filter((t) => t.mode === 'markers' && t.name !== LADDER_NAME && !t.xaxis);
    expect(eig.reduce((n, t) => n + t.x.length, 0)).toBe(r.eigenvalues.re.length);
  });
});
