/**
 * The Node host's worker pool (docs/ARCHITECTURE.md, "Worker pool"): `threads − 1` worker threads
 * plus the calling thread, behind the synchronous `Parallel` interface of src/method/parallel.ts,
 * so the pure, synchronous pipeline can split its passes without becoming async. A `map` posts
 * each worker its share of the tasks, runs the host's share itself, then blocks on each worker's
 * flag (Atomics.wait, allowed on Node's main thread) and takes the answer off its port with
 * receiveMessageOnPort. Results come back in task order, so the split never changes a bit.
 */
import { availableParallelism } from 'node:os';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';
import { runParallelOp, type Parallel, type ParallelOpName } from '../method/parallel';
import { isThreadCount, threadCountError } from '../run/poolSize';

export interface NodePool extends Parallel {
  /** Per worker thread: the largest heap seen after a task (bytes; JS heap, external). */
  peakHeaps(): Array<{ usedHeap: number; external: number }>;
  /** Stops the worker threads (the pool is unusable afterwards). */
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
}

/** The default pool size: the machine's available parallelism. */
export function defaultThreads(): number {
  return availableParallelism();
}

/** A pool of `threads` compute threads (1: no workers, everything inline). */
export function createNodePool(threads = defaultThreads()): NodePool {
  if (!isThreadCount(threads)) throw new RangeError(threadCountError('threads', threads));
  const url = new URL('./poolWorkerBoot.mjs', import.meta.url);
  const slots: Slot[] = [];
  for (let i = 0; i < threads - 1; i++) {
    const { port1, port2 } = new MessageChannel();
    const flag = new SharedArrayBuffer(4);
    const worker = new Worker(url, {
      workerData: { port: port2, flag },
      transferList: [port2],
    });
    worker.unref(); // a finished CLI run exits without waiting for the pool
    port1.unref();
    slots.push({ worker, port: port1, flag: new Int32Array(flag) });
  }
  let closed = false;

  return {
    size: threads,
    map<S, T, R>(op: ParallelOpName, shared: S, tasks: T[]): R[] {
      if (closed) throw new Error('the worker pool was closed');
      // Task i goes to thread i mod threads (thread 0 = this one).
      const share = (t: number) => tasks.map((_, i) => i).filter((i) => i % threads === t);
      const busy: Array<{ slot: Slot; ids: number[] }> = [];
      slots.forEach((slot, w) => {
        const ids = share(w + 1);
        if (ids.length === 0) return;
        Atomics.store(slot.flag, 0, 0);
        slot.port.postMessage({ op, shared, tasks: ids.map((i) => tasks[i]) });
        busy.push({ slot, ids });
      });
      const results = new Array<R>(tasks.length);
      for (const i of share(0)) results[i] = runParallelOp(op, shared, tasks[i]) as R;
      for (const { slot, ids } of busy) {
        Atomics.wait(slot.flag, 0, 0);
        const msg = receiveMessageOnPort(slot.port)?.message as
          { results?: R[]; error?: string } | undefined;
        if (!msg || msg.error !== undefined || !msg.results)
          throw new Error(`pool worker failed in '${op}': ${msg?.error ?? 'no answer'}`);
        ids.forEach((i, k) => (results[i] = msg.results![k]));
      }
      return results;
    },
    peakHeaps() {
      return slots.map((slot) => {
        Atomics.store(slot.flag, 0, 0);
        slot.port.postMessage({ op: 'stats', shared: null, tasks: [] });
        Atomics.wait(slot.flag, 0, 0);
        const msg = receiveMessageOnPort(slot.port)?.message as {
          results: Array<{ usedHeap: number; external: number }>;
        };
        return msg.results[0];
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
