/**
 * The rescue phase of the Hessenberg QR iteration (hessenbergQr.ts): what happens once the
 * standard EISPACK-style iteration has used its whole sweep budget without resolving every
 * eigenvalue. Converging matrices never get here, so their eigenvalues stay bit-identical to the
 * plain iteration; only runs that used to fail take this path.
 *
 * The case that made it necessary (issue 16): K from a Gram matrix of rank ≪ M (one short
 * training trajectory, e.g. sys=vanderpol&ntraj=1&len=2). Its Hessenberg form has a graded
 * tail whose subdiagonals shrink by ≈ ε per row (1e-15, 1e-31, … 1e-300): all of them are
 * zero eigenvalues to working precision, but the relative (Ahues–Tisseur) deflation test asks
 * each one to converge to full relative accuracy, and the shift products underflow at that
 * scale, so the iteration stalls. The rescue phase therefore
 *  1. scales the unresolved block by a power of two (exact) so that its largest entry is ≈ 1;
 *  2. also deflates a subdiagonal entry that is negligible against the whole unresolved block,
 *     |h_{k,k−1}| ≤ ε‖H‖_F — the classical backward-stable test (GVL 4th ed. §7.5.1), which
 *     turns the graded tail into zero eigenvalues at once;
 *  3. uses the shifts of LAPACK dlahqr (computed from the trailing 2×2 block after scaling it,
 *     a real pair replaced by the root nearer h_{en,en} twice) with its exceptional shifts
 *     after 10 and 20 sweeps without deflation (top and bottom of the active block in turn);
 *  4. as a last resort, after RESCUE_STALL sweeps without a deflation, splits the active block
 *     at its smallest subdiagonal entry (set to zero: a perturbation of that size, reported as
 *     `splitError`). Each split shortens the active block, so the phase always terminates.
 */

const EPS = 2 ** -52;

/** Sweeps without deflation, in the rescue phase, before the active block is split by force. */
export const RESCUE_STALL = 100;

/** What the rescue phase did; see {@link HqrReport} in hessenbergQr.ts. */
export interface RescueState {
  /** Multiply the (scaled) iterate's eigenvalues by this to undo the scaling (a power of two). */
  unscale: number;
  /** The scaling applied, as two powers of two (so that neither over- nor underflows). */
  factors: [number, number];
  /** Absolute deflation threshold ε‖H‖_F of the scaled unresolved block. */
  absTol: number;
  /** Frobenius norm of the scaled unresolved block (the reference for splitError). */
  fro: number;
  /** Forced splits so far. */
  splits: number;
  /** Largest |h_{k,k−1}| / ‖H‖_F set to zero by a forced split (0 if none). */
  splitError: number;
  /** Sweeps used in the rescue phase. */
  sweeps: number;
}

/**
 * Enters the rescue phase: scales rows/columns 0..en of the Hessenberg iterate by a power of two
 * so that its largest entry lies in [1, 2), and returns the state with the factor that undoes it.
 * `exshift` (the accumulated EISPACK shift) must be scaled by the caller with `factors`.
 */
export function enterRescue(h: Float64Array, n: number, en: number): RescueState {
  let big = 0;
  for (let i = 0; i <= en; i++) {
    for (let j = Math.max(i - 1, 0); j <= en; j++) big = Math.max(big, Math.abs(h[i * n + j]));
  }
  let unscale = 1;
  let factors: [number, number] = [1, 1];
  if (big > 0 && Number.isFinite(big)) {
    // 2^e ≤ big < 2^(e+1); scale by 2^−e in two steps so that neither factor over/underflows.
    const e = binaryExponent(big);
    const half = Math.trunc(e / 2);
    const f1 = 2 ** -half;
    const f2 = 2 ** -(e - half);
    for (let i = 0; i <= en; i++) {
      for (let j = Math.max(i - 1, 0); j <= en; j++) h[i * n + j] = h[i * n + j] * f1 * f2;
    }
    unscale = 2 ** half * 2 ** (e - half);
    factors = [f1, f2];
  }
  let ss = 0;
  for (let i = 0; i <= en; i++) {
    for (let j = Math.max(i - 1, 0); j <= en; j++) ss += h[i * n + j] * h[i * n + j];
  }
  const fro = Math.sqrt(ss);
  return { unscale, factors, absTol: EPS * fro, fro, splits: 0, splitError: 0, sweeps: 0 };
}

