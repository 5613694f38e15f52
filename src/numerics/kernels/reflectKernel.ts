/**
 * The two level-2 loops of a Householder QR (src/numerics/linalg/householderQr.ts), which apply a
 * reflector H = I − τ v vᵀ to the trailing columns of a row-major matrix B with k columns:
 *
 *   vtB:     wv[j] = Σ_{i=i0}^{m−1} v[i]·B[i, j]        (j0 ≤ j < k)
 *   rankOne: B[i, j] −= (τ·v[i])·wv[j]                  (i0 ≤ i < m, j0 ≤ j < k)
 *
 * Two interchangeable kernels, bit for bit (tests/unit/reflectKernel.test.ts):
 * - 'js': plain loops, four rows at a time for vtB and two for rankOne, inner loops contiguous;
 * - 'wasm-simd': factor/reflect.c compiled to WebAssembly SIMD128, two columns per f64x2, the same
 *   expression per element (see factor/reflect.c). The arrays then live in the module's memory: a
 *   workspace hands them out as views, and the operations pass their byte offsets.
 * Each sum keeps the JS order: wv[j] from +0, per group of four rows
 * wv[j] + (((v_i B_ij + v_{i+1} B_{i+1,j}) + v_{i+2} B_{i+2,j}) + v_{i+3} B_{i+3,j}), then row by
 * row; B_ij − (τ v_i)·wv[j].
 */
import { factorSlot, useFactorWasm } from './factorModule';
import type { KernelName } from './gramKernels';

/** The reflector updates on arrays of one workspace. */
export interface ReflectorOps {
  /** wv[j0:k] = Σ_{i=i0}^{m−1} v[i]·B[i, j0:k] (B row-major, k columns). */
  vtB(
    v: Float64Array,
    b: Float64Array,
    k: number,
    i0: number,
    m: number,
    j0: number,
    wv: Float64Array,
  ): void;
  /** B[i0:m, j0:k] −= τ v[i0:m] wv[j0:k]ᵀ (B row-major with k columns). */
  rankOne(
    b: Float64Array,
    k: number,
    i0: number,
    m: number,
    j0: number,
    tau: number,
    v: Float64Array,
    wv: Float64Array,
  ): void;
}

/** Scratch arrays of a thin QR of an m×k matrix and the operations that work on them. */
export interface ReflectorWorkspace {
  readonly kernel: KernelName;
  /** m·k: the matrix being reduced (R above the diagonal, reflectors below). */
  readonly w: Float64Array;
  /** m·k: the thin Q being accumulated. */
  readonly q: Float64Array;
  /** m: one reflector. */
  readonly v: Float64Array;
  /** k: vᵀB. */
  readonly wv: Float64Array;
  readonly ops: ReflectorOps;
}

const jsOps: ReflectorOps = {
  vtB(v, b, k, i0, m, j0, wv) {
    wv.fill(0, j0, k);
    let i = i0;
    for (; i + 3 < m; i += 4) {
      const v0 = v[i];
      const v1 = v[i + 1];
      const v2 = v[i + 2];
      const v3 = v[i + 3];
      const r0 = i * k;
      const r1 = r0 + k;
      const r2 = r1 + k;
      const r3 = r2 + k;
      for (let j = j0; j < k; j++)
        wv[j] += v0 * b[r0 + j] + v1 * b[r1 + j] + v2 * b[r2 + j] + v3 * b[r3 + j];
    }
    for (; i < m; i++) {
      const v0 = v[i];
      const r0 = i * k;
      for (let j = j0; j < k; j++) wv[j] += v0 * b[r0 + j];
    }
  },
  rankOne(b, k, i0, m, j0, tau, v, wv) {
    let i = i0;
    for (; i + 1 < m; i += 2) {
      const f0 = tau * v[i];
      const f1 = tau * v[i + 1];
      const r0 = i * k;
      const r1 = r0 + k;
      for (let j = j0; j < k; j++) {
        const x = wv[j];
        b[r0 + j] -= f0 * x;
        b[r1 + j] -= f1 * x;
      }
    }
    if (i < m) {
      const f0 = tau * v[i];
      const r0 = i * k;
      for (let j = j0; j < k; j++) b[r0 + j] -= f0 * wv[j];
    }
  },
};

/** Below m·k = this, the default kernel is JS (copying in and out would cost more than it saves). */
const MIN_WASM_ELEMENTS = 4096;

const slot = factorSlot();

/**
 * A workspace for a thin QR of an m×k matrix. `kernel` forces one; by default 'wasm-simd' when
 * WebAssembly with SIMD is available and m·k ≥ 4096, else 'js' (same bits either way). The wasm
 * workspace's arrays are views of one module memory that the next workspace reuses: copy out what
 * must outlive the QR before asking for another. Throws when 'wasm-simd' is forced but unavailable
 * or the arrays would exceed the 4 GiB wasm32 memory.
 */
export function reflectorWorkspace(m: number, k: number, kernel?: KernelName): ReflectorWorkspace {
  if (!useFactorWasm(m * k >= MIN_WASM_ELEMENTS, kernel)) {
    return {
      kernel: 'js',
      w: new Float64Array(m * k),
      q: new Float64Array(m * k),
      v: new Float64Array(m),
      wv: new Float64Array(k),
      ops: jsOps,
    };
  }
  const {
    inst,
    ptrs: [wPtr, qPtr, vPtr, wvPtr],
  } = slot.carve([m * k, m * k, m, k]);
  const buf = inst.memory.buffer;
  const e = inst.exports;
  const w = new Float64Array(buf, wPtr, m * k);
  const q = new Float64Array(buf, qPtr, m * k);
  q.fill(0);
  return {
    kernel: 'wasm-simd',
    w,
    q,
    v: new Float64Array(buf, vPtr, m),
    wv: new Float64Array(buf, wvPtr, k),
    ops: {
      vtB: (v, b, kk, i0, mm, j0, wv) =>
        e.vt_b(v.byteOffset, b.byteOffset, kk, i0, mm, j0, wv.byteOffset),
      rankOne: (b, kk, i0, mm, j0, tau, v, wv) =>
        e.rank_one(b.byteOffset, kk, i0, mm, j0, tau, v.byteOffset, wv.byteOffset),
    },
  };
}
