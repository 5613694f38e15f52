/*
 * Dense factorisation kernels for Sampled RNN Lab, compiled to WebAssembly (wasm32 + SIMD128).
 * Build: `npm run build:wasm` (scripts/build-wasm.sh). Freestanding: no libc, no allocator; the
 * memory is imported and the TypeScript side carves the arrays out of it. All pointers are byte
 * offsets into linear memory, all sizes are counts of doubles (u32). Every result is bit for bit
 * the JS loop's it replaces: vectors only ever hold independent elements, each element keeps the
 * JS expression and order, each product and sum is rounded to double (no FMA in baseline SIMD,
 * -ffp-contract=off, no reassociation without -ffast-math).
 *
 * 1. Householder reflector updates (reflectKernel.ts, for src/numerics/linalg/householderQr.ts),
 *    applying H = I − τ v vᵀ to the trailing columns of a row-major B with k columns:
 *      vt_b:     w[j] = Σ_{i=i0}^{m−1} v[i]·B[i, j]          for j0 ≤ j < k
 *      rank_one: B[i, j] = B[i, j] − (τ·v[i])·w[j]           for i0 ≤ i < m, j0 ≤ j < k
 *    The vectors run across columns j, two per f64x2: w[j] starts at +0 and takes, per group of
 *    four rows i..i+3, w[j] = w[j] + (((v_i·B[i,j] + v_{i+1}·B[i+1,j]) + v_{i+2}·B[i+2,j]) +
 *    v_{i+3}·B[i+3,j]), then one row at a time; B[i,j] = B[i,j] − f_i·w[j] with f_i = τ·v_i.
 *
 * 2. Cholesky A = L Lᵀ (choleskyKernel.ts, for src/numerics/linalg/cholesky.ts), row-oriented:
 *      L[i,j] = (A[i,j] − Σ_{k<j} L[i,k]·L[j,k]) / L[j,j],   L[i,i] = √(A[i,i] − Σ_{k<i} L[i,k]²),
 *    every sum subtracting its terms in increasing k from A[i,j]. Rows i and i+1 are computed
 *    together as the two lanes of an f64x2 (their entries so far kept interleaved in a scratch
 *    row), four columns j..j+3 at a time as four independent chains over k < j, then the short
 *    triangular tail k = j..j+2 in order.
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
