/**
 * Hot-path kernels for Gram matrices: G = XᵀX, A = YᵀX (accumulated over blocks of samples) and
 * Z = X·Q. Two interchangeable implementations:
 *
 * - 'wasm-simd': gram.c compiled to WebAssembly with SIMD128 (f64x2), register-blocked
 *   micro-kernel over packed panels. Loaded synchronously from the base64 string in gramWasm.ts,
 *   so it works unchanged in Node, a browser window and a Web Worker.
 * - 'js': gramJs.ts, plain Float64Array loops with the same blocking idea.
 *
 * Numerical contract (both kernels): every output element is the plain sequential sum of its
 * products in sample order (for G and A: over all samples ever passed to `accumulate`, in order;
 * for Z: over the inner index 0..m-1), each product and each addition rounded to double, no fused
 * multiply-add (Z = X·Q: gemm.ts). The results therefore depend only on the input values and their order — not on
 * blockRows, the split into `accumulate` calls, the kernel or the run — and the two kernels give
 * bit-identical results (tests/unit/gramKernels.test.ts checks it).
 */
import { GRAM_WASM_BASE64 } from './gramWasm';
import { createJsGramAccumulator } from './gramJs';

export type KernelName = 'wasm-simd' | 'js';

/**
 * Accumulates, over blocks of samples, G += XᵀX (upper triangle incl. diagonal) and optionally
 * A += YᵀX. Buffers live in kernel memory (for wasm: views into linear memory); callers fill
 * xBlock/yBlock in place.
 */
export interface GramAccumulator {
  readonly kernel: KernelName;
  /** Number of features (columns). */
  readonly m: number;
  /** Capacity of a block, in samples (rows). */
  readonly blockRows: number;
  /** blockRows × m, row-major (row k = feature vector of sample k). */
  readonly xBlock: Float64Array;
  /** Same shape as xBlock; present iff withCross. */
  readonly yBlock: Float64Array | null;
  /** Adds the contribution of the first `rows` rows of xBlock (and yBlock). 0 ≤ rows ≤ blockRows. */
  accumulate(rows: number): void;
  /** Copy of G = Σ_k x_k x_kᵀ as a full symmetric m×m row-major Float64Array (lower triangle mirrored). */
  gram(): Float64Array;
  /** Copy of A = Σ_k y_k x_kᵀ, m×m row-major: A[i*m+j] = Σ_k Y[k,i]·X[k,j]. Throws if !withCross. */
  cross(): Float64Array;
  /** Releases kernel memory (the views become invalid). */
  dispose(): void;
}

/** Default block size in samples (benchmarked on N = 20 000, m = 1001; 256–512 are within ~3%). */
export const DEFAULT_BLOCK_ROWS = 256;

const PAGE_BYTES = 65536;
/** Initial pages of a fresh memory: more than the module's own minimum (64 KiB stack + data). */
const INITIAL_PAGES = 4;
/** wasm32 address space: 4 GiB (65 536 pages). */
const MAX_PAGES = 65536;

/** The exports of gram.wasm (gram.c). */
export interface GramExports {
  heap_base(): number;
  tile_mr(): number;
  tile_nr(): number;
  gram_block(
    x: number,
    y: number,
    rows: number,
    m: number,
    pxa: number,
    pxb: number,
    pya: number,
    g: number,
    a: number,
    ldc: number,
  ): void;
  cross_block(
    u: number,
    ldu: number,
    mu: number,
    v: number,
    ldv: number,
    mv: number,
    rows: number,
    pu: number,
    pv: number,
    c: number,
    ldc: number,
  ): void;
  pack_q(q: number, m: number, r: number, out: number): void;
  gemm_nn_block(
    x: number,
    rows: number,
    m: number,
    pq: number,
    r: number,
    px: number,
    z: number,
    ldz: number,
  ): void;
}

/** One instance of gram.wasm with its memory and tile sizes. */
export interface WasmCtx {
  memory: WebAssembly.Memory;
  exports: GramExports;
  heapBase: number;
  mr: number;
  nr: number;
}

let cachedModule: WebAssembly.Module | null | undefined;

/** The bytes of a base64 text (the inline WebAssembly modules). */
export function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * Compiles an inline module (base64) and checks that it links and runs here with `probe` (an
 * instantiation); null when WebAssembly, SIMD or the probe fails. Shared by the inline kernels.
 */
export function compileInline(
  b64: string,
  probe: (mod: WebAssembly.Module) => unknown,
): WebAssembly.Module | null {
  try {
    if (typeof WebAssembly !== 'object' || typeof atob !== 'function') return null;
    const bytes = decodeBase64(b64);
    if (!WebAssembly.validate(bytes)) return null;
    const mod = new WebAssembly.Module(bytes);
    probe(mod);
    return mod;
  } catch {
    return null;
  }
}

/** The compiled module, or null when WebAssembly (with SIMD) is unavailable. Cached. */
function wasmModule(): WebAssembly.Module | null {
  if (cachedModule === undefined) cachedModule = compileInline(GRAM_WASM_BASE64, instantiate);
  return cachedModule;
}

function instantiate(mod: WebAssembly.Module): WasmCtx {
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES });
  const instance = new WebAssembly.Instance(mod, { env: { memory } });
  const exports = instance.exports as unknown as GramExports;
  return {
    memory,
    exports,
    heapBase: exports.heap_base() >>> 0,
    mr: exports.tile_mr(),
    nr: exports.tile_nr(),
  };
}

/** A fresh instance of the inline gram.wasm (the caller checked that it is available). */
export function gramInstance(): WasmCtx {
  return instantiate(wasmModule() as WebAssembly.Module);
}

