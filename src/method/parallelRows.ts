/**
 * The other split passes (src/method/parallel.ts, cases (c) and (a)): chunk partials Σ_k u_k v_kᵀ
 * added in chunk order (C·A), and per-row work (projected rows, one-step predictions, forecasts of
 * the test starts).
 */
import { defaultKernel, DEFAULT_BLOCK_ROWS } from '../numerics/kernels/gramKernels';
import { gemmNN } from '../numerics/kernels/gemm';
import type { TrajectorySet } from '../numerics/trajectorySet';
import { advanceRelift, outputFrom, type BlowupBox, type RolloutOutput } from './rollout';
import { liftMany, type Dictionary } from './sampling/hiddenLayer';
import {
  dictOf,
  plainSet,
  transposedProduct,
  type LayerSpec,
  type ParallelFit,
} from './parallelBase';

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
