/*
 * Gram-matrix hot-path kernels for Sampled RNN Lab, compiled to WebAssembly (wasm32 + SIMD128).
 *
 *   G += XᵀX (upper triangle incl. diagonal)   A += YᵀX   C += UᵀV (a block)   Z = X·Q
 *
 * Build: `npm run build:wasm` (scripts/build-wasm.sh). Freestanding: no libc, no allocator. The
 * memory is imported; the TypeScript side (gramKernels.ts) sizes it and carves buffers out of it
 * above heap_base(). All pointers are byte offsets into linear memory, all sizes are counts of
 * doubles/rows/columns (u32).
 *
 * Numerical contract (shared bit for bit with the JS fallback, gramJs.ts): every output element is
 * a plain sequential sum. The micro-kernel loads the current value c of an output element and
 * updates it as c = c + (a_k * b_k) for k = 0, 1, 2, ... in increasing order, each product and
 * each sum rounded to double (wasm has no fused multiply-add in baseline SIMD, and clang is not
 * allowed to reassociate without -ffast-math). Blocking only changes *when* an element is updated,
 * never the order of its terms, so the results depend on nothing but the input values and their
 * order.
 */
#include <wasm_simd128.h>

typedef unsigned int u32;

/* Micro-tile: MR output rows (splatted operand) × NR output columns (NR/2 f64x2 vectors). */
#ifndef MR
#define MR 4
#endif
#ifndef NR
#define NR 4
#endif
#define NV (NR / 2)
#if NR % 2 != 0
#error "NR must be even"
#endif

/* Inner-dimension chunk (k) for gemm_nn, in elements. */
#ifndef KC
#define KC 256
#endif

extern unsigned char __heap_base;

/** First free byte of linear memory above the stack and static data. */
__attribute__((export_name("heap_base"))) u32 heap_base(void) { return (u32)(&__heap_base); }

__attribute__((export_name("tile_mr"))) u32 tile_mr(void) { return MR; }
__attribute__((export_name("tile_nr"))) u32 tile_nr(void) { return NR; }

/*
 * C[0..MR)[0..NR) (row stride ldc) += Σ_{k<kc} a[k*MR + i] * b[k*NR + j], sequentially in k.
 * Kept out of line so V8's dynamic tiering replaces it with optimized code after a few calls,
 * even while the (long-running) caller is still executing its baseline-compiled version.
 */
__attribute__((noinline)) static void kernel(const double *restrict a, const double *restrict b,
                                             u32 kc, double *restrict c, u32 ldc) {
  v128_t acc[MR][NV];
#pragma clang loop unroll(full)
  for (u32 i = 0; i < MR; i++)
#pragma clang loop unroll(full)
    for (u32 v = 0; v < NV; v++) acc[i][v] = wasm_v128_load(c + i * ldc + 2 * v);

  for (u32 k = 0; k < kc; k++) {
    v128_t bv[NV];
#pragma clang loop unroll(full)
    for (u32 v = 0; v < NV; v++) bv[v] = wasm_v128_load(b + 2 * v);
#pragma clang loop unroll(full)
    for (u32 i = 0; i < MR; i++) {
      v128_t av = wasm_v128_load64_splat(a + i);
#pragma clang loop unroll(full)
      for (u32 v = 0; v < NV; v++) acc[i][v] = wasm_f64x2_add(acc[i][v], wasm_f64x2_mul(av, bv[v]));
    }
    a += MR;
    b += NR;
  }

#pragma clang loop unroll(full)
  for (u32 i = 0; i < MR; i++)
#pragma clang loop unroll(full)
    for (u32 v = 0; v < NV; v++) wasm_v128_store(c + i * ldc + 2 * v, acc[i][v]);
}

/*
 * Packs the columns of x (rows × cols, row stride ldx) into column panels of width w:
 * panel p holds columns [p*w, p*w + w) as rows × w contiguous doubles (row k at k*w), columns
 * past `cols` zero-filled. out must hold ceil(cols/w) * rows * w doubles.
 */
