/**
 * `--threads=N` of the CLI: how many threads a run may use (src/cli/nodePool.ts). Default: the
 * machine's available parallelism for runs big enough to gain from it, else one. Any N gives
 * bit-identical results (src/method/parallel.ts); only the wall time changes.
 */
import type { Parallel } from '../method/parallel';
import { isThreadCount, threadCountError, threadsFor } from '../run/poolSize';
import type { RunConfig } from '../run/schema';
import { createNodePool, defaultThreads } from './nodePool';

/** The --threads value (null: not given), or the message for a bad one. */
export function threadsFlag(flags: string[]): number | null | string {
  const f = flags.find((a) => a.startsWith('--threads='));
  if (f === undefined) return null;
  const text = f.slice('--threads='.length);
  const v = Number(text);
  return isThreadCount(v) ? v : threadCountError('--threads', `'${text}'`);
}

/** The pool for this run (undefined: one thread). */
export function poolFor(config: RunConfig, threads: number | null): Parallel | undefined {
  const n = threadsFor(config, defaultThreads(), threads);
  return n > 1 ? createNodePool(n) : undefined;
}
