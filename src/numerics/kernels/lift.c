/*
 * Hidden-layer lift kernel for Sampled RNN Lab, compiled to WebAssembly (wasm32 + SIMD128):
 *
 *   Ψ(x) = [σ(W x + b); 1],  σ = tanh_det or ReLU,
 *
 * evaluated for many states. Build: `npm run build:wasm` (scripts/build-wasm.sh). Freestanding: no
 * libc, no libm, no allocator; the memory is imported and the TypeScript side (lift.ts) carves the
 * buffers out of it above heap_base(). Pointers are byte offsets, sizes are counts (u32).
 *
 * Determinism contract, shared bit for bit with the JS fallback (tanhDet.ts, liftJs.ts): every
 * value is produced by the same sequence of IEEE-754 double operations (+, −, ×, ÷, |·|, exact
 * scaling by 2^k and selections), each rounded to nearest-even, in the same order. There is no
 * libm call (Math.tanh/exp differ between engines), no fused multiply-add (wasm baseline has
 * none; the build also passes -ffp-contract=off) and no reassociation (no -ffast-math). The
 * scalar and the f64x2 versions below are the same algorithm step by step; where the scalar code
 * branches (saturation, tiny |z|, NaN), the SIMD code clamps or selects lane-wise and yields
 * exactly the value the scalar branch returns.
 */
#include <wasm_simd128.h>

typedef unsigned int u32;
typedef unsigned long long u64;

extern unsigned char __heap_base;

/** First free byte of linear memory above the stack and static data. */
__attribute__((export_name("heap_base"))) u32 heap_base(void) { return (u32)(&__heap_base); }

/* ---- tanh_det: constants (identical literals in tanhDet.ts) ---------------------------------- */

/* |z| above this: tanh(z) rounds to ±1 (1 − tanh(19.1) ≈ 5e-17 < half an ulp below 1). */
#define SAT 19.1
/* |z| below 2^-28: tanh(z) = z − z³/3 + … rounds to z. */
#define TINY 3.725290298461914e-9
#define INV_LN2 1.4426950408889634
/* 1.5·2^52: (x + SHIFTER) − SHIFTER rounds x to the nearest integer (ties to even). */
#define SHIFTER 6755399441055744.0
/* ln 2 = LN2_HI + LN2_LO (fdlibm split: LN2_HI has 32 significant bits, so k·LN2_HI is exact). */
#define LN2_HI 0.6931471803691238
#define LN2_LO 1.9082149292705877e-10
/* 1/n!, n = 3..13, correctly rounded (expm1(r) = r + r²·(1/2 + r/3! + … + r^11/13!)). */
#define C3 0.16666666666666666
#define C4 0.041666666666666664
#define C5 0.008333333333333333
#define C6 0.001388888888888889
#define C7 0.0001984126984126984
#define C8 2.48015873015873e-05
#define C9 2.7557319223985893e-06
#define C10 2.755731922398589e-07
#define C11 2.505210838544172e-08
#define C12 2.08767569878681e-09
#define C13 1.6059043836821613e-10

/*
 * Scalar tanh_det. With a = |z|, u = 2a (exact):
 *   k = round(u/ln2) (shifter trick), r = (u − k·LN2_HI) − k·LN2_LO, |r| ≲ ln2/2,
 *   p = r + r²·P(r) ≈ expm1(r) (Taylor to degree 13: truncation < 2e-17 relative; P evaluated
 *   by Estrin's scheme, whose short dependency chains let the f64x2 code overlap more work),
 *   e = 2^k·p + (2^k − 1) ≈ expm1(u) = e^{2a} − 1 (2^k·p exact),
 *   tanh(a) = e/(e + 2) (no cancellation: e ≥ 0), sign restored by negation.
 */
