/**
 * The one worker: runs the staged pipeline off the main thread and hands back plain data.
 * Exposed with comlink as a single typed API object; the client imports only its type
 * (after squoosh's worker-bridge). The worker keeps the stage cache between runs, so a change of
 * `reg` refits from the cached features and a change of `eps` only reassesses
 * (src/run/stageCache.ts). Cancel is terminate-and-respawn on the client side (a synchronous run
 * cannot read a message mid-way); the cache dies with the worker and is rebuilt by the next run.
 */
import * as Comlink from 'comlink';
import type { RunConfig } from '../src/run/schema';
import { runPipeline } from '../src/run/pipeline';
import {
  analyse,
  type AnalysisKind,
  type AnalysisProgress,
  type AnalysisResult,
  type AnalysisSettings,
} from '../src/run/analysis';
import { repeatSeeds, type SeedRepeat } from '../src/run/seeds';
import {
  growRun,
  samplerRun,
  type ExplainProgress,
  type GrowRun,
  type SamplerRun,
} from '../src/run/explain';
import {
  comparePlan,
  runComparison,
  type CompareKind,
  type CompareOptions,
  type CompareRow,
  type Comparison,
} from '../src/run/sweep';
import {
  eigenfunctionAnalysis,
  type EigenfunctionAnalysis,
  type EigenProgress,
  type EigenSettings,
} from '../src/run/eigenfunctions';
import { createStageCache } from '../src/run/stageCache';
import {
  browserMinWork,
  POOL_MIN_WORK,
  isThreadCount,
  threadCountError,
  threadsFor,
} from '../src/run/poolSize';
import { createBrowserPool, poolAvailable, type BrowserPool } from './browserPool';
import type { Progress, RunResult } from '../src/run/result';
import type { SeriesSource } from '../src/run/series/sources';

/**
 * Progress messages per second at most. Each one repaints the bar, and in Chromium every such
 * frame re-layerizes the whole page (its plots included): 15–35 ms of main-thread time per
 * update on the 2-core machine, taken from the run's own core. At 20 a second that was about
 * half a core for the whole run (a Chrome trace of a van der Pol click: Layerize 330–510 ms
 * during a 0.9 s run, 90–160 ms with the bar hidden); five a second still moves the bar several
 * times in a one-second run.
 */
const MAX_PROGRESS_PER_SECOND = 5;

/** Every distinct ArrayBuffer reachable from the result (a buffer listed twice would throw). */
function transferables(
  result: RunResult | AnalysisResult | GrowRun | SamplerRun | EigenfunctionAnalysis,
): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number): void => {
    if (depth > 4 || v === null || typeof v !== 'object') return;
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) seen.add(v.buffer);
      return;
    }
    for (const child of Object.values(v)) visit(child, depth + 1);
  };
  visit(result, 0);
  return [...seen];
}

/**
 * A copy of the result whose typed arrays own fresh buffers: the stage cache keeps the originals,
 * which transferring would detach (memcpy cost, far below the run's).
 */
function detached<T>(v: T, depth = 0): T {
  if (depth > 6 || v === null || typeof v !== 'object') return v;
  if (ArrayBuffer.isView(v)) return (v as unknown as Float64Array).slice() as unknown as T;
  if (Array.isArray(v)) return v.map((x) => detached(x, depth + 1)) as unknown as T;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, detached(x, depth + 1)])) as T;
}

const cache = createStageCache();
/** The other sampler's run of the explanation views (SWIM vs random), kept apart from `cache`. */
const otherCache = createStageCache();

function throttle<P extends Progress | AnalysisProgress | ExplainProgress | EigenProgress>(
  onProgress: (p: P) => void,
): (p: P) => void {
  const minGap = 1000 / MAX_PROGRESS_PER_SECOND;
  let last = -Infinity;
  return (p) => {
    const now = performance.now();
    // Dropped updates are harmless: a report of phase k tells the bar that phases < k are done.
    if (now - last < minGap) return;
    last = now;
    void onProgress({ phase: p.phase, fraction: p.fraction } as P);
  };
}

/** Threads asked for by the page (`setThreads`); null: as the run's size and the cores say. */
let requestedThreads: number | null = null;
/**
 * The pool of the last run that used one, kept warm for the next (the threads are loaded), the
 * size it was asked for (it may have fewer threads if some did not start: not retried) and, once
 * its threads have started, the pool itself.
 */
let pool: { asked: number; ready: Promise<BrowserPool>; started: BrowserPool | null } | null = null;

/** Replaces the pool by one of n threads, made now or once the current task (a run) is over. */
function startPool(n: number, afterThisTask: boolean): NonNullable<typeof pool> {
  void pool?.ready.then(
    (p) => p.close(),
    () => undefined,
  );
  const ready = afterThisTask
    ? new Promise<void>((go) => setTimeout(go, 0)).then(() => createBrowserPool(n))
    : createBrowserPool(n);
  const next: NonNullable<typeof pool> = { asked: n, ready, started: null };
  ready.then(
    (p) => (next.started = p),
    () => undefined, // no pool: runs use one thread
  );
  return (pool = next);
}

/**
 * The pool for a run of `config` (undefined: one thread, also where no pool can work). All cores
 * compute: the page draws after a run, not during it. A run below POOL_MIN_WORK that the page did
 * not ask a thread count for and that would have to start the pool (the first run after loading
 * the page) runs on one thread — the same numbers — and the pool starts once it is over
 * (Chromium starts a nested worker through its creator's event loop, which a run blocks); later
 * runs wait for its threads. Bigger runs and asked-for counts wait at once, as they gain more.
 */
