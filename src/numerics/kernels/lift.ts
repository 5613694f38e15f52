/**
 * Lift kernel: the EDMD dictionary Ψ(x) = [σ(W x + b); 1] of a sampled hidden layer for many
 * states, σ = tanhDet (deterministic tanh, see tanhDet.ts) or ReLU. Two interchangeable kernels:
 *
 * - 'wasm-simd': lift.c compiled to WebAssembly with SIMD128 (two neurons per f64x2 lane pair,
 *   eight per block), loaded synchronously from the base64 string in liftWasm.ts.
 * - 'js': liftJs.ts, plain loops (also the reference of the tests).
 *
 * Numerical contract (both kernels, bit for bit): z_j = b_j + Σ_i W[j·d+i]·x_i summed from b_j in
 * order i = 0..d−1, each product and sum rounded to double (no FMA), then tanhDet(z_j) or
 * max(z_j, 0) (NaN propagates, −0 → +0); the last entry is 1. Results depend only on the input
 * bits — not on the kernel, the engine, the number of rows per call or the chunking — except for
 * the payload/sign bits of a NaN, which IEEE/wasm leave unspecified (NaN stays NaN).
 */
import type { KernelName } from './gramKernels';
import { LIFT_WASM_BASE64 } from './liftWasm';
import { checkLiftRowsArgs, createJsLifter } from './liftJs';

/** Evaluates the EDMD dictionary Ψ(x) = [σ(W x + b); 1] of a sampled layer for many states. */
export interface Lifter {
  readonly kernel: KernelName;
  /** State dimension. */
  readonly d: number;
  /** Number of neurons M. */
  readonly width: number;
  /** Dictionary size M + 1. */
  readonly m: number;
  /**
   * Ψ of `rows` consecutive states states[(start+k)·d .. +d), k < rows, written to
   * out[outOffset + k·m .. +m). z_j = b_j + Σ_i W[j·d+i]·x_i summed in order i = 0..d−1 starting
   * from b_j; σ = tanhDet or ReLU max(z, 0); last entry 1.
   */
  liftRows(
    states: Float64Array,
    start: number,
    rows: number,
    out: Float64Array,
    outOffset: number,
  ): void;
  /** Releases kernel memory; the lifter must not be used afterwards. */
  dispose(): void;
}

export type LiftActivation = 'tanh' | 'relu';

interface LiftExports {
  heap_base(): number;
  tanh_array(input: number, out: number, n: number): void;
  tanh_array_scalar(input: number, out: number, n: number): void;
  lift_rows(
    x: number,
    rows: number,
    d: number,
    wt: number,
    b: number,
    M: number,
    act: number,
    out: number,
  ): void;
}

const PAGE_BYTES = 65536;
/** wasm32 address space: 4 GiB. */
const MAX_PAGES = 65536;
/** Rows per wasm call at most (states/out staging area; longer calls are chunked). */
const MAX_CHUNK_ROWS = 512;
/** The staging area is kept below this many bytes (fewer rows per chunk for very wide layers). */
const CHUNK_BYTES = 4 * 2 ** 20;
/** Below this many doubles, states are copied into wasm memory with a loop (no subarray). */
const SMALL_COPY = 64;

interface LiftModule {
  mod: WebAssembly.Module;
  /** First free byte above the module's stack and static data (same for every instance). */
  heapBase: number;
}

let cachedModule: LiftModule | null | undefined;

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function instantiate(
  mod: WebAssembly.Module,
  pages: number,
): { memory: WebAssembly.Memory; exports: LiftExports } {
  const memory = new WebAssembly.Memory({ initial: pages });
  const instance = new WebAssembly.Instance(mod, { env: { memory } });
  return { memory, exports: instance.exports as unknown as LiftExports };
}

/** The compiled lift module, or null when WebAssembly (with SIMD) is unavailable. Cached. */
function liftModule(): LiftModule | null {
  if (cachedModule !== undefined) return cachedModule;
  cachedModule = null;
  try {
    if (typeof WebAssembly === 'object' && typeof atob === 'function') {
      const bytes = decodeBase64(LIFT_WASM_BASE64);
      if (WebAssembly.validate(bytes)) {
        const mod = new WebAssembly.Module(bytes);
        // Make sure it also links and runs here (2 pages: 64 KiB stack + data).
        const heapBase = instantiate(mod, 2).exports.heap_base() >>> 0;
        cachedModule = { mod, heapBase };
      }
    }
  } catch {
    cachedModule = null;
  }
  return cachedModule;
}

/** Default lift kernel: 'wasm-simd' when WebAssembly with SIMD validates, else 'js'. */
export function liftDefaultKernel(): KernelName {
  return liftModule() ? 'wasm-simd' : 'js';
}

function resolveKernel(kernel: KernelName | undefined): KernelName {
  const k = kernel ?? liftDefaultKernel();
  if (k !== 'wasm-simd' && k !== 'js') throw new Error(`unknown kernel ${String(k)}`);
  if (k === 'wasm-simd' && !liftModule()) {
    throw new Error('wasm-simd kernel requested but WebAssembly SIMD is unavailable');
  }
  return k;
}

