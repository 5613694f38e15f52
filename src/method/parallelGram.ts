/**
 * Pass 1 of a split fit (src/method/parallel.ts, case (b)): the Gram sums G_z and A_z by output
 * blocks, each thread running the unchanged kernel over all pairs in order for its columns, and
 * Σ x zᵀ, Σ y zᵀ by column blocks; the plan that balances the blocks over threads and the merge.
 */
import { createGramAccumulator, DEFAULT_BLOCK_ROWS } from '../numerics/kernels/gramKernels';
import type { TrajectorySet } from '../numerics/trajectorySet';
import { liftMany } from './sampling/hiddenLayer';
import { addPartial, chunksOf, dictOf, transposedProduct, type LayerSpec } from './parallelBase';

/** One block job of pass 1, on column parts I, J of z (n = m + p columns). */
export interface GramJob {
  /** 'g': G[I,J] for I < J (and G[J,J]); 'd': G[J,J] only; 'a': A[I,J] (and G[J,J]). */
  kind: 'g' | 'd' | 'a';
  I: number;
  J: number;
}

export interface GramShared {
  layer: LayerSpec;
  train: TrajectorySet;
  /** Column parts: part q is columns [bounds[q], bounds[q+1]). */
  bounds: number[];
}

/** One thread's pass-1 work: its block jobs, and the parts whose Σ x zᵀ, Σ y zᵀ columns it sums. */
export interface GramTask {
  jobs: GramJob[];
  sums: number[];
}

export interface GramBlock {
  job: GramJob;
  /** 'g', 'a': |I|×|J| block; 'd': |J|×|J| full symmetric. */
  block: Float64Array;
  /** G[J,J] (full symmetric) from the same accumulator. */
  diag: Float64Array;
}

export interface GramResult {
  blocks: GramBlock[];
  /** Per entry of `sums`: Σ x zᵀ[:, J] and Σ y zᵀ[:, J] (d×|J| each). */
  xz: Float64Array[];
  yz: Float64Array[];
}

/**
 * Relative cost of the jobs of a plan with q equal parts: 'g' and 'a' jobs cost |I||J| + |J|²/2,
 * 'd' jobs |J|²/2 (the kernel also sums G[J,J] with every cross job).
 */
function jobCost(kind: GramJob['kind']): number {
  return kind === 'd' ? 0.5 : 1.5;
}

/**
 * The block jobs of pass 1 with q parts: G's off-diagonal blocks I < J (their diagonal blocks come
 * with them; part 0's alone), and with the cross term every block A[I, J].
 */
export function gramJobs(q: number, withCross: boolean): GramJob[] {
  const jobs: GramJob[] = [];
  if (withCross)
    for (let I = 0; I < q; I++) for (let J = 0; J < q; J++) jobs.push({ kind: 'a', I, J });
  for (let I = 0; I < q; I++) for (let J = I + 1; J < q; J++) jobs.push({ kind: 'g', I, J });
  // Part J's diagonal block comes with any job whose column part is J; part 0 needs its own
  // unless a cross job has J = 0.
  if (!withCross) jobs.push({ kind: 'd', I: 0, J: 0 });
  return jobs;
}

/** Longest-processing-time assignment of jobs to threads; returns the makespan and the lists. */
function assign(jobs: GramJob[], threads: number): { makespan: number; lists: GramJob[][] } {
  const lists: GramJob[][] = Array.from({ length: threads }, () => []);
  const load = new Array(threads).fill(0);
  const order = jobs
    .map((j, i) => i)
    .sort((a, b) => jobCost(jobs[b].kind) - jobCost(jobs[a].kind) || a - b);
  for (const i of order) {
    let t = 0;
    for (let s = 1; s < threads; s++) if (load[s] < load[t]) t = s;
    lists[t].push(jobs[i]);
    load[t] += jobCost(jobs[i].kind);
  }
  return { makespan: Math.max(...load), lists };
}

/**
 * The pass-1 plan for `threads` threads over n columns: the number of parts q (2 … 4·threads)
 * with the smallest modelled wall time (makespan/q², in units of n²), and each thread's task.
 */
export function planGram(
  n: number,
  threads: number,
  withCross: boolean,
): { bounds: number[]; tasks: GramTask[] } {
  let best: { q: number; cost: number; lists: GramJob[][] } | null = null;
  for (let q = 2; q <= Math.min(4 * threads, Math.floor(n / 8)); q++) {
    const { makespan, lists } = assign(gramJobs(q, withCross), threads);
    const cost = makespan / (q * q);
    if (!best || cost < best.cost - 1e-12) best = { q, cost, lists };
  }
  const q = best ? best.q : 1;
  const lists = best ? best.lists : [gramJobs(1, withCross)];
  const bounds = Array.from({ length: q + 1 }, (_, i) => Math.round((i * n) / q));
  // Each part's Σ x zᵀ, Σ y zᵀ columns: summed by the thread of its first job with column part J.
  const sumsOf: number[][] = lists.map(() => []);
  for (let J = 0; J < q; J++) {
    const t = lists.findIndex((l) => l.some((job) => job.J === J));
    sumsOf[t].push(J);
  }
  return { bounds, tasks: lists.map((jobs, t) => ({ jobs, sums: sumsOf[t] })) };
}