async function poolFor(config: RunConfig): Promise<BrowserPool | undefined> {
  if (!poolAvailable()) return undefined;
  const n = threadsFor(
    config,
    navigator.hardwareConcurrency || 1,
    requestedThreads,
    browserMinWork(config),
  );
  if (n <= 1) return undefined;
  const wait =
    requestedThreads !== null || config.width * config.len * config.ntraj >= POOL_MIN_WORK;
  const fresh = !pool || pool.asked !== n || (pool.started !== null && !pool.started.usable);
  const current = fresh ? startPool(n, !wait) : pool!;
  if (fresh && !wait) return undefined; // later runs wait for this pool's threads
  const ready = await current.ready.catch(() => null);
  return ready && ready.usable && ready.size > 1 ? ready : undefined;
}

const api = {
  /**
   * Runs one configuration; progress arrives through a comlink.proxy callback, throttled.
   * Measured series (sys = weather, csv) come with the text of their data file. Big runs split
   * their passes over a pool of threads (workers/browserPool.ts), with the same numbers.
   */
  async run(
    config: RunConfig,
    onProgress?: (p: Progress) => void,
    series?: SeriesSource,
  ): Promise<RunResult> {
    const parallel = await poolFor(config);
    const result = detached(
      runPipeline(config, {
        ...(onProgress ? { onProgress: throttle(onProgress) } : {}),
        series,
        cache,
        ...(parallel ? { parallel } : {}),
      }),
    );
    return Comlink.transfer(result, transferables(result));
  },
  /**
   * How many threads runs use: an integer in [1, 64], or null for the default (the cores, for
   * runs big enough). A page setting for benchmarks and tests; the numbers never change with it.
   */
  setThreads(n: number | null): void {
    if (n !== null && !isThreadCount(n))
      throw new RangeError(`${threadCountError('threads', n)} (or null)`);
    requestedThreads = n;
  },
  /**
   * The Lyapunov spectrum or the long-term statistics of a free system's surrogate
   * (src/run/analysis.ts): the model comes from the same stage cache as `run`, so analysing the
   * configuration just trained refits nothing. Progress as for `run` (phases 'surrogate', 'truth').
   */
  analyse(
    config: RunConfig,
    kind: AnalysisKind,
    onProgress?: (p: AnalysisProgress) => void,
    settings?: AnalysisSettings,
  ): AnalysisResult {
    const result = analyse(config, kind, {
      ...settings,
      ...(onProgress ? { onProgress: throttle(onProgress) } : {}),
      cache,
    });
    return Comlink.transfer(result, transferables(result));
  },
  /**
   * The same settings over seeds s … s+n−1 (src/run/seeds.ts): mean ± spread of every scalar
   * metric. Runs in private caches, so the shown run's stage cache is kept.
   */
  repeatSeeds(
    config: RunConfig,
    n: number,
    onProgress?: (p: Progress) => void,
    series?: SeriesSource,
  ): SeedRepeat {
    return repeatSeeds(config, n, {
      series,
      ...(onProgress ? { onProgress: throttle(onProgress) } : {}),
    });
  },
  /**
   * Grow the network (src/run/explain.ts, METHOD.md §13): the fits with the first k neurons from
   * the cached features of this configuration (a free system).
   */
  grow(config: RunConfig, onProgress?: (p: ExplainProgress) => void): GrowRun {
    const result = detached(
      growRun(config, { cache, ...(onProgress ? { onProgress: throttle(onProgress) } : {}) }),
    );
    return Comlink.transfer(result, transferables(result));
  },
  /** The same configuration with another sampler (SWIM vs random features side by side). */
  samplerRun(
    config: RunConfig,
    sampler: string,
    onProgress?: (p: ExplainProgress) => void,
  ): SamplerRun {
    const result = detached(
      samplerRun(config, sampler, {
        cache: otherCache,
        ...(onProgress ? { onProgress: throttle(onProgress) } : {}),
      }),
    );
    return Comlink.transfer(result, transferables(result));
  },
  /**
   * A comparison or sweep of src/run/sweep.ts (issue 13), run after run in a private stage cache;
   * after each run the rows it produced are reported. Cancel terminates the worker, as for `run`.
   */
  compare(
    kind: CompareKind,
    config: RunConfig,
    opts: CompareOptions,
    onProgress?: (done: number, total: number, rows: CompareRow[]) => void,
  ): Comparison {
    const plan = comparePlan(kind, config, opts);
    return runComparison(kind, config, plan, {
      onProgress: onProgress ? (d, t, rows) => void onProgress(d, t, rows) : undefined,
    });
  },
  /**
   * The Koopman eigenfunctions of a free system's model (src/run/eigenfunctions.ts): leading
   * eigenvalues with ResDMD residuals, |φ| and arg φ on a grid (2-D systems). Model from the
   * stage cache, as for `analyse`.
   */
  eigenfunctions(
    config: RunConfig,
    onProgress?: (p: EigenProgress) => void,
    settings?: EigenSettings,
  ): EigenfunctionAnalysis {
    const result = eigenfunctionAnalysis(config, {
      ...settings,
      ...(onProgress ? { onProgress: throttle(onProgress) } : {}),
      cache,
    });
    return Comlink.transfer(result, transferables(result));
  },
};

export type RunWorkerApi = typeof api;

Comlink.expose(api);
