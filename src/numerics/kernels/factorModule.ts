/**
 * The inline factor.wasm module (factor/*.c: Householder reflector updates, Cholesky, Hessenberg
 * reduction, Hessenberg LU, symmetric tridiagonal QL), compiled once and instantiated per kernel
 * (reflectKernel.ts, choleskyKernel.ts, hessenbergKernel.ts, hessenbergLuKernel.ts,
 * symmetricEigenKernel.ts), each instance with its own memory so that one kernel's views survive
 * another's growth.
 */
import { Carver, compileInline, type KernelName } from './gramKernels';
import { FACTOR_WASM_BASE64 } from './factorWasm';

/** The exports of factor.wasm. */
export interface FactorExports {
  heap_base(): number;
  vt_b(v: number, b: number, k: number, i0: number, m: number, j0: number, w: number): void;
  rank_one(
    b: number,
    k: number,
    i0: number,
    m: number,
    j0: number,
    tau: number,
    v: number,
    w: number,
  ): void;
  cholesky(a: number, n: number, minPivotRatio: number, p: number): number;
  hess_step(
    h: number,
    n: number,
    m: number,
    ort: number,
    invH: number,
    wv: number,
    pv: number,
  ): void;
  hess_accumulate(q: number, n: number, m: number, u: number, invH: number): void;
  hlu_factor(
    h: number,
    n: number,
    muRe: number,
    muIm: number,
    tiny: number,
    rr: number,
    ri: number,
    lr: number,
    li: number,
    swapped: number,
  ): void;
  sym_tred2(w: number, d: number, e: number, n: number): void;
  chol_solve_rows(l: number, u: number, n: number, x: number, p: number, t: number): void;
  sym_tql2(w: number, d: number, e: number, n: number): number;
  hlu_solve_ct(
    n: number,
    rr: number,
    ri: number,
    lr: number,
    li: number,
    swapped: number,
    xr: number,
    xi: number,
  ): void;
}

/** One instance of factor.wasm and its memory. */
export interface FactorInstance {
  memory: WebAssembly.Memory;
  exports: FactorExports;
  /** Grows the memory so that [0, bytes) is addressable (invalidates existing views). */
  ensureBytes(bytes: number): void;
}

const PAGE_BYTES = 65536;
/** wasm32 address space: 4 GiB. */
const MAX_PAGES = 65536;

let cachedModule: WebAssembly.Module | null | undefined;

function instantiate(mod: WebAssembly.Module): FactorInstance {
  const memory = new WebAssembly.Memory({ initial: 2 }); // 64 KiB stack + data
  const instance = new WebAssembly.Instance(mod, { env: { memory } });
  return {
    memory,
    exports: instance.exports as unknown as FactorExports,
    ensureBytes(bytes) {
      const pages = Math.ceil(bytes / PAGE_BYTES);
      if (pages > MAX_PAGES)
        throw new RangeError(
          `factor kernel needs ${(bytes / 2 ** 20).toFixed(0)} MiB, above the 4 GiB wasm32 limit`,
        );
      const have = memory.buffer.byteLength / PAGE_BYTES;
      if (pages > have) memory.grow(pages - have);
    },
  };
}

/** The compiled module, or null when WebAssembly (with SIMD) is unavailable. Cached. */
function factorModule(): WebAssembly.Module | null {
  if (cachedModule === undefined) cachedModule = compileInline(FACTOR_WASM_BASE64, instantiate);
  return cachedModule;
}

/**
 * Whether a factor kernel runs in wasm: as `kernel` says (throws when 'wasm-simd' is asked for
 * but unavailable), else when WebAssembly SIMD is available and the problem is `big` enough.
 */
export function useFactorWasm(big: boolean, kernel?: KernelName): boolean {
  const wasm = factorModule() !== null;
  if (kernel === 'wasm-simd' && !wasm)
    throw new Error('wasm-simd kernel requested but WebAssembly SIMD is unavailable');
  return kernel === 'wasm-simd' || (kernel === undefined && wasm && big);
}

/** One kernel's instance of factor.wasm (see factorSlot). */
export interface FactorSlot {
  /**
   * The instance and the byte offsets of fresh arrays of counts[i] doubles (64-byte aligned above
   * heap_base), the memory grown to hold them. Invalidates the previous carve's views.
   */
  carve(counts: readonly number[]): { inst: FactorInstance; ptrs: number[] };
}

/** The instance is kept for the next call only while its memory is at most this (bytes). */
const KEEP_BYTES = 64 * 2 ** 20;

/** A slot for one kernel (the caller checked useFactorWasm): its own instance and memory. */
export function factorSlot(): FactorSlot {
  let kept: FactorInstance | null = null;
  return {
    carve(counts) {
      const inst = kept ?? instantiate(factorModule() as WebAssembly.Module);
      const c = new Carver(inst.exports.heap_base() >>> 0);
      const ptrs = counts.map((n) => c.take(n));
      inst.ensureBytes(c.end);
      kept = inst.memory.buffer.byteLength <= KEEP_BYTES ? inst : null;
      return { inst, ptrs };
    },
  };
}