function align64(n: number): number {
  return Math.ceil(n / 64) * 64;
}

function pagesFor(bytes: number, what: string): number {
  const pages = Math.ceil(bytes / PAGE_BYTES);
  if (pages > MAX_PAGES) {
    throw new RangeError(
      `${what} needs ${(bytes / 2 ** 20).toFixed(0)} MiB, above the 4 GiB wasm32 limit`,
    );
  }
  return pages;
}

/**
 * Creates a lifter for the layer W (width×d, row-major), b (width). W and b are copied: later
 * changes to the arrays do not affect the lifter. kernel: forced when given, else the default.
 */
export function createLifter(
  W: Float64Array,
  b: Float64Array,
  d: number,
  width: number,
  act: LiftActivation,
  kernel?: KernelName,
): Lifter {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`d must be an integer ≥ 1, got ${d}`);
  if (!Number.isInteger(width) || width < 0) {
    throw new RangeError(`width must be an integer ≥ 0, got ${width}`);
  }
  if (W.length < width * d) {
    throw new RangeError(`W has ${W.length} < width·d = ${width * d} entries`);
  }
  if (b.length < width) throw new RangeError(`b has ${b.length} < width = ${width} entries`);
  if (act !== 'tanh' && act !== 'relu') throw new Error(`unknown activation ${String(act)}`);
  const k = resolveKernel(kernel);
  if (k === 'js') return createJsLifter(W, b, d, width, act);
  return createWasmLifter(liftModule() as LiftModule, W, b, d, width, act);
}

function createWasmLifter(
  lm: LiftModule,
  W: Float64Array,
  b: Float64Array,
  d: number,
  width: number,
  act: LiftActivation,
): Lifter {
  const m = width + 1;
  const cap = Math.max(1, Math.min(MAX_CHUNK_ROWS, Math.floor(CHUNK_BYTES / (8 * (m + d)))));
  // Layout: [stack + data | Wᵀ (d×width) | b | states (cap×d) | out (cap×m)], 64-byte aligned.
  const wtPtr = align64(lm.heapBase);
  const bPtr = align64(wtPtr + 8 * width * d);
  const xPtr = align64(bPtr + 8 * width);
  const outPtr = align64(xPtr + 8 * cap * d);
  const end = align64(outPtr + 8 * cap * m);
  let inst: { memory: WebAssembly.Memory; exports: LiftExports } | null = instantiate(
    lm.mod,
    pagesFor(end, 'lift kernel'),
  );
  const buf = inst.memory.buffer;
  const wt = new Float64Array(buf, wtPtr, width * d);
  for (let j = 0; j < width; j++) for (let i = 0; i < d; i++) wt[i * width + j] = W[j * d + i];
  new Float64Array(buf, bPtr, width).set(b.subarray(0, width));
  const xv = new Float64Array(buf, xPtr, cap * d);
  const ov = new Float64Array(buf, outPtr, cap * m);
  const ov1 = ov.subarray(0, m);
  const actCode = act === 'tanh' ? 0 : 1;

  return {
    kernel: 'wasm-simd',
    d,
    width,
    m,
    liftRows(states, start, rows, out, outOffset) {
      if (!inst) throw new Error('Lifter used after dispose()');
      checkLiftRowsArgs(d, m, states, start, rows, out, outOffset);
      const lift = inst.exports.lift_rows;
      for (let k0 = 0; k0 < rows; k0 += cap) {
        const n = Math.min(cap, rows - k0);
        const s0 = (start + k0) * d;
        const len = n * d;
        if (len <= SMALL_COPY) for (let t = 0; t < len; t++) xv[t] = states[s0 + t];
        else xv.set(states.subarray(s0, s0 + len));
        lift(xPtr, n, d, wtPtr, bPtr, width, actCode, outPtr);
        out.set(n === 1 ? ov1 : ov.subarray(0, n * m), outOffset + k0 * m);
      }
    },
    dispose() {
      inst = null;
    },
  };
}

/**
 * tanhDet of every value through the wasm kernel (f64x2 pairs, odd last value scalar; or all
 * scalar with {scalar: true}). For tests and benchmarks of the C implementation; throws when
 * WebAssembly SIMD is unavailable.
 */
export function tanhDetWasm(values: Float64Array, opts: { scalar?: boolean } = {}): Float64Array {
  const lm = liftModule();
  if (!lm) throw new Error('tanhDetWasm: WebAssembly SIMD is unavailable');
  const n = values.length;
  const inPtr = align64(lm.heapBase);
  const outPtr = align64(inPtr + 8 * n);
  const { memory, exports } = instantiate(lm.mod, pagesFor(outPtr + 8 * n, 'tanhDetWasm'));
  new Float64Array(memory.buffer, inPtr, n).set(values);
  if (opts.scalar) exports.tanh_array_scalar(inPtr, outPtr, n);
  else exports.tanh_array(inPtr, outPtr, n);
  return new Float64Array(memory.buffer, outPtr, n).slice();
}
