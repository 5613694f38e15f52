/*
 * Householder reflector updates for Sampled RNN Lab, compiled to WebAssembly (wasm32 + SIMD128):
 * the two level-2 loops of a Householder QR (src/numerics/linalg/householderQr.ts), which apply
 * H = I − τ v vᵀ to the trailing columns of a row-major matrix B (k columns):
 *
 *   vt_b:     w[j] = Σ_{i=i0}^{m−1} v[i]·B[i, j]          for j0 ≤ j < k
 *   rank_one: B[i, j] = B[i, j] − (τ·v[i])·w[j]           for i0 ≤ i < m, j0 ≤ j < k
 *
 * Build: `npm run build:wasm` (scripts/build-wasm.sh). Freestanding: no libc, no allocator; the
 * memory is imported and the TypeScript side (reflectKernel.ts) carves the arrays out of it. All
 * pointers are byte offsets into linear memory, all sizes are counts of doubles (u32).
 *
 * Numerical contract (bit for bit with the JS loops of householderQr.ts): the vectors run across
 * columns j, two per f64x2, so every element keeps the JS expression and order exactly —
 *   w[j] starts at +0 and takes, per group of four rows i..i+3,
 *     w[j] = w[j] + (((v_i·B[i,j] + v_{i+1}·B[i+1,j]) + v_{i+2}·B[i+2,j]) + v_{i+3}·B[i+3,j]),
 *   then one row at a time for the remaining rows, w[j] = w[j] + v_i·B[i,j];
 *   B[i,j] = B[i,j] − f_i·w[j] with f_i = τ·v_i rounded first.
 * Each product and sum is rounded to double (no FMA in baseline SIMD, -ffp-contract=off, no
 * reassociation without -ffast-math).
 */
#include <wasm_simd128.h>

typedef unsigned int u32;

extern unsigned char __heap_base;

/** First free byte of linear memory above the stack and static data. */
__attribute__((export_name("heap_base"))) u32 heap_base(void) { return (u32)(&__heap_base); }

/** w[j0:k] = Σ_{i=i0}^{m−1} v[i]·B[i, j0:k] (B row-major, k columns), four rows at a time. */
__attribute__((export_name("vt_b"))) void vt_b(const double *v, const double *b, u32 k, u32 i0,
                                               u32 m, u32 j0, double *w) {
  for (u32 j = j0; j < k; j++) w[j] = 0.0;
  u32 i = i0;
  for (; i + 3 < m; i += 4) {
    const v128_t v0 = wasm_f64x2_splat(v[i]);
    const v128_t v1 = wasm_f64x2_splat(v[i + 1]);
    const v128_t v2 = wasm_f64x2_splat(v[i + 2]);
    const v128_t v3 = wasm_f64x2_splat(v[i + 3]);
    const double *r0 = b + (unsigned long)i * k;
    const double *r1 = r0 + k;
    const double *r2 = r1 + k;
    const double *r3 = r2 + k;
    u32 j = j0;
    for (; j + 1 < k; j += 2) {
      v128_t s = wasm_f64x2_mul(v0, wasm_v128_load(r0 + j));
      s = wasm_f64x2_add(s, wasm_f64x2_mul(v1, wasm_v128_load(r1 + j)));
      s = wasm_f64x2_add(s, wasm_f64x2_mul(v2, wasm_v128_load(r2 + j)));
      s = wasm_f64x2_add(s, wasm_f64x2_mul(v3, wasm_v128_load(r3 + j)));
      wasm_v128_store(w + j, wasm_f64x2_add(wasm_v128_load(w + j), s));
    }
    if (j < k) {
      const double s = ((v[i] * r0[j] + v[i + 1] * r1[j]) + v[i + 2] * r2[j]) + v[i + 3] * r3[j];
      w[j] = w[j] + s;
    }
  }
  for (; i < m; i++) {
    const v128_t v0 = wasm_f64x2_splat(v[i]);
    const double *r0 = b + (unsigned long)i * k;
    u32 j = j0;
    for (; j + 1 < k; j += 2)
      wasm_v128_store(w + j,
                      wasm_f64x2_add(wasm_v128_load(w + j), wasm_f64x2_mul(v0, wasm_v128_load(r0 + j))));
    if (j < k) w[j] = w[j] + v[i] * r0[j];
  }
}

/** B[i0:m, j0:k] −= (τ·v[i]) w[j0:k] (B row-major with k columns). */
__attribute__((export_name("rank_one"))) void rank_one(double *b, u32 k, u32 i0, u32 m, u32 j0,
                                                       double tau, const double *v,
                                                       const double *w) {
  for (u32 i = i0; i < m; i++) {
    const double f = tau * v[i];
    const v128_t fv = wasm_f64x2_splat(f);
    double *r0 = b + (unsigned long)i * k;
    u32 j = j0;
    for (; j + 1 < k; j += 2)
      wasm_v128_store(r0 + j,
                      wasm_f64x2_sub(wasm_v128_load(r0 + j), wasm_f64x2_mul(fv, wasm_v128_load(w + j))));
    if (j < k) r0[j] = r0[j] - f * w[j];
  }
}
