import { describe, expect, it } from 'vitest';
import { CONFIRM_SECONDS, costSentence, estimateCost } from '../../src/run/cost';
import { parseQuery } from '../../src/run/query';

const est = (q: string) => estimateCost(parseQuery(q, 'strict').config);

/**
 * Measured whole runs on the 2-core machine (docs/ARCHITECTURE.md "Performance facts", npm run
 * bench medians on an idle machine; the last from issue 16). The estimate must be within a factor
 * of 2 of each: it decides whether to ask before a run, not how long a progress bar is.
 */
const MEASURED: Array<[string, number, number]> = [
  ['sys=vanderpol', 2, 0.6],
  ['sys=forcedvdp', 2, 0.8],
  ['sys=lorenz&width=500&len=20001', 3, 2.5],
  ['sys=lorenz&width=1000&len=20001', 3, 4.2],
  ['sys=vanderpol&width=3000&ntraj=1&len=3', 2, 123],
];

describe('run-cost estimate', () => {
  it.each(MEASURED)('%s (d = %s): within a factor of 2 of the measured %s s', (q, _d, seconds) => {
    const e = est(q);
    expect(e.seconds / seconds).toBeGreaterThan(0.5);
    expect(e.seconds / seconds).toBeLessThan(2);
  });

  it('the defaults never ask; the issue’s heavy settings do, naming what to reduce', () => {
    for (const sys of ['vanderpol', 'lorenz', 'rossler', 'forcedvdp', 'duffing'])
      expect(est(`sys=${sys}`).seconds).toBeLessThan(CONFIRM_SECONDS);
    const big = est('sys=lorenz&width=3000&len=200000');
    expect(big.seconds).toBeGreaterThan(300);
    expect(big.reduce).toBe('pairs');
    expect(costSentence(big)).toMatch(/about \d+ min .* reduce the training data \(199999 pairs/);
    const wide = est('sys=vanderpol&width=3000&ntraj=1&len=3');
    expect(wide.reduce).toBe('width');
    expect(costSentence(wide)).toMatch(/about 2 min .*reduce the width \(M = 3000\)/);
  });

  it('grows with each size: N·M² features, M³ solve, r³ spectrum', () => {
    const base = est('sys=lorenz&width=1000&len=20001').stages;
    const twiceN = est('sys=lorenz&width=1000&len=40001').stages;
    expect(twiceN.features / base.features).toBeCloseTo(2, 3);
    const twiceM = est('sys=lorenz&width=2000&len=20001').stages;
    expect(twiceM.features / base.features).toBeCloseTo(4, 3);
    expect(twiceM.solve / base.solve).toBeCloseTo(8, 3);
    const r400 = est('sys=lorenz&width=1000&len=20001&rank=400').stages;
    expect(r400.spectrum / base.spectrum).toBeCloseTo(64, 3);
  });
});
