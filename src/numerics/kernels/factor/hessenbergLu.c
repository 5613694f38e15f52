/*
 * 4. Hessenberg LU of H − μI and the solve with its conjugate transpose (hessenbergLuKernel.ts).
 * Contract: module.c.
 */
#include "common.h"

/* ---- 4. Hessenberg LU of H − μI and the solve with its conjugate transpose -------------------- */

/**
 * rr + i·ri ← LU of H − μI (h: n×n real upper Hessenberg), multipliers l = lr + i·li, row swaps
 * in swapped[k] (0/1); zero pivots replaced by `tiny`.
 */
__attribute__((export_name("hlu_factor"))) void hlu_factor(const double *h, u32 n, double muRe,
                                                           double muIm, double tiny, double *rr,
                                                           double *ri, double *lr, double *li,
                                                           unsigned char *swapped) {
  const unsigned long nn = (unsigned long)n * n;
  for (unsigned long t = 0; t < nn; t++) {
    rr[t] = h[t];
    ri[t] = 0.0;
  }
  for (u32 i = 0; i < n; i++) {
    rr[(unsigned long)i * n + i] = rr[(unsigned long)i * n + i] - muRe;
    ri[(unsigned long)i * n + i] = -muIm;
  }
  for (u32 k = 0; k + 1 < n; k++) {
    const unsigned long d = (unsigned long)k * n + k;
    const unsigned long s = d + n;
    const int swap = __builtin_fabs(rr[s]) + __builtin_fabs(ri[s]) >
                     __builtin_fabs(rr[d]) + __builtin_fabs(ri[d]);
    swapped[k] = swap ? 1 : 0;
    if (swap) {
      double *pr = rr + d, *qr = rr + s, *pi = ri + d, *qi = ri + s;
      u32 j = 0;
      const u32 len = n - k;
      for (; j + 1 < len; j += 2) {
        const v128_t a = wasm_v128_load(pr + j), b = wasm_v128_load(qr + j);
        wasm_v128_store(pr + j, b);
        wasm_v128_store(qr + j, a);
        const v128_t c = wasm_v128_load(pi + j), e = wasm_v128_load(qi + j);
        wasm_v128_store(pi + j, e);
        wasm_v128_store(qi + j, c);
      }
      if (j < len) {
        double t = pr[j];
        pr[j] = qr[j];
        qr[j] = t;
        t = pi[j];
        pi[j] = qi[j];
        qi[j] = t;
      }
    }
    if (rr[d] == 0.0 && ri[d] == 0.0) rr[d] = tiny;
    const double den = rr[d] * rr[d] + ri[d] * ri[d];
    const double cr = (rr[s] * rr[d] + ri[s] * ri[d]) / den;
    const double ci = (ri[s] * rr[d] - rr[s] * ri[d]) / den;
    lr[k] = cr;
    li[k] = ci;
    rr[s] = 0.0;
    ri[s] = 0.0;
    /* Row k+1 −= l·row k for columns k+1.. */
    const double *pr = rr + d, *pi = ri + d;
    double *qr = rr + s, *qi = ri + s;
    const v128_t vcr = wasm_f64x2_splat(cr), vci = wasm_f64x2_splat(ci);
    u32 j = 1;
    const u32 len = n - k;
    for (; j + 1 < len; j += 2) {
      const v128_t ar = wasm_v128_load(pr + j), ai = wasm_v128_load(pi + j);
      const v128_t tr = wasm_f64x2_sub(wasm_f64x2_mul(vcr, ar), wasm_f64x2_mul(vci, ai));
      const v128_t ti = wasm_f64x2_add(wasm_f64x2_mul(vcr, ai), wasm_f64x2_mul(vci, ar));
      wasm_v128_store(qr + j, wasm_f64x2_sub(wasm_v128_load(qr + j), tr));
      wasm_v128_store(qi + j, wasm_f64x2_sub(wasm_v128_load(qi + j), ti));
    }
    if (j < len) {
      qr[j] = qr[j] - (cr * pr[j] - ci * pi[j]);
      qi[j] = qi[j] - (cr * pi[j] + ci * pr[j]);
    }
  }
  const unsigned long last = nn - 1;
  if (n > 0 && rr[last] == 0.0 && ri[last] == 0.0) rr[last] = tiny;
}

/** x ← (Bᴴ)⁻¹ x in place (xr + i·xi), B factored by hlu_factor. */
__attribute__((export_name("hlu_solve_ct"))) void hlu_solve_ct(u32 n, const double *rr,
                                                               const double *ri, const double *lr,
                                                               const double *li,
                                                               const unsigned char *swapped,
                                                               double *xr, double *xi) {
  /* Rᴴ t = x: forward substitution by rows of R (R[j, i] used conjugated). */
  for (u32 j = 0; j < n; j++) {
    const unsigned long d = (unsigned long)j * n + j;
    const double dr = rr[d];
    const double di = -ri[d];
    const double den = dr * dr + di * di;
    const double tr = (xr[j] * dr + xi[j] * di) / den;
    const double ti = (xi[j] * dr - xr[j] * di) / den;
    xr[j] = tr;
    xi[j] = ti;
    const double *rowr = rr + d - j, *rowi = ri + d - j; /* rowr[i] = R[j, i] */
    const v128_t vtr = wasm_f64x2_splat(tr), vti = wasm_f64x2_splat(ti);
    u32 i = j + 1;
    for (; i + 1 < n; i += 2) {
      const v128_t ar = wasm_v128_load(rowr + i);
      const v128_t ai = wasm_f64x2_neg(wasm_v128_load(rowi + i));
      const v128_t ur = wasm_f64x2_sub(wasm_f64x2_mul(ar, vtr), wasm_f64x2_mul(ai, vti));
      const v128_t ui = wasm_f64x2_add(wasm_f64x2_mul(ar, vti), wasm_f64x2_mul(ai, vtr));
      wasm_v128_store(xr + i, wasm_f64x2_sub(wasm_v128_load(xr + i), ur));
      wasm_v128_store(xi + i, wasm_f64x2_sub(wasm_v128_load(xi + i), ui));
    }
    if (i < n) {
      const double ar = rowr[i];
      const double ai = -rowi[i];
      xr[i] = xr[i] - (ar * tr - ai * ti);
      xi[i] = xi[i] - (ar * ti + ai * tr);
    }
  }
  /* y = P_0 M_0ᴴ ⋯ P_{n−2} M_{n−2}ᴴ t, right to left. */
  for (int k = (int)n - 2; k >= 0; k--) {
    const double cr = lr[k];
    const double ci = -li[k];
    xr[k] = xr[k] - (cr * xr[k + 1] - ci * xi[k + 1]);
    xi[k] = xi[k] - (cr * xi[k + 1] + ci * xr[k + 1]);
    if (swapped[k]) {
      double t = xr[k];
      xr[k] = xr[k + 1];
      xr[k + 1] = t;
      t = xi[k];
      xi[k] = xi[k + 1];
      xi[k + 1] = t;
    }
  }
}