static inline void pack_cols(const double *restrict x, u32 rows, u32 cols, u32 ldx, u32 w,
                             double *restrict out) {
  for (u32 j0 = 0; j0 < cols; j0 += w) {
    u32 wj = cols - j0 < w ? cols - j0 : w;
    for (u32 k = 0; k < rows; k++) {
      const double *src = x + k * ldx + j0;
      u32 t = 0;
      for (; t < wj; t++) out[t] = src[t];
      for (; t < w; t++) out[t] = 0.0;
      out += w;
    }
  }
}

static inline u32 ceil_div(u32 a, u32 b) { return (a + b - 1) / b; }

/* Column-block width for the L2 blocking of the B panels (in columns, multiple of NR). */
#ifndef NC
#define NC 128
#endif

/*
 * One block of samples: G += XᵀX (upper tiles only) and, if y != 0, A += YᵀX.
 *   x, y      rows × m, row-major (row k = sample k)
 *   pxa, pya  scratch for MR-wide panels of X and Y: ceil(m/MR)*MR*rows doubles each
 *   pxb       scratch for NR-wide panels of X: ceil(m/NR)*NR*rows doubles (aliased to pxa if MR==NR)
 *   g, a      padded accumulators, ceil(m/MR)*MR rows × ldc columns, ldc = ceil(m/NR)*NR
 * Tiles of G are computed iff they touch the upper triangle; lower entries of diagonal tiles are
 * also computed (and ignored by the caller).
 */
__attribute__((export_name("gram_block"))) void gram_block(const double *x, const double *y,
                                                           u32 rows, u32 m, double *pxa,
                                                           double *pxb, double *pya, double *g,
                                                           double *a, u32 ldc) {
  if (rows == 0 || m == 0) return;
  pack_cols(x, rows, m, m, MR, pxa);
  if (pxb != pxa) pack_cols(x, rows, m, m, NR, pxb);
  if (y) pack_cols(y, rows, m, m, MR, pya);
  const u32 ni = ceil_div(m, MR), nj = ceil_div(m, NR);
  const u32 pa_stride = rows * MR, pb_stride = rows * NR;
  const u32 ncp = NC / NR > 0 ? NC / NR : 1; /* j panels per column block */

  for (u32 jb = 0; jb < nj; jb += ncp) {
    const u32 je = jb + ncp < nj ? jb + ncp : nj;
    for (u32 ip = 0; ip < ni; ip++) {
      const u32 i0 = ip * MR;
      /* first j panel whose last column is >= i0 */
      u32 js = i0 / NR;
      if (js < jb) js = jb;
      const double *pa = pxa + ip * pa_stride;
      for (u32 jp = js; jp < je; jp++)
        kernel(pa, pxb + jp * pb_stride, rows, g + i0 * ldc + jp * NR, ldc);
      if (y) {
        const double *py = pya + ip * pa_stride;
        for (u32 jp = jb; jp < je; jp++)
          kernel(py, pxb + jp * pb_stride, rows, a + i0 * ldc + jp * NR, ldc);
      }
    }
  }
}

/*
 * One block of samples: C += UᵀV, a rectangular block of a Gram or cross matrix, for the worker
 * pool's split of pass 1 by output columns (src/method/parallelGram.ts).
 *   u   rows × mu (row stride ldu: mu columns of a wider matrix), v  rows × mv (row stride ldv)
 *   pu  scratch, ceil(mu/MR)*MR*rows doubles;  pv  scratch, ceil(mv/NR)*NR*rows doubles
 *   c   padded accumulator, ceil(mu/MR)*MR rows × ldc columns, ldc = ceil(mv/NR)*NR
 * Element (i, j) gets c = c + u_i·v_j for the rows in order, through the same micro-kernel as
 * gram_block: with u, v the columns I, J of X (or of Y and X) it is bit for bit the element
 * (I_i, J_j) of gram_block's G (or A), whatever the block.
 */
