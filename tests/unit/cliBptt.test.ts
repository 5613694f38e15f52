/**
 * `--bptt=`: the gradient baselines headless in Node (wasm backend from the package's dist/,
 * the same code as the page's worker), with the fields the page shows; bad values exit 2 naming
 * the setting and its range.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function srnn(...args: string[]) {
  const r = spawnSync('npm', ['run', '--silent', 'srnn', '--', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SMALL = 'sys=vanderpol&width=40&ntraj=6&len=40&ntest=3&horizon=30';

describe('CLI --bptt', () => {
  it('adds one entry per cell with the page’s fields, trained on the wasm backend', () => {
    const r = srnn(SMALL, '--bptt=lstm,gru,budget=1,units=8,window=10,batch=8');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc.bptt)).toEqual(['lstm', 'gru']);
    for (const cell of ['lstm', 'gru']) {
      const b = doc.bptt[cell];
      expect(b.backend).toBe('wasm');
      expect(b.settings).toMatchObject({ cell, units: 8, window: 10, batch: 8, budget: 1 });
      // The budget counts training steps only; at least one step was taken, about 1 s trained.
      expect(b.steps).toBeGreaterThan(0);
      expect(b.trainedS).toBeGreaterThanOrEqual(1);
      expect(b.trainedS).toBeLessThan(1 + 10);
      expect(b.curve[0].steps).toBe(0);
      for (const k of ['trainMse', 'testMse', 'rolloutMse', 'vpt', 'vptIqr', 'diverged'])
        expect(b.metrics).toHaveProperty(k);
      expect(b.reach.map((x: { mse: number }) => x.mse)).toEqual([0.01, 0.001]);
      expect(b.comparison.sampled.testMse).toBe(doc.metrics.testMse);
      expect(b.forecast).toBeUndefined();
    }
  }, 240_000);

  it('refuses bad values with one line naming the setting, exit 2', () => {
    let r = srnn(SMALL, '--bptt=rnn');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cell must be lstm or gru, got 'rnn'/);
    r = srnn(SMALL, '--bptt=lstm,budget=-3');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/budget must be a number in \[1, 3600\], got '-3'/);
    r = srnn('sys=duffing', '--bptt=gru');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--bptt needs a simulated system without inputs, not sys=duffing/);
  }, 120_000);
});
