import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { analysisRequests, isAnalysisFlag } from '../../src/cli/analysisJson';

/** Runs the CLI exactly as users do (through npm), returning exit code and outputs. */
function srnn(...args: string[]) {
  const r = spawnSync('npm', ['run', '--silent', 'srnn', '--', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SMALL = 'sys=vanderpol&width=40&ntraj=10&len=50&ntest=3&horizon=30';

describe('CLI --lyap and --stats', () => {
  it('parses the flags (optional step counts) and rejects bad ones', () => {
    expect(isAnalysisFlag('--lyap')).toBe(true);
    expect(isAnalysisFlag('--stats=5000')).toBe(true);
    expect(isAnalysisFlag('--full')).toBe(false);
    expect(analysisRequests(['--stats=5000', '--full', '--lyap'])).toEqual({
      requests: [{ kind: 'lyapunov' }, { kind: 'stats', steps: 5000 }],
      error: null,
    });
    expect(analysisRequests(['--lyap=10']).error).toMatch(/integer in \[1000, 2000000\]/);
    expect(analysisRequests(['--lyap=1e4']).error).toMatch(/integer/);
    expect(analysisRequests(['--lyap', '--lyap=2000']).error).toMatch(/more than once/);
  });

  it('adds lyapunov and stats objects of plain JSON numbers; --full adds the curves', () => {
    const r = srnn(SMALL, '--lyap=3000', '--stats=3000', '--full');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const L = doc.lyapunov;
    expect(L.steps).toBe(3000);
    expect(L.surrogate.exponents).toHaveLength(2);
    expect(L.truth.exponents).toHaveLength(2);
    // van der Pol μ = 1: a limit cycle, λ = (0, −1.0594).
    expect(Math.abs(L.truth.exponents[0])).toBeLessThan(0.02);
    expect(Math.abs(L.truth.exponents[1] + 1.0594)).toBeLessThan(0.02);
    expect(typeof L.surrogate.sum).toBe('number');
    expect(L.reference.lambdaMax).toBeNull();
    expect(L.surrogate.running.values.length).toBe(30);
    const S = doc.stats;
    expect(S.steps).toBe(3000);
    expect(S.components.map((c: { name: string }) => c.name)).toEqual(['x', 'y']);
    for (const c of S.components) {
      expect(typeof c.wasserstein).toBe('number');
      expect(typeof c.floorWasserstein).toBe('number');
    }
    expect(S.histograms.truth).toHaveLength(2);
    expect(S.histograms.truth[0]).toHaveLength(S.histograms.bins);
    expect(S.spectra.freq.length).toBe(S.spectra.segment / 2 + 1);
    expect(S.returnMap).toBeNull(); // no component named z
  });

  it('refuses controlled systems and bad step counts as bad input (exit 2)', () => {
    const a = srnn('sys=duffing', '--lyap');
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/need a simulated free system, not sys=duffing/);
    const b = srnn(SMALL, '--stats=12');
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--stats=12/);
  });
});
