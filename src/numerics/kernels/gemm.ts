/**
 * Z = X·Q on the Gram module's micro-kernel (gram.c: pack_q, gemm_nn_block), or in JS
 * (gramJs.ts): every element summed sequentially over the inner index from +0, no fused
 * multiply-add, so the two kernels give the same bits (tests/unit/gramKernels.test.ts).
 * `prepareGemm` keeps one Q packed for many products (a rollout's Kᵀ at every step).
 */
import { gemmNNJs } from './gramJs';
import {
  Carver,
  checkDim,
  ensureBytes,
  gramInstance,
  resolveKernel,
  type KernelName,
  type WasmCtx,
} from './gramKernels';

/** Rows of X per wasm call. */
const GEMM_ROW_BLOCK = 256;
/** Default-kernel products with fewer rows than this run in JS (same bits, less overhead). */
const GEMM_MIN_WASM_ROWS = 4;

/** Instance reused by gemmNN (grown on demand; single-threaded, so no re-entrancy). */
let gemmCtx: WasmCtx | null = null;
/** gemmNN keeps its instance only while its memory is at most this large (bytes). */
const GEMM_KEEP_BYTES = 64 * 2 ** 20;

/**
 * Z = X·Q: X rows×m row-major, Q m×r row-major → new Float64Array rows×r (row-major).
 * Z[k*r + c] = Σ_{i=0}^{m-1} X[k*m+i]·Q[i*r+c], summed sequentially in i from +0.
 * kernel: forced when given; by default wasm when available, except for tiny products (rows < 4
 * or rows·m·r < 16384), which run in JS — the two kernels give bit-identical results.
 */
export function gemmNN(
  x: Float64Array,
  rows: number,
  m: number,
  q: Float64Array,
  r: number,
  kernel?: KernelName,
): Float64Array {
  checkDim('rows', rows, 0);
  checkDim('m', m, 0);
  checkDim('r', r, 0);
  if (x.length < rows * m) throw new RangeError(`x has ${x.length} < rows·m = ${rows * m} entries`);
  if (q.length < m * r) throw new RangeError(`q has ${q.length} < m·r = ${m * r} entries`);
  const k = resolveKernel(kernel);
  // Both kernels give bit-identical results, so tiny products (where copying and packing Q into
  // wasm memory would cost more than the arithmetic) go to JS unless a kernel was asked for.
  const tiny = kernel === undefined && (rows < GEMM_MIN_WASM_ROWS || rows * m * r < 16384);
  if (k === 'js' || tiny) return gemmNNJs(x, rows, m, q, r);
  if (rows === 0 || r === 0 || m === 0) return new Float64Array(rows * r);
  if (!gemmCtx) gemmCtx = gramInstance();
  const ctx = gemmCtx;
  const out = packedQ(ctx, q, m, r, Math.min(rows, GEMM_ROW_BLOCK))(x, rows);
  if (ctx.memory.buffer.byteLength > GEMM_KEEP_BYTES) gemmCtx = null; // let a big one be collected
  return out;
}

/** Z = X·Q for many X against one Q (m×r): the same bits as gemmNN, with Q copied and packed once. */
export interface PreparedGemm {
  /** X·Q as a new rows×r row-major array (x: rows×m row-major). */
  times(x: Float64Array, rows: number): Float64Array;
}

/**
 * Prepares Z = X·Q for repeated use (a rollout's Kᵀ at every step). `q` is read now, not later.
 * kernel: as gemmNN (by default wasm when available; products with fewer than 4 rows in JS).
 * Later products may have more rows than the first; they run in blocks of the first's size.
 */
export function prepareGemm(
  q: Float64Array,
  m: number,
  r: number,
  kernel?: KernelName,
): PreparedGemm {
  checkDim('m', m, 1);
  checkDim('r', r, 1);
  if (q.length < m * r) throw new RangeError(`q has ${q.length} < m·r = ${m * r} entries`);
  const own = q.slice(0, m * r);
  const wasmKernel = resolveKernel(kernel) === 'wasm-simd';
  // The wasm instance is made on the first product that needs it, sized by that product's rows:
  // a one-state rollout (run in JS) never makes one, a 20-start rollout gets a small memory.
  let wasm: ((x: Float64Array, rows: number) => Float64Array) | null = null;
  return {
    times(x, rows) {
      checkDim('rows', rows, 0);
      if (x.length < rows * m)
        throw new RangeError(`x has ${x.length} < rows·m = ${rows * m} entries`);
      if (!wasmKernel || rows === 0 || (kernel === undefined && rows < GEMM_MIN_WASM_ROWS))
        return gemmNNJs(x, rows, m, own, r);
      wasm ??= packedQ(gramInstance(), own, m, r, Math.min(rows, GEMM_ROW_BLOCK));
      return wasm(x, rows);
    },
  };
}

/**
 * Copies Q into ctx's memory and packs it (pack_q); returns X ↦ X·Q, which runs gemm_nn_block over
 * blocks of at most `rb` rows. The memory layout is fixed here: a later packedQ on the same ctx
 * overwrites it.
 */
function packedQ(
  ctx: WasmCtx,
  q: Float64Array,
  m: number,
  r: number,
  rb: number,
): (x: Float64Array, rows: number) => Float64Array {
  const { mr, nr } = ctx;
  const rbp = Math.ceil(rb / mr) * mr;
  const ldz = Math.ceil(r / nr) * nr;
  const c = new Carver(ctx.heapBase);
  const qPtr = c.take(m * r);
  const pqPtr = c.take(ldz * m);
  const xPtr = c.take(rb * m);
  const pxPtr = c.take(rbp * m);
  const zPtr = c.take(rbp * ldz);
  ensureBytes(ctx, c.end);
  const buf = ctx.memory.buffer;
  new Float64Array(buf, qPtr, m * r).set(q.subarray(0, m * r));
  ctx.exports.pack_q(qPtr, m, r, pqPtr);
  const xv = new Float64Array(buf, xPtr, rb * m);
  const zv = new Float64Array(buf, zPtr, rbp * ldz);
  return (x, rows) => {
    const out = new Float64Array(rows * r);
    for (let k0 = 0; k0 < rows; k0 += rb) {
      const n = Math.min(rb, rows - k0);
      xv.set(x.subarray(k0 * m, (k0 + n) * m));
      ctx.exports.gemm_nn_block(xPtr, n, m, pqPtr, r, pxPtr, zPtr, ldz);
      if (ldz === r) out.set(zv.subarray(0, n * r), k0 * r);
      else for (let t = 0; t < n; t++) out.set(zv.subarray(t * ldz, t * ldz + r), (k0 + t) * r);
    }
    return out;
  };
}
