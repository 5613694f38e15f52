/**
 * EISPACK tred2 + tql2 of src/numerics/linalg/symmetricEigen.ts in WebAssembly SIMD
 * (factor/symmetricEigen.c `sym_tred2`, `sym_tql2`), transcribed statement by statement: the
 * rank-two and accumulation updates and the QL rotations two entries per f64x2, every dot product
 * a sequential chain, so eigenvalues and vectors are bit for bit the JS ones
 * (tests/unit/symmetricEigenKernel.test.ts).
 */
import { factorSlot, useFactorWasm } from './factorModule';
import type { KernelName } from './gramKernels';

/** Below this order the default is the JS loops. */
const MIN_WASM_ORDER = 32;
const slot = factorSlot();

/** The arrays of one decomposition in wasm memory, and the two phases on them. */
export interface SymmetricWorkspace {
  /** n×n: the transposed accumulator W (filled by the caller with A). */
  readonly w: Float64Array;
  readonly d: Float64Array;
  readonly e: Float64Array;
  /** tred2 then tql2; returns −1, or the index of the eigenvalue whose QL did not converge. */
  run(): number;
}

/**
 * A wasm workspace for an n×n decomposition, or null when the JS loops should run (`kernel`
 * 'js', or by default n < 32 or no WebAssembly SIMD). Throws when 'wasm-simd' is forced but
 * unavailable. The views are reused by the next workspace: copy the results out first.
 */
export function symmetricWorkspace(n: number, kernel?: KernelName): SymmetricWorkspace | null {
  if (n < 1 || !useFactorWasm(n >= MIN_WASM_ORDER, kernel)) return null;
  const {
    inst,
    ptrs: [wPtr, dPtr, ePtr],
  } = slot.carve([n * n, n, n]);
  const buf = inst.memory.buffer;
  const e = inst.exports;
  return {
    w: new Float64Array(buf, wPtr, n * n),
    d: new Float64Array(buf, dPtr, n),
    e: new Float64Array(buf, ePtr, n),
    run() {
      e.sym_tred2(wPtr, dPtr, ePtr, n);
      return e.sym_tql2(wPtr, dPtr, ePtr, n);
    },
  };
}
