/**
 * The gradient-baselines worker: trains an LSTM or GRU by BPTT with TensorFlow.js
 * (src/tfjs/trainer.ts) off the main thread, spawned only when the page's "Gradient baselines"
 * section asks for it, so TensorFlow.js is never part of the first paint. The wasm backend's
 * binaries are the app's own assets (Vite `?url` imports: served by the app, never a CDN); the
 * CPU backend is the fallback. Progress (every learning-curve evaluation) and a snapshot of the
 * weights after every Adam step go to the page through comlink callbacks; Stop on the page
 * terminates this worker at once and a fresh one scores the last snapshot (`score`).
 */
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type {
  BpttCurvePoint,
  BpttProgress,
  BpttResult,
  BpttSnapshot,
} from '../src/run/bptt/result';
import { bpttSettings, type BpttSettings } from '../src/run/bptt/settings';
import type { RunConfig } from '../src/run/schema';
import { selectBackend } from '../src/tfjs/backend';
import { scoreSnapshot, trainBaseline } from '../src/tfjs/trainer';

let backend: Promise<'wasm' | 'cpu'> | null = null;

/** A macrotask yield between Adam steps, so progress messages leave at once (no timer clamp). */
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
   * Trains one baseline on the run's data (its config) until the budget is spent; resolves with
   * the scored result (forecasts' buffer transferred).
   */
  async train(
    config: RunConfig,
    settings: BpttSettings,
    onProgress?: (p: BpttProgress) => void,
    onStep?: (snap: BpttSnapshot) => void,
  ): Promise<BpttResult> {
    const s = bpttSettings(settings.cell, settings);
    const name = await api.backend();
    onProgress?.({ phase: 'loading', backend: name, point: null, budget: s.budget });
    const result = await trainBaseline(config, s, {
      backend: name,
      onProgress: onProgress ? (p) => void onProgress(p) : undefined,
      onStep: onStep ? (snap) => void onStep(snap) : undefined,
      pause,
    });
    return Comlink.transfer(result, [result.forecast.buffer as ArrayBuffer]);
  },
  /** Forecasts and metrics of a snapshot's network (after Stop), its curve completed. */
  async score(
    config: RunConfig,
    settings: BpttSettings,
    snap: BpttSnapshot,
    curve: BpttCurvePoint[],
  ): Promise<BpttResult> {
    const s = bpttSettings(settings.cell, settings);
    const name = await api.backend();
    const result = scoreSnapshot(config, s, snap, curve, name);
    return Comlink.transfer(result, [result.forecast.buffer as ArrayBuffer]);
  },
};

export type BpttWorkerApi = typeof api;

Comlink.expose(api);
