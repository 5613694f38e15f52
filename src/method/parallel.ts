/**
 * Work of one run split over threads without changing a bit of the result (docs/ARCHITECTURE.md,
 * "Worker pool"). A host (the Node CLI: src/cli/nodePool.ts) supplies a `Parallel`: it runs one
 * operation of `PARALLEL_OPS` on a list of tasks in any threads and returns the results in task
 * order. Everything here is pure; the host only moves messages.
 *
 * Why the results cannot depend on the number of threads: every sum the fit makes is either
 * (a) per row (the lift Ψ(x_k), a projected row QᵀΨ(x_k), a forecast step of one start: each
 *     output element is one sequential sum over the inner index, METHOD.md §3, gramKernels.ts), or
 * (b) a sequential sum over pairs in pair order (the Gram G_z, A_z, the projected cross term: each
 *     element c ← c + a_k·b_k for k = 1 … N), or
 * (c) a sum of per-chunk partials in chunk order (Σ x zᵀ, Σ y zᵀ, C·A: the chunk partial is a
 *     sequential sum over its ≤ 256 rows from 0, then out += partial chunk by chunk).
 * (a) splits over rows or starts freely. (b) cannot be split over rows (partial Grams summed
 * afterwards round differently), so it is split over *output elements*: each thread owns blocks
 * of G and A and runs the unchanged kernel over all N pairs in order for its columns. (c) splits
 * over chunks with the chunk boundaries of the serial code; the host adds the partials in chunk
 * order. The split (how many parts, which thread) therefore changes the wall time only.
 */
import {
  createGramAccumulator,
  defaultKernel,
  DEFAULT_BLOCK_ROWS,
  gemmNN,
} from '../numerics/kernels/gramKernels';
import type { TrajectorySet } from '../numerics/trajectorySet';
import { advanceRelift, outputFrom, type BlowupBox, type RolloutOutput } from './rollout';
import {
  layerDictionary,
  liftMany,
  type Dictionary,
  type HiddenLayer,
} from './sampling/hiddenLayer';

/** A synchronous fan-out: `op` on every task (in any thread), results in task order. */
export interface Parallel {
  /** Compute threads, ≥ 1 (the host's own thread included). */
  readonly size: number;
  map<S, T, R>(op: ParallelOpName, shared: S, tasks: T[]): R[];
}

/** What the ops need of the hidden layer (no closures: it crosses threads). */
export type LayerSpec = Pick<HiddenLayer, 'd' | 'width' | 'W' | 'b' | 'act'>;

/** A pool plus the layer its tasks lift with: what the fit stages take to split their work. */
export interface ParallelFit {
  pool: Parallel;
  layer: LayerSpec;
}

/** Chunks (trajectory, first pair, rows) of every trajectory, as the serial passes visit them. */
export function chunksOf(set: TrajectorySet, chunk = DEFAULT_BLOCK_ROWS): Int32Array {
  const pairsPer = set.points - 1;
  const out: number[] = [];
  for (let j = 0; j < set.count; j++)
    for (let t0 = 0; t0 < pairsPer; t0 += chunk) out.push(j, t0, Math.min(chunk, pairsPer - t0));
  return Int32Array.from(out);
}

/** Splits the chunk list into `parts` contiguous runs of about equal rows. */
export function splitChunks(chunks: Int32Array, parts: number): Int32Array[] {
  const n = chunks.length / 3;
  const out: Int32Array[] = [];
  for (let p = 0; p < parts; p++) {
    const a = Math.floor((p * n) / parts);
    const b = Math.floor(((p + 1) * n) / parts);
    if (b > a) out.push(chunks.slice(3 * a, 3 * b));
  }
  return out;
}

/** A plain copy of the training set (no views into bigger buffers cross threads). */
export function plainSet(set: TrajectorySet): TrajectorySet {
  return {
    d: set.d,
    count: set.count,
    points: set.points,
    data: set.data.slice(),
    ...(set.p ? { p: set.p, inputs: set.inputs!.slice() } : {}),
  };
}

