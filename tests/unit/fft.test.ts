import { describe, expect, it } from 'vitest';
import { fft, floorPowerOfTwo, isPowerOfTwo, welchSpectrum } from '../../src/numerics/fft';
import { createRng } from '../../src/numerics/rng';

/** The direct O(n²) DFT X_k = Σ_t x_t e^{−2πikt/n} (the oracle; Math.cos/sin are fine in tests). */
function dft(re: Float64Array, im: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = re.length;
  const Re = new Float64Array(n);
  const Im = new Float64Array(n);
  for (let k = 0; k < n; k++)
    for (let t = 0; t < n; t++) {
      const a = (-2 * Math.PI * ((k * t) % n)) / n;
      Re[k] += re[t] * Math.cos(a) - im[t] * Math.sin(a);
      Im[k] += re[t] * Math.sin(a) + im[t] * Math.cos(a);
    }
  return { re: Re, im: Im };
}

describe('radix-2 FFT', () => {
  it('agrees with the direct DFT to 1e-12 (relative to the largest coefficient) for n = 1 … 1024', () => {
    const rng = createRng(42);
    for (let n = 1; n <= 1024; n *= 2) {
      const re = Float64Array.from({ length: n }, () => rng.normal());
      const im = Float64Array.from({ length: n }, () => rng.normal());
      const ref = dft(re, im);
      const Re = Float64Array.from(re);
      const Im = Float64Array.from(im);
      fft(Re, Im);
      let scale = 0;
      let err = 0;
      for (let k = 0; k < n; k++) {
        scale = Math.max(scale, Math.hypot(ref.re[k], ref.im[k]));
        err = Math.max(err, Math.hypot(Re[k] - ref.re[k], Im[k] - ref.im[k]));
      }
      expect(err / scale, `n = ${n}`).toBeLessThan(1e-12);
    }
  });

  it('satisfies Parseval and transforms a pure tone into one bin', () => {
    const n = 256;
    const re = Float64Array.from({ length: n }, (_, t) => Math.cos((2 * Math.PI * 5 * t) / n));
    const im = new Float64Array(n);
    let e = 0;
    for (let t = 0; t < n; t++) e += re[t] ** 2;
    fft(re, im);
    let E = 0;
    for (let k = 0; k < n; k++) E += re[k] ** 2 + im[k] ** 2;
    expect(E / n).toBeCloseTo(e, 9);
    expect(re[5]).toBeCloseTo(n / 2, 9);
    expect(re[n - 5]).toBeCloseTo(n / 2, 9);
    expect(Math.abs(re[6]) + Math.abs(im[6])).toBeLessThan(1e-10);
  });

  it('refuses lengths that are not powers of two', () => {
    expect(() => fft(new Float64Array(6), new Float64Array(6))).toThrow(/power of two/);
    expect(() => fft(new Float64Array(4), new Float64Array(2))).toThrow(/differ/);
    expect(isPowerOfTwo(1024)).toBe(true);
    expect(isPowerOfTwo(1000)).toBe(false);
    expect(floorPowerOfTwo(1000)).toBe(512);
    expect(floorPowerOfTwo(1)).toBe(1);
  });
});

describe('Welch power spectrum', () => {
  it('peaks at the frequency of a sine in noise', () => {
    const rng = createRng(3);
    const dt = 0.05;
    const f0 = 1.25; // cycles per unit time
    const x = Float64Array.from(
      { length: 20000 },
      (_, t) => Math.sin(2 * Math.PI * f0 * t * dt) + 0.5 * rng.normal() + 3,
    );
    const L = 1024;
    const s = welchSpectrum(x, L);
    expect(s.length).toBe(L / 2 + 1);
    let best = 1;
    for (let k = 1; k < s.length; k++) if (s[k] > s[best]) best = k;
    expect(Math.abs(best / (L * dt) - f0)).toBeLessThanOrEqual(1 / (L * dt));
    expect(s[0]).toBeLessThan(s[best] * 1e-3); // the mean (3) is removed per segment
  });

  it('refuses a series shorter than one segment', () => {
    expect(() => welchSpectrum(new Float64Array(100), 128)).toThrow(/fewer than a segment/);
  });
});
