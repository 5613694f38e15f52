/**
 * How many threads a run uses, in the CLI (src/cli/threads.ts) and in the browser
 * (workers/runWorker.ts): the host's cores for runs big enough to gain from a pool, else one.
 * Any count gives bit-identical results (src/method/parallel.ts); only the wall time changes.
 */
import { familyOf } from './registry';
import type { RunConfig } from './schema';

/**
 * Below width × pairs of this size the pool did not pay on the 2-core machine it was measured on
 * (docs/ARCHITECTURE.md, "Worker pool"). With the first split (≈ 1.5× the Gram arithmetic for 2
 * threads) Lorenz width 500 × 10 000 pairs took 1.37–1.42 s on 1 thread and 1.65–1.79 s on 2,
 * width 1000 × 10 000 was even (2.66–2.71 s against 2.48–2.79 s), width 1000 × 20 000 gained
 * 6–7 % (3.91 → 3.62 s). With the column-range split (no arithmetic twice) the lecture defaults
 * ran as fast on 2 threads as on 1 in the browser (an A/B of 15 clicks each): still no gain there.
 */
export const POOL_MIN_WORK = 1.5e7;
/**
 * The browser's threshold for free systems. Its pool is started once and kept warm, so it pays
 * from far smaller runs than a CLI process that starts its workers for one run: on the 2-core
 * machine the free systems' lecture defaults (width × pairs 3–5·10⁶, their forecast stage split
 * too) ran faster on 2 threads than on 1 in interleaved bench-ui A/Bs (docs/ARCHITECTURE.md,
 * "Performance facts"); runs below it (a few hundred pairs) are over before a fan-out pays.
 */
export const BROWSER_POOL_MIN_WORK = 1e6;

/**
 * The run size from which the browser uses its pool: BROWSER_POOL_MIN_WORK for free systems,
 * POOL_MIN_WORK for the others — the controlled and series families split only their fit
 * passes (MPC, the closed loop and their forecasts run on one thread), and at their defaults 2
 * threads were slower than 1 (forced van der Pol 1.04 → 1.17 s, Duffing 0.95 → 1.10 s, weather
 * 0.43 → 0.50 s, medians of 10 clicks).
 */
export function browserMinWork(config: RunConfig): number {
  return familyOf(config.sys) === 'free' ? BROWSER_POOL_MIN_WORK : POOL_MIN_WORK;
}
/** The most threads a host may ask for. */
export const MAX_THREADS = 64;

/** True for a valid thread count: an integer in [1, MAX_THREADS]. */
export function isThreadCount(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= 1 && (n as number) <= MAX_THREADS;
}

/** The message for an invalid thread count (`what`: how the caller names it). */
export function threadCountError(what: string, n: unknown): string {
  return `${what} must be an integer in [1, ${MAX_THREADS}], got ${String(n)}`;
}

/**
 * The threads for `config` on a host with `cores` cores: all of them for runs of width × pairs ≥
 * `minWork`, else one; `requested` (if any) wins.
 */
export function threadsFor(
  config: RunConfig,
  cores: number,
  requested: number | null,
  minWork = POOL_MIN_WORK,
): number {
  if (requested !== null) return requested;
  const work = config.width * config.len * config.ntraj;
  return work >= minWork ? Math.max(1, Math.min(MAX_THREADS, Math.floor(cores))) : 1;
}
