/**
 * Pass 1 of a split fit (src/method/parallel.ts, case (b)): the Gram sums G_z and A_z split by
 * output columns — each thread sums its elements over all pairs in order, with the Gram kernel
 * for its diagonal block and the rectangular kernel (crossKernel.ts) for the rest, so every
 * element gets the serial pass's sequential sum — and Σ x zᵀ, Σ y zᵀ by column ranges; the plan
 * that gives every thread the same arithmetic, and the merge.
 */
import { createCrossAccumulator } from '../numerics/kernels/crossKernel';
import { createGramAccumulator, DEFAULT_BLOCK_ROWS } from '../numerics/kernels/gramKernels';
import type { TrajectorySet } from '../numerics/trajectorySet';
import { liftMany } from './sampling/hiddenLayer';
import { addPartial, chunksOf, dictOf, transposedProduct, type LayerSpec } from './parallelBase';

/**
 * One job of pass 1: the column range [c0, c1) of z and what a thread computes for it —
 * 'g': G[0:c0, c0:c1] (a rectangular block, absent for c0 = 0) and G[c0:c1, c0:c1] (the diagonal
 * block, upper triangle by the Gram kernel), i.e. every element of G's upper triangle in those
 * columns; 'a': A[0:m, c0:c1], all of the cross term's rows in those columns.
 */
export interface GramJob {
  kind: 'g' | 'a';
  c0: number;
  c1: number;
}

export interface GramShared {
  layer: LayerSpec;
  train: TrajectorySet;
}

/** One thread's pass-1 work: its jobs, and the column ranges whose Σ x zᵀ, Σ y zᵀ it sums. */
export interface GramTask {
  jobs: GramJob[];
  sums: Array<[number, number]>;
}

export interface GramBlock {
  job: GramJob;
  /** 'g': G[0:c0, c0:c1] (c0 × w, null for c0 = 0); 'a': A[0:m, c0:c1] (m × w). */
  rect: Float64Array | null;
  /** 'g': G[c0:c1, c0:c1], w × w full symmetric; 'a': null. */
  diag: Float64Array | null;
}

export interface GramResult {
  blocks: GramBlock[];
  /** Per entry of `sums`: Σ x zᵀ[:, c0:c1] and Σ y zᵀ[:, c0:c1] (d × w each). */
  xz: Float64Array[];
  yz: Float64Array[];
}

/**
 * The pass-1 plan for `threads` threads over n columns: no element is computed twice and every
 * thread gets the same arithmetic. Thread k owns G's upper triangle in columns [b_k, b_k+1) with
 * b_k = round(n·√(k/t)) — (b_k+1² − b_k²)/2 = n²/(2t) elements each — and, with the cross term,
 * A's columns [k·n/t, (k+1)·n/t), m·n/t elements each. Thread k also sums Σ x zᵀ, Σ y zᵀ over its
 * G columns. Empty ranges (n < t) give no job.
 */
export function planGram(n: number, threads: number, withCross: boolean): GramTask[] {
  const gb = Array.from({ length: threads + 1 }, (_, k) => Math.round(n * Math.sqrt(k / threads)));
  const ab = Array.from({ length: threads + 1 }, (_, k) => Math.round((n * k) / threads));
  return Array.from({ length: threads }, (_, k): GramTask => {
    const jobs: GramJob[] = [];
    const sums: Array<[number, number]> = [];
    if (gb[k + 1] > gb[k]) {
      jobs.push({ kind: 'g', c0: gb[k], c1: gb[k + 1] });
      sums.push([gb[k], gb[k + 1]]);
    }
    // The widest A range goes with the narrowest G share's thread (k = 0 has no rectangle).
    const a = threads - 1 - k;
    if (withCross && ab[a + 1] > ab[a]) jobs.push({ kind: 'a', c0: ab[a], c1: ab[a + 1] });
    return { jobs, sums };
  });
}