/** Pass 1 for one thread's jobs: every pair, in order, through one accumulator per job. */
export function gramOp(shared: GramShared, task: GramTask): GramResult {
  const { train, bounds } = shared;
  const dict = dictOf(shared.layer);
  const d = train.d;
  const p = train.p ?? 0;
  const m = dict.m;
  const n = m + p;
  const width = (q: number) => bounds[q + 1] - bounds[q];
  // A cross job's accumulator is square: s = max(|I|, |J|) columns, the narrower part padded with
  // zero columns (every element is its own sum, so the padding changes no other element).
  const side = (job: GramJob) =>
    job.kind === 'd' ? width(job.J) : Math.max(width(job.I), width(job.J));
  const accs = task.jobs.map((job) =>
    createGramAccumulator(side(job), { withCross: job.kind !== 'd' }),
  );
  const rowsMax = DEFAULT_BLOCK_ROWS;
  const psi = new Float64Array((rowsMax + 1) * m);
  const X = new Float64Array(rowsMax * n);
  const Y = new Float64Array(rowsMax * n);
  const xz = task.sums.map((J) => new Float64Array(d * width(J)));
  const yz = task.sums.map((J) => new Float64Array(d * width(J)));
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
      const acc = accs[a];
      const sd = side(job);
      copyCols(X, rows, n, bounds[job.J], width(job.J), acc.xBlock, sd);
      if (job.kind !== 'd')
        copyCols(job.kind === 'a' ? Y : X, rows, n, bounds[job.I], width(job.I), acc.yBlock!, sd);
      acc.accumulate(rows);
    });
    task.sums.forEach((J, a) => {
      const j0 = bounds[J];
      const w = width(J);
      const v = new Float64Array(rows * w);
      copyCols(X, rows, n, j0, w, v);
      addPartial(transposedProduct(train.data, base * d, rows, d, v, w), xz[a]);
      addPartial(transposedProduct(train.data, (base + 1) * d, rows, d, v, w), yz[a]);
    });
  }
  const blocks = task.jobs.map((job, a): GramBlock => {
    const acc = accs[a];
    const sd = side(job);
    const w = width(job.J);
    const diag = topLeft(acc.gram(), sd, w, w);
    const block = job.kind === 'd' ? diag : topLeft(acc.cross(), sd, width(job.I), w);
    acc.dispose();
    return { job, block, diag };
  });
  return { blocks, xz, yz };
}

/** The top-left h×w block of an s×s row-major matrix. */
function topLeft(a: Float64Array, s: number, h: number, w: number): Float64Array {
  if (h === s && w === s) return a;
  const out = new Float64Array(h * w);
  for (let i = 0; i < h; i++) out.set(a.subarray(i * s, i * s + w), i * w);
  return out;
}

/** dst (rows × ld, ld ≥ w) ← columns [c0, c0 + w) of src (rows × n); the rest of each row is 0. */
function copyCols(
  src: Float64Array,
  rows: number,
  n: number,
  c0: number,
  w: number,
  dst: Float64Array,
  ld = w,
): void {
  for (let k = 0; k < rows; k++) {
    dst.set(src.subarray(k * n + c0, k * n + c0 + w), k * ld);
    if (ld > w) dst.fill(0, k * ld + w, (k + 1) * ld);
  }
}

/** Assembles G_z (n×n), A_z (m×n or null), Σ x zᵀ and Σ y zᵀ (d×n) from the threads' results. */
export function mergeGram(
  results: GramResult[],
  tasks: GramTask[],
  bounds: number[],
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
    for (const { job, block, diag } of res.blocks) {
      const j0 = bounds[job.J];
      const w = bounds[job.J + 1] - j0;
      for (let a = 0; a < w; a++) G.set(diag.subarray(a * w, (a + 1) * w), (j0 + a) * n + j0);
      if (job.kind === 'd') continue;
      const i0 = bounds[job.I];
      const h = bounds[job.I + 1] - i0;
      for (let a = 0; a < h; a++)
        for (let b = 0; b < w; b++) {
          const v = block[a * w + b];
          if (job.kind === 'g') {
            G[(i0 + a) * n + j0 + b] = v;
            G[(j0 + b) * n + i0 + a] = v;
          } else if (i0 + a < m) A![(i0 + a) * n + j0 + b] = v;
        }
    }
    tasks[t].sums.forEach((J, s) => {
      const j0 = bounds[J];
      const w = bounds[J + 1] - j0;
      for (let i = 0; i < d; i++) {
        xz.set(res.xz[s].subarray(i * w, (i + 1) * w), i * n + j0);
        yz.set(res.yz[s].subarray(i * w, (i + 1) * w), i * n + j0);
      }
    });
  });
  return { G, A, xz, yz };
}
