/**
 * What every split pass of the worker pool shares (src/method/parallel.ts has the design): the
 * `Parallel` host interface, the layer a task lifts with, and the chunking of the training set.
 */
import { defaultKernel, DEFAULT_BLOCK_ROWS } from '../numerics/kernels/gramKernels';
import { gemmNN } from '../numerics/kernels/gemm';
import type { TrajectorySet } from '../numerics/trajectorySet';
import type { ParallelOpName } from './parallel';
import { layerDictionary, type Dictionary, type HiddenLayer } from './sampling/hiddenLayer';

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
export function dictOf(layer: LayerSpec): Dictionary {
  if (!dictCache || dictCache.layer.W !== layer.W || dictCache.layer.b !== layer.b)
    dictCache = { layer, dict: layerDictionary({ ...layer, pairs: null }) };
  return dictCache.dict;
}

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

/** Visits every within-trajectory pair index range [t0, t0 + rows) of every trajectory. */
export function forEachChunk(
  set: TrajectorySet,
  chunk: number,
  visit: (traj: number, t0: number, rows: number) => void,
): void {
  const pairsPer = set.points - 1;
  for (let j = 0; j < set.count; j++)
    for (let t0 = 0; t0 < pairsPer; t0 += chunk) visit(j, t0, Math.min(chunk, pairsPer - t0));
}
