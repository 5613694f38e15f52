/**
 * Benchmarks the lift kernel Ψ(x) = [σ(W x + b); 1] (src/numerics/kernels/lift.ts): wasm-simd and js
 * kernels (deterministic tanhDet) against a plain JS loop with Math.tanh (the pre-kernel code).
 * Prints one JSON object per line:
 *   {impl, act, d, M, rowsPerCall, states, runs, medianNsPerNeuron, minNsPerNeuron, medianMs}
 * and a final {speedup} line (Math.tanh median / impl median, per rowsPerCall).
 * "ns per neuron" = time / (states · M): one neuron evaluation = d multiply-adds + σ. The timed
 * region includes copying states in and Ψ out (for wasm), i.e. everything liftRows does.
 *
 *   npx tsx scripts/bench-lift.ts [--M 1000] [--d 3] [--states 16384] [--rows 256,1] [--runs 7]
 *                                 [--act tanh|relu]
 */
import { pathToFileURL } from 'node:url';
import { createLifter, liftDefaultKernel } from '../src/numerics/kernels/lift';
import type { KernelName } from '../src/numerics/kernels/gramKernels';
import { createRng } from '../src/numerics/rng';
import { median } from '../src/method/metrics';

type Impl = KernelName | 'math-tanh';

export interface BenchLiftOptions {
  M?: number;
  d?: number;
  /** States lifted per timed run (default 16 384). */
  states?: number;
  /** Rows per liftRows call (default [256, 1]). */
  rowsPerCall?: number[];
  /** Timed runs per case (default 7; the median is reported). */
  runs?: number;
  act?: 'tanh' | 'relu';
}

export interface BenchLiftResult {
  impl: Impl;
  act: 'tanh' | 'relu';
  d: number;
  M: number;
  rowsPerCall: number;
  states: number;
  runs: number;
  medianNsPerNeuron: number;
  minNsPerNeuron: number;
  medianMs: number;
}

/** Seeded uniform [0, 1) stream from the project's generator (xoshiro128**). */
const seededUniform = (seed: number): (() => number) => {
  const rng = createRng(seed);
  return () => rng.uniform();
};

/** The baseline: the plain loop of src/method/sampling/hiddenLayer.ts before the kernel (Math.tanh). */
function mathTanhLiftRows(
  W: Float64Array,
  b: Float64Array,
  d: number,
  M: number,
  relu: boolean,
  states: Float64Array,
  start: number,
  rows: number,
  out: Float64Array,
  outOffset: number,
): void {
  const m = M + 1;
  for (let r = 0; r < rows; r++) {
    const xo = (start + r) * d;
    const oo = outOffset + r * m;
    for (let j = 0; j < M; j++) {
      let z = b[j];
      const wj = j * d;
      for (let i = 0; i < d; i++) z += W[wj + i] * states[xo + i];
      out[oo + j] = relu ? (z > 0 ? z : 0) : Math.tanh(z);
    }
    out[oo + M] = 1;
  }
}

export function benchLift(opts: BenchLiftOptions = {}): BenchLiftResult[] {
  const M = opts.M ?? 1000;
  const d = opts.d ?? 3;
  const states = opts.states ?? 16384;
  const rowsList = opts.rowsPerCall ?? [256, 1];
  const runs = opts.runs ?? 7;
  const act = opts.act ?? 'tanh';
  const m = M + 1;

  // Typical sampled layer: |W x + b| mostly within a few units (tanh neither linear nor saturated).
  const rand = seededUniform(2024);
  const W = new Float64Array(M * d);
  const b = new Float64Array(M);
  for (let i = 0; i < W.length; i++) W[i] = 2 * (2 * rand() - 1);
  for (let j = 0; j < M; j++) b[j] = 2 * rand() - 1;
  const X = new Float64Array(states * d);
  for (let i = 0; i < X.length; i++) X[i] = 2 * rand() - 1;

  const impls: Impl[] =
    liftDefaultKernel() === 'wasm-simd' ? ['wasm-simd', 'js', 'math-tanh'] : ['js', 'math-tanh'];
  const results: BenchLiftResult[] = [];
  for (const rowsPerCall of rowsList) {
    const out = new Float64Array(rowsPerCall * m);
    const cases = impls.map((impl) => {
      const lifter = impl === 'math-tanh' ? null : createLifter(W, b, d, M, act, impl);
      const call = (start: number, rows: number): void => {
        if (lifter) lifter.liftRows(X, start, rows, out, 0);
        else mathTanhLiftRows(W, b, d, M, act === 'relu', X, start, rows, out, 0);
      };
      const runOnce = (n: number): number => {
        const t0 = performance.now();
        for (let s0 = 0; s0 < n; s0 += rowsPerCall) call(s0, Math.min(rowsPerCall, n - s0));
        const ms = performance.now() - t0;
        if (!(out[M] === 1)) throw new Error('bad output');
        return ms;
      };
      return { impl, lifter, runOnce, times: [] as number[] };
    });
    for (const c of cases) {
      c.runOnce(Math.min(states, 2048)); // warm-up (JIT / wasm tier-up)
      c.runOnce(Math.min(states, 2048));
    }
    // Round-robin, so that load changes on a shared machine hit all implementations alike.
    for (let r = 0; r < runs; r++) for (const c of cases) c.times.push(c.runOnce(states));
    for (const { impl, lifter, times } of cases) {
      lifter?.dispose();
      const ns = (ms: number): number => Math.round(((ms * 1e6) / (states * M)) * 1000) / 1000;
      const med = median(times);
      results.push({
        impl,
        act,
        d,
        M,
        rowsPerCall,
        states,
        runs,
        medianNsPerNeuron: ns(med),
        minNsPerNeuron: ns(Math.min(...times)),
        medianMs: Math.round(med * 10) / 10,
      });
    }
  }
  return results;
}

function parseArgs(argv: string[]): BenchLiftOptions {
  const opts: BenchLiftOptions = {};
  const num = (i: number): number => {
    const v = Number(argv[i + 1]);
    if (!Number.isFinite(v)) throw new Error(`${argv[i]} needs a number`);
    return v;
  };
  for (let i = 0; i < argv.length; i += 2) {
    switch (argv[i]) {
      case '--M':
        opts.M = num(i);
        break;
      case '--d':
        opts.d = num(i);
        break;
      case '--states':
        opts.states = num(i);
        break;
      case '--runs':
        opts.runs = num(i);
        break;
      case '--rows':
        opts.rowsPerCall = argv[i + 1].split(',').map(Number);
        break;
      case '--act':
        opts.act = argv[i + 1] as 'tanh' | 'relu';
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return opts;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = benchLift(parseArgs(process.argv.slice(2)));
  for (const r of results) console.log(JSON.stringify(r));
  const speedup: Record<string, number> = {};
  for (const r of results) {
    const base = results.find(
      (x) => x.impl === 'math-tanh' && x.rowsPerCall === r.rowsPerCall,
    )?.medianNsPerNeuron;
    if (base && r.impl !== 'math-tanh') {
      speedup[`${r.impl}@rows=${r.rowsPerCall}`] =
        Math.round((base / r.medianNsPerNeuron) * 100) / 100;
    }
  }
  console.log(JSON.stringify({ speedup }));
}
