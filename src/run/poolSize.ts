/**
 * How many threads a run uses, in the CLI (src/cli/threads.ts) and in the browser
 * (workers/runWorker.ts): the host's cores for runs big enough to gain from a pool, else one.
 * Any count gives bit-identical results (src/method/parallel.ts); only the wall time changes.
 */
import type { RunConfig } from './schema';

/**
 * Below width × pairs of this size a run takes well under a second: starting threads and
 * splitting the Gram by output blocks (≈ 1.5× the arithmetic for 2 threads) would only add time.
 */
export const POOL_MIN_WORK = 2e6;
/** The most threads a host may ask for. */
export const MAX_THREADS = 64;

/** The threads for `config` on a host with `cores` cores; `requested` (if any) wins. */
export function threadsFor(config: RunConfig, cores: number, requested: number | null): number {
  if (requested !== null) return requested;
  const work = config.width * config.len * config.ntraj;
  return work >= POOL_MIN_WORK ? Math.max(1, Math.min(MAX_THREADS, Math.floor(cores))) : 1;
}
