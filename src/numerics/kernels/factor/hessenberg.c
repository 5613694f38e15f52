/*
 * 3. Hessenberg reduction: column step and reflector accumulation (hessenbergKernel.ts).
 * Contract: module.c.
 */
#include "common.h"

/* ---- 3. Hessenberg reduction: one column step and the reflector accumulation ----------------- */

/* Σ_{j=j0}^{n−1} r[j]·o[j] from +0, sequentially. */
static inline double dot_seq(const double *r, const double *o, u32 j0, u32 n) {
  double f = 0.0;
  for (u32 j = j0; j < n; j++) f = f + r[j] * o[j];
  return f;
}

/* Four such dot products at once (independent chains, each in the order above). */
static inline void dot_seq4(const double *r0, const double *r1, const double *r2,
                            const double *r3, const double *o, u32 j0, u32 n, double *f) {
  double f0 = 0.0, f1 = 0.0, f2 = 0.0, f3 = 0.0;
  for (u32 j = j0; j < n; j++) {
    const double oj = o[j];
    f0 = f0 + r0[j] * oj;
    f1 = f1 + r1[j] * oj;
    f2 = f2 + r2[j] * oj;
    f3 = f3 + r3[j] * oj;
  }
  f[0] = f0;
  f[1] = f1;
  f[2] = f2;
  f[3] = f3;
}

/* wv[j] = wv[j] + (u0·a0[j] + u1·a1[j]) for j in [m, n) (one pair of rows). */
static inline void q_pair(double *wv, const double *a0, const double *a1, double u0, double u1,
                          u32 m, u32 n) {
  const v128_t v0 = wasm_f64x2_splat(u0), v1 = wasm_f64x2_splat(u1);
  u32 j = m;
  for (; j + 1 < n; j += 2) {
    const v128_t t = wasm_f64x2_add(wasm_f64x2_mul(v0, wasm_v128_load(a0 + j)),
                                    wasm_f64x2_mul(v1, wasm_v128_load(a1 + j)));
    wasm_v128_store(wv + j, wasm_f64x2_add(wasm_v128_load(wv + j), t));
  }
  if (j < n) wv[j] = wv[j] + (u0 * a0[j] + u1 * a1[j]);
}

/**
 * One column m of the reduction of the n×n row-major h (1 ≤ m < n − 1), given the reflector u
 * (ort, zero below index m) and invH: pass 1 computes p (pv) and q (wv, accumulated from 0) and
 * γ, pass 2 applies the rank-two update to columns m.. of every row. Column m − 1 is left to the
 * caller.
 */
