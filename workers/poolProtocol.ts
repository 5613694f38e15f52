/**
 * What the browser pool's host (workers/browserPool.ts, inside the run worker) and its threads
 * (workers/poolThread.ts) say to each other. The host cannot receive messages while it blocks in
 * Atomics.wait, so messages go one way only, host → thread; a thread answers in shared memory:
 * the encoded results (src/method/poolCodec.ts) in the slot's data buffer, then a state in the
 * control word, then Atomics.notify.
 */
import type { ParallelOpName } from '../src/method/parallel';

/** Control word 0 of a slot: what the thread's answer is. Word 1: the answer's size in bytes. */
export const enum SlotState {
  /** The thread is working (the host waits while the word holds this). */
  Working = 0,
  /** The results are in the data buffer. */
  Answered = 1,
  /** The answer does not fit: the host sends a data buffer of at least word 1 bytes. */
  NeedsBuffer = 2,
  /** The op threw: the data buffer holds the error text. */
  Failed = 3,
}

export type ToThread =
  | { type: 'init'; control: SharedArrayBuffer; data: SharedArrayBuffer }
  | { type: 'buffer'; data: SharedArrayBuffer }
  | { type: 'job'; op: ParallelOpName; shared: unknown; tasks: unknown[] };

/** The only message a thread posts: once, when it has loaded and taken its buffers. */
export const READY = 'pool-thread-ready';
