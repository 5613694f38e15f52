/**
 * A rectangular block of a Gram or cross matrix, accumulated over blocks of samples:
 *   C += UᵀV,  C[i, j] = Σ_k U[k, i]·V[k, j]  (U: samples × mu, V: samples × mv, C: mu × mv).
 * The worker pool's first pass (src/method/parallelGram.ts) gives each thread whole column
 * ranges of G and A with it, so no thread computes anything twice.
 *
 * Numerical contract, as for gramKernels.ts: every element is the plain sequential sum of its
 * products in sample order, no fused multiply-add. With U, V the columns I, J of the feature
 * matrix X (or of Y and X), C is therefore bit for bit the block G[I, J] (or A[I, J]) that the
 * full Gram accumulator computes. Kernels: `cross_block` of gram.wasm, or the JS loop below —
 * bit-identical (tests/unit/crossKernel.test.ts).
 */
import {
  Carver,
  checkDim,
  DEFAULT_BLOCK_ROWS,
  ensureBytes,
  gramInstance,
  resolveKernel,
  type KernelName,
  type WasmCtx,
} from './gramKernels';

export interface CrossAccumulator {
  readonly kernel: KernelName;
  readonly mu: number;
  readonly mv: number;
  readonly blockRows: number;
  /** blockRows × mu, row-major: the U rows of the next block (filled in place). */
  readonly uBlock: Float64Array;
  /** blockRows × mv, row-major: the V rows of the next block. */
  readonly vBlock: Float64Array;
  /** Adds the first `rows` rows of uBlock and vBlock. 0 ≤ rows ≤ blockRows. */
  accumulate(rows: number): void;
  /** Copy of C = Σ_k u_k v_kᵀ, mu × mv row-major. */
  result(): Float64Array;
  dispose(): void;
}

export function createCrossAccumulator(
  mu: number,
  mv: number,
  opts: { blockRows?: number; kernel?: KernelName } = {},
): CrossAccumulator {
  const blockRows = opts.blockRows ?? DEFAULT_BLOCK_ROWS;
  checkDim('mu', mu, 1);
  checkDim('mv', mv, 1);
  checkDim('blockRows', blockRows, 1);
  return resolveKernel(opts.kernel) === 'js'
    ? createJsCross(mu, mv, blockRows)
    : createWasmCross(mu, mv, blockRows);
}

function checkRows(rows: number, blockRows: number): void {
  if (!Number.isInteger(rows) || rows < 0 || rows > blockRows)
    throw new RangeError(`rows must be an integer in [0, ${blockRows}], got ${rows}`);
}

function createJsCross(mu: number, mv: number, blockRows: number): CrossAccumulator {
  const uBlock = new Float64Array(blockRows * mu);
  const vBlock = new Float64Array(blockRows * mv);
  let c: Float64Array | null = new Float64Array(mu * mv);
  const live = (): Float64Array => {
    if (!c) throw new Error('CrossAccumulator used after dispose()');
    return c;
  };
  return {
    kernel: 'js',
    mu,
    mv,
    blockRows,
    uBlock,
    vBlock,
    accumulate(rows) {
      const out = live();
      checkRows(rows, blockRows);
      for (let k = 0; k < rows; k++)
        for (let i = 0; i < mu; i++) {
          const u = uBlock[k * mu + i];
          const row = i * mv;
          for (let j = 0; j < mv; j++) out[row + j] = out[row + j] + u * vBlock[k * mv + j];
        }
    },
    result: () => live().slice(),
    dispose() {
      c = null;
    },
  };
}

function createWasmCross(mu: number, mv: number, blockRows: number): CrossAccumulator {
  let ctx: WasmCtx | null = gramInstance();
  const { mr, nr } = ctx;
  const mup = Math.ceil(mu / mr) * mr;
  const ldc = Math.ceil(mv / nr) * nr;
  const carve = new Carver(ctx.heapBase);
  const uPtr = carve.take(blockRows * mu);
  const vPtr = carve.take(blockRows * mv);
  const puPtr = carve.take(blockRows * mup);
  const pvPtr = carve.take(blockRows * ldc);
  const cPtr = carve.take(mup * ldc);
  ensureBytes(ctx, carve.end); // fresh pages are zero: C = 0
  const buf = ctx.memory.buffer;
  const c = new Float64Array(buf, cPtr, mup * ldc);
  const live = (): WasmCtx => {
    if (!ctx) throw new Error('CrossAccumulator used after dispose()');
    return ctx;
  };
  return {
    kernel: 'wasm-simd',
    mu,
    mv,
    blockRows,
    uBlock: new Float64Array(buf, uPtr, blockRows * mu),
    vBlock: new Float64Array(buf, vPtr, blockRows * mv),
    accumulate(rows) {
      const k = live();
      checkRows(rows, blockRows);
      if (rows > 0)
        k.exports.cross_block(uPtr, mu, mu, vPtr, mv, mv, rows, puPtr, pvPtr, cPtr, ldc);
    },
    result() {
      live();
      const out = new Float64Array(mu * mv);
      for (let i = 0; i < mu; i++) out.set(c.subarray(i * ldc, i * ldc + mv), i * mv);
      return out;
    },
    dispose() {
      ctx = null;
    },
  };
}