export function layerSpec(layer: LayerSpec): LayerSpec {
  return { d: layer.d, width: layer.width, W: layer.W, b: layer.b, act: layer.act };
}

let dictCache: { layer: LayerSpec; dict: Dictionary } | null = null;
/** The dictionary of a layer (rebuilt only when another layer arrives). */
function dictOf(layer: LayerSpec): Dictionary {
  if (!dictCache || dictCache.layer.W !== layer.W || dictCache.layer.b !== layer.b)
    dictCache = { layer, dict: layerDictionary({ ...layer, pairs: null }) };
  return dictCache.dict;
}

// ---------------------------------------------------------------------------------------------
// (b) Pass 1: G_z and A_z by output blocks, Σ x zᵀ and Σ y zᵀ by column blocks.

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

// ---------------------------------------------------------------------------------------------
// (c) Chunk partials: Σ_k u_k v_kᵀ per chunk.

/**
 * Uᵀ V (d×m) for U = rows×d (row-major, from u[uOffset]) and V = rows×m: one chunk's partial of
 * Σ_k u_k v_kᵀ, each element summed over the chunk's rows in order from 0 (the gemm kernel).
 */
export function transposedProduct(
  u: Float64Array,
  uOffset: number,
  rows: number,
  d: number,
  v: Float64Array,
  m: number,
): Float64Array {
  const ut = new Float64Array(d * rows);
  for (let k = 0; k < rows; k++)
    for (let i = 0; i < d; i++) ut[i * rows + k] = u[uOffset + k * d + i];
  return gemmNN(ut, d, rows, v, m, defaultKernel()); // d < 4 rows: force the SIMD kernel
}

/** out += partial, element by element. */
export function addPartial(partial: Float64Array, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] += partial[i];
}

/**
 * Lifts the states t0 … t0+rows of trajectory j: Ψ(x_{t0..t0+rows−1}) into xBlock rows and
 * Ψ(x_{t0+1..t0+rows}) into yBlock rows (each state lifted once).
 */
export function liftChunk(
  dict: Dictionary,
  set: TrajectorySet,
  j: number,
  t0: number,
  rows: number,
  xBlock: Float64Array,
  yBlock: Float64Array,
): void {
  const m = dict.m;
  const base = j * set.points + t0;
  liftMany(dict, set.data, base, rows, xBlock, 0);
  if (rows > 1) yBlock.set(xBlock.subarray(m, rows * m), 0);
  liftMany(dict, set.data, base + rows, 1, yBlock, (rows - 1) * m);
}

export interface CaShared {
  layer: LayerSpec;
  train: TrajectorySet;
  /** Cᵀ: m×d. */
  Ct: Float64Array;
}

/** C·A partials of a run of chunks: per chunk (C Ψ(y_k))ᵀ-weighted Σ Ψ(x_k)ᵀ, d×m each. */
export function caOp(shared: CaShared, chunks: Int32Array): Float64Array {
  const dict = dictOf(shared.layer);
  const m = dict.m;
  const d = shared.train.d;
  const xb = new Float64Array(DEFAULT_BLOCK_ROWS * m);
  const yb = new Float64Array(DEFAULT_BLOCK_ROWS * m);
  const out = new Float64Array((chunks.length / 3) * d * m);
  for (let c = 0; c < chunks.length; c += 3) {
    const rows = chunks[c + 2];
    out.set(
      caChunk(dict, shared.train, chunks[c], chunks[c + 1], rows, shared.Ct, xb, yb),
      (c / 3) * d * m,
    );
  }
  return out;
}

/** One chunk's C·A partial (d×m). */
export function caChunk(
  dict: Dictionary,
  train: TrajectorySet,
  j: number,
  t: number,
  rows: number,
  Ct: Float64Array,
  xb: Float64Array,
  yb: Float64Array,
): Float64Array {
  const m = dict.m;
  const d = Ct.length / m;
  liftChunk(dict, train, j, t, rows, xb, yb);
  const cy = gemmNN(yb, rows, m, Ct, d);
  return transposedProduct(cy, 0, rows, d, xb, m);
}

