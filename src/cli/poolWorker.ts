/**
 * A Node worker thread of the pool (src/cli/nodePool.ts): runs the ops of src/method/parallel.ts
 * on the tasks it is sent and answers on its port, then raises its flag so the blocked host wakes.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { runParallelOp, type ParallelOpName } from '../method/parallel';

interface Job {
  op: ParallelOpName;
  shared: unknown;
  tasks: unknown[];
}

const { port, flag } = workerData as { port: MessagePort; flag: SharedArrayBuffer };
const done = new Int32Array(flag);
/** The largest heap seen after a task: JS heap in use + external (typed arrays, wasm memory). */
let peak = { usedHeap: 0, external: 0 };

function notePeak(): void {
  const h = getHeapStatistics();
  if (h.used_heap_size + h.external_memory > peak.usedHeap + peak.external)
    peak = { usedHeap: h.used_heap_size, external: h.external_memory };
}

port.on('message', ({ op, shared, tasks }: Job) => {
  let reply: { results?: unknown[]; error?: string };
  try {
    if ((op as string) === 'stats') reply = { results: [peak] };
    else {
      const results = tasks.map((t) => runParallelOp(op, shared, t));
      notePeak(); // the results are still alive here: the peak of the task, roughly
      reply = { results };
    }
  } catch (e) {
    reply = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});
parentPort?.postMessage('ready');
