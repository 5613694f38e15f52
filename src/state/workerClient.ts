/**
 * The main thread's handle on the run worker. Imports only the worker API's *type*, so no
 * numerics are bundled into the page. Cancel terminates the worker (a synchronous pipeline
 * cannot be interrupted any other way) and spawns a fresh one for the next run.
 */
import * as Comlink from 'comlink';
import type { RunConfig } from '../run/schema';
import type { Progress, RunResult } from '../run/result';
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
  /** Stops the current run at once: its promise rejects with RunCancelled. */
  cancel(): void;
  dispose(): void;
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
    }
    return api;
  };

  const teardown = () => {
    worker?.terminate();
    worker = null;
    api = null;
  };

  return {
    run(config, onProgress, series) {
      // One run at a time: a new run supersedes (cancels) the previous one.
      if (pending) this.cancel();
      const remote = ensure();
      return new Promise<RunResult>((resolve, reject) => {
        const mine: Pending = { reject };
        pending = mine;
        remote.run(config, Comlink.proxy(onProgress), series).then(
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
