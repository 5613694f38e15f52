/*
 * 2 and 6. Cholesky factor and the solves with it for the rows of X (choleskyKernel.ts).
 * Contract: module.c.
 */
#include "common.h"

/*
 * One pair of rows (i, i+1) of the Cholesky factor, columns j < i: lanes (L[i,j], L[i+1,j]).
 * p holds the pair's finished entries interleaved: p[2k] = L[i,k], p[2k+1] = L[i+1,k].
 */
static inline v128_t chol_col(const double *a, u32 n, u32 j, const double *p, v128_t s) {
  const double *rj = a + (unsigned long)j * n;
  for (u32 k = 0; k < j; k++)
    s = wasm_f64x2_sub(s, wasm_f64x2_mul(wasm_v128_load(p + 2 * k), wasm_f64x2_splat(rj[k])));
  return s;
}

static inline v128_t pair_at(const double *a, u32 n, u32 i, u32 j) {
  return wasm_f64x2_make(a[(unsigned long)i * n + j], a[(unsigned long)(i + 1) * n + j]);
}

/* s − L[i..i+1, k]·L[j, k] for one k (p interleaved as above). */
static inline v128_t chol_term(v128_t s, const double *p, u32 k, double ljk) {
  return wasm_f64x2_sub(s, wasm_f64x2_mul(wasm_v128_load(p + 2 * k), wasm_f64x2_splat(ljk)));
}

static inline void chol_store(double *a, u32 n, u32 i, u32 j, double *p, v128_t v) {
  wasm_v128_store(p + 2 * j, v);
  a[(unsigned long)i * n + j] = wasm_f64x2_extract_lane(v, 0);
  a[(unsigned long)(i + 1) * n + j] = wasm_f64x2_extract_lane(v, 1);
}

static inline int pivot_ok(double s, double floor) {
  return s > floor && s < __builtin_inf();
}

/**
 * In-place lower Cholesky factor of the n×n row-major a (lower triangle read; on success a holds
 * exactly L, upper triangle zeroed). p: scratch of 2n doubles. Returns 1, or 0 when a pivot is
 * ≤ minPivotRatio·(original diagonal entry), NaN or infinite (a is then partially overwritten).
 */
__attribute__((export_name("cholesky"))) u32 cholesky(double *a, u32 n, double minPivotRatio,
                                                       double *p) {
  u32 i = 0;
  for (; i + 1 < n; i += 2) {
    double *ri = a + (unsigned long)i * n;
    double *ri1 = ri + n;
    u32 j = 0;
    for (; j + 3 < i; j += 4) {
      const double *rj0 = a + (unsigned long)j * n;
      const double *rj1 = rj0 + n;
      const double *rj2 = rj1 + n;
      const double *rj3 = rj2 + n;
      v128_t s0 = pair_at(a, n, i, j), s1 = pair_at(a, n, i, j + 1);
      v128_t s2 = pair_at(a, n, i, j + 2), s3 = pair_at(a, n, i, j + 3);
      for (u32 k = 0; k < j; k++) {
        const v128_t pk = wasm_v128_load(p + 2 * k);
        s0 = wasm_f64x2_sub(s0, wasm_f64x2_mul(pk, wasm_f64x2_splat(rj0[k])));
        s1 = wasm_f64x2_sub(s1, wasm_f64x2_mul(pk, wasm_f64x2_splat(rj1[k])));
        s2 = wasm_f64x2_sub(s2, wasm_f64x2_mul(pk, wasm_f64x2_splat(rj2[k])));
        s3 = wasm_f64x2_sub(s3, wasm_f64x2_mul(pk, wasm_f64x2_splat(rj3[k])));
      }
      s0 = wasm_f64x2_div(s0, wasm_f64x2_splat(rj0[j]));
      chol_store(a, n, i, j, p, s0);
      s1 = wasm_f64x2_div(chol_term(s1, p, j, rj1[j]), wasm_f64x2_splat(rj1[j + 1]));
      chol_store(a, n, i, j + 1, p, s1);
      s2 = chol_term(chol_term(s2, p, j, rj2[j]), p, j + 1, rj2[j + 1]);
      s2 = wasm_f64x2_div(s2, wasm_f64x2_splat(rj2[j + 2]));
      chol_store(a, n, i, j + 2, p, s2);
      s3 = chol_term(chol_term(chol_term(s3, p, j, rj3[j]), p, j + 1, rj3[j + 1]), p, j + 2,
                     rj3[j + 2]);
      s3 = wasm_f64x2_div(s3, wasm_f64x2_splat(rj3[j + 3]));
      chol_store(a, n, i, j + 3, p, s3);
    }
    for (; j < i; j++) {
      const v128_t s = chol_col(a, n, j, p, pair_at(a, n, i, j));
      chol_store(a, n, i, j, p, wasm_f64x2_div(s, wasm_f64x2_splat(a[(unsigned long)j * n + j])));
    }
    /* Diagonal of row i, then entry (i+1, i), then diagonal of row i+1 (as the JS loop). */
    const double aii = ri[i];
    double s = aii;
    for (u32 k = 0; k < i; k++) s = s - ri[k] * ri[k];
    if (!pivot_ok(s, minPivotRatio * aii)) return 0;
    const double d = __builtin_sqrt(s);
    ri[i] = d;
    double t = ri1[i];
    for (u32 k = 0; k < i; k++) t = t - ri1[k] * ri[k];
    ri1[i] = t / d;
    const double ai1 = ri1[i + 1];
    double u = ai1;
    for (u32 k = 0; k <= i; k++) u = u - ri1[k] * ri1[k];
    if (!pivot_ok(u, minPivotRatio * ai1)) return 0;
    ri1[i + 1] = __builtin_sqrt(u);
  }
  if (i < n) {
    /* Odd n: the last row alone, scalar. */
    double *ri = a + (unsigned long)i * n;
    for (u32 j = 0; j < i; j++) {
      const double *rj = a + (unsigned long)j * n;
      double s = ri[j];
      for (u32 k = 0; k < j; k++) s = s - ri[k] * rj[k];
      ri[j] = s / rj[j];
    }
    const double aii = ri[i];
    double s = aii;
    for (u32 k = 0; k < i; k++) s = s - ri[k] * ri[k];
    if (!pivot_ok(s, minPivotRatio * aii)) return 0;
    ri[i] = __builtin_sqrt(s);
  }
  for (u32 r = 0; r < n; r++)
    for (u32 c = r + 1; c < n; c++) a[(unsigned long)r * n + c] = 0.0;
  return 1;
}