// ---------------------------------------------------------------------------------------------
// (a) Per-row work: projected rows, forecasts.

export interface ProjectShared {
  layer: LayerSpec;
  train: TrajectorySet;
  /** Q: m×r. */
  Q: Float64Array;
  r: number;
}

/**
 * One chunk's projected rows: QᵀΨ(x_t) for its `rows` inputs, then QᵀΨ of its last target
 * ((rows + 1)×r; the targets are the inputs shifted by one plus that row).
 */
export function projectChunk(
  dict: Dictionary,
  train: TrajectorySet,
  j: number,
  t: number,
  rows: number,
  Q: Float64Array,
  r: number,
  xb: Float64Array,
  yb: Float64Array,
): Float64Array {
  const m = dict.m;
  liftChunk(dict, train, j, t, rows, xb, yb);
  const out = new Float64Array((rows + 1) * r);
  out.set(gemmNN(xb, rows, m, Q, r));
  out.set(gemmNN(yb.subarray((rows - 1) * m, rows * m), 1, m, Q, r, defaultKernel()), rows * r);
  return out;
}

/** The projected rows of a run of chunks, concatenated. */
export function projectOp(shared: ProjectShared, chunks: Int32Array): Float64Array {
  const dict = dictOf(shared.layer);
  const m = dict.m;
  const { r } = shared;
  const xb = new Float64Array(DEFAULT_BLOCK_ROWS * m);
  const yb = new Float64Array(DEFAULT_BLOCK_ROWS * m);
  let total = 0;
  for (let c = 0; c < chunks.length; c += 3) total += (chunks[c + 2] + 1) * r;
  const out = new Float64Array(total);
  let at = 0;
  for (let c = 0; c < chunks.length; c += 3) {
    const part = projectChunk(
      dict,
      shared.train,
      chunks[c],
      chunks[c + 1],
      chunks[c + 2],
      shared.Q,
      r,
      xb,
      yb,
    );
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export interface ReliftShared {
  layer: LayerSpec;
  CK: Float64Array;
  d: number;
  horizon: number;
  box: BlowupBox;
}

/** Re-lifted forecasts of some starts (count×d). */
export function reliftOp(shared: ReliftShared, starts: Float64Array): RolloutOutput {
  const { d, horizon } = shared;
  return advanceRelift(
    outputFrom(starts, d, horizon),
    dictOf(shared.layer),
    shared.CK,
    d,
    horizon,
    shared.box,
  );
}

/**
 * Re-lifted forecasts of every start, split over the pool's threads by contiguous runs of starts.
 * Each start's arithmetic does not depend on the others' (the lockstep batch only stacks rows of
 * the same per-row lift and gemm), so the bits equal those of rolloutRelift.
 */
export function reliftParallel(
  par: ParallelFit,
  CK: Float64Array,
  starts: Float64Array,
  d: number,
  horizon: number,
  box: BlowupBox,
): RolloutOutput {
  const count = starts.length / d;
  const parts = Math.min(par.pool.size, count);
  const tasks: Float64Array[] = [];
  for (let p = 0; p < parts; p++) {
    const a = Math.floor((p * count) / parts);
    const b = Math.floor(((p + 1) * count) / parts);
    tasks.push(starts.slice(a * d, b * d));
  }
  const outs = par.pool.map<ReliftShared, Float64Array, RolloutOutput>(
    'relift',
    { layer: par.layer, CK, d, horizon, box },
    tasks,
  );
  const all = outputFrom(starts, d, horizon);
  let j = 0;
  for (const o of outs) {
    all.x.set(o.x, j * (horizon + 1) * d);
    for (let k = 0; k < o.divergedAt.length; k++, j++) {
      all.divergedAt[j] = o.divergedAt[k];
      all.divergedReason[j] = o.divergedReason[k];
    }
  }
  return all;
}

export interface OneStepShared {
  layer: LayerSpec;
  /** CKᵀ: m×d. */
  CKt: Float64Array;
  set: TrajectorySet;
  /** Every `stride`-th pair is scored. */
  stride: number;
}

/** The predictions CK Ψ(x_k) (rows×d) of the scored pairs number a … b−1 (pair a·stride, …). */
export function oneStepOp(shared: OneStepShared, range: [number, number]): Float64Array {
  const { set, stride, CKt } = shared;
  const dict = dictOf(shared.layer);
  const { d, points } = set;
  const m = dict.m;
  const [a, b] = range;
  const batch = 256;
  const xs = new Float64Array(batch * d);
  const psi = new Float64Array(batch * m);
  const out = new Float64Array((b - a) * d);
  for (let i0 = a; i0 < b; i0 += batch) {
    const rows = Math.min(batch, b - i0);
    for (let r = 0; r < rows; r++) {
      const k0 = (i0 + r) * stride;
      const off = (Math.floor(k0 / (points - 1)) * points + (k0 % (points - 1))) * d;
      xs.set(set.data.subarray(off, off + d), r * d);
    }
    liftMany(dict, xs, 0, rows, psi, 0);
    out.set(gemmNN(psi, rows, m, CKt, d), (i0 - a) * d);
  }
  return out;
}

/**
 * oneStepMse (src/method/metrics.ts) of a free model (no drive, all outputs) with the predictions
 * made in the pool's threads; the squared errors are summed here in pair order, as there, so the
 * value is bit-identical (each prediction is a per-row lift and gemm).
 */
export function oneStepMseParallel(
  par: ParallelFit,
  CK: Float64Array,
  set: TrajectorySet,
  maxPairs: number,
): number {
  const { d, count, points } = set;
  const m = par.layer.width + 1;
  const total = count * (points - 1);
  const stride = Math.max(1, Math.floor(total / maxPairs));
  const scored = Math.ceil(total / stride);
  const parts = Math.min(par.pool.size, scored);
  const ranges: Array<[number, number]> = [];
  for (let p = 0; p < parts; p++)
    ranges.push([Math.floor((p * scored) / parts), Math.floor(((p + 1) * scored) / parts)]);
  const CKt = new Float64Array(m * d);
  for (let i = 0; i < d; i++) for (let c = 0; c < m; c++) CKt[c * d + i] = CK[i * m + c];
  const ys = par.pool.map<OneStepShared, [number, number], Float64Array>(
    'onestep',
    { layer: par.layer, CKt, set: plainSet(set), stride },
    ranges,
  );
  let s = 0;
  let n = 0;
  ranges.forEach(([a, b], p) => {
    for (let idx = a; idx < b; idx++) {
      const k0 = idx * stride;
      const off = (Math.floor(k0 / (points - 1)) * points + (k0 % (points - 1))) * d;
      for (let i = 0; i < d; i++) s += (ys[p][(idx - a) * d + i] - set.data[off + d + i]) ** 2;
      n++;
    }
  });
  return s / (n * d);
}

/** The operations a pool thread can run, by name. */
export const PARALLEL_OPS = {
  gram: gramOp,
  project: projectOp,
  ca: caOp,
  relift: reliftOp,
  onestep: oneStepOp,
} as const;
export type ParallelOpName = keyof typeof PARALLEL_OPS;

/** Runs a named op (what a pool thread does with a message). */
export function runParallelOp(op: ParallelOpName, shared: unknown, task: unknown): unknown {
  const f = PARALLEL_OPS[op] as (s: unknown, t: unknown) => unknown;
  if (typeof f !== 'function') throw new Error(`unknown parallel op '${String(op)}'`);
  return f(shared, task);
}

/** The same threads run inline: a pool of one (what a host without workers uses). */
export const SERIAL: Parallel = {
  size: 1,
  map: <S, T, R>(op: ParallelOpName, shared: S, tasks: T[]): R[] =>
    tasks.map((t) => runParallelOp(op, shared, t) as R),
};
