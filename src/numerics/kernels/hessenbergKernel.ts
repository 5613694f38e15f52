/**
 * The two level-2 loops of the Householder reduction to Hessenberg form
 * (src/numerics/linalg/hessenberg.ts) in WebAssembly SIMD (factor.c `hess_step`,
 * `hess_accumulate`): one column's two-sided update and the accumulation of its reflector into
 * the basis. Dot products keep their sequential order (four rows as independent chains), the
 * updates run two columns per f64x2 with the JS expression per element, so H and Q are bit for
 * bit the JS loops' (tests/unit/hessenbergKernel.test.ts). The arrays live in the module's
 * memory: a workspace hands them out as views and the operations pass their byte offsets.
 */
import { factorInstance, factorWasmAvailable, type FactorInstance } from './factorModule';
import { Carver, type KernelName } from './gramKernels';

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
/** The instance is kept for the next reduction only while its memory is at most this (bytes). */
const KEEP_BYTES = 64 * 2 ** 20;

let kept: FactorInstance | null = null;

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
  const wasm = factorWasmAvailable();
  if (kernel === 'wasm-simd' && !wasm)
    throw new Error('wasm-simd kernel requested but WebAssembly SIMD is unavailable');
  if (kernel === 'js' || !wasm || (kernel === undefined && n < MIN_WASM_ORDER)) return null;
  const inst = kept ?? factorInstance();
  const c = new Carver(inst.exports.heap_base() >>> 0);
  const hPtr = c.take(n * n);
  const bPtr = withBasis ? c.take(n * n) : 0;
  const ortPtr = c.take(n);
  const wvPtr = c.take(n);
  const pvPtr = c.take(n);
  inst.ensureBytes(c.end);
  kept = inst.memory.buffer.byteLength <= KEEP_BYTES ? inst : null;
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
