/**
 * The lifecycle the page's side computations share (analyses, eigenfunctions, growing the network,
 * the other sampler's run, comparisons): a worker of their own, created on first use, so the run
 * worker and its stage cache are never disturbed; one task at a time, a new one superseding the
 * last (whose callbacks then never fire); Cancel terminates the worker at once (a synchronous
 * computation cannot read a message mid-way; the next task gets a fresh worker).
 */
import type { RunResult } from '../run/result';
import { useStore } from './store';
import { createRunClient, RunCancelled, type RunClient } from './workerClient';

export interface WorkerTask {
  /**
   * Runs `work` on this task's worker, superseding the task in flight. `live()` tells whether the
   * task is still the latest (for progress callbacks); `done` and `failed` fire only while it is,
   * and a cancellation fires neither. `failed` gets the error's message ('' if it had none).
   */
  start<T>(
    work: (client: RunClient, live: () => boolean) => Promise<T>,
    done: (value: T) => void,
    failed: (message: string) => void,
  ): void;
  /** Supersedes the task in flight and terminates its worker. */
  cancel(): void;
}

export function createWorkerTask(): WorkerTask {
  let client: RunClient | null = null;
  let current = 0;
  return {
    start(work, done, failed) {
      const id = ++current;
      const live = () => id === current;
      client ??= createRunClient();
      work(client, live).then(
        (value) => {
          if (live()) done(value);
        },
        (e: unknown) => {
          if (!live() || e instanceof RunCancelled) return;
          failed(e instanceof Error ? e.message : String(e));
        },
      );
    },
    cancel() {
      current++;
      client?.cancel();
    },
  };
}

/**
 * Calls `reset` with the new result whenever the result on screen differs from the one a view's
 * state belongs to (`of()`): the side computations of the old result go.
 */
export function onNewResult(
  of: () => RunResult | null,
  reset: (result: RunResult | null) => void,
): void {
  useStore.subscribe(
    (s) => s.result,
    (result) => {
      if (result !== of()) reset(result);
    },
  );
}
