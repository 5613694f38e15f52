/**
 * The two level-2 loops of the Householder reduction to Hessenberg form
 * (src/numerics/linalg/hessenberg.ts) in WebAssembly SIMD (factor/hessenberg.c `hess_step`,
 * `hess_accumulate`): one column's two-sided update and the accumulation of its reflector into
 * the basis. Dot products keep their sequential order (four rows as independent chains), the
 * updates run two columns per f64x2 with the JS expression per element, so H and Q are bit for
 * bit the JS loops' (tests/unit/hessenbergKernel.test.ts). The arrays live in the module's
 * memory: a workspace hands them out as views and the operations pass their byte offsets.
 */
import { factorSlot, useFactorWasm } from './factorModule';
import type { KernelName } from './gramKernels';

/** The column step and the reflector accumulation (see hessenberg.ts for their equations). */
export interface HessenbergOps {
  step(
    h: Float64Array,
    n: number,
    m: number,
    ort: Float64Array,
    invH: number,
    wv: Float64Array,
    pv: Float64Array,
  ): void;
  accumulate(q: Float64Array, n: number, m: number, u: Float64Array, invH: number): void;
}

/** Arrays of one reduction in wasm memory, and the operations on them. */
export interface HessenbergWorkspace {
  readonly h: Float64Array;
  readonly basis: Float64Array | null;
  readonly ort: Float64Array;
  readonly wv: Float64Array;
  readonly pv: Float64Array;
  readonly ops: HessenbergOps;
}

/** Below this order the default is the JS loops (copying in and out would cost more). */
const MIN_WASM_ORDER = 32;
const slot = factorSlot();

/**
 * A wasm workspace for reducing an n×n matrix (with room for the basis when `withBasis`), or
 * null when the JS loops should run: `kernel` 'js', or by default when n < 32 or WebAssembly SIMD
 * is unavailable. Throws when 'wasm-simd' is forced but unavailable. The views are reused by the
 * next workspace: copy the results out first.
 */
export function hessenbergWorkspace(
  n: number,
  withBasis: boolean,
  kernel?: KernelName,
): HessenbergWorkspace | null {
  if (!useFactorWasm(n >= MIN_WASM_ORDER, kernel)) return null;
  const {
    inst,
    ptrs: [hPtr, bPtr, ortPtr, wvPtr, pvPtr],
  } = slot.carve([n * n, withBasis ? n * n : 0, n, n, n]);
  const buf = inst.memory.buffer;
  const e = inst.exports;
  return {
    h: new Float64Array(buf, hPtr, n * n),
    basis: withBasis ? new Float64Array(buf, bPtr, n * n) : null,
    ort: new Float64Array(buf, ortPtr, n),
    wv: new Float64Array(buf, wvPtr, n),
    pv: new Float64Array(buf, pvPtr, n),
    ops: {
      step: (h, nn, m, ort, invH, wv, pv) =>
        e.hess_step(h.byteOffset, nn, m, ort.byteOffset, invH, wv.byteOffset, pv.byteOffset),
      accumulate: (q, nn, m, u, invH) => e.hess_accumulate(q.byteOffset, nn, m, u.byteOffset, invH),
    },
  };
}
