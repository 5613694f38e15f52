/**
 * A small iterative radix-2 fast Fourier transform (Cooley–Tukey, decimation in time) and the
 * Welch power spectrum built on it, for the long-term statistics of a free run (power spectra of a
 * surrogate and of the true system, METHOD.md §11).
 *
 * Determinism: the twiddle factors e^{−2πik/n} come from cosDet/sinDet (src/numerics/trigDet.ts),
 * and every butterfly is plain IEEE +, −, × in a fixed order, so the result depends only on the
 * input bits, in every engine.
 */
import { cosDet, sinDet } from './trigDet';

/** Whether n is a power of two (n ≥ 1). */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/** The largest power of two ≤ n (n ≥ 1). */
export function floorPowerOfTwo(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}

/** cos and sin of −2πk/n for k < n/2 (the twiddles of a length-n transform). */
interface Twiddles {
  n: number;
  cos: Float64Array;
  sin: Float64Array;
}

let lastTwiddles: Twiddles | null = null;

function twiddles(n: number): Twiddles {
  if (lastTwiddles && lastTwiddles.n === n) return lastTwiddles;
  const half = n >> 1;
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    const a = (2 * Math.PI * k) / n; // |a| < π: inside trigDet's exact reduction range
    cos[k] = cosDet(a);
    sin[k] = -sinDet(a);
  }
  lastTwiddles = { n, cos, sin };
  return lastTwiddles;
}

/**
 * In-place forward DFT X_k = Σ_t x_t e^{−2πikt/n} of the complex sequence (re, im), n a power of
 * two. Bit-reversal permutation, then log₂ n butterfly passes with a precomputed twiddle table
 * (O(n log n)). Throws a RangeError when n is not a power of two or the arrays differ in length.
 */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  if (im.length !== n) throw new RangeError(`fft: re and im differ in length (${n}, ${im.length})`);
  if (!isPowerOfTwo(n)) throw new RangeError(`fft: length ${n} is not a power of two`);
  if (n === 1) return;
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  const tw = twiddles(n);
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const stride = n / len;
    for (let start = 0; start < n; start += len) {
      for (let k = 0; k < half; k++) {
        const wr = tw.cos[k * stride];
        const wi = tw.sin[k * stride];
        const a = start + k;
        const b = a + half;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}

/**
 * Welch's power spectrum of one real series x (length ≥ segment): the series is cut into segments
 * of `segment` samples (a power of two) overlapping by half, each has its mean removed and is
 * multiplied by a Hann window w_t = ½(1 − cos(2πt/L)); the returned array (length L/2 + 1) is the
 * mean over segments of |X_k|², k = 0 … L/2, i.e. frequencies k/(L·Δt). One-sided and unscaled:
 * callers compare spectra after normalising them to unit sum.
 */
export function welchSpectrum(x: ArrayLike<number>, segment: number): Float64Array {
  const L = segment;
  if (!isPowerOfTwo(L) || L < 2)
    throw new RangeError(`welch: segment ${L} is not a power of two ≥ 2`);
  if (x.length < L)
    throw new RangeError(`welch: ${x.length} samples, fewer than a segment of ${L}`);
  const window = new Float64Array(L);
  for (let t = 0; t < L; t++) window[t] = 0.5 * (1 - cosDet((2 * Math.PI * t) / L));
  const hop = L >> 1;
  const out = new Float64Array(hop + 1);
  const re = new Float64Array(L);
  const im = new Float64Array(L);
  let segments = 0;
  for (let s = 0; s + L <= x.length; s += hop) {
    let mean = 0;
    for (let t = 0; t < L; t++) mean += x[s + t];
    mean /= L;
    for (let t = 0; t < L; t++) {
      re[t] = (x[s + t] - mean) * window[t];
      im[t] = 0;
    }
    fft(re, im);
    for (let k = 0; k <= hop; k++) out[k] += re[k] * re[k] + im[k] * im[k];
    segments++;
  }
  for (let k = 0; k <= hop; k++) out[k] /= segments;
  return out;
}
