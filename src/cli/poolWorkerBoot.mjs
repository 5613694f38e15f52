// Entry of a pool worker thread (src/cli/nodePool.ts): the CLI runs from TypeScript sources
// (npm run srnn: tsx), and Node 20 does not hand the parent's tsx loader to a worker, so register
// it here, then load the worker itself. A worker that cannot start raises its flag to 2, so the
// host (blocked in Atomics.wait) fails with a message instead of waiting forever.
import { workerData } from 'node:worker_threads';

try {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./poolWorker.ts');
} catch (e) {
  const flag = new Int32Array(workerData.flag);
  workerData.port.postMessage({ error: `worker start failed: ${e?.stack ?? e}` });
  Atomics.store(flag, 0, 2);
  Atomics.notify(flag, 0);
}
