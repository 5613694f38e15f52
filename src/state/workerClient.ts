/**
 * The main thread's handle on the run worker. Imports only the worker API's *type*, so no
 * numerics are bundled into the page. Cancel terminates the worker (a synchronous pipeline
 * cannot be interrupted any other way) and spawns a fresh one for the next run.
 */
import * as Comlink from 'comlink';
import { isThreadCount } from '../run/poolSize';
import type { RunConfig } from '../run/schema';
import type { Progress, RunResult } from '../run/result';
import type {
  AnalysisKind,
  AnalysisProgress,
  AnalysisResult,
  AnalysisSettings,
} from '../run/analysis';
import type { SeedRepeat } from '../run/seeds';
import type { ExplainProgress, GrowRun, SamplerRun } from '../run/explain';
import type { CompareKind, CompareOptions, CompareRow, Comparison } from '../run/sweep';
import type { EigenfunctionAnalysis, EigenProgress, EigenSettings } from '../run/eigenfunctions';
import type { SeriesSource } from '../run/series/sources';
import type { RunWorkerApi } from '../../workers/runWorker';

/** Rejection reason of a run that was cancelled (distinguishes it from a real failure). */
export class RunCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'RunCancelled';
  }
}

interface Pending {
  reject: (e: unknown) => void;
}

export interface RunClient {
  /** `series`: the data file of a weather or CSV run (see seriesData.ts). */
  run(
    config: RunConfig,
    onProgress: (p: Progress) => void,
    series?: SeriesSource,
  ): Promise<RunResult>;
  /** The Lyapunov spectrum or long-term statistics of a free system (src/run/analysis.ts). */
  analyse(
    config: RunConfig,
    kind: AnalysisKind,
    onProgress: (p: AnalysisProgress) => void,
    settings?: AnalysisSettings,
  ): Promise<AnalysisResult>;
  /** The same settings over seeds s … s+n−1 (src/run/seeds.ts). */
  repeatSeeds(
    config: RunConfig,
    n: number,
    onProgress: (p: Progress) => void,
    series?: SeriesSource,
  ): Promise<SeedRepeat>;
  /** Grow the network: fits with the first k neurons from the cached features (src/run/explain.ts). */
  grow(config: RunConfig, onProgress: (p: ExplainProgress) => void): Promise<GrowRun>;
  /** The same configuration with another sampler (SWIM vs random features). */
  samplerRun(
    config: RunConfig,
    sampler: string,
    onProgress: (p: ExplainProgress) => void,
  ): Promise<SamplerRun>;
  /** A comparison or sweep (src/run/sweep.ts), with the rows of each run as they come. */
  compare(
    kind: CompareKind,
    config: RunConfig,
    opts: CompareOptions,
    onProgress: (done: number, total: number, rows: CompareRow[]) => void,
  ): Promise<Comparison>;
  /** The Koopman eigenfunctions of a free system's model (src/run/eigenfunctions.ts). */
  eigenfunctions(
    config: RunConfig,
    onProgress: (p: EigenProgress) => void,
    settings?: EigenSettings,
  ): Promise<EigenfunctionAnalysis>;
  /** Stops the current call at once: its promise rejects with RunCancelled. */
  cancel(): void;
  dispose(): void;
}

/**
 * The compute threads runs may use, if set in this browser: `localStorage['srnn.threads']`, an
 * integer in [1, 64] (benchmarks and tests compare pool sizes with it; the numbers never change).
 * Absent or invalid: the worker decides from the run's size and the cores.
 */
const THREADS_STORAGE_KEY = 'srnn.threads';

function threadsOverride(): number | null {
  try {
    const v = Number(localStorage.getItem(THREADS_STORAGE_KEY) ?? NaN);
    return isThreadCount(v) ? v : null;
  } catch {
    return null; // storage blocked: the default
  }
}

function spawn(): Worker {
  return new Worker(new URL('../../workers/runWorker.ts', import.meta.url), { type: 'module' });
}

export function createRunClient(): RunClient {
  let worker: Worker | null = null;
  let api: Comlink.Remote<RunWorkerApi> | null = null;
  let pending: Pending | null = null;

  const ensure = (): Comlink.Remote<RunWorkerApi> => {
    if (!api) {
      const w = spawn();
      // A worker that dies outside a call (script failed to load, out of memory) never answers
      // the comlink call; turn its error event into a rejection so the page does not hang.
      w.addEventListener('error', (ev) => {
        ev.preventDefault();
        const p = pending;
        pending = null;
        p?.reject(new Error(ev.message || 'the run worker crashed (out of memory?)'));
        teardown();
      });
      worker = w;
      api = Comlink.wrap<RunWorkerApi>(w);
      const threads = threadsOverride();
      if (threads !== null) void api.setThreads(threads);
    }
    return api;
  };

  const teardown = () => {
    worker?.terminate();
    worker = null;
    api = null;
  };

  /** One call at a time: a new call supersedes (cancels) the previous one. */
  const call = <T>(
    client: RunClient,
    start: (remote: Comlink.Remote<RunWorkerApi>) => Promise<T>,
  ): Promise<T> => {
    if (pending) client.cancel();
    const remote = ensure();
    return new Promise<T>((resolve, reject) => {
      const mine: Pending = { reject };
      pending = mine;
      start(remote).then(
        (r) => {
          if (pending !== mine) return;
          pending = null;
          resolve(r);
        },
        (e: unknown) => {
          if (pending !== mine) return;
          pending = null;
          reject(e);
        },
      );
    });
  };

  return {
    run(config, onProgress, series) {
      return call<RunResult>(this, (remote) =>
        remote.run(config, Comlink.proxy(onProgress), series),
      );
    },
    analyse(config, kind, onProgress, settings) {
      return call<AnalysisResult>(
        this,
        (remote) =>
          remote.analyse(
            config,
            kind,
            Comlink.proxy(onProgress),
            settings,
          ) as Promise<AnalysisResult>,
      );
    },
    repeatSeeds(config, n, onProgress, series) {
      return call<SeedRepeat>(this, (remote) =>
        remote.repeatSeeds(config, n, Comlink.proxy(onProgress), series),
      );
    },
    grow(config, onProgress) {
      return call<GrowRun>(this, (remote) => remote.grow(config, Comlink.proxy(onProgress)));
    },
    samplerRun(config, sampler, onProgress) {
      return call<SamplerRun>(this, (remote) =>
        remote.samplerRun(config, sampler, Comlink.proxy(onProgress)),
      );
    },
    compare(kind, config, opts, onProgress) {
      return call<Comparison>(this, (remote) =>
        remote.compare(kind, config, opts, Comlink.proxy(onProgress)),
      );
    },
    eigenfunctions(config, onProgress, settings) {
      return call<EigenfunctionAnalysis>(
        this,
        (remote) =>
          remote.eigenfunctions(
            config,
            Comlink.proxy(onProgress),
            settings,
          ) as Promise<EigenfunctionAnalysis>,
      );
    },
    cancel() {
      const p = pending;
      pending = null;
      teardown();
      // Respawn right away so the next run does not pay the worker start-up.
      ensure();
      p?.reject(new RunCancelled());
    },
    dispose() {
      const p = pending;
      pending = null;
      teardown();
      p?.reject(new RunCancelled());
    },
  };
}
