/**
 * The gradient-baselines worker: trains an LSTM or GRU by BPTT with TensorFlow.js
 * (src/tfjs/trainer.ts) off the main thread, spawned only when the page's "Gradient baselines"
 * section asks for it, so TensorFlow.js is never part of the first paint. The wasm backend's
 * binaries are the app's own assets (Vite `?url` imports: served by the app, never a CDN); the
 * CPU backend is the fallback. Training awaits a macrotask between Adam steps, so `stop()` is
 * read within one step; progress (every learning-curve evaluation) goes to the page through a
 * comlink callback.
 */
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BpttProgress, BpttResult } from '../src/run/bptt/result';
import { bpttSettings, type BpttSettings } from '../src/run/bptt/settings';
import type { RunConfig } from '../src/run/schema';
import { selectBackend } from '../src/tfjs/backend';
import { trainBaseline } from '../src/tfjs/trainer';

let backend: Promise<'wasm' | 'cpu'> | null = null;
let stopRequested = false;

/** A macrotask yield: lets the worker read stop() between Adam steps (no 4 ms timer clamp). */
function pause(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/** Absolute URLs of the binaries (relative to the worker's own URL, as Vite emits them). */
function wasmPaths(): Record<string, string> {
  const abs = (u: string) => new URL(u, self.location.href).href;
  return {
    'tfjs-backend-wasm.wasm': abs(wasmPlain),
    'tfjs-backend-wasm-simd.wasm': abs(wasmSimd),
    'tfjs-backend-wasm-threaded-simd.wasm': abs(wasmThreaded),
  };
}

const api = {
  /** Loads TensorFlow.js' backend (wasm, else CPU); `cpu` forces the fallback. */
  async backend(cpu = false): Promise<'wasm' | 'cpu'> {
    backend ??= selectBackend(cpu ? null : wasmPaths());
    return backend;
  },
  /**
   * Trains one baseline on the run's data (its config) until the budget is spent or stop();
   * resolves with the scored result (forecasts' buffer transferred).
   */
  async train(
    config: RunConfig,
    settings: BpttSettings,
    onProgress?: (p: BpttProgress) => void,
  ): Promise<BpttResult> {
    const s = bpttSettings(settings.cell, settings);
    stopRequested = false;
    const name = await api.backend();
    onProgress?.({ phase: 'loading', backend: name, point: null, budget: s.budget });
    const result = await trainBaseline(config, s, {
      backend: name,
      onProgress: onProgress ? (p) => void onProgress(p) : undefined,
      shouldStop: () => stopRequested,
      pause,
    });
    return Comlink.transfer(result, [result.forecast.buffer as ArrayBuffer]);
  },
  /** Ends training after the Adam step in flight; the forecasts and metrics still follow. */
  stop(): void {
    stopRequested = true;
  },
};

export type BpttWorkerApi = typeof api;

Comlink.expose(api);