__attribute__((export_name("hess_step"))) void hess_step(double *h, u32 n, u32 m,
                                                         const double *ort, double invH,
                                                         double *wv, double *pv) {
  double f[4];
  for (u32 j = m; j < n; j++) wv[j] = 0.0;
  u32 i = 0;
  /* Pass 1, rows above m: u_i = 0, only p_i. */
  for (; i + 3 < m; i += 4) {
    const double *r0 = h + (unsigned long)i * n;
    dot_seq4(r0, r0 + n, r0 + 2 * n, r0 + 3 * n, ort, m, n, f);
    for (u32 t = 0; t < 4; t++) pv[i + t] = f[t] * invH;
  }
  for (; i < m; i++) pv[i] = dot_seq(h + (unsigned long)i * n, ort, m, n) * invH;
  /* Pass 1, rows m..: p_i, q accumulated pair by pair (rows m, m+1 | m+2, m+3 | …), γ. */
  double gamma = 0.0;
  for (; i + 3 < n; i += 4) {
    const double *r0 = h + (unsigned long)i * n;
    const double *r1 = r0 + n, *r2 = r1 + n, *r3 = r2 + n;
    dot_seq4(r0, r1, r2, r3, ort, m, n, f);
    q_pair(wv, r0, r1, ort[i] * invH, ort[i + 1] * invH, m, n);
    q_pair(wv, r2, r3, ort[i + 2] * invH, ort[i + 3] * invH, m, n);
    for (u32 t = 0; t < 4; t++) pv[i + t] = f[t] * invH;
    gamma = gamma + (ort[i] * pv[i] + ort[i + 1] * pv[i + 1]);
    gamma = gamma + (ort[i + 2] * pv[i + 2] + ort[i + 3] * pv[i + 3]);
  }
  if (i + 1 < n) {
    const double *r0 = h + (unsigned long)i * n;
    const double *r1 = r0 + n;
    const double f0 = dot_seq(r0, ort, m, n) * invH;
    const double f1 = dot_seq(r1, ort, m, n) * invH;
    q_pair(wv, r0, r1, ort[i] * invH, ort[i + 1] * invH, m, n);
    pv[i] = f0;
    pv[i + 1] = f1;
    gamma = gamma + (ort[i] * f0 + ort[i + 1] * f1);
    i += 2;
  }
  if (i < n) {
    const double *r0 = h + (unsigned long)i * n;
    const double u0 = ort[i] * invH;
    const double f0 = dot_seq(r0, ort, m, n) * invH;
    for (u32 j = m; j < n; j++) wv[j] = wv[j] + u0 * r0[j];
    pv[i] = f0;
    gamma = gamma + ort[i] * f0;
  }
  gamma = gamma * invH;
  /* Pass 2: H[i, m:] −= u_i q + (p_i − γ u_i) u. */
  for (i = 0; i < n; i++) {
    double *r0 = h + (unsigned long)i * n;
    const double u0 = ort[i];
    const double c0 = pv[i] - gamma * u0;
    const v128_t vu = wasm_f64x2_splat(u0), vc = wasm_f64x2_splat(c0);
    u32 j = m;
    for (; j + 1 < n; j += 2) {
      const v128_t t = wasm_f64x2_add(wasm_f64x2_mul(vu, wasm_v128_load(wv + j)),
                                      wasm_f64x2_mul(vc, wasm_v128_load(ort + j)));
      wasm_v128_store(r0 + j, wasm_f64x2_sub(wasm_v128_load(r0 + j), t));
    }
    if (j < n) r0[j] = r0[j] - (u0 * wv[j] + c0 * ort[j]);
  }
}

/* Q[i, m:] −= s·u[m:] for one row (vectorised across columns). */
static inline void row_minus(double *r, const double *u, double s, u32 m, u32 n) {
  const v128_t vs = wasm_f64x2_splat(s);
  u32 j = m;
  for (; j + 1 < n; j += 2)
    wasm_v128_store(r + j, wasm_f64x2_sub(wasm_v128_load(r + j),
                                          wasm_f64x2_mul(vs, wasm_v128_load(u + j))));
  if (j < n) r[j] = r[j] - s * u[j];
}

/**
 * Q ← Q P for P = I − u uᵀ·invH (u zero above m): s_i = (Σ_{j≥m} Q[i,j]·u_j)·invH, then, where
 * s_i ≠ 0, Q[i, m:] −= s_i·u[m:].
 */
__attribute__((export_name("hess_accumulate"))) void hess_accumulate(double *q, u32 n, u32 m,
                                                                     const double *u,
                                                                     double invH) {
  double f[4];
  u32 i = 0;
  for (; i + 3 < n; i += 4) {
    double *r0 = q + (unsigned long)i * n;
    dot_seq4(r0, r0 + n, r0 + 2 * n, r0 + 3 * n, u, m, n, f);
    for (u32 t = 0; t < 4; t++) {
      const double s = f[t] * invH;
      if (s != 0.0) row_minus(r0 + (unsigned long)t * n, u, s, m, n);
    }
  }
  for (; i < n; i++) {
    double *r0 = q + (unsigned long)i * n;
    const double s = dot_seq(r0, u, m, n) * invH;
    if (s != 0.0) row_minus(r0, u, s, m, n);
  }
}
