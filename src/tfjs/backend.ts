/**
 * The TensorFlow.js backend of the gradient baselines: WebAssembly (XNNPACK) when its binaries load,
 * the pure-JS CPU backend otherwise. The host says where the .wasm files are: in the browser the
 * app's own URLs (workers/bpttWorker.ts imports them with Vite's `?url`, so they are served by the
 * app, never a CDN), in Node the package's dist/ folder (src/cli/bptt.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** The three binaries of @tensorflow/tfjs-backend-wasm, by file name, or a folder prefix. */
export type WasmPaths = string | Record<string, string>;

/**
 * Selects the wasm backend (paths given) or the CPU backend (null, or wasm failed to initialise);
 * returns the backend's name. Called once per host (the wasm paths cannot change afterwards).
 */
export async function selectBackend(paths: WasmPaths | null): Promise<'wasm' | 'cpu'> {
  if (paths !== null) {
    try {
      // One thread, as before the page became cross-origin isolated (for the run's worker pool):
      // with SharedArrayBuffer available the backend would pick its threaded binary, whose
      // pthread workers do not start from a bundled module worker ("e is not defined").
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      setWasmPaths(paths as never);
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        if (tf.getBackend() === 'wasm') return 'wasm';
      }
    } catch {
      // fall through to the CPU backend
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return 'cpu';
}
