/*
 * 5. Symmetric eigendecomposition: tred2 and tql2 (symmetricEigenKernel.ts). Contract: module.c.
 */
#include "common.h"

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
