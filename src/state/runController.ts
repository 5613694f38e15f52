/**
 * Starts and cancels runs: reads the config from the store, talks to the worker client and
 * writes the outcome back. Only the latest run may write; a superseded run's answer is dropped.
 */
import { validateConfig } from '../config/query';
import type { RunConfig } from '../config/schema';
import { createRunClient, RunCancelled, type RunClient } from './workerClient';
import { useStore } from './store';

let client: RunClient | null = null;
let current = 0;
/** The config object of the last run started (configs are immutable: identity means equality). */
let lastStarted: RunConfig | null = null;

function getClient(): RunClient {
  client ??= createRunClient();
  return client;
}

/** Starts a run of the current config (cancelling any run in flight). */
export function train(): void {
  const store = useStore.getState();
  const config = store.config;
  lastStarted = config;
  const problems = validateConfig(config);
  if (problems.length) {
    store.runFailed(problems.map((p) => p.message).join('; '));
    return;
  }
  const id = ++current;
  const t0 = performance.now();
  store.runStarted();
  getClient()
    .run(config, (p) => {
      if (id === current) useStore.getState().runProgress(p);
    })
    .then(
      (result) => {
        if (id !== current) return;
        useStore.getState().runDone(result, performance.now() - t0);
      },
      (e: unknown) => {
        if (id !== current || e instanceof RunCancelled) return;
        const message = e instanceof Error ? e.message : String(e);
        useStore.getState().runFailed(message || 'the run failed');
      },
    );
}

/** Stops the run in flight at once (terminates the worker); no-op when idle. */
export function cancel(): void {
  if (useStore.getState().status !== 'running') return;
  current++;
  getClient().cancel();
  useStore.getState().runCancelled();
}

/** Whether the current config has already been started (auto-train then has nothing to do). */
export function currentConfigStarted(): boolean {
  return useStore.getState().config === lastStarted;
}
