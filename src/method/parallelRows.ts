/**
 * The other split passes (src/method/parallel.ts, cases (c) and (a)): chunk partials Σ_k u_k v_kᵀ
 * added in chunk order (C·A), and per-row work (projected rows, one-step predictions; the
 * forecast stage's fan-out is ./parallelForecast).
 */
import { defaultKernel, DEFAULT_BLOCK_ROWS } from '../numerics/kernels/gramKernels';
import { gemmNN } from '../numerics/kernels/gemm';
import { pairOffset, type TrajectorySet } from '../numerics/trajectorySet';
import { liftMany, type Dictionary } from './sampling/hiddenLayer';
import { dictOf, transposedProduct, type LayerSpec } from './parallelBase';

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

export interface OneStepShared {
  layer: LayerSpec;
  /** CKᵀ: m×d. */
  CKt: Float64Array;
  set: TrajectorySet;
  /** Every `stride`-th pair is scored. */
  stride: number;
}

/**
 * The predictions CK Ψ(x_k) ((b − a)×d) of the scored pairs number a … b−1 (pair a·stride, …),
 * lifted and multiplied in batches of 256 (each row's arithmetic is its own).
 */
export function oneStepPredictions(
  shared: OneStepShared,
  dict: Dictionary,
  range: [number, number],
): Float64Array {
  const { set, stride, CKt } = shared;
  const { d } = set;
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
      const off = pairOffset(set, k0);
      xs.set(set.data.subarray(off, off + d), r * d);
    }
    liftMany(dict, xs, 0, rows, psi, 0);
    out.set(gemmNN(psi, rows, m, CKt, d), (i0 - a) * d);
  }
  return out;
}
