/**
 * A Node worker thread of the pool (src/cli/nodePool.ts): runs the ops of src/method/parallel.ts
 * on the tasks it is sent and answers on its port, then raises its flag so the blocked host wakes.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { runParallelOp, type ParallelOpName } from '../method/parallel';

interface Job {
  op: ParallelOpName;
  shared: unknown;
  tasks: unknown[];
}

const { port, flag } = workerData as { port: MessagePort; flag: SharedArrayBuffer };
const done = new Int32Array(flag);

port.on('message', ({ op, shared, tasks }: Job) => {
  let reply: { results?: unknown[]; error?: string };
  try {
    reply = { results: tasks.map((t) => runParallelOp(op, shared, t)) };
  } catch (e) {
    reply = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});
parentPort?.postMessage('ready');
