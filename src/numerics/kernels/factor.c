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
 *
 * 3. One column of the Householder reduction to Hessenberg form (hessenbergKernel.ts, for
 *    src/numerics/linalg/hessenberg.ts): with u (zero above row m) and invH = 1/h,
 *      p_i = (Σ_{j≥m} H[i,j]·u_j)·invH,  q_j = Σ_{i≥m} (u_i·invH)·H[i,j] (rows in pairs),
 *      γ = (Σ u_i·p_i)·invH (in pairs),  H[i,j] −= u_i·q_j + (p_i − γ·u_i)·u_j,
 *    and the accumulation Q ← Q P: s_i = (Σ_{j≥m} Q[i,j]·u_j)·invH, Q[i,j] −= s_i·u_j.
 *    Dot products stay scalar sequential chains (four rows at a time for overlap); q and the
 *    updates run two columns per f64x2.
 *
 * 4. LU with partial pivoting of a complex Hessenberg B = H − μI and solves with Bᴴ
 *    (hessenbergLuKernel.ts, for the inverse iteration of src/numerics/linalg/leftEigenvectors.ts):
 *    elimination k swaps rows k, k+1 when |B[k+1,k]|₁ > |B[k,k]|₁ and subtracts l_k·row k; the
 *    row updates and the forward substitution's column updates run two entries per f64x2.
 *
 * 5. Symmetric eigendecomposition (symmetricEigenKernel.ts, for
 *    src/numerics/linalg/symmetricEigen.ts): EISPACK tred2 and tql2 on the transposed
 *    accumulator W, transcribed statement by statement from the JS; the rank-two updates, the
 *    accumulation's updates and tql2's plane rotations of two rows of W run two entries per
 *    f64x2, every dot product stays a sequential chain.
 *
 * 6. Solves X (L Lᵀ) = B for the rows of X (choleskyKernel.ts, for cholesky.ts's
 *    choleskySolveRowsInPlace): forward with L, backward with U = Lᵀ, each entry
 *    x_i = (b_i − Σ_j l_ij x_j)·(1/l_ii) for rows in groups of four (the four rows interleaved in
 *    a scratch block, two per f64x2) and (b_i − Σ_j l_ij x_j)/l_ii for the last p mod 4 rows
 *    (independent scalar chains), the sums in increasing j (decreasing i for the backward pass).
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

/* ---- 5. Symmetric eigendecomposition: tred2 and tql2 --------------------------------------- */

/* √(a² + b²) as symmetricEigen.ts's hypot (same operations). */
static inline double hypot_det(double a, double b) {
  const double x = __builtin_fabs(a);
  const double y = __builtin_fabs(b);
  if (x > y) {
    const double r = y / x;
    return x * __builtin_sqrt(1.0 + r * r);
  }
  if (y == 0.0) return 0.0;
  const double r = x / y;
  return y * __builtin_sqrt(1.0 + r * r);
}

/* Math.max(a, b) for a, b ≥ 0 or NaN: NaN if either is. */
static inline double max_js(double a, double b) {
  if (a != a) return a;
  if (b != b) return b;
  return a > b ? a : b;
}

