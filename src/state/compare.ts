/**
 * The Compare section's sweeps and ablations (issue 13, src/run/sweep.ts): one at a time, in a
 * worker of its own, with the rows of each finished run shown as they arrive, a progress count
 * and Cancel (terminates that worker; the run worker and the pinned runs are not touched).
 */
import { create } from 'zustand';
import type { CompareKind, CompareRow, Comparison } from '../run/sweep';
import { useStore } from './store';
import { createWorkerTask } from './workerTask';

export interface CompareState {
  kind: CompareKind;
  /** Seeds as typed ("1,2,3"); empty: the current seed. */
  seeds: string;
  withEsn: boolean;
  running: boolean;
  done: number;
  total: number;
  rows: CompareRow[];
  result: Comparison | null;
  error: string | null;
  setKind: (kind: CompareKind) => void;
  setSeeds: (seeds: string) => void;
  setWithEsn: (on: boolean) => void;
}

export const useCompare = create<CompareState>()((set) => ({
  kind: 'sampler',
  seeds: '',
  withEsn: false,
  running: false,
  done: 0,
  total: 0,
  rows: [],
  result: null,
  error: null,
  setKind: (kind) => set({ kind }),
  setSeeds: (seeds) => set({ seeds }),
  setWithEsn: (withEsn) => set({ withEsn }),
}));

/** The seeds typed in the box: integers separated by commas, at most 10, or a message. */
export function parseSeeds(text: string): number[] | string | null {
  const t = text.trim();
  if (t === '') return null;
  const items = t.split(',').map((s) => s.trim());
  if (items.some((s) => !/^\d+$/.test(s) || Number(s) > 4294967295))
    return `seeds must be integers from 0 to 4294967295 separated by commas, got '${t}'`;
  if (items.length > 10) return 'at most 10 seeds';
  return items.map(Number);
}

const task = createWorkerTask();

export function startCompare(): void {
  const { kind, seeds: text, withEsn } = useCompare.getState();
  const config = useStore.getState().config;
  const seeds = parseSeeds(text);
  if (typeof seeds === 'string') {
    useCompare.setState({ error: seeds });
    return;
  }
  useCompare.setState({ running: true, done: 0, total: 0, rows: [], result: null, error: null });
  task.start(
    (client, live) =>
      client.compare(
        kind,
        config,
        { ...(seeds ? { seeds } : {}), withEsn },
        (done, total, rows) => {
          if (live()) useCompare.setState((s) => ({ done, total, rows: [...s.rows, ...rows] }));
        },
      ),
    (result) => useCompare.setState({ running: false, result, rows: result.rows }),
    (message) => useCompare.setState({ running: false, error: message }),
  );
}

/** Stops the comparison in flight at once; the rows that finished stay. */
export function cancelCompare(): void {
  if (!useCompare.getState().running) return;
  task.cancel();
  useCompare.setState({ running: false });
}
