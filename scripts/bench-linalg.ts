/**
 * Timings of the dense linear algebra in src/numerics/linalg. Run: `npx tsx scripts/bench-linalg.ts`
 * (optionally `--quick` to skip the n = 1000 eigenvalue run). Prints one JSON object: for each
 * case the wall-clock and user-CPU milliseconds of every run and their medians (first run
 * included, so the JIT warm-up shows up in `runsMs[0]`). Inputs are seeded (seededUniform), so runs are comparable.
 */
import { choleskyInPlace, solveRightSpd } from '../src/numerics/linalg/cholesky';
import { eigenvalues } from '../src/numerics/linalg/eigenvalues';
import { orthonormalize } from '../src/numerics/linalg/householderQr';
import { matmul, transpose } from '../src/numerics/linalg/matrix';
import { symmetricEigen } from '../src/numerics/linalg/symmetricEigen';
import { createRng } from '../src/numerics/rng';
import { median } from '../src/method/metrics';

/** Seeded uniform [0, 1) stream from the project's generator (xoshiro128**). */
const seededUniform = (seed: number): (() => number) => {
  const rng = createRng(seed);
  return () => rng.uniform();
};

function randomMatrix(rows: number, cols: number, seed: number): Float64Array {
  const r = seededUniform(seed);
  const a = new Float64Array(rows * cols);
  for (let i = 0; i < a.length; i++) a[i] = 2 * r() - 1;
  return a;
}

/** Gram matrix F Fᵀ (n×n) of a random n×(n+extra) F: symmetric positive definite. */
function gram(n: number, extra: number, seed: number): Float64Array {
  const f = randomMatrix(n, n + extra, seed);
  return matmul(f, n, n + extra, transpose(f, n, n + extra), n);
}

interface Case {
  runsMs: number[];
  medianMs: number;
  /** User CPU time of the same runs: robust against other processes sharing the machine. */
  cpuRunsMs: number[];
  cpuMedianMs: number;
}

const round = (x: number): number => Math.round(x * 10) / 10;

function time(runs: number, setup: () => () => void): Case {
  const runsMs: number[] = [];
  const cpuRunsMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const fn = setup();
    const c0 = process.cpuUsage().user;
    const t0 = performance.now();
    fn();
    runsMs.push(round(performance.now() - t0));
    cpuRunsMs.push(round((process.cpuUsage().user - c0) / 1000));
  }
  return { runsMs, medianMs: median(runsMs), cpuRunsMs, cpuMedianMs: median(cpuRunsMs) };
}

const quick = process.argv.includes('--quick');
const results: Record<string, Case> = {};

{
  const n = 1001;
  const g = gram(n, 5, 1);
  results['choleskyInPlace n=1001'] = time(5, () => {
    const a = g.slice();
    return () => {
      if (!choleskyInPlace(a, n)) throw new Error('cholesky failed');
    };
  });
  const b = randomMatrix(n, n, 2);
  results['solveRightSpd p=1001 n=1001'] = time(3, () => () => {
    solveRightSpd(b, n, g, n);
  });
}

for (const n of [200, 500]) {
  const a = randomMatrix(n, n, 10 + n);
  results[`eigenvalues n=${n}`] = time(5, () => () => {
    eigenvalues(a, n);
  });
}
if (!quick) {
  const n = 1000;
  const a = randomMatrix(n, n, 10 + n);
  results[`eigenvalues n=${n}`] = time(1, () => () => {
    eigenvalues(a, n);
  });
}

{
  const n = 300;
  const s = gram(n, 0, 3);
  results[`symmetricEigen n=${n}`] = time(5, () => () => {
    symmetricEigen(s, n);
  });
}

{
  const [m, k] = [1001, 300];
  const a = randomMatrix(m, k, 4);
  results[`orthonormalize ${m}x${k}`] = time(5, () => () => {
    orthonormalize(a, m, k);
  });
}

console.log(JSON.stringify({ node: process.version, results }, null, 2));