/* ---- 6. Triangular solves with a Cholesky factor, for the rows of X ------------------------- */

/* Forward (L) and backward (U = Lᵀ) substitution on four interleaved rows t[4j + q]. */
static void solve4(const double *l, const double *u, u32 n, double *t) {
  for (u32 i = 0; i < n; i++) {
    const double *li = l + (unsigned long)i * n;
    v128_t s01 = wasm_v128_load(t + 4 * i), s23 = wasm_v128_load(t + 4 * i + 2);
    for (u32 j = 0; j < i; j++) {
      const v128_t v = wasm_f64x2_splat(li[j]);
      s01 = wasm_f64x2_sub(s01, wasm_f64x2_mul(v, wasm_v128_load(t + 4 * j)));
      s23 = wasm_f64x2_sub(s23, wasm_f64x2_mul(v, wasm_v128_load(t + 4 * j + 2)));
    }
    const v128_t d = wasm_f64x2_splat(1.0 / li[i]);
    wasm_v128_store(t + 4 * i, wasm_f64x2_mul(s01, d));
    wasm_v128_store(t + 4 * i + 2, wasm_f64x2_mul(s23, d));
  }
  for (int i = (int)n - 1; i >= 0; i--) {
    const double *ui = u + (unsigned long)i * n;
    v128_t s01 = wasm_v128_load(t + 4 * i), s23 = wasm_v128_load(t + 4 * i + 2);
    for (u32 j = (u32)i + 1; j < n; j++) {
      const v128_t v = wasm_f64x2_splat(ui[j]);
      s01 = wasm_f64x2_sub(s01, wasm_f64x2_mul(v, wasm_v128_load(t + 4 * j)));
      s23 = wasm_f64x2_sub(s23, wasm_f64x2_mul(v, wasm_v128_load(t + 4 * j + 2)));
    }
    const v128_t d = wasm_f64x2_splat(1.0 / ui[i]);
    wasm_v128_store(t + 4 * i, wasm_f64x2_mul(s01, d));
    wasm_v128_store(t + 4 * i + 2, wasm_f64x2_mul(s23, d));
  }
}

/**
 * X ← X (L Lᵀ)⁻¹ in place for X p×n (row-major), L n×n lower (row-major). u: n×n scratch (gets
 * Lᵀ), t: 4n scratch.
 */
__attribute__((export_name("chol_solve_rows"))) void chol_solve_rows(const double *l, double *u,
                                                                     u32 n, double *x, u32 p,
                                                                     double *t) {
  for (u32 i = 0; i < n; i++)
    for (u32 j = 0; j <= i; j++) u[(unsigned long)j * n + i] = l[(unsigned long)i * n + j];
  u32 r = 0;
  for (; r + 3 < p; r += 4) {
    double *x0 = x + (unsigned long)r * n;
    for (u32 j = 0; j < n; j++)
      for (u32 q = 0; q < 4; q++) t[4 * j + q] = x0[(unsigned long)q * n + j];
    solve4(l, u, n, t);
    for (u32 j = 0; j < n; j++)
      for (u32 q = 0; q < 4; q++) x0[(unsigned long)q * n + j] = t[4 * j + q];
  }
  const u32 rest = p - r; /* 0..3 rows, each with its own chain, divided by the pivot */
  if (rest == 0) return;
  double *y[3];
  for (u32 q = 0; q < rest; q++) y[q] = x + (unsigned long)(r + q) * n;
  for (u32 i = 0; i < n; i++) {
    const double *li = l + (unsigned long)i * n;
    double s[3] = {0.0, 0.0, 0.0};
    for (u32 q = 0; q < rest; q++) s[q] = y[q][i];
    for (u32 j = 0; j < i; j++) {
      const double v = li[j];
      for (u32 q = 0; q < 3; q++)
        if (q < rest) s[q] = s[q] - v * y[q][j];
    }
    for (u32 q = 0; q < rest; q++) y[q][i] = s[q] / li[i];
  }
  for (int i = (int)n - 1; i >= 0; i--) {
    const double *ui = u + (unsigned long)i * n;
    double s[3] = {0.0, 0.0, 0.0};
    for (u32 q = 0; q < rest; q++) s[q] = y[q][i];
    for (u32 j = (u32)i + 1; j < n; j++) {
      const double v = ui[j];
      for (u32 q = 0; q < 3; q++)
        if (q < rest) s[q] = s[q] - v * y[q][j];
    }
    for (u32 q = 0; q < rest; q++) y[q][i] = s[q] / ui[i];
  }
}
