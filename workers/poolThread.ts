/**
 * One thread of the browser pool (workers/browserPool.ts): runs the ops of src/method/parallel.ts
 * on the tasks it is sent and writes the results into its shared data buffer, encoded by
 * src/method/poolCodec.ts, then wakes the host, which is blocked in Atomics.wait.
 */
import { runParallelOp } from '../src/method/parallel';
import { encodedSize, encodeInto } from '../src/method/poolCodec';
import { READY, SlotState, type ToThread } from './poolProtocol';

let control = new Int32Array(new SharedArrayBuffer(8));
let data = new SharedArrayBuffer(0);
/** An answer that did not fit, kept until the host sends a bigger buffer. */
let pending: { value: unknown; state: SlotState.Answered | SlotState.Failed } | null = null;

function answer(value: unknown, state: SlotState.Answered | SlotState.Failed): void {
  const size = encodedSize(value);
  if (size > data.byteLength) {
    pending = { value, state };
    Atomics.store(control, 1, size);
    Atomics.store(control, 0, SlotState.NeedsBuffer);
  } else {
    pending = null;
    encodeInto(value, new Uint8Array(data));
    Atomics.store(control, 1, size);
    Atomics.store(control, 0, state);
  }
  Atomics.notify(control, 0);
}

self.onmessage = (ev: MessageEvent<ToThread>) => {
  const msg = ev.data;
  if (msg.type === 'init') {
    control = new Int32Array(msg.control);
    data = msg.data;
    self.postMessage(READY);
  } else if (msg.type === 'buffer') {
    data = msg.data;
    if (pending) answer(pending.value, pending.state);
  } else {
    let results: unknown[];
    try {
      results = msg.tasks.map((t) => runParallelOp(msg.op, msg.shared, t));
    } catch (e) {
      answer(e instanceof Error ? (e.stack ?? e.message) : String(e), SlotState.Failed);
      return;
    }
    answer(results, SlotState.Answered);
  }
};
