import { describe, expect, it } from 'vitest';
import { parseQuery, serializeQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';

const run = (q: string) => {
  const parsed = parseQuery(q, 'strict');
  expect(parsed.errors).toEqual([]);
  return runPipeline(parsed.config);
};

describe('controlled van der Pol, default settings (width 200, μ = 1)', () => {
  const r = run('sys=forcedvdp');
  const c = r.metrics.control!;
  const loop = r.control!.closedLoop;

  it('the closed loop from (2, 0) with |u| ≤ 1 keeps mean ‖x‖ over t ∈ [10, 30] ≤ 10 % of the free run', () => {
    expect(loop.steps).toBe(300);
    expect(loop.window).toEqual([10, 30]);
    expect(Array.from(loop.x.subarray(0, 2))).toEqual([2, 0]);
    expect(c.ctrlRatio).toBeLessThanOrEqual(0.1);
    // Uncontrolled, the oscillator stays on its limit cycle (amplitude ≈ 2): mean ‖x‖ ≈ 2.
    expect(c.freeMeanDist).toBeGreaterThan(1.5);
    expect(c.ctrlCost).toBeLessThan(c.freeCost);
    expect(Math.max(...Array.from(loop.u, Math.abs))).toBeLessThanOrEqual(1);
    expect(loop.x.every(Number.isFinite)).toBe(true);
  });

  it('B is worth something: every unseen input is predicted better with B than with B = 0', () => {
    expect(c.inputs.map((row) => row.kind)).toEqual(['sine', 'step', 'chirp', 'steps']);
    for (const row of c.inputs) {
      expect(row.mse50).not.toBeNull();
      expect(row.mse).not.toBeNull();
      expect(row.mse50!).toBeLessThan(row.mse50NoB! / 10);
      expect(row.mse!).toBeLessThan(row.mseNoB! / 5);
    }
    expect(c.predMse).toBe(c.inputs[0].mse); // the chosen signal is the sine
    expect(r.metrics.rolloutMse).toBe(c.predMse);
  });

  it('the chosen input drives the test trajectories and is stored with them', () => {
    const p = r.control!.prediction;
    expect(p.kind).toBe('sine');
    expect(p.u.length).toBe(300);
    expect(Math.abs(p.u[10] - Math.sin(1.5 * 1.0))).toBeLessThan(1e-14);
    expect(p.truth).toBe(r.test.truth);
    expect(p.errorWithB[0]).toBe(0);
    expect(p.errorWithB.length).toBe(301);
  });

  it('the spectrum of K holds the constant feature’s eigenvalue ≈ 1', () => {
    let best = Infinity;
    for (let k = 0; k < r.eigenvalues.re.length; k++)
      best = Math.min(best, Math.hypot(r.eigenvalues.re[k] - 1, r.eigenvalues.im[k]));
    expect(best).toBeLessThan(1e-3);
    expect(r.eigenvalues.re.length).toBe(201);
  });

  it('is reproducible: the same query gives byte-identical metrics and eigenvalues', () => {
    const again = run('sys=forcedvdp');
    expect(JSON.stringify(again.metrics)).toBe(JSON.stringify(r.metrics));
    expect(Array.from(again.eigenvalues.re)).toEqual(Array.from(r.eigenvalues.re));
  });
});

describe('other control tasks', () => {
  it('van der Pol to the point (0.5, 0), which needs a steady input u = 0.5: integral action gets there', () => {
    const r = run('sys=forcedvdp&goal=point&gx=0.5&gy=0');
    const loop = r.control!.closedLoop;
    expect(r.metrics.control!.ctrlRatio).toBeLessThanOrEqual(0.1);
    const last = loop.x.subarray(loop.steps * 2);
    expect(Math.hypot(last[0] - 0.5, last[1])).toBeLessThan(1e-3);
    expect(Math.abs(loop.u[loop.steps - 1] - 0.5)).toBeLessThan(1e-3);
    // Without it (ki = 0) the loop rests at a true equilibrium (x, 0) held by u = x, short of the
    // goal by the learned model's steady-state error.
    const plain = run('sys=forcedvdp&goal=point&gx=0.5&gy=0&ki=0').control!.closedLoop;
    const end = plain.x.subarray(plain.steps * 2);
    expect(Math.abs(end[1])).toBeLessThan(1e-3);
    expect(Math.abs(plain.u[plain.steps - 1] - end[0])).toBeLessThan(1e-3);
    expect(Math.abs(end[0] - 0.5)).toBeGreaterThan(0.02);
  });

  it('Duffing: balances on the unstable hilltop and moves into the other well', () => {
    const hill = run('sys=duffing');
    expect(hill.metrics.control!.freeMeanDist).toBeCloseTo(1, 6); // rests in the well at x = 1
    expect(hill.metrics.control!.ctrlRatio).toBeLessThanOrEqual(0.1);
    const well = run('sys=duffing&goal=point&gx=-1&gy=0');
    expect(well.metrics.control!.ctrlRatio).toBeLessThanOrEqual(0.1);
  });

  it('a weak bound that cannot win is reported, not hidden', () => {
    const r = run('sys=forcedvdp&umax=0.05');
    expect(r.metrics.control!.ctrlRatio).toBeGreaterThan(0.1);
    expect(r.warnings.join('\n')).toMatch(/the controller did not reach the goal/);
  });
});

describe('model JSON of a controlled run', () => {
  it('round-trips B, the predictions and the closed loop exactly', async () => {
    const { modelToJson, parseModelJson } = await import('../../src/run/modelJson');
    const r = run('sys=duffing&ctime=5&ntraj=20&horizon=60');
    const parsed = parseModelJson(modelToJson(r, 'test'));
    if (!parsed.ok) throw new Error(parsed.error);
    const back = parsed.result;
    expect(back.control).toBeDefined();
    expect(Array.from(back.control!.B)).toEqual(Array.from(r.control!.B));
    expect(Array.from(back.control!.closedLoop.u)).toEqual(Array.from(r.control!.closedLoop.u));
    expect(Array.from(back.control!.prediction.noB)).toEqual(Array.from(r.control!.prediction.noB));
    expect(JSON.stringify(back.metrics)).toBe(JSON.stringify(r.metrics));
  });
});

describe('controlled settings in links', () => {
  it('a width over 1000 is clamped with a notice in a link and refused by the CLI parser', () => {
    const lenient = parseQuery('sys=duffing&width=2500', 'lenient');
    expect(lenient.config.width).toBe(1000);
    expect(lenient.notices.map((n) => n.key)).toEqual(['width']);
    expect(lenient.notices[0].message).toMatch(
      /exceeds 1000 for a controlled system.*clamped to 1000/,
    );
    expect(parseQuery('sys=duffing&width=2500', 'strict').errors.map((n) => n.key)).toEqual([
      'width',
    ]);
    // Free systems keep the global limit.
    expect(parseQuery('sys=vanderpol&width=2500', 'strict').errors).toEqual([]);
  });

  it('every controller setting round-trips through the canonical query', () => {
    const q =
      'v=2&sys=forcedvdp&uamp=1.5&uhold=0.3&uin=chirp&uinamp=0.7&uinfreq=2&umax=0.8&mpch=30&ur=0.1&ki=0&goal=point&gx=-0.5&gy=0.25&x0=1&y0=-1&ctime=20';
    const parsed = parseQuery(q, 'strict');
    expect(parsed.errors).toEqual([]);
    expect(parsed.config.umax).toBe(0.8);
    expect(parsed.config.goal).toBe('point');
    expect(serializeQuery(parsed.config)).toBe(q);
    expect(parseQuery(serializeQuery(parsed.config), 'strict').config).toEqual(parsed.config);
  });
});
