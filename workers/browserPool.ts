/**
 * The browser's worker pool (docs/ARCHITECTURE.md, "Worker pool"): `threads − 1` pool threads
 * started by the run worker, plus the run worker itself, behind the synchronous `Parallel`
 * interface of src/method/parallel.ts — the same pipeline code as the Node CLI's pool
 * (src/cli/nodePool.ts), so a split run is bit-identical to an unsplit one.
 *
 * A `map` posts each thread its share of the tasks (task i to thread i mod threads, thread 0 the
 * run worker), runs its own share, then blocks in Atomics.wait on each thread's control word. A
 * blocked worker receives no messages, so a thread answers in shared memory
 * (workers/poolProtocol.ts, src/method/poolCodec.ts). Atomics.wait and SharedArrayBuffer need a
 * cross-origin isolated page (COOP/COEP headers: vite.config.ts, public/_headers); without them
 * `poolAvailable()` is false and the run uses one thread, with the same numbers.
 *
 * Threads are started before the first blocking map and awaited until each has loaded: a worker
 * whose creator blocks before it has started may never start (Chromium starts nested workers
 * through the creator's event loop).
 */
import { runParallelOp, type Parallel, type ParallelOpName } from '../src/method/parallel';
import { isThreadCount, threadCountError } from '../src/run/poolSize';
import { decode } from '../src/method/poolCodec';
import { READY, SlotState, type ToThread } from './poolProtocol';

/** The first data buffer of a slot; an answer that does not fit gets a bigger one. */
const INITIAL_DATA_BYTES = 1 << 20;
/** A thread that has not loaded after this long is given up (the run then uses fewer threads). */
const START_TIMEOUT_MS = 15_000;

export interface BrowserPool extends Parallel {
  /** False after a failed map or `close`: the host makes a new pool. */
  readonly usable: boolean;
  /** Bytes of shared memory the slots hold now (control words and data buffers). */
  sharedBytes(): number;
  close(): void;
}

interface Slot {
  worker: Worker;
  control: Int32Array;
  data: SharedArrayBuffer;
}

/** True where a pool can work: SharedArrayBuffer and Atomics.wait (cross-origin isolated). */
export function poolAvailable(): boolean {
  return typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated === true;
}

function send(slot: Slot, msg: ToThread): void {
  slot.worker.postMessage(msg);
}

function startThread(): Promise<Slot> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./poolThread.ts', import.meta.url), { type: 'module' });
    const slot: Slot = {
      worker,
      control: new Int32Array(new SharedArrayBuffer(8)),
      data: new SharedArrayBuffer(INITIAL_DATA_BYTES),
    };
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new Error(`a pool thread did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    worker.onmessage = (ev: MessageEvent) => {
      if (ev.data !== READY) return;
      clearTimeout(timer);
      resolve(slot);
    };
    worker.onerror = (ev: ErrorEvent) => {
      clearTimeout(timer);
      worker.terminate();
      reject(new Error(ev.message || 'a pool thread failed to load'));
    };
    send(slot, {
      type: 'init',
      control: slot.control.buffer as SharedArrayBuffer,
      data: slot.data,
    });
  });
}

/** Waits for a slot's answer (giving it a bigger buffer when it asks) and decodes it. */
function takeAnswer(slot: Slot, op: ParallelOpName): unknown[] {
  for (;;) {
    Atomics.wait(slot.control, 0, SlotState.Working);
    const state = Atomics.load(slot.control, 0) as SlotState;
    const size = Atomics.load(slot.control, 1);
    if (state === SlotState.NeedsBuffer) {
      slot.data = new SharedArrayBuffer(Math.max(size, 2 * slot.data.byteLength));
      Atomics.store(slot.control, 0, SlotState.Working);
      send(slot, { type: 'buffer', data: slot.data });
      continue;
    }
    const value = decode(new Uint8Array(slot.data, 0, size));
    if (state === SlotState.Failed)
      throw new Error(`pool thread failed in '${op}': ${String(value)}`);
    return value as unknown[];
  }
}

/** A pool of `threads` compute threads (the run worker included), started and ready. */
export async function createBrowserPool(threads: number): Promise<BrowserPool> {
  if (!isThreadCount(threads)) throw new RangeError(threadCountError('threads', threads));
  const started = await Promise.allSettled(
    Array.from({ length: threads - 1 }, () => startThread()),
  );
  const slots = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const size = slots.length + 1;
  let usable = true;
  const close = () => {
    usable = false;
    for (const s of slots) s.worker.terminate();
  };

  return {
    size,
    get usable() {
      return usable;
    },
    map<S, T, R>(op: ParallelOpName, shared: S, tasks: T[]): R[] {
      if (!usable) throw new Error('the worker pool was closed');
      const share = (t: number) => tasks.map((_, i) => i).filter((i) => i % size === t);
      const results = new Array<R>(tasks.length);
      try {
        const busy: Array<{ slot: Slot; ids: number[] }> = [];
        slots.forEach((slot, w) => {
          const ids = share(w + 1);
          if (ids.length === 0) return;
          Atomics.store(slot.control, 0, SlotState.Working);
          send(slot, { type: 'job', op, shared, tasks: ids.map((i) => tasks[i]) });
          busy.push({ slot, ids });
        });
        for (const i of share(0)) results[i] = runParallelOp(op, shared, tasks[i]) as R;
        for (const { slot, ids } of busy) {
          const answer = takeAnswer(slot, op);
          ids.forEach((i, k) => (results[i] = answer[k] as R));
        }
      } catch (e) {
        close(); // a thread may still be answering: its answer must not meet the next map
        throw e;
      }
      return results;
    },
    sharedBytes: () => slots.reduce((a, s) => a + 8 + s.data.byteLength, 0),
    close,
  };
}
