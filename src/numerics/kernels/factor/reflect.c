/*
 * 1. Householder reflector updates (reflectKernel.ts). Contract: module.c.
 */
#include "common.h"

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
