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
 *
 * Files: ./parallelBase (the host interface, the layer spec, chunking, chunk partials),
 * ./parallelGram (pass (b)), ./parallelRows (passes (c) and (a)), ./parallelForecast (the
 * forecast stage's rollouts and one-step errors in one fan-out); this one names the ops.
 */
import { gramOp } from './parallelGram';
import { forecastOp } from './parallelForecast';
import { caOp, projectOp } from './parallelRows';
import type { Parallel } from './parallelBase';

export * from './parallelBase';
export * from './parallelGram';
export * from './parallelRows';
export * from './parallelForecast';

/** The operations a pool thread can run, by name. */
export const PARALLEL_OPS = {
  gram: gramOp,
  project: projectOp,
  ca: caOp,
  forecast: forecastOp,
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