/** e with 2^e ≤ x < 2^(e+1), for finite x > 0 (exact: halving and doubling are exact here). */
export function binaryExponent(x: number): number {
  let e = 0;
  while (x >= 2) {
    x /= 2;
    e++;
  }
  while (x < 1) {
    x *= 2;
    e--;
  }
  return e;
}

/**
 * Scales all entries of `a` by 2^−e, where 2^e ≤ big < 2^(e+1) (big = max |a_i| > 0, finite), so
 * that the largest entry lies in [1, 2); returns the two factors whose product is 2^e (to scale
 * results back in two exact steps without overflowing the factor itself).
 */
export function scaleToUnit(a: Float64Array, big: number): [number, number] {
  const e = binaryExponent(big);
  const half = Math.trunc(e / 2);
  const f1 = 2 ** -half;
  const f2 = 2 ** -(e - half);
  for (let i = 0; i < a.length; i++) a[i] = a[i] * f1 * f2;
  return [2 ** half, 2 ** (e - half)];
}

/**
 * The double shift of one rescue sweep on the active block l..en (l ≤ en − 2), as (x, y, w):
 * the shifts are the roots of t² − (x + y)t + (xy − w). `its` counts the sweeps since the last
 * deflation (LAPACK dlahqr: exceptional shifts at its ≡ 10 mod 20 from the top of the block, at
 * its ≡ 0 mod 20 from the bottom; DAT1 = 3/4, DAT2 = −0.4375).
 */
export function rescueShift(
  h: Float64Array,
  n: number,
  l: number,
  en: number,
  its: number,
): { x: number; y: number; w: number } {
  let h11: number;
  let h12: number;
  let h21: number;
  let h22: number;
  if (its > 0 && its % 10 === 0) {
    const s =
      its % 20 === 10
        ? Math.abs(h[(l + 1) * n + l]) + Math.abs(h[(l + 2) * n + l + 1])
        : Math.abs(h[en * n + en - 1]) + Math.abs(h[(en - 1) * n + en - 2]);
    const d = its % 20 === 10 ? h[l * n + l] : h[en * n + en];
    h11 = 0.75 * s + d;
    h12 = -0.4375 * s;
    h21 = s;
    h22 = h11;
  } else {
    h11 = h[(en - 1) * n + en - 1];
    h21 = h[en * n + en - 1];
    h12 = h[(en - 1) * n + en];
    h22 = h[en * n + en];
  }
  const s = Math.abs(h11) + Math.abs(h12) + Math.abs(h21) + Math.abs(h22);
  if (s === 0 || !Number.isFinite(s)) return { x: 0, y: 0, w: 0 };
  h11 /= s;
  h21 /= s;
  h12 /= s;
  h22 /= s;
  const tr = (h11 + h22) / 2;
  const det = (h11 - tr) * (h22 - tr) - h12 * h21;
  const rtdisc = Math.sqrt(Math.abs(det));
  if (det >= 0) {
    // Complex conjugate shifts tr ± i·rtdisc (scaled back).
    const r = tr * s;
    const i = rtdisc * s;
    return { x: r, y: r, w: -(i * i) };
  }
  // Real shifts: use the one nearer h22 twice.
  const r1 = tr + rtdisc;
  const r2 = tr - rtdisc;
  const sigma = (Math.abs(r1 - h22) <= Math.abs(r2 - h22) ? r1 : r2) * s;
  return { x: sigma, y: sigma, w: 0 };
}

/**
 * Splits the active block l..en (l < en) at its smallest subdiagonal entry by setting it to zero,
 * and records the perturbation relative to the block's Frobenius norm.
 */
export function forceSplit(
  h: Float64Array,
  n: number,
  l: number,
  en: number,
  st: RescueState,
): void {
  let k = l + 1;
  let best = Infinity;
  for (let i = l + 1; i <= en; i++) {
    const v = Math.abs(h[i * n + i - 1]);
    if (v < best) {
      best = v;
      k = i;
    }
  }
  h[k * n + k - 1] = 0;
  st.splits++;
  st.splitError = Math.max(st.splitError, st.fro > 0 ? best / st.fro : 0);
}