/** Householder tridiagonalisation (EISPACK tred2) on the transposed accumulator w (n×n). */
__attribute__((export_name("sym_tred2"))) void sym_tred2(double *w, double *d, double *e, u32 n) {
  for (u32 j = 0; j < n; j++) d[j] = w[(unsigned long)j * n + n - 1];
  for (u32 i = n - 1; i > 0; i--) {
    double scale = 0.0;
    double h = 0.0;
    for (u32 k = 0; k < i; k++) scale = scale + __builtin_fabs(d[k]);
    if (scale == 0.0) {
      e[i] = d[i - 1];
      for (u32 j = 0; j < i; j++) {
        d[j] = w[(unsigned long)j * n + i - 1];
        w[(unsigned long)j * n + i] = 0.0;
        w[(unsigned long)i * n + j] = 0.0;
      }
    } else {
      for (u32 k = 0; k < i; k++) {
        d[k] = d[k] / scale;
        h = h + d[k] * d[k];
      }
      double f = d[i - 1];
      double g = __builtin_sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h = h - f * g;
      d[i - 1] = f - g;
      for (u32 j = 0; j < i; j++) e[j] = 0.0;
      for (u32 j = 0; j < i; j++) {
        const double *wj = w + (unsigned long)j * n;
        f = d[j];
        w[(unsigned long)i * n + j] = f;
        g = e[j] + wj[j] * f;
        for (u32 k = j + 1; k + 1 <= i; k++) {
          const double v = wj[k];
          g = g + v * d[k];
          e[k] = e[k] + v * f;
        }
        e[j] = g;
      }
      f = 0.0;
      for (u32 j = 0; j < i; j++) {
        e[j] = e[j] / h;
        f = f + e[j] * d[j];
      }
      const double hh = f / (h + h);
      for (u32 j = 0; j < i; j++) e[j] = e[j] - hh * d[j];
      for (u32 j = 0; j < i; j++) {
        double *wj = w + (unsigned long)j * n;
        f = d[j];
        g = e[j];
        const v128_t vf = wasm_f64x2_splat(f), vg = wasm_f64x2_splat(g);
        u32 k = j;
        for (; k + 1 < i; k += 2) {
          const v128_t t = wasm_f64x2_add(wasm_f64x2_mul(vf, wasm_v128_load(e + k)),
                                          wasm_f64x2_mul(vg, wasm_v128_load(d + k)));
          wasm_v128_store(wj + k, wasm_f64x2_sub(wasm_v128_load(wj + k), t));
        }
        if (k < i) wj[k] = wj[k] - (f * e[k] + g * d[k]);
        d[j] = wj[i - 1];
        wj[i] = 0.0;
      }
    }
    d[i] = h;
  }
  /* Accumulate the transformations. */
  for (u32 i = 0; i + 1 < n; i++) {
    double *wi1 = w + (unsigned long)(i + 1) * n;
    w[(unsigned long)i * n + n - 1] = w[(unsigned long)i * n + i];
    w[(unsigned long)i * n + i] = 1.0;
    const double h = d[i + 1];
    if (h != 0.0) {
      for (u32 k = 0; k <= i; k++) d[k] = wi1[k] / h;
      for (u32 j = 0; j <= i; j++) {
        double *wj = w + (unsigned long)j * n;
        double g = 0.0;
        for (u32 k = 0; k <= i; k++) g = g + wi1[k] * wj[k];
        const v128_t vg = wasm_f64x2_splat(g);
        u32 k = 0;
        for (; k + 1 <= i; k += 2)
          wasm_v128_store(wj + k, wasm_f64x2_sub(wasm_v128_load(wj + k),
                                                 wasm_f64x2_mul(vg, wasm_v128_load(d + k))));
        if (k <= i) wj[k] = wj[k] - g * d[k];
      }
    }
    for (u32 k = 0; k <= i; k++) wi1[k] = 0.0;
  }
  for (u32 j = 0; j < n; j++) {
    d[j] = w[(unsigned long)j * n + n - 1];
    w[(unsigned long)j * n + n - 1] = 0.0;
  }
  w[(unsigned long)(n - 1) * n + n - 1] = 1.0;
  e[0] = 0.0;
}

/**
 * Implicit QL on the tridiagonal (d, e) (EISPACK tql2), rotating rows of w. Returns −1, or the
 * index l of the eigenvalue whose iteration did not converge in 60 sweeps.
 */
__attribute__((export_name("sym_tql2"))) int sym_tql2(double *w, double *d, double *e, u32 n) {
  for (u32 i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0.0;
  double f = 0.0;
  double tst1 = 0.0;
  const double eps = 2.220446049250313e-16; /* 2^-52 */
  for (u32 l = 0; l < n; l++) {
    tst1 = max_js(tst1, __builtin_fabs(d[l]) + __builtin_fabs(e[l]));
    u32 m = l;
    while (m < n) {
      if (__builtin_fabs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m == n) m = n - 1;
    if (m > l) {
      int iter = 0;
      do {
        if (++iter > 60) return (int)l;
        double g = d[l];
        double p = (d[l + 1] - g) / (2.0 * e[l]);
        double r = hypot_det(p, 1.0);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const double dl1 = d[l + 1];
        double h = g - d[l];
        for (u32 i = l + 2; i < n; i++) d[i] = d[i] - h;
        f = f + h;
        p = d[m];
        double c = 1.0, c2 = c, c3 = c;
        const double el1 = e[l + 1];
        double s = 0.0, s2 = 0.0;
        for (int i = (int)m - 1; i >= (int)l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = hypot_det(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          double *wi = w + (unsigned long)i * n;
          double *wi1 = wi + n;
          const v128_t vs = wasm_f64x2_splat(s), vc = wasm_f64x2_splat(c);
          u32 k = 0;
          for (; k + 1 < n; k += 2) {
            const v128_t hk = wasm_v128_load(wi1 + k), vk = wasm_v128_load(wi + k);
            wasm_v128_store(wi1 + k, wasm_f64x2_add(wasm_f64x2_mul(vs, vk), wasm_f64x2_mul(vc, hk)));
            wasm_v128_store(wi + k, wasm_f64x2_sub(wasm_f64x2_mul(vc, vk), wasm_f64x2_mul(vs, hk)));
          }
          if (k < n) {
            const double hk = wi1[k], vk = wi[k];
            wi1[k] = s * vk + c * hk;
            wi[k] = c * vk - s * hk;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (__builtin_fabs(e[l]) > eps * tst1);
    }
    d[l] = d[l] + f;
    e[l] = 0.0;
  }
  return -1;
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
