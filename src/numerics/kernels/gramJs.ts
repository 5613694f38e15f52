/**
 * Pure-JS Gram kernels: the fallback behind gramKernels.ts and the reference its tests use.
 *
 * Same numerical contract as the wasm kernel (gram.c), bit for bit: every output element is updated
 * as c = c + a_k·b_k for k in increasing order (products and sums rounded to double; JS never
 * fuses multiply-add). Blocking into tiles and panels only changes when an element is touched,
 * never the order of its terms.
 */
import type { GramAccumulator } from './gramKernels';

/** Tile of the JS micro-kernel: TI output rows × TJ output columns kept in locals. */
const TI = 4;
const TJ = 4;

/**
 * Packs columns of x (rows × cols, row stride ldx) into panels of width w (columns past `cols`
 * zero): panel p, row k, lane t at out[p*rows*w + k*w + t] = x[k*ldx + p*w + t].
 */
function packCols(
  x: Float64Array,
  rows: number,
  cols: number,
  ldx: number,
  w: number,
  out: Float64Array,
): void {
  let o = 0;
  for (let j0 = 0; j0 < cols; j0 += w) {
    const wj = Math.min(w, cols - j0);
    for (let k = 0; k < rows; k++) {
      const s = k * ldx + j0;
      let t = 0;
      for (; t < wj; t++) out[o + t] = x[s + t];
      for (; t < w; t++) out[o + t] = 0;
      o += w;
    }
  }
}

/**
 * c[ci + i*ldc + j] += Σ_{k<kc} a[ai + k*TI + i] · b[bi + k*TJ + j] for i < TI, j < TJ, each
 * element summed sequentially in k (starting from its current value).
 */
function tile(
  a: Float64Array,
  ai: number,
  b: Float64Array,
  bi: number,
  kc: number,
  c: Float64Array,
  ci: number,
  ldc: number,
): void {
  const c1 = ci + ldc;
  const c2 = c1 + ldc;
  const c3 = c2 + ldc;
  let s00 = c[ci],
    s01 = c[ci + 1],
    s02 = c[ci + 2],
    s03 = c[ci + 3];
  let s10 = c[c1],
    s11 = c[c1 + 1],
    s12 = c[c1 + 2],
    s13 = c[c1 + 3];
  let s20 = c[c2],
    s21 = c[c2 + 1],
    s22 = c[c2 + 2],
    s23 = c[c2 + 3];
  let s30 = c[c3],
    s31 = c[c3 + 1],
    s32 = c[c3 + 2],
    s33 = c[c3 + 3];
  const end = ai + kc * TI;
  for (; ai < end; ai += TI, bi += TJ) {
    const b0 = b[bi],
      b1 = b[bi + 1],
      b2 = b[bi + 2],
      b3 = b[bi + 3];
    let t = a[ai];
    s00 += t * b0;
    s01 += t * b1;
    s02 += t * b2;
    s03 += t * b3;
    t = a[ai + 1];
    s10 += t * b0;
    s11 += t * b1;
    s12 += t * b2;
    s13 += t * b3;
    t = a[ai + 2];
    s20 += t * b0;
    s21 += t * b1;
    s22 += t * b2;
    s23 += t * b3;
    t = a[ai + 3];
    s30 += t * b0;
    s31 += t * b1;
    s32 += t * b2;
    s33 += t * b3;
  }
  c[ci] = s00;
  c[ci + 1] = s01;
  c[ci + 2] = s02;
  c[ci + 3] = s03;
  c[c1] = s10;
  c[c1 + 1] = s11;
  c[c1 + 2] = s12;
  c[c1 + 3] = s13;
  c[c2] = s20;
  c[c2 + 1] = s21;
  c[c2 + 2] = s22;
  c[c2 + 3] = s23;
  c[c3] = s30;
  c[c3 + 1] = s31;
  c[c3 + 2] = s32;
  c[c3 + 3] = s33;
}

