/**
 * The LU with partial pivoting of a complex Hessenberg B = H − μI and the solve with Bᴴ, of the
 * inverse iteration in src/numerics/linalg/leftEigenvectors.ts, in WebAssembly SIMD
 * (factor/hessenbergLu.c `hlu_factor`, `hlu_solve_ct`): the row updates and the substitution's
 * updates two entries per f64x2, every entry with the JS expression, so factors and solutions
 * are bit for bit the JS ones (tests/unit/hessenbergLuKernel.test.ts). H is copied into the module's memory once, then
 * factored for one μ after another.
 */
import { factorSlot, useFactorWasm } from './factorModule';
import type { KernelName } from './gramKernels';

/** Factor B = H − μI for a μ, then solve Bᴴ y = x (in place, real and imaginary parts). */
export interface HessenbergLu {
  factor(muRe: number, muIm: number, tiny: number): void;
  solveConjTransposed(xr: Float64Array, xi: Float64Array): void;
}

/** Below this order the default is the JS loops. */
const MIN_WASM_ORDER = 32;
const slot = factorSlot();

/** Whether the wasm kernel should factor an n×n H: forced by `kernel`, else from order 32. */
export function useWasmHessenbergLu(n: number, kernel?: KernelName): boolean {
  return useFactorWasm(n >= MIN_WASM_ORDER, kernel);
}

/**
 * The wasm LU of H − μI for the n×n upper Hessenberg `h` (read now). Only one such LU is alive at
 * a time: the next call reuses the memory.
 */
export function wasmHessenbergLu(h: Float64Array, n: number): HessenbergLu {
  const {
    inst,
    ptrs: [hPtr, rrPtr, riPtr, lrPtr, liPtr, xrPtr, xiPtr, swPtr],
  } = slot.carve([n * n, n * n, n * n, n, n, n, n, Math.ceil(n / 8)]); // swapped: n bytes
  const buf = inst.memory.buffer;
  new Float64Array(buf, hPtr, n * n).set(h.subarray(0, n * n));
  const xr = new Float64Array(buf, xrPtr, n);
  const xi = new Float64Array(buf, xiPtr, n);
  const e = inst.exports;
  return {
    factor(muRe, muIm, tiny) {
      e.hlu_factor(hPtr, n, muRe, muIm, tiny, rrPtr, riPtr, lrPtr, liPtr, swPtr);
    },
    solveConjTransposed(yr, yi) {
      xr.set(yr.subarray(0, n));
      xi.set(yi.subarray(0, n));
      e.hlu_solve_ct(n, rrPtr, riPtr, lrPtr, liPtr, swPtr, xrPtr, xiPtr);
      yr.set(xr);
      yi.set(xi);
    },
  };
}
