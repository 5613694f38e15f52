import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';

function srnn(...args: string[]) {
  const r = spawnSync('npm', ['run', '--silent', 'srnn', '--', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SMALL = 'sys=vanderpol&width=40&ntraj=10&len=50&ntest=3&horizon=30&seed=4';

describe('CLI --seeds', () => {
  it('adds mean ± spread over seeds s…s+N−1, each value equal to that seed’s own run', () => {
    const r = srnn(SMALL, '--seeds=3');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.seeds.seeds).toEqual([4, 5, 6]);
    const own = runPipeline({ ...parseQuery(SMALL, 'strict').config, seed: 6 });
    expect(doc.seeds.metrics.testMse.values[2]).toBe(own.metrics.testMse);
    // The run itself is the first seed's.
    expect(doc.metrics.testMse).toBe(doc.seeds.metrics.testMse.values[0]);
  }, 60_000);

  it('refuses a count outside [2, 20] with one line and exit 2', () => {
    for (const bad of ['--seeds=1', '--seeds=21', '--seeds=x']) {
      const r = srnn(SMALL, bad);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/--seeds must be an integer in \[2, 20\]/);
    }
  }, 60_000);
});