/** JS GramAccumulator (kernel 'js'). Arguments are validated by createGramAccumulator. */
export function createJsGramAccumulator(
  m: number,
  blockRows: number,
  withCross: boolean,
): GramAccumulator {
  const mp = Math.ceil(m / TI) * TI; // TI === TJ: one padded size, one packing for both operands
  const np = mp / TI;
  const xBlock = new Float64Array(blockRows * m);
  const yBlock = withCross ? new Float64Array(blockRows * m) : null;
  const px = new Float64Array(blockRows * mp);
  const py = withCross ? new Float64Array(blockRows * mp) : null;
  let g: Float64Array | null = new Float64Array(mp * mp);
  let a: Float64Array | null = withCross ? new Float64Array(mp * mp) : null;

  const live = (): Float64Array => {
    if (!g) throw new Error('GramAccumulator used after dispose()');
    return g;
  };

  return {
    kernel: 'js',
    m,
    blockRows,
    xBlock,
    yBlock,
    accumulate(rows: number): void {
      const gg = live();
      if (!Number.isInteger(rows) || rows < 0 || rows > blockRows) {
        throw new RangeError(`rows must be an integer in [0, ${blockRows}], got ${rows}`);
      }
      if (rows === 0) return;
      packCols(xBlock, rows, m, m, TI, px);
      if (py && yBlock) packCols(yBlock, rows, m, m, TI, py);
      const stride = rows * TI;
      for (let ip = 0; ip < np; ip++) {
        const i0 = ip * TI;
        for (let jp = ip; jp < np; jp++) {
          tile(px, ip * stride, px, jp * stride, rows, gg, i0 * mp + jp * TJ, mp);
        }
        if (py && a) {
          for (let jp = 0; jp < np; jp++) {
            tile(py, ip * stride, px, jp * stride, rows, a, i0 * mp + jp * TJ, mp);
          }
        }
      }
    },
    gram(): Float64Array {
      const gg = live();
      const out = new Float64Array(m * m);
      for (let i = 0; i < m; i++) {
        for (let j = i; j < m; j++) {
          const v = gg[i * mp + j];
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
      for (let i = 0; i < m; i++) out.set(a.subarray(i * mp, i * mp + m), i * m);
      return out;
    },
    dispose(): void {
      g = null;
      a = null;
    },
  };
}

/** Inner-dimension chunk of gemmNNJs (keeps the two panels of a tile in L1). */
const KC = 256;

/**
 * Z = X·Q (X rows×m, Q m×r, both row-major) → new rows×r Float64Array, each element summed
 * sequentially over i = 0..m-1 starting from +0 (the wasm kernel's order). Q is packed into
 * TJ-wide column panels, each group of TI rows of X into a transposed TI-row panel, and the
 * same micro-kernel as the Gram accumulator runs over them.
 */
export function gemmNNJs(
  x: Float64Array,
  rows: number,
  m: number,
  q: Float64Array,
  r: number,
): Float64Array {
  const z = new Float64Array(rows * r);
  if (rows === 0 || m === 0 || r === 0) return z;
  if (rows < TI) {
    // Too few rows to pay for packing Q: z row k += x[k,i]·(row i of Q), i increasing (same order).
    for (let k = 0; k < rows; k++) {
      const zk = k * r;
      for (let i = 0; i < m; i++) {
        const xv = x[k * m + i];
        const qi = i * r;
        for (let c = 0; c < r; c++) z[zk + c] += xv * q[qi + c];
      }
    }
    return z;
  }
  const rp = Math.ceil(r / TJ) * TJ;
  const nc = rp / TJ;
  const pq = new Float64Array(m * rp);
  packCols(q, m, r, r, TJ, pq); // panel c at c*m*TJ, row i at i*TJ
  const px = new Float64Array(m * TI);
  const zt = new Float64Array(TI * rp);
  for (let k0 = 0; k0 < rows; k0 += TI) {
    const nr = Math.min(TI, rows - k0);
    for (let i = 0; i < m; i++) {
      let t = 0;
      for (; t < nr; t++) px[i * TI + t] = x[(k0 + t) * m + i];
      for (; t < TI; t++) px[i * TI + t] = 0;
    }
    zt.fill(0);
    for (let i0 = 0; i0 < m; i0 += KC) {
      const kc = Math.min(KC, m - i0);
      for (let c = 0; c < nc; c++) tile(px, i0 * TI, pq, (c * m + i0) * TJ, kc, zt, c * TJ, rp);
    }
    for (let t = 0; t < nr; t++) z.set(zt.subarray(t * rp, t * rp + r), (k0 + t) * r);
  }
  return z;
}
