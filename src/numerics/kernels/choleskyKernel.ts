/**
 * The Cholesky factorisation of src/numerics/linalg/cholesky.ts (choleskyInPlace) in WebAssembly
 * SIMD (factor/cholesky.c `cholesky`): rows i and i+1 of L as the two lanes of an f64x2, four
 * columns at a time, every entry with the JS loop's expression and order, so the factor is bit
 * for bit the JS one (tests/unit/choleskyKernel.test.ts); 7–10× faster than the JS loop at
 * n = 501–1001. And the triangular solves with the factor for the rows of X
 * (`chol_solve_rows`, same file).
 */
import { factorSlot, useFactorWasm } from './factorModule';
import type { KernelName } from './gramKernels';

/** Below this order the default is the JS loop (copying in and out would cost more). */
const MIN_WASM_ORDER = 64;
const slot = factorSlot();

/**
 * Which kernel factors an n×n matrix: `kernel` when given (throws if 'wasm-simd' is unavailable),
 * else 'wasm-simd' when available and n ≥ 64, else 'js'.
 */
export function choleskyKernelFor(n: number, kernel?: KernelName): KernelName {
  return useFactorWasm(n >= MIN_WASM_ORDER, kernel) ? 'wasm-simd' : 'js';
}

/**
 * choleskyInPlace in WebAssembly: same contract (a: n×n row-major, lower triangle read; on
 * success a holds exactly L with a zero upper triangle; false on a pivot ≤ minPivotRatio·a_ii,
 * NaN or infinite, a then partially overwritten).
 */
export function choleskyWasmInPlace(a: Float64Array, n: number, minPivotRatio: number): boolean {
  const {
    inst,
    ptrs: [aPtr, pPtr],
  } = slot.carve([n * n, 2 * n]);
  const view = new Float64Array(inst.memory.buffer, aPtr, n * n);
  view.set(a.subarray(0, n * n));
  const ok = inst.exports.cholesky(aPtr, n, minPivotRatio, pPtr) === 1;
  a.set(view);
  return ok;
}

/**
 * choleskySolveRowsInPlace in WebAssembly: X ← X (L Lᵀ)⁻¹ for X p×n (row-major, in place), L the
 * factor from choleskyInPlace; the same bits as the JS loops (rows in groups of four multiplied
 * by the pivot's reciprocal, the last p mod 4 rows divided by it).
 */
export function choleskySolveRowsWasm(
  l: Float64Array,
  n: number,
  x: Float64Array,
  p: number,
): void {
  const {
    inst,
    ptrs: [lPtr, uPtr, xPtr, tPtr],
  } = slot.carve([n * n, n * n, p * n, 4 * n]);
  const buf = inst.memory.buffer;
  new Float64Array(buf, lPtr, n * n).set(l.subarray(0, n * n));
  const xv = new Float64Array(buf, xPtr, p * n);
  xv.set(x.subarray(0, p * n));
  inst.exports.chol_solve_rows(lPtr, uPtr, n, xPtr, p, tPtr);
  x.set(xv);
}