__attribute__((export_name("cross_block"))) void cross_block(const double *u, u32 ldu, u32 mu,
                                                             const double *v, u32 ldv, u32 mv,
                                                             u32 rows, double *pu, double *pv,
                                                             double *c, u32 ldc) {
  if (rows == 0 || mu == 0 || mv == 0) return;
  pack_cols(u, rows, mu, ldu, MR, pu);
  pack_cols(v, rows, mv, ldv, NR, pv);
  const u32 ni = ceil_div(mu, MR), nj = ceil_div(mv, NR);
  const u32 pa_stride = rows * MR, pb_stride = rows * NR;
  const u32 ncp = NC / NR > 0 ? NC / NR : 1;
  for (u32 jb = 0; jb < nj; jb += ncp) {
    const u32 je = jb + ncp < nj ? jb + ncp : nj;
    for (u32 ip = 0; ip < ni; ip++)
      for (u32 jp = jb; jp < je; jp++)
        kernel(pu + ip * pa_stride, pv + jp * pb_stride, rows, c + ip * MR * ldc + jp * NR, ldc);
  }
}

/*
 * Packs rows [0, nr) of x (row stride ldx, nr ≤ MR) transposed into an MR-row panel:
 * out[i*MR + t] = x[t*ldx + i] for i < cols, zero for t ≥ nr.
 */
static inline void pack_rows_t(const double *restrict x, u32 nr, u32 cols, u32 ldx,
                               double *restrict out) {
  for (u32 i = 0; i < cols; i++) {
    u32 t = 0;
    for (; t < nr; t++) out[i * MR + t] = x[t * ldx + i];
    for (; t < MR; t++) out[i * MR + t] = 0.0;
  }
}

/*
 * Packs q (m × r, row-major) into NR-wide column panels: panel p = m × NR doubles.
 * out must hold ceil(r/NR)*NR*m doubles.
 */
__attribute__((export_name("pack_q"))) void pack_q(const double *q, u32 m, u32 r, double *out) {
  pack_cols(q, m, r, r, NR, out);
}

/*
 * Z = X·Q for one block of rows.
 *   x   rows × m row-major;  pq  Q packed by pack_q;  px  scratch, ceil(rows/MR)*MR*m doubles
 *   z   output, ceil(rows/MR)*MR rows × ldz (= ceil(r/NR)*NR) columns; overwritten (zeroed here).
 * Each z element is the sequential sum over i = 0..m-1 of x[k,i]*q[i,c], starting from +0.
 */
__attribute__((export_name("gemm_nn_block"))) void gemm_nn_block(const double *x, u32 rows,
                                                                 u32 m, const double *pq, u32 r,
                                                                 double *px, double *z,
                                                                 u32 ldz) {
  const u32 nk = ceil_div(rows, MR), nc = ceil_div(r, NR);
  for (u32 t = 0; t < nk * MR * ldz; t++) z[t] = 0.0;
  if (rows == 0 || m == 0 || r == 0) return;
  for (u32 kp = 0; kp < nk; kp++) {
    const u32 k0 = kp * MR;
    const u32 nr = rows - k0 < MR ? rows - k0 : MR;
    pack_rows_t(x + k0 * m, nr, m, m, px + kp * MR * m);
  }
  for (u32 i0 = 0; i0 < m; i0 += KC) {
    const u32 kc = m - i0 < KC ? m - i0 : KC;
    for (u32 cp = 0; cp < nc; cp++) {
      const double *pb = pq + cp * NR * m + i0 * NR;
      for (u32 kp = 0; kp < nk; kp++)
        kernel(px + kp * MR * m + i0 * MR, pb, kc, z + kp * MR * ldz + cp * NR, ldz);
    }
  }
}