/** Grows ctx.memory so that [0, bytes) is addressable. Invalidates existing views. */
export function ensureBytes(ctx: WasmCtx, bytes: number): void {
  const pages = Math.ceil(bytes / PAGE_BYTES);
  if (pages > MAX_PAGES) {
    throw new RangeError(
      `gram kernel needs ${(bytes / 2 ** 20).toFixed(0)} MiB, above the 4 GiB wasm32 limit`,
    );
  }
  const have = ctx.memory.buffer.byteLength / PAGE_BYTES;
  if (pages > have) ctx.memory.grow(pages - have);
}

/** Carves double arrays out of linear memory, 64-byte aligned, starting at heap_base. */
export class Carver {
  private next: number;
  constructor(base: number) {
    this.next = align64(base);
  }
  /** Byte offset of a fresh array of n doubles. */
  take(n: number): number {
    const at = this.next;
    this.next = align64(at + 8 * n);
    return at;
  }
  get end(): number {
    return this.next;
  }
}

function align64(n: number): number {
  return Math.ceil(n / 64) * 64;
}

export function checkDim(name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min)
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${v}`);
}

let defaultKernelCache: KernelName | undefined;

/** Which kernel is in use by default: 'wasm-simd' when WebAssembly with SIMD validates, else 'js'. */
export function defaultKernel(): KernelName {
  if (defaultKernelCache === undefined) defaultKernelCache = wasmModule() ? 'wasm-simd' : 'js';
  return defaultKernelCache;
}

/** The kernel to use: the one asked for (checked), else the default. */
export function resolveKernel(kernel: KernelName | undefined): KernelName {
  const k = kernel ?? defaultKernel();
  if (k === 'wasm-simd' && !wasmModule()) {
    throw new Error('wasm-simd kernel requested but WebAssembly SIMD is unavailable');
  }
  if (k !== 'wasm-simd' && k !== 'js') throw new Error(`unknown kernel ${String(k)}`);
  return k;
}

export function createGramAccumulator(
  m: number,
  opts: { blockRows?: number; withCross?: boolean; kernel?: KernelName } = {},
): GramAccumulator {
  const blockRows = opts.blockRows ?? DEFAULT_BLOCK_ROWS;
  const withCross = opts.withCross ?? false;
  checkDim('m', m, 1);
  checkDim('blockRows', blockRows, 1);
  const kernel = resolveKernel(opts.kernel);
  if (kernel === 'js') return createJsGramAccumulator(m, blockRows, withCross);
  return createWasmGramAccumulator(wasmModule() as WebAssembly.Module, m, blockRows, withCross);
}

/**
 * A wasm Gram accumulator on a given compiled module: `createGramAccumulator` uses the inline
 * gram.wasm; scripts/bench-fma.ts measures a variant of it (same exports) with this.
 */
export function createWasmGramAccumulator(
  mod: WebAssembly.Module,
  m: number,
  blockRows: number,
  withCross: boolean,
): GramAccumulator {
  let ctx: WasmCtx | null = instantiate(mod);
  const { mr, nr } = ctx;
  const mpi = Math.ceil(m / mr) * mr;
  const ldc = Math.ceil(m / nr) * nr;
  const c = new Carver(ctx.heapBase);
  const xPtr = c.take(blockRows * m);
  const yPtr = withCross ? c.take(blockRows * m) : 0;
  const pxaPtr = c.take(blockRows * mpi);
  const pxbPtr = mr === nr ? pxaPtr : c.take(blockRows * ldc);
  const pyaPtr = withCross ? c.take(blockRows * mpi) : 0;
  const gPtr = c.take(mpi * ldc);
  const aPtr = withCross ? c.take(mpi * ldc) : 0;
  ensureBytes(ctx, c.end); // fresh pages are zero: G = A = 0
  const buf = ctx.memory.buffer;
  const xBlock = new Float64Array(buf, xPtr, blockRows * m);
  const yBlock = withCross ? new Float64Array(buf, yPtr, blockRows * m) : null;
  const g = new Float64Array(buf, gPtr, mpi * ldc);
  const a = withCross ? new Float64Array(buf, aPtr, mpi * ldc) : null;

  const live = (): WasmCtx => {
    if (!ctx) throw new Error('GramAccumulator used after dispose()');
    return ctx;
  };

  return {
    kernel: 'wasm-simd',
    m,
    blockRows,
    xBlock,
    yBlock,
    accumulate(rows: number): void {
      const k = live();
      if (!Number.isInteger(rows) || rows < 0 || rows > blockRows) {
        throw new RangeError(`rows must be an integer in [0, ${blockRows}], got ${rows}`);
      }
      if (rows === 0) return;
      k.exports.gram_block(xPtr, yPtr, rows, m, pxaPtr, pxbPtr, pyaPtr, gPtr, aPtr, ldc);
    },
    gram(): Float64Array {
      live();
      const out = new Float64Array(m * m);
      for (let i = 0; i < m; i++) {
        for (let j = i; j < m; j++) {
          const v = g[i * ldc + j];
          out[i * m + j] = v;
          out[j * m + i] = v;
        }
      }
      return out;
    },
    cross(): Float64Array {
      live();
      if (!a) throw new Error('cross(): accumulator was created without withCross');
      const out = new Float64Array(m * m);
      for (let i = 0; i < m; i++) out.set(a.subarray(i * ldc, i * ldc + m), i * m);
      return out;
    },
    dispose(): void {
      ctx = null;
    },
  };
}
