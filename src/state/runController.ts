/**
 * Starts and cancels runs: reads the config from the store, talks to the worker client and
 * writes the outcome back. Only the latest run may write; a superseded run's answer is dropped.
 * Each run started is recorded in the browser history (see history.ts): a run the user starts
 * adds an entry, any other run rewrites the current one.
 */
import { serializeQuery, validateConfig } from '../run/query';
import type { RunConfig } from '../run/schema';
import type { RunResult } from '../run/result';
import { recordRun, type HistoryMode } from './history';
import { seriesSourceFor } from './seriesData';
import { createRunClient, RunCancelled, type RunClient } from './workerClient';
import { useStore } from './store';
import { CONFIRM_SECONDS, costSentence, estimateCost } from '../run/cost';
import { askToRun, isConfirmed } from './costConfirm';

/**
 * Who started a run: the Train button ('user'), auto-train after a settings change ('auto'),
 * opening the page ('load') or Back/Forward ('history').
 */
export type RunSource = 'user' | 'auto' | 'load' | 'history';

const HISTORY_MODE: Record<RunSource, HistoryMode> = {
  user: 'push',
  // Every auto-trained run gets its own entry too (auto-train is debounced, so a slider drag is
  // one run), so Back and Forward step between runs and stay in the app (issue 11).
  auto: 'push',
  load: 'replace',
  history: 'replace',
};

/** Results kept for Back/Forward, by canonical query (each is a few MB at most). */
const CACHE_SIZE = 4;
const cache = new Map<string, RunResult>();

function remember(result: RunResult): void {
  const key = serializeQuery(result.config);
  cache.delete(key);
  cache.set(key, result);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
}

let client: RunClient | null = null;
let current = 0;
/** The config object of the last run started (configs are immutable: identity means equality). */
let lastStarted: RunConfig | null = null;

function getClient(): RunClient {
  client ??= createRunClient();
  return client;
}

/** Drops the run in flight, if any, without changing the status (the caller sets it). */
function supersede(): void {
  current++;
  if (useStore.getState().status === 'running') getClient().cancel();
}

/**
 * Starts a run of the current config (cancelling any run in flight). Back/Forward shows a result
 * still in memory at once instead of training again (same query, same numbers).
 */
export function train(source: RunSource = 'user'): void {
  const store = useStore.getState();
  const config = store.config;
  lastStarted = config;
  recordRun(config, store.page, HISTORY_MODE[source]);
  const problems = validateConfig(config);
  if (problems.length) {
    store.runFailed(problems.map((p) => p.message).join('; '));
    return;
  }
  const cached = source === 'history' ? cache.get(serializeQuery(config)) : undefined;
  // A long run (estimated over ~20 s) asks first, whoever started it (issue 16).
  const estimate = estimateCost(config);
  const query = serializeQuery(config);
  if (!cached && estimate.seconds > CONFIRM_SECONDS && !isConfirmed(query)) {
    askToRun({ query, estimate, sentence: costSentence(estimate) });
    return;
  }
  if (cached) {
    supersede();
    store.resultLoaded(cached, { kind: 'history' });
    return;
  }
  const id = ++current;
  const t0 = performance.now();
  store.runStarted();
  // Weather and CSV runs first fetch / look up their data file (see seriesData.ts).
  seriesSourceFor(config)
    .then((series) => {
      if (id !== current) throw new RunCancelled();
      return getClient().run(
        config,
        (p) => {
          if (id === current) useStore.getState().runProgress(p);
        },
        series,
      );
    })
    .then(
      (result) => {
        if (id !== current) return;
        remember(result);
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

/**
 * Shows an imported result without training: its settings become the page's (so the controls
 * and the address show them, in a new history entry), and auto-train treats them as already run.
 */
export function showImported(result: RunResult, file: string): void {
  supersede();
  const store = useStore.getState();
  store.replaceConfig(result.config);
  lastStarted = result.config;
  recordRun(result.config, store.page, 'push');
  remember(result);
  store.resultLoaded(result, { kind: 'import', file });
}

/** Whether the current config has already been started (auto-train then has nothing to do). */
export function currentConfigStarted(): boolean {
  return useStore.getState().config === lastStarted;
}
