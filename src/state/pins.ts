/**
 * Pinned runs (issue 13): up to four runs kept beside the current one for comparison. The link
 * carries them (page key `pin`, src/state/pinLinks.ts, through the page options), so a shared link
 * restores every pinned run: each pin without a result is run in a worker of its own (one at a
 * time, in pin order; its stage cache keeps the data a pin shares with the next), so the run
 * worker and its cache are never disturbed. Pinning the run on screen keeps its result as is.
 */
import { create } from 'zustand';
import { serializeQuery, parseQuery } from '../run/query';
import type { RunResult } from '../run/result';
import type { RunConfig } from '../run/schema';
import { MAX_PINS } from './pinLinks';
import { train } from './runController';
import { useStore } from './store';
import { flushUrl } from './wiring';
import { createRunClient, RunCancelled, type RunClient } from './workerClient';

export interface PinEntry {
  /** Canonical query of the pinned run. */
  query: string;
  config: RunConfig;
  result: RunResult | null;
  status: 'waiting' | 'running' | 'done' | 'error';
  error: string | null;
}

export interface PinsState {
  entries: PinEntry[];
}

export const usePins = create<PinsState>()(() => ({ entries: [] }));

let client: RunClient | null = null;
let running: string | null = null;

function update(query: string, part: Partial<PinEntry>): void {
  usePins.setState((s) => ({
    entries: s.entries.map((e) => (e.query === query ? { ...e, ...part } : e)),
  }));
}

/** Runs the next pin that has no result yet (one at a time). */
function runNext(): void {
  if (running) return;
  const next = usePins.getState().entries.find((e) => e.status === 'waiting');
  if (!next) return;
  running = next.query;
  update(next.query, { status: 'running' });
  client ??= createRunClient();
  client
    .run(next.config, () => {})
    .then(
      (result) => {
        running = null;
        update(next.query, { result, status: 'done' });
        runNext();
      },
      (e: unknown) => {
        running = null;
        if (!(e instanceof RunCancelled))
          update(next.query, {
            status: 'error',
            error: e instanceof Error ? e.message : String(e),
          });
        runNext();
      },
    );
}

/** Brings the entries in line with the page's pins (new ones queued, removed ones dropped). */
export function syncPins(): void {
  const queries = useStore.getState().page.pins ?? [];
  const old = usePins.getState().entries;
  const entries = queries.map(
    (q): PinEntry =>
      old.find((e) => e.query === q) ?? {
        query: q,
        config: parseQuery(q, 'lenient').config,
        result: null,
        status: 'waiting',
        error: null,
      },
  );
  if (running && !queries.includes(running)) {
    client?.cancel();
    running = null;
  }
  usePins.setState({ entries });
  runNext();
}

function setPins(queries: string[]): void {
  const s = useStore.getState();
  s.setPage({ ...s.page, pins: queries.length ? queries : undefined });
  syncPins();
  flushUrl();
}

/** Whether the run on screen can be pinned (a result, not pinned yet, fewer than four pins). */
export function canPin(result: RunResult | null, pins: readonly string[]): boolean {
  return result !== null && pins.length < MAX_PINS && !pins.includes(serializeQuery(result.config));
}

/** Pins the run on screen (its result is kept; nothing is re-run). */
export function pinCurrent(): void {
  const { result, page } = useStore.getState();
  const pins = page.pins ?? [];
  if (!result || !canPin(result, pins)) return;
  const query = serializeQuery(result.config);
  usePins.setState((s) => ({
    entries: [...s.entries, { query, config: result.config, result, status: 'done', error: null }],
  }));
  setPins([...pins, query]);
}

export function unpin(query: string): void {
  setPins((useStore.getState().page.pins ?? []).filter((q) => q !== query));
}

/** The other sampler of a config (SWIM ↔ random features). */
export function otherSampler(config: RunConfig): string {
  return config.sampler === 'swim' ? 'random' : 'swim';
}

/** Makes a pinned run with the other sampler the current run and trains it. */
export function rerunWithOtherSampler(query: string): void {
  const entry = usePins.getState().entries.find((e) => e.query === query);
  if (!entry) return;
  const config = { ...entry.config, net: 'rnn', sampler: otherSampler(entry.config) };
  useStore.getState().replaceConfig(config as RunConfig);
  train('user');
}

useStore.subscribe(
  (s) => s.page.pins,
  () => syncPins(),
);
