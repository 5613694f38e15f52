// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- tsconfig.node.json leaves out src/ui, whose figures this test imports
/// <reference path="../../src/ui/plots/plotly.d.ts" />
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';
import { errorFigure } from '../../src/ui/plots/figures/error';
import { phaseFigure } from '../../src/ui/plots/figures/phase';
import {
  DOUBTFUL_NAME,
  GROUP_NAMES,
  LADDER_NAME,
  spectrumFigure,
} from '../../src/ui/plots/figures/spectrum';
import { ON_CIRCLE_TOL, RESIDUAL_HIGH } from '../../src/ui/plots/spectrumData';
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
  connectgaps?: boolean;
  x: Array<number | null>;
  y: Array<number | null>;
  xaxis?: string;
  yaxis?: string;
  visible?: unknown;
  marker?: { opacity?: number | number[] };
  hovertemplate?: string;
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
    // The training sample as lines: every sampled state once, a gap between two trajectories.
    const train = plain[0];
    expect(train.mode).toBe('lines');
    expect(train.connectgaps).toBe(false);
    expect(train.x.filter((v) => v !== null)).toHaveLength(r.trainSample.rows);
    const { traj, rows } = r.trainSample;
    const switches = Array.from(traj).filter((t, k) => k > 0 && t !== traj[k - 1]).length;
    expect(train.x).toHaveLength(rows + switches);
    expect(switches).toBeGreaterThan(0);
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

  it('spectrum: every eigenvalue once per panel, split inside / on / outside the circle', () => {
    const ts = traces(spectrumFigure(r));
    const main = ts.filter(
      (t) =>
        t.mode === 'markers' &&
        !t.xaxis &&
        t.name !== LADDER_NAME &&
        !t.name.startsWith(DOUBTFUL_NAME),
    );
    expect(main).toHaveLength(3);
    expect(main[0].name.startsWith(GROUP_NAMES.inside)).toBe(true);
    expect(main[1].name.startsWith(GROUP_NAMES.circle)).toBe(true);
    expect(main[2].name.startsWith(GROUP_NAMES.outside)).toBe(true);
    expect(main.reduce((n, t) => n + t.x.length, 0)).toBe(r.eigenvalues.re.length);
    const [inside, circle, outside] = main;
    for (let k = 0; k < outside.x.length; k++)
      expect(Math.hypot(outside.x[k]!, outside.y[k]!)).toBeGreaterThan(1 + ON_CIRCLE_TOL);
    for (let k = 0; k < circle.x.length; k++)
      expect(Math.abs(Math.hypot(circle.x[k]!, circle.y[k]!) - 1)).toBeLessThanOrEqual(
        ON_CIRCLE_TOL,
      );
    for (let k = 0; k < inside.x.length; k++)
      expect(Math.hypot(inside.x[k]!, inside.y[k]!)).toBeLessThan(1 - ON_CIRCLE_TOL);
    const zoom = ts.filter((t) => t.mode === 'markers' && t.xaxis === 'x2');
    expect(zoom.reduce((n, t) => n + t.x.length, 0)).toBe(r.eigenvalues.re.length);
    expect(ts.some((t) => t.name === LADDER_NAME)).toBe(true);
  });

  it('spectrum: eigenvalues with ResDMD residual > 0.1 are faded and counted, every hover names its residual', () => {
    const res = r.eigenvalues.residual!;
    const doubtful = Array.from(res).filter((x) => x > RESIDUAL_HIGH).length;
    expect(doubtful).toBeGreaterThan(0);
    const ts = traces(spectrumFigure(r));
    const legend = ts.find((t) => t.name.startsWith(DOUBTFUL_NAME))!;
    expect(legend.name).toBe(`${DOUBTFUL_NAME} (${doubtful} of ${res.length})`);
    for (const panel of [undefined, 'x2']) {
      const groups = ts.filter(
        (t) => t.mode === 'markers' && t.xaxis === panel && Array.isArray(t.marker?.opacity),
      );
      const opacities = groups.flatMap((t) => t.marker!.opacity as number[]);
      expect(opacities).toHaveLength(res.length);
      expect(opacities.filter((o) => o < 1)).toHaveLength(doubtful);
      for (const t of groups)
        expect(t.hovertemplate).toContain('ResDMD residual = %{customdata[7]}');
    }
    // Without residuals (an imported old model file) nothing is faded and no legend entry is added.
    const plain = traces(
      spectrumFigure({ ...r, eigenvalues: { re: r.eigenvalues.re, im: r.eigenvalues.im } }),
    );
    expect(plain.some((t) => t.name.startsWith(DOUBTFUL_NAME))).toBe(false);
    expect(
      plain.flatMap((t) => (t.marker?.opacity as number[] | undefined) ?? []).every((o) => o === 1),
    ).toBe(true);
  });
});
