/**
 * Benchmarks the Gram accumulators: G = XᵀX (upper, "syrk") and G plus A = YᵀX ("syrk+cross"),
 * for the wasm-simd and js kernels. Prints one JSON object per line:
 *   {kernel, mode, rows, m, blockRows, runs, medianMs, gflops, minMs}
 * gflops counts 2 flops per useful multiply-add: syrk rows·m(m+1)/2, cross rows·m².
 * The timed region includes copying each block of samples into the kernel's buffers.
 *
 *   npx tsx scripts/bench-gram.ts [--rows 20000] [--m 1001] [--runs 5] [--js-rows 2000] [--js-runs 3]
 *                                 [--block-rows 256]
 */
import { pathToFileURL } from 'node:url';
import {
  createGramAccumulator,
  defaultKernel,
  DEFAULT_BLOCK_ROWS,
  type KernelName,
} from '../src/numerics/kernels/gramKernels';
import { createRng } from '../src/numerics/rng';
import { median } from '../src/method/metrics';

export interface BenchGramOptions {
  /** Samples N for the wasm kernel (default 20 000). */
  rows?: number;
  /** Features m (default 1001). */
  m?: number;
  /** Timed runs per case, wasm (default 5). */
  runs?: number;
  /** Samples for the (slow) js kernel (default 2000); 0 skips it. */
  jsRows?: number;
  /** Timed runs per case, js (default 3). */
  jsRuns?: number;
  blockRows?: number;
  kernels?: KernelName[];
  modes?: ('syrk' | 'syrk+cross')[];
}

export interface BenchGramResult {
  kernel: KernelName;
  mode: 'syrk' | 'syrk+cross';
  rows: number;
  m: number;
  blockRows: number;
  runs: number;
  medianMs: number;
  /** GFLOP/s at the median time. */
  gflops: number;
  /** Fastest run (this machine's timings are noisy: shared host). */
  minMs: number;
}

/** Seeded uniform [0, 1) stream from the project's generator (xoshiro128**). */
const seededUniform = (seed: number): (() => number) => {
  const rng = createRng(seed);
  return () => rng.uniform();
};

function runOnce(
  kernel: KernelName,
  cross: boolean,
  rows: number,
  m: number,
  blockRows: number,
  pool: Float64Array,
  poolRows: number,
): number {
  const acc = createGramAccumulator(m, { blockRows, withCross: cross, kernel });
  const t0 = performance.now();
  let b = 0;
  for (let k0 = 0; k0 < rows; k0 += blockRows, b++) {
    const n = Math.min(blockRows, rows - k0);
    const px = (b * blockRows) % poolRows;
    acc.xBlock.set(pool.subarray(px * m, (px + n) * m));
    if (acc.yBlock) {
      const py = (px + 1) % poolRows;
      acc.yBlock.set(pool.subarray(py * m, (py + n) * m));
    }
    acc.accumulate(n);
  }
  const g = acc.gram(); // part of the job: read the result out
  const ms = performance.now() - t0;
  if (!Number.isFinite(g[g.length - 1])) throw new Error('non-finite result');
  acc.dispose();
  return ms;
}

export function benchGram(opts: BenchGramOptions = {}): BenchGramResult[] {
  const rows = opts.rows ?? 20000;
  const m = opts.m ?? 1001;
  const runs = opts.runs ?? 5;
  const jsRows = opts.jsRows ?? 2000;
  const jsRuns = opts.jsRuns ?? 3;
  const blockRows = opts.blockRows ?? DEFAULT_BLOCK_ROWS;
  const kernels = opts.kernels ?? (defaultKernel() === 'wasm-simd' ? ['wasm-simd', 'js'] : ['js']);
  const modes = opts.modes ?? ['syrk', 'syrk+cross'];

  // A pool of random rows (plus one spare for Y), reused cyclically; values in [-1, 1).
  const poolRows = Math.max(2, Math.min(rows, 4 * blockRows)) + blockRows;
  const rand = seededUniform(12345);
  const pool = new Float64Array(poolRows * m);
  for (let i = 0; i < pool.length; i++) pool[i] = 2 * rand() - 1;
  const poolCycle = poolRows - blockRows;

  const results: BenchGramResult[] = [];
  for (const kernel of kernels) {
    const n = kernel === 'js' ? jsRows : rows;
    const r = kernel === 'js' ? jsRuns : runs;
    if (n <= 0 || r <= 0) continue;
    for (const mode of modes) {
      const cross = mode === 'syrk+cross';
      runOnce(kernel, cross, Math.min(n, 2 * blockRows), m, blockRows, pool, poolCycle); // warm-up
      const times: number[] = [];
      for (let i = 0; i < r; i++)
        times.push(runOnce(kernel, cross, n, m, blockRows, pool, poolCycle));
      const medianMs = median(times);
      const fma = (n * m * (m + 1)) / 2 + (cross ? n * m * m : 0);
      results.push({
        kernel,
        mode,
        rows: n,
        m,
        blockRows,
        runs: r,
        medianMs: Math.round(medianMs * 10) / 10,
        gflops: Math.round(((2 * fma) / (medianMs * 1e6)) * 100) / 100,
        minMs: Math.round(Math.min(...times) * 10) / 10,
      });
    }
  }
  return results;
}

function parseArgs(argv: string[]): BenchGramOptions {
  const opts: BenchGramOptions = {};
  const num = (i: number): number => {
    const v = Number(argv[i + 1]);
    if (!Number.isFinite(v)) throw new Error(`${argv[i]} needs a number`);
    return v;
  };
  for (let i = 0; i < argv.length; i += 2) {
    switch (argv[i]) {
      case '--rows':
        opts.rows = num(i);
        break;
      case '--m':
        opts.m = num(i);
        break;
      case '--runs':
        opts.runs = num(i);
        break;
      case '--js-rows':
        opts.jsRows = num(i);
        break;
      case '--js-runs':
        opts.jsRuns = num(i);
        break;
      case '--block-rows':
        opts.blockRows = num(i);
        break;
      case '--kernel':
        opts.kernels = [argv[i + 1] as KernelName];
        break;
      case '--mode':
        opts.modes = [argv[i + 1] as 'syrk' | 'syrk+cross'];
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return opts;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of benchGram(parseArgs(process.argv.slice(2)))) console.log(JSON.stringify(r));
}