static inline double tanh_det(double z) {
  const double a = __builtin_fabs(z);
  if (!(a <= SAT)) return z != z ? z : (z > 0 ? 1.0 : -1.0);
  if (a < TINY) return z;
  const double u = a + a;
  const double t0 = u * INV_LN2 + SHIFTER;
  const double kd = t0 - SHIFTER;
  const double r = (u - kd * LN2_HI) - kd * LN2_LO;
  /* Estrin's scheme (short dependency chains); the same tree in tanh_det_v and tanhDet.ts. */
  const double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  const double q01 = 0.5 + C3 * r, q23 = C4 + C5 * r, q45 = C6 + C7 * r;
  const double q67 = C8 + C9 * r, q89 = C10 + C11 * r, qab = C12 + C13 * r;
  const double q03 = q01 + q23 * r2, q47 = q45 + q67 * r2, q8b = q89 + qab * r2;
  const double q = (q03 + q47 * r4) + q8b * r8;
  const double p = r + r2 * q;
  union {
    u64 u;
    double d;
  } s;
  s.u = (u64)((int)kd + 1023) << 52; /* 2^k, 0 ≤ k ≤ 56 */
  const double e = s.d * p + (s.d - 1.0);
  const double y = e / (e + 2.0);
  return z < 0 ? -y : y;
}

/*
 * The same, two lanes at a time. Lanes with |z| > SAT (or ±Inf) are computed with a = SAT, which
 * gives exactly 1 (tests check tanhDet(19.1) === 1), i.e. the scalar saturation; NaN and tiny
 * lanes return z itself through the final select.
 */
static inline v128_t tanh_det_v(v128_t z) {
  const v128_t one = wasm_f64x2_splat(1.0);
  const v128_t shifter = wasm_f64x2_splat(SHIFTER);
  const v128_t sign = wasm_v128_and(z, wasm_f64x2_splat(-0.0));
  const v128_t a = wasm_f64x2_pmin(wasm_f64x2_abs(z), wasm_f64x2_splat(SAT)); /* NaN stays NaN */
  const v128_t u = wasm_f64x2_add(a, a);
  const v128_t t0 = wasm_f64x2_add(wasm_f64x2_mul(u, wasm_f64x2_splat(INV_LN2)), shifter);
  const v128_t kd = wasm_f64x2_sub(t0, shifter);
  const v128_t r = wasm_f64x2_sub(wasm_f64x2_sub(u, wasm_f64x2_mul(kd, wasm_f64x2_splat(LN2_HI))),
                                  wasm_f64x2_mul(kd, wasm_f64x2_splat(LN2_LO)));
#define SPL(c) wasm_f64x2_splat(c)
#define MADD(a, b, c) wasm_f64x2_add(a, wasm_f64x2_mul(b, c)) /* a + b·c, two roundings */
  const v128_t r2 = wasm_f64x2_mul(r, r);
  const v128_t r4 = wasm_f64x2_mul(r2, r2);
  const v128_t r8 = wasm_f64x2_mul(r4, r4);
  const v128_t q01 = MADD(SPL(0.5), SPL(C3), r), q23 = MADD(SPL(C4), SPL(C5), r);
  const v128_t q45 = MADD(SPL(C6), SPL(C7), r), q67 = MADD(SPL(C8), SPL(C9), r);
  const v128_t q89 = MADD(SPL(C10), SPL(C11), r), qab = MADD(SPL(C12), SPL(C13), r);
  const v128_t q03 = MADD(q01, q23, r2), q47 = MADD(q45, q67, r2), q8b = MADD(q89, qab, r2);
  const v128_t q = MADD(MADD(q03, q47, r4), q8b, r8);
  const v128_t p = MADD(r, r2, q);
#undef MADD
#undef SPL
  /* t0 = SHIFTER + k exactly, so its low bits hold k and the low 12 bits of bits(SHIFTER) are 0:
   * (bits(t0) + 1023) << 52 = bits(2^k) (0 ≤ k ≤ 55 after the clamp; NaN lanes are replaced
   * by z below). */
  const v128_t s = wasm_i64x2_shl(wasm_i64x2_add(t0, wasm_i64x2_splat(1023)), 52);
  const v128_t e = wasm_f64x2_add(wasm_f64x2_mul(s, p), wasm_f64x2_sub(s, one));
  const v128_t y = wasm_f64x2_div(e, wasm_f64x2_add(e, wasm_f64x2_splat(2.0)));
  /* y > 0 in every lane that is kept, so OR-ing the sign bit of z in is the negation the scalar
   * code does for z < 0. */
  const v128_t keep = wasm_f64x2_ge(a, wasm_f64x2_splat(TINY)); /* false: tiny or NaN */
  return wasm_v128_bitselect(wasm_v128_or(y, sign), z, keep);
}

