import { describe, expect, it } from 'vitest';
import { fitEdmd } from '../../src/method/edmd';
import { eigenvalues } from '../../src/numerics/linalg/eigenvalues';
import { createRng } from '../../src/numerics/rng';
import type { Dictionary } from '../../src/method/sampling/hiddenLayer';
import type { TrajectorySet } from '../../src/numerics/trajectorySet';

/** x_{t+1} = A x_t with eigenvalues 0.9·e^{±0.3i} and 0.5 (a rotation-scaling block and a decay). */
const A = [
  0.9 * Math.cos(0.3),
  -0.9 * Math.sin(0.3),
  0,
  0.9 * Math.sin(0.3),
  0.9 * Math.cos(0.3),
  0,
  0,
  0,
  0.5,
];
const expected = [
  { re: 1, im: 0 },
  { re: 0.9 * Math.cos(0.3), im: 0.9 * Math.sin(0.3) },
  { re: 0.9 * Math.cos(0.3), im: -0.9 * Math.sin(0.3) },
  { re: 0.5, im: 0 },
];

function linearData(count: number, points: number): TrajectorySet {
  const rng = createRng(11);
  const data = new Float64Array(count * points * 3);
  for (let j = 0; j < count; j++) {
    let x = [rng.range(-1, 1), rng.range(-1, 1), rng.range(-1, 1)];
    for (let t = 0; t < points; t++) {
      data.set(x, (j * points + t) * 3);
      x = [0, 1, 2].map((i) => A[3 * i] * x[0] + A[3 * i + 1] * x[1] + A[3 * i + 2] * x[2]);
    }
  }
  return { d: 3, count, points, data };
}

/** Ψ(x) = [x; 1] (copies = 1) or [x; 2x; 1] (copies = 2: a rank-deficient dictionary). */
function linearDictionary(copies: number): Dictionary {
  return {
    d: 3,
    m: 3 * copies + 1,
    lift(x, xo, out, o) {
      for (let c = 0; c < copies; c++)
        for (let i = 0; i < 3; i++) out[o + 3 * c + i] = (c + 1) * x[xo + i];
      out[o + 3 * copies] = 1;
    },
  };
}

function sortEig(e: { re: ArrayLike<number>; im: ArrayLike<number> }) {
  return Array.from(e.re, (re, i) => ({ re, im: e.im[i] })).sort(
    (a, b) => b.re - a.re || b.im - a.im,
  );
}

describe('EDMD on a linear system (dictionary [x; 1]: EDMD = DMD, exact)', () => {
  // Data are exact iterates, reg = 0: K recovers blockdiag(A, 1) up to rounding in the Gram solve.
  // Tolerance 1e-8 as in the issue (observed errors ~1e-13).
  it('recovers the eigenvalues of A and the constant feature’s λ = 1 to 1e-8', () => {
    const train = linearData(20, 30);
    const fit = fitEdmd(linearDictionary(1), train, { reg: 0, rank: 100 }, createRng(1));
    expect(fit.r).toBe(4);
    expect(fit.Q).toBeNull();
    const got = sortEig(eigenvalues(fit.K, fit.r));
    const want = sortEig({ re: expected.map((e) => e.re), im: expected.map((e) => e.im) });
    got.forEach((g, i) => {
      expect(Math.abs(g.re - want[i].re)).toBeLessThan(1e-8);
      expect(Math.abs(g.im - want[i].im)).toBeLessThan(1e-8);
    });
    // The RNN's one-step map reproduces A exactly: C·K·Ψ(x) = A x.
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        expect(Math.abs(fit.CK[i * 4 + j] - A[3 * i + j])).toBeLessThan(1e-10);
  });

  it('the rank-r POD projection keeps the spectrum when the data span r directions', () => {
    // [x; 2x; 1] has a 7×7 Gram of rank 4: the full solve needs the SPD fallback, and the
    // projection onto the 4 leading POD directions is exact.
    const train = linearData(20, 30);
    const fit = fitEdmd(linearDictionary(2), train, { reg: 1e-14, rank: 4 }, createRng(1));
    expect(fit.r).toBe(4);
    expect(fit.Q).not.toBeNull();
    const got = sortEig(eigenvalues(fit.K, fit.r));
    const want = sortEig({ re: expected.map((e) => e.re), im: expected.map((e) => e.im) });
    // Tolerance 1e-7: λ = 1e-14·trace/m perturbs the projected solve at ~1e-12 relative.
    got.forEach((g, i) => {
      expect(Math.abs(g.re - want[i].re)).toBeLessThan(1e-7);
      expect(Math.abs(g.im - want[i].im)).toBeLessThan(1e-7);
    });
  });

  it('never pairs the end of one trajectory with the start of the next', () => {
    // Two trajectories whose concatenation has a jump: if a cross-boundary pair were used, the
    // exact recovery of A would fail.
    const train = linearData(2, 40);
    const fit = fitEdmd(linearDictionary(1), train, { reg: 0, rank: 4 }, createRng(1));
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        expect(Math.abs(fit.CK[i * 4 + j] - A[3 * i + j])).toBeLessThan(1e-10);
  });
});