/** Pass 1 for one thread's jobs: every pair, in order, through the accumulators of its jobs. */
export function gramOp(shared: GramShared, task: GramTask): GramResult {
  const { train } = shared;
  const dict = dictOf(shared.layer);
  const d = train.d;
  const p = train.p ?? 0;
  const m = dict.m;
  const n = m + p;
  // Per job: the rectangle (U = X[:, 0:c0] or Y[:, 0:m], V = X[:, c0:c1]) and the diagonal block.
  const accs = task.jobs.map((job) => {
    const w = job.c1 - job.c0;
    const mu = job.kind === 'a' ? m : job.c0;
    return {
      rect: mu > 0 ? createCrossAccumulator(mu, w) : null,
      diag: job.kind === 'g' ? createGramAccumulator(w) : null,
    };
  });
  const rowsMax = DEFAULT_BLOCK_ROWS;
  const psi = new Float64Array((rowsMax + 1) * m);
  const X = new Float64Array(rowsMax * n);
  const Y = new Float64Array(rowsMax * n);
  const xz = task.sums.map(([c0, c1]) => new Float64Array(d * (c1 - c0)));
  const yz = task.sums.map(([c0, c1]) => new Float64Array(d * (c1 - c0)));
  const pairsPer = train.points - 1;
  const chunks = chunksOf(train, rowsMax);
  for (let c = 0; c < chunks.length; c += 3) {
    const j = chunks[c];
    const s = chunks[c + 1];
    const rows = chunks[c + 2];
    const base = j * train.points + s;
    liftMany(dict, train.data, base, rows + 1, psi, 0);
    for (let k = 0; k < rows; k++) {
      X.set(psi.subarray(k * m, (k + 1) * m), k * n);
      Y.set(psi.subarray((k + 1) * m, (k + 2) * m), k * n);
      const uOff = (j * pairsPer + s + k) * p;
      for (let i = 0; i < p; i++) {
        X[k * n + m + i] = train.inputs![uOff + i];
        Y[k * n + m + i] = 0;
      }
    }
    task.jobs.forEach((job, a) => {
      const { rect, diag } = accs[a];
      const w = job.c1 - job.c0;
      if (rect) {
        copyCols(job.kind === 'a' ? Y : X, rows, n, 0, rect.mu, rect.uBlock);
        copyCols(X, rows, n, job.c0, w, rect.vBlock);
        rect.accumulate(rows);
      }
      if (diag) {
        copyCols(X, rows, n, job.c0, w, diag.xBlock);
        diag.accumulate(rows);
      }
    });
    task.sums.forEach(([c0, c1], a) => {
      const w = c1 - c0;
      const v = new Float64Array(rows * w);
      copyCols(X, rows, n, c0, w, v);
      addPartial(transposedProduct(train.data, base * d, rows, d, v, w), xz[a]);
      addPartial(transposedProduct(train.data, (base + 1) * d, rows, d, v, w), yz[a]);
    });
  }
  const blocks = task.jobs.map((job, a): GramBlock => {
    const { rect, diag } = accs[a];
    const out = { job, rect: rect ? rect.result() : null, diag: diag ? diag.gram() : null };
    rect?.dispose();
    diag?.dispose();
    return out;
  });
  return { blocks, xz, yz };
}

/** dst (rows × w) ← columns [c0, c0 + w) of src (rows × n). */
function copyCols(
  src: Float64Array,
  rows: number,
  n: number,
  c0: number,
  w: number,
  dst: Float64Array,
): void {
  for (let k = 0; k < rows; k++) dst.set(src.subarray(k * n + c0, k * n + c0 + w), k * w);
}

/** Assembles G_z (n×n), A_z (m×n or null), Σ x zᵀ and Σ y zᵀ (d×n) from the threads' results. */
export function mergeGram(
  results: GramResult[],
  tasks: GramTask[],
  d: number,
  m: number,
  n: number,
  withCross: boolean,
): { G: Float64Array; A: Float64Array | null; xz: Float64Array; yz: Float64Array } {
  const G = new Float64Array(n * n);
  const A = withCross ? new Float64Array(m * n) : null;
  const xz = new Float64Array(d * n);
  const yz = new Float64Array(d * n);
  results.forEach((res, t) => {
    for (const { job, rect, diag } of res.blocks) {
      const { c0, c1 } = job;
      const w = c1 - c0;
      if (diag)
        for (let a = 0; a < w; a++) G.set(diag.subarray(a * w, (a + 1) * w), (c0 + a) * n + c0);
      if (!rect) continue;
      if (job.kind === 'a') {
        for (let i = 0; i < m; i++) A!.set(rect.subarray(i * w, (i + 1) * w), i * n + c0);
        continue;
      }
      for (let i = 0; i < c0; i++)
        for (let b = 0; b < w; b++) {
          const v = rect[i * w + b];
          G[i * n + c0 + b] = v;
          G[(c0 + b) * n + i] = v;
        }
    }
    tasks[t].sums.forEach(([c0, c1], s) => {
      const w = c1 - c0;
      for (let i = 0; i < d; i++) {
        xz.set(res.xz[s].subarray(i * w, (i + 1) * w), i * n + c0);
        yz.set(res.yz[s].subarray(i * w, (i + 1) * w), i * n + c0);
      }
    });
  });
  return { G, A, xz, yz };
}
