/**
 * Small helpers for complex vectors held as separate real and imaginary Float64Arrays (the
 * eigenvector routines ./eigenvalues and ./leftEigenvectors share them).
 */

/** Scales (vr, vi) to unit 2-norm (with overflow-safe prescaling); false if zero/non-finite. */
export function normalise(vr: Float64Array, vi: Float64Array): boolean {
  const n = vr.length;
  let mx = 0;
  for (let i = 0; i < n; i++) mx = Math.max(mx, Math.abs(vr[i]), Math.abs(vi[i]));
  if (!(mx > 0 && mx < Infinity)) return false;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const a = vr[i] / mx;
    const b = vi[i] / mx;
    s += a * a + b * b;
  }
  const f = 1 / (mx * Math.sqrt(s));
  for (let i = 0; i < n; i++) {
    vr[i] *= f;
    vi[i] *= f;
  }
  return true;
}

/** Multiplies v by the unit complex number that makes its largest-modulus entry real > 0. */
export function fixPhase(vr: Float64Array, vi: Float64Array): void {
  const n = vr.length;
  let k = -1;
  let best = -1;
  for (let i = 0; i < n; i++) {
    const v = vr[i] * vr[i] + vi[i] * vi[i];
    if (v > best * (1 + 1e-12)) {
      best = v;
      k = i;
    }
  }
  if (k < 0 || best === 0) return;
  const mod = Math.sqrt(best);
  const cr = vr[k] / mod;
  const ci = -vi[k] / mod;
  for (let i = 0; i < n; i++) {
    const r = vr[i] * cr - vi[i] * ci;
    const im = vr[i] * ci + vi[i] * cr;
    vr[i] = r + 0; // + 0 turns −0 into +0
    vi[i] = im + 0;
  }
  vi[k] = 0;
}
