import { describe, expect, it } from 'vitest';
import {
  BROWSER_POOL_MIN_WORK,
  browserMinWork,
  isThreadCount,
  POOL_MIN_WORK,
  threadCountError,
  threadsFor,
} from '../../src/run/poolSize';
import { parseQuery } from '../../src/run/query';

const config = (q: string) => parseQuery(q, 'strict').config;

describe('threads of a run (src/run/poolSize.ts)', () => {
  it('uses one thread below width × pairs = POOL_MIN_WORK, all given cores from it on', () => {
    // Lorenz defaults: width 500 × 10 000 pairs = 5·10⁶ (measured slower on 2 threads).
    expect(threadsFor(config('sys=lorenz'), 2, null)).toBe(1);
    const big = config('sys=lorenz&width=1000&len=20000');
    expect(big.width * big.len * big.ntraj).toBeGreaterThanOrEqual(POOL_MIN_WORK);
    expect(threadsFor(big, 2, null)).toBe(2);
    expect(threadsFor(big, 8, null)).toBe(8);
    expect(threadsFor(big, 200, null)).toBe(64);
  });

  it('in the browser (its pool kept warm), uses all cores from width × pairs = 10⁶ for free systems: every free lecture default', () => {
    for (const sys of ['vanderpol', 'lorenz', 'rossler', 'stuartlandau']) {
      const c = config(`sys=${sys}`);
      expect(c.width * c.len * c.ntraj).toBeLessThan(POOL_MIN_WORK);
      expect(browserMinWork(c)).toBe(BROWSER_POOL_MIN_WORK);
      expect(threadsFor(c, 2, null)).toBe(1); // the CLI: one thread
      expect(threadsFor(c, 2, null, browserMinWork(c)), sys).toBe(2);
      expect(threadsFor(c, 4, null, browserMinWork(c)), sys).toBe(4);
    }
    // A tiny run (21 states of 1 trajectory) stays on one thread.
    const tiny = config('sys=vanderpol&ntraj=1&len=20');
    expect(threadsFor(tiny, 2, null, browserMinWork(tiny))).toBe(1);
  });

  it('in the browser, keeps the controlled and series families on one thread below POOL_MIN_WORK', () => {
    for (const sys of ['forcedvdp', 'duffing', 'weather']) {
      const c = config(`sys=${sys}`);
      expect(browserMinWork(c)).toBe(POOL_MIN_WORK);
      expect(threadsFor(c, 2, null, browserMinWork(c)), sys).toBe(1);
    }
    const big = config('sys=duffing&width=1000&len=20000');
    expect(threadsFor(big, 2, null, browserMinWork(big))).toBe(2);
  });

  it('never goes below one thread (a 1-core browser leaves 0 cores to compute)', () => {
    expect(threadsFor(config('sys=lorenz&width=1000&len=20000'), 0, null)).toBe(1);
  });

  it('gives a requested count whatever the size', () => {
    expect(threadsFor(config('sys=vanderpol'), 2, 4)).toBe(4);
    expect(threadsFor(config('sys=vanderpol'), 2, 1)).toBe(1);
  });

  it('accepts thread counts 1–64 only, and names the bound in its message', () => {
    for (const n of [1, 2, 64]) expect(isThreadCount(n)).toBe(true);
    for (const n of [0, 65, 1.5, -1, NaN, '2', null]) expect(isThreadCount(n)).toBe(false);
    expect(threadCountError('--threads', "'x'")).toBe(
      "--threads must be an integer in [1, 64], got 'x'",
    );
  });
});
