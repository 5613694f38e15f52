/**
 * The worker pool (src/method/parallel.ts, src/cli/nodePool.ts): with 1, 2 and 4 threads a run
 * gives the recorded golden bytes (tests/golden/results.json) — metrics and eigenvalues compared
 * as JSON text, no tolerance — for the paths the pool splits: the untruncated fit with its cross
 * term (van der Pol), the POD-truncated fit with its projection and C·A passes and the split
 * forecasts (Lorenz), inputs in the regressor (Duffing with control), a measured series (weather),
 * and a run too small to split into many parts (21 states). The CLI's --threads gives the same.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodePool, type NodePool } from '../../src/cli/nodePool';
import { resultToJson } from '../../src/cli/resultJson';
import { weatherSource } from '../../src/cli/seriesSource';
import { planGram } from '../../src/method/parallel';
import { runPipeline } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';
import { eigenText, type Golden } from '../golden/cases';

const recorded = JSON.parse(readFileSync('tests/golden/results.json', 'utf8')) as Golden[];
const CASES = [
  'sys=vanderpol',
  'sys=lorenz&width=400&rank=60&len=4000&ntest=8&horizon=600&seed=3',
  'sys=duffing&goal=point&uin=steps&width=120&noise=0.01',
  'sys=weather',
  'sys=vanderpol&ntraj=1&len=20&reg=0',
];

const pools: NodePool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

function runWith(query: string, pool: NodePool) {
  const { config } = parseQuery(query, 'strict');
  const series = config.sys === 'weather' ? weatherSource() : undefined;
  const json = resultToJson(runPipeline(config, { series, parallel: pool }), false);
  return { metrics: JSON.stringify(json.metrics), eigenvalues: eigenText(json) };
}

describe('pass-1 plan', () => {
  it('computes every element of G, A and Σ x zᵀ exactly once, the same work per thread, for 2…8 threads', () => {
    for (const withCross of [false, true])
      for (const threads of [2, 3, 4, 8])
        for (const n of [3, 9, 21, 101, 1001, 1003]) {
          const tasks = planGram(n, threads, withCross);
          const m = n - 1; // one input column: A is m × n
          const g = new Uint8Array(n * n);
          const a = new Uint8Array(m * n);
          const sums = new Uint8Array(n);
          const gWork: number[] = [];
          const aWork: number[] = [];
          for (const t of tasks) {
            for (const [c0, c1] of t.sums) for (let j = c0; j < c1; j++) sums[j]++;
            for (const { kind, c0, c1 } of t.jobs) {
              const w = c1 - c0;
              if (kind === 'g') {
                // G[0:c1, c0:c1] upper triangle: the rectangle above and the diagonal block.
                for (let i = 0; i < c1; i++)
                  for (let j = Math.max(i, c0); j < c1; j++) g[i * n + j]++;
                gWork.push(c0 * w + (w * (w + 1)) / 2);
              } else {
                for (let i = 0; i < m; i++) for (let j = c0; j < c1; j++) a[i * n + j]++;
                aWork.push(m * w);
              }
            }
          }
          // Every upper element of G, every element of A and every Σ x zᵀ column exactly once.
          let missedOrTwice = 0;
          for (let i = 0; i < n; i++)
            for (let j = i; j < n; j++) if (g[i * n + j] !== 1) missedOrTwice++;
          expect(missedOrTwice, `G, n = ${n}, ${threads} threads`).toBe(0);
          expect(a.every((v) => v === (withCross ? 1 : 0))).toBe(true);
          expect(sums.every((v) => v === 1)).toBe(true);
          // The same arithmetic for every thread, up to the rounding of the column bounds.
          if (n >= 1001) {
            const mean = (n * (n + 1)) / 2 / threads;
            for (const x of gWork) expect(Math.abs(x - mean) / mean).toBeLessThan(0.03);
            if (withCross)
              for (const x of aWork) expect(Math.abs(x - (m * n) / threads)).toBeLessThanOrEqual(m);
          }
        }
  });
});

describe('worker pool: the golden bytes with 1, 2 and 4 threads', () => {
  for (const threads of [1, 2, 4]) {
    it(`${threads} thread(s)`, () => {
      const pool = createNodePool(threads);
      pools.push(pool);
      for (const query of CASES) {
        const golden = recorded.find((g) => g.query === query)!;
        const now = runWith(query, pool);
        const was = JSON.parse(golden.metrics) as Record<string, unknown>;
        const is = JSON.parse(now.metrics) as Record<string, unknown>;
        for (const key of Object.keys(was))
          expect(JSON.stringify(is[key]), `${query} ${key}`).toBe(JSON.stringify(was[key]));
        expect(now.eigenvalues, query).toBe(golden.eigenvalues);
      }
    }, 600_000);
  }

  it('the CLI with --threads=2 prints the golden bytes', () => {
    const query = CASES[1];
    const out = spawnSync('npx', ['tsx', 'src/cli/main.ts', query, '--threads=2'], {
      encoding: 'utf8',
    });
    expect(out.status, out.stderr).toBe(0);
    const json = JSON.parse(out.stdout) as Record<string, unknown>;
    const golden = recorded.find((g) => g.query === query)!;
    expect(eigenText(json)).toBe(golden.eigenvalues);
    const was = JSON.parse(golden.metrics) as Record<string, unknown>;
    const is = json.metrics as Record<string, unknown>;
    for (const key of Object.keys(was))
      expect(JSON.stringify(is[key]), key).toBe(JSON.stringify(was[key]));
  }, 300_000);

  it('refuses a bad --threads value with a message naming the range', () => {
    const out = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'sys=vanderpol', '--threads=0'], {
      encoding: 'utf8',
    });
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/--threads must be an integer in \[1, 64\]/);
  }, 120_000);
});