/* ReLU max(z, 0) with NaN propagation and max(−0, +0) = +0, like Math.max(z, 0) in JS. */
static inline double relu(double z) { return z > 0 ? z : (z == z ? 0.0 : z); }
static inline v128_t relu_v(v128_t z) { return wasm_f64x2_max(z, wasm_f64x2_splat(0.0)); }

/** out[i] = tanh_det(in[i]) for i < n: pairs through the f64x2 version, an odd last one scalar. */
__attribute__((export_name("tanh_array"))) void tanh_array(const double *in, double *out, u32 n) {
  u32 i = 0;
  for (; i + 2 <= n; i += 2) wasm_v128_store(out + i, tanh_det_v(wasm_v128_load(in + i)));
  for (; i < n; i++) out[i] = tanh_det(in[i]);
}

/** out[i] = tanh_det(in[i]) for i < n, all through the scalar version. */
__attribute__((export_name("tanh_array_scalar"))) void tanh_array_scalar(const double *in,
                                                                        double *out, u32 n) {
  for (u32 i = 0; i < n; i++) out[i] = tanh_det(in[i]);
}

/*
 * z_j = b_j + Σ_i wt[i*M + j]·x_i (i = 0..d−1 in order, from b_j) for a block of NV f64x2 vectors
 * (2·NV neurons starting at j), σ applied, stored to o + j.
 */
#define LIFT_BLOCK(NV, ACT)                                                                        \
  do {                                                                                             \
    v128_t zz[NV];                                                                                 \
    _Pragma("clang loop unroll(full)") for (u32 v = 0; v < NV; v++) zz[v] =                        \
        wasm_v128_load(b + j + 2 * v);                                                             \
    const double *w = wt + j;                                                                      \
    for (u32 i = 0; i < d; i++, w += M) {                                                          \
      const v128_t xs = wasm_f64x2_splat(xr[i]);                                                   \
      _Pragma("clang loop unroll(full)") for (u32 v = 0; v < NV; v++) zz[v] =                      \
          wasm_f64x2_add(zz[v], wasm_f64x2_mul(wasm_v128_load(w + 2 * v), xs));                    \
    }                                                                                              \
    _Pragma("clang loop unroll(full)") for (u32 v = 0; v < NV; v++)                                \
        wasm_v128_store(o + j + 2 * v, ACT(zz[v]));                                                \
  } while (0)

static inline void lift_rows_impl(const double *x, u32 rows, u32 d, const double *wt,
                                  const double *b, u32 M, double *out, int use_tanh) {
  const u32 m = M + 1;
  for (u32 k = 0; k < rows; k++) {
    const double *xr = x + k * d;
    double *o = out + k * m;
    u32 j = 0;
    if (use_tanh) {
      /* Three vectors (6 neurons) per block: enough independent work to hide the latency of
       * tanh_det_v, few enough live values for V8's register allocator (benchmarked 2..8). */
      for (; j + 6 <= M; j += 6) LIFT_BLOCK(3, tanh_det_v);
      for (; j + 2 <= M; j += 2) LIFT_BLOCK(1, tanh_det_v);
    } else {
      for (; j + 8 <= M; j += 8) LIFT_BLOCK(4, relu_v);
      for (; j + 2 <= M; j += 2) LIFT_BLOCK(1, relu_v);
    }
    for (; j < M; j++) {
      double z = b[j];
      for (u32 i = 0; i < d; i++) z = z + wt[i * M + j] * xr[i];
      o[j] = use_tanh ? tanh_det(z) : relu(z);
    }
    o[M] = 1.0;
  }
}

/*
 * Ψ of `rows` states: x rows × d (row-major), wt = Wᵀ (d × M, wt[i*M + j] = W[j*d + i]), b (M),
 * out rows × (M + 1) (row-major, last column 1). act: 0 = tanh_det, 1 = ReLU.
 */
__attribute__((export_name("lift_rows"))) void lift_rows(const double *x, u32 rows, u32 d,
                                                         const double *wt, const double *b, u32 M,
                                                         u32 act, double *out) {
  if (act == 0)
    lift_rows_impl(x, rows, d, wt, b, M, out, 1);
  else
    lift_rows_impl(x, rows, d, wt, b, M, out, 0);
}
