/** CLI --eigen (src/cli/eigenJson.ts): the eigen object in Node equals the analysis' numbers. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { eigenfunctionAnalysis } from '../../src/run/eigenfunctions';
import { parseQuery } from '../../src/run/query';

function srnn(...args: string[]) {
  const r = spawnSync('npm', ['run', '--silent', 'srnn', '--', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20, // --full: 12 grids of 81×81 values twice
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SMALL = 'sys=vanderpol&width=60&ntraj=30&len=100&ntest=3&horizon=30';

describe('CLI --eigen', () => {
  it('adds `eigen` (pairs, k = 1, phase advance) equal to eigenfunctionAnalysis; --full adds the grids', () => {
    const r = srnn(SMALL, '--eigen', '--full');
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout).eigen;
    const a = eigenfunctionAnalysis(parseQuery(SMALL, 'strict').config);
    expect(e.principal).toBe(a.principal);
    expect(e.pairs).toHaveLength(a.pairs.length);
    for (let j = 0; j < a.pairs.length; j++) {
      expect(e.pairs[j].re).toBe(a.pairs[j].re);
      expect(e.pairs[j].residual).toBe(a.pairs[j].residual);
    }
    expect(e.orbit.advanceMean).toBe(a.orbit!.advanceMean);
    expect(e.orbit.omegaDt).toBeCloseTo(0.094296, 12);
    expect(e.grid.nx).toBe(81);
    expect(e.grid.phase[0]).toHaveLength(81 * 81);
  });

  it('refuses systems without an autonomous map (exit 2, one line)', () => {
    const r = srnn('sys=duffing', '--eigen');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('srnn: --eigen needs a simulated free system, not sys=duffing');
  });
});
