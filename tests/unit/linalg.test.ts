/**
 * Dense linear algebra in src/numerics/linalg, checked against ml-matrix (the oracle: same
 * EISPACK-derived algorithms, independent implementation), analytic cases and invariants.
 * Random matrices come from a seeded seededUniform stream written here (no Math.random), so every
 * run sees the same matrices.
 */
import { describe, expect, it } from 'vitest';
import {
  CholeskyDecomposition,
  EigenvalueDecomposition,
  Matrix,
  inverse,
  pseudoInverse,
  solve,
} from 'ml-matrix';
import { choleskyInPlace, solveRightSpd, solveSpd } from '../../src/numerics/linalg/cholesky';
import {
  eigenvalues,
  eigenvectorsFor,
  type HqrReport,
} from '../../src/numerics/linalg/eigenvalues';
import { orthonormalize, thinQr } from '../../src/numerics/linalg/householderQr';
import { identity, matmul, transpose } from '../../src/numerics/linalg/matrix';
import { symmetricEigen } from '../../src/numerics/linalg/symmetricEigen';
import { createRng } from '../../src/numerics/rng';

/** Seeded uniform [0, 1) stream from the project's generator (xoshiro128**). */
const seededUniform = (seed: number): (() => number) => {
  const rng = createRng(seed);
  return () => rng.uniform();
};

/** rows×cols matrix with entries uniform in [−1, 1). */
function randomMatrix(rows: number, cols: number, seed: number): Float64Array {
  const r = seededUniform(seed);
  const a = new Float64Array(rows * cols);
  for (let i = 0; i < a.length; i++) a[i] = 2 * r() - 1;
  return a;
}

function randomSymmetric(n: number, seed: number): Float64Array {
  const a = randomMatrix(n, n, seed);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
  return a;
}

function toMl(a: Float64Array, rows: number, cols: number): Matrix {
  return new Matrix(
    Array.from({ length: rows }, (_, i) => Array.from(a.subarray(i * cols, i * cols + cols))),
  );
}

function fromMl(m: Matrix): Float64Array {
  return Float64Array.from(m.to1DArray());
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

function norm2(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/**
 * Largest distance when matching the eigenvalue multisets (ours → nearest unused reference),
 * relative to 1 + |λ|.
 */
function multisetDistance(
  re: ArrayLike<number>,
  im: ArrayLike<number>,
  refRe: ArrayLike<number>,
  refIm: ArrayLike<number>,
): number {
  const n = re.length;
  expect(refRe.length).toBe(n);
  const used = new Array<boolean>(n).fill(false);
  let worst = 0;
  for (let k = 0; k < n; k++) {
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < n; j++) {
      if (used[j]) continue;
      const d = Math.hypot(re[k] - refRe[j], im[k] - refIm[j]);
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    used[best] = true;
    worst = Math.max(worst, bestD / (1 + Math.hypot(re[k], im[k])));
  }
  return worst;
}

/** Checks the documented order and the exact conjugacy of complex pairs. */
function expectSortedAndConjugate(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let k = 1; k < n; k++) {
    const m0 = Math.hypot(re[k - 1], im[k - 1]);
    const m1 = Math.hypot(re[k], im[k]);
    expect(m0).toBeGreaterThanOrEqual(m1);
    if (m0 === m1) expect(im[k - 1]).toBeGreaterThanOrEqual(im[k]);
  }
  // Every eigenvalue with im ≠ 0 has its exact conjugate in the list.
  for (let k = 0; k < n; k++) {
    if (im[k] === 0) continue;
    let found = false;
    for (let j = 0; j < n; j++) if (re[j] === re[k] && im[j] === -im[k]) found = true;
    expect(found).toBe(true);
  }
}

describe('matrix helpers', () => {
  it('matmul, transpose, identity', () => {
    const a = randomMatrix(3, 4, 1);
    const b = randomMatrix(4, 2, 2);
    const ref = fromMl(toMl(a, 3, 4).mmul(toMl(b, 4, 2)));
    expect(maxAbsDiff(matmul(a, 3, 4, b, 2), ref)).toBeLessThan(1e-15);
    const at = transpose(a, 3, 4);
    expect(maxAbsDiff(at, fromMl(toMl(a, 3, 4).transpose()))).toBe(0);
    const big = randomMatrix(70, 45, 3);
    expect(maxAbsDiff(transpose(transpose(big, 70, 45), 45, 70), big)).toBe(0);
    expect(Array.from(identity(2))).toEqual([1, 0, 0, 1]);
    expect(maxAbsDiff(matmul(identity(3), 3, 3, a, 4), a)).toBe(0);
  });
});

describe('eigenvalues (general real matrix)', () => {
  // Both solvers are backward stable, so each eigenvalue is within ≈ ε·κ(λ)·‖A‖ of the exact
  // one; for these random matrices κ(λ)·‖A‖ stays far below 1e6, so 1e-9·(1 + |λ|) leaves a
  // wide margin while still catching any algorithmic error (observed differences ≈ 1e-14).
  it('matches ml-matrix on seeded random nonsymmetric matrices n = 1..40 and 120', () => {
    for (const n of [...Array.from({ length: 40 }, (_, i) => i + 1), 120]) {
      const a = randomMatrix(n, n, 1000 + n);
      const copy = a.slice();
      const { re, im } = eigenvalues(a, n);
      expect(maxAbsDiff(a, copy)).toBe(0); // input untouched
      const ref = new EigenvalueDecomposition(toMl(a, n, n));
      expect(multisetDistance(re, im, ref.realEigenvalues, ref.imaginaryEigenvalues)).toBeLessThan(
        1e-9,
      );
      expectSortedAndConjugate(re, im);
      // Without balancing the result is the same up to rounding.
      const nb = eigenvalues(a, n, { balance: false });
      expect(multisetDistance(nb.re, nb.im, re, im)).toBeLessThan(1e-9);
    }
  });

  it('edge sizes n = 0, 1, 2', () => {
    expect(eigenvalues(new Float64Array(0), 0).re.length).toBe(0);
    expect(Array.from(eigenvalues(Float64Array.of(-5), 1).re)).toEqual([-5]);
    const rot = eigenvalues(Float64Array.of(0, -1, 1, 0), 2);
    expect(Array.from(rot.re)).toEqual([0, 0]);
    expect(Array.from(rot.im)).toEqual([1, -1]);
    const real2 = eigenvalues(Float64Array.of(1, 2, 3, 4), 2);
    expect(real2.re[0]).toBeCloseTo((5 + Math.sqrt(33)) / 2, 14);
    expect(real2.re[1]).toBeCloseTo((5 - Math.sqrt(33)) / 2, 14);
    expect(Array.from(real2.im)).toEqual([0, 0]);
    // ±λ with equal modulus: ties broken by descending re after im.
    const pm = eigenvalues(Float64Array.of(0, 1, 1, 0), 2);
    expect(Array.from(pm.re)).toEqual([1, -1]);
  });

  it('rotation-scaling blocks r·e^{±iθ}, plain and under a similarity', () => {
    const blocks = [
      [1.5, 0.3],
      [0.9, 2.0],
      [0.5, Math.PI / 2],
      [0.2, 3.0],
    ];
    const n = 2 * blocks.length + 1;
    const d = new Float64Array(n * n);
    const refRe: number[] = [];
    const refIm: number[] = [];
    blocks.forEach(([r, th], b) => {
      const i = 2 * b;
      d[i * n + i] = r * Math.cos(th);
      d[i * n + i + 1] = -r * Math.sin(th);
      d[(i + 1) * n + i] = r * Math.sin(th);
      d[(i + 1) * n + i + 1] = r * Math.cos(th);
      refRe.push(r * Math.cos(th), r * Math.cos(th));
      refIm.push(r * Math.sin(th), -r * Math.sin(th));
    });
    d[n * n - 1] = -0.7;
    refRe.push(-0.7);
    refIm.push(0);
    const plain = eigenvalues(d, n);
    expect(multisetDistance(plain.re, plain.im, refRe, refIm)).toBeLessThan(1e-14);
    expectSortedAndConjugate(plain.re, plain.im);
    expect(plain.re[0]).toBeCloseTo(1.5 * Math.cos(0.3), 14);
    expect(plain.im[0]).toBeCloseTo(1.5 * Math.sin(0.3), 14);

    // S D S⁻¹ with S = I + 0.2·random (well conditioned): eigenvalues unchanged.
    const s = randomMatrix(n, n, 77);
    for (let i = 0; i < n * n; i++) s[i] *= 0.2;
    for (let i = 0; i < n; i++) s[i * n + i] += 1;
    const sInv = fromMl(inverse(toMl(s, n, n)));
    const a = matmul(matmul(s, n, n, d, n), n, n, sInv, n);
    const sim = eigenvalues(a, n);
    expect(multisetDistance(sim.re, sim.im, refRe, refIm)).toBeLessThan(1e-12);
  });

  it('companion matrix of a polynomial with known real and complex roots', () => {
    // Roots: 1, −2, 0.5, 3, 1 ± 2i, −0.5 ± 0.5i (degree 8). Companion eigenvalues are more
    // sensitive than random ones (κ grows with the coefficient spread), hence 1e-8.
    const rootsRe = [1, -2, 0.5, 3, 1, 1, -0.5, -0.5];
    const rootsIm = [0, 0, 0, 0, 2, -2, 0.5, -0.5];
    // Expand Π (x − r) with complex arithmetic; coefficients come out real.
    let cr = [1];
    let ci = [0];
    for (let k = 0; k < rootsRe.length; k++) {
      const nr = new Array<number>(cr.length + 1).fill(0);
      const ni = new Array<number>(cr.length + 1).fill(0);
      for (let j = 0; j < cr.length; j++) {
        nr[j] += cr[j];
        ni[j] += ci[j];
        nr[j + 1] -= cr[j] * rootsRe[k] - ci[j] * rootsIm[k];
        ni[j + 1] -= cr[j] * rootsIm[k] + ci[j] * rootsRe[k];
      }
      cr = nr;
      ci = ni;
    }
    for (const v of ci) expect(Math.abs(v)).toBeLessThan(1e-12);
    const n = rootsRe.length;
    const c = new Float64Array(n * n);
    for (let j = 0; j < n; j++) c[j] = -cr[j + 1]; // first row: −a_{n−1}, …, −a_0
    for (let i = 1; i < n; i++) c[i * n + i - 1] = 1;
    const { re, im } = eigenvalues(c, n);
    expect(multisetDistance(re, im, rootsRe, rootsIm)).toBeLessThan(1e-8);
    expectSortedAndConjugate(re, im);
  });

  it('defective Jordan block (looser tolerance: a 4×4 block splits by ≈ (ε‖A‖)^{1/4})', () => {
    const n = 4;
    const j = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      j[i * n + i] = 2;
      if (i + 1 < n) j[i * n + i + 1] = 1;
    }
    // Already triangular: deflates immediately, exactly.
    expect(Array.from(eigenvalues(j, n).re)).toEqual([2, 2, 2, 2]);
    // Under a similarity, rounding errors of size ε split the quadruple eigenvalue into a
    // circle of radius ≈ (1e-16)^{1/4} = 1e-4: allow 1e-3. Their mean (= trace/n) is
    // well conditioned and must stay accurate.
    const s = randomMatrix(n, n, 5);
    for (let i = 0; i < n * n; i++) s[i] *= 0.3;
    for (let i = 0; i < n; i++) s[i * n + i] += 1;
    const a = matmul(matmul(s, n, n, j, n), n, n, fromMl(inverse(toMl(s, n, n))), n);
    const { re, im } = eigenvalues(a, n);
    let mean = 0;
    for (let k = 0; k < n; k++) {
      expect(Math.hypot(re[k] - 2, im[k])).toBeLessThan(1e-3);
      mean += re[k] / n;
    }
    expect(Math.abs(mean - 2)).toBeLessThan(1e-12);
  });

  it('graded matrix D A D⁻¹: balancing recovers the eigenvalues of A', () => {
    // Entries span 1e±9.5; unbalanced QR (ml-matrix) loses O(1) accuracy here, while the exact
    // power-of-two balancing restores a well-scaled matrix.
    const n = 20;
    const a = randomMatrix(n, n, 8);
    const graded = a.slice();
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) graded[i * n + j] *= 10 ** ((i - j) / 2);
    const ref = eigenvalues(a, n);
    const got = eigenvalues(graded, n);
    expect(multisetDistance(got.re, got.im, ref.re, ref.im)).toBeLessThan(1e-10);
  });

  it('cyclic permutation matrices (roots of unity; need exceptional shifts)', () => {
    for (const n of [3, 4, 7, 20]) {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) a[i * n + ((i + 1) % n)] = 1;
      const exRe = Array.from({ length: n }, (_, k) => Math.cos((2 * Math.PI * k) / n));
      const exIm = Array.from({ length: n }, (_, k) => Math.sin((2 * Math.PI * k) / n));
      const { re, im } = eigenvalues(a, n);
      expect(multisetDistance(re, im, exRe, exIm)).toBeLessThan(1e-13);
      expectSortedAndConjugate(re, im);
    }
  });

  it('a used-up sweep budget hands over to the rescue phase (same eigenvalues); non-finite input throws', () => {
    for (const n of [10, 40]) {
      const a = randomMatrix(n, n, 9);
      const ref = eigenvalues(a, n);
      let report: HqrReport | null = null;
      let calls = 0;
      const normal = eigenvalues(a, n, { onRescue: () => calls++ });
      expect(calls).toBe(0); // converging matrices never reach the rescue phase
      expect(Array.from(normal.re)).toEqual(Array.from(ref.re));
      const got = eigenvalues(a, n, { maxIterations: 1, onRescue: (r) => (report = r) });
      expect(report).not.toBeNull();
      expect(report!.standardSweeps).toBe(1);
      expect(report!.unresolved).toBe(n);
      expect(report!.forcedSplits).toBe(0);
      expect(multisetDistance(got.re, got.im, ref.re, ref.im)).toBeLessThan(1e-12);
      expectSortedAndConjugate(got.re, got.im);
    }
    const bad = randomMatrix(10, 10, 9);
    bad[3] = NaN;
    expect(() => eigenvalues(bad, 10)).toThrow(RangeError);
  });
});

describe('eigenvectorsFor (inverse iteration)', () => {
  /** max over the complex vector of |(A v − λ v)_i| (right) or |(ξᴴA − λ ξᴴ)_j| (left). */
  function residual(
    a: Float64Array,
    n: number,
    lr: number,
    li: number,
    vr: Float64Array,
    vi: Float64Array,
    left: boolean,
  ): number {
    let worst = 0;
    for (let i = 0; i < n; i++) {
      let sr = 0;
      let si = 0;
      if (!left) {
        for (let j = 0; j < n; j++) {
          sr += a[i * n + j] * vr[j];
          si += a[i * n + j] * vi[j];
        }
        sr -= lr * vr[i] - li * vi[i];
        si -= lr * vi[i] + li * vr[i];
      } else {
        // (ξᴴA)_i = Σ_j conj(ξ_j) A_ji; (λ ξᴴ)_i = λ·conj(ξ_i).
        for (let j = 0; j < n; j++) {
          sr += a[j * n + i] * vr[j];
          si -= a[j * n + i] * vi[j];
        }
        sr -= lr * vr[i] + li * vi[i];
        si -= li * vr[i] - lr * vi[i];
      }
      worst = Math.max(worst, Math.hypot(sr, si));
    }
    return worst;
  }

  it('A v = λ v and ξᴴ A = λ ξᴴ to 1e-8 for every eigenvalue, unit norm, fixed phase', () => {
    for (const n of [1, 2, 3, 8, 30]) {
      const a = randomMatrix(n, n, 500 + n);
      const { re, im } = eigenvalues(a, n);
      for (let k = 0; k < n; k++) {
        for (const left of [false, true]) {
          const v = eigenvectorsFor(a, n, re[k], im[k], left);
          expect(residual(a, n, re[k], im[k], v.re, v.im, left)).toBeLessThan(1e-8);
          expect(v.residual).toBeLessThan(1e-10);
          let s = 0;
          let big = 0;
          let bigK = 0;
          for (let i = 0; i < n; i++) {
            const m2 = v.re[i] * v.re[i] + v.im[i] * v.im[i];
            s += m2;
            if (m2 > big * (1 + 1e-9)) {
              big = m2;
              bigK = i;
            }
          }
          expect(Math.abs(s - 1)).toBeLessThan(1e-12);
          expect(v.im[bigK]).toBe(0);
          expect(v.re[bigK]).toBeGreaterThan(0);
          if (im[k] === 0) for (let i = 0; i < n; i++) expect(v.im[i] === 0).toBe(true);
        }
      }
    }
  });

  it('reports a large residual when λ is not an eigenvalue', () => {
    const a = Float64Array.of(2, 0, 0, -3);
    const v = eigenvectorsFor(a, 2, 0.5, 0, false);
    expect(v.residual).toBeGreaterThan(0.1);
  });
});

describe('symmetricEigen', () => {
  it('A V = V D and VᵀV = I to 1e-10; values descending and equal to ml-matrix', () => {
    for (const n of [1, 2, 3, 5, 17, 50, 120]) {
      const a = randomSymmetric(n, 300 + n);
      const { values, vectors } = symmetricEigen(a, n);
      for (let k = 1; k < n; k++) expect(values[k - 1]).toBeGreaterThanOrEqual(values[k]);
      const av = matmul(a, n, n, vectors, n);
      const vd = vectors.slice();
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vd[i * n + j] *= values[j];
      expect(maxAbsDiff(av, vd)).toBeLessThan(1e-10);
      const vtv = matmul(transpose(vectors, n, n), n, n, vectors, n);
      expect(maxAbsDiff(vtv, identity(n))).toBeLessThan(1e-10);
      const ref = new EigenvalueDecomposition(toMl(a, n, n), { assumeSymmetric: true });
      const refVals = [...ref.realEigenvalues].sort((x, y) => y - x);
      expect(maxAbsDiff(values, refVals)).toBeLessThan(1e-10);
    }
  });

  it('reads only the lower triangle; handles diagonal and zero matrices', () => {
    const n = 6;
    const a = randomSymmetric(n, 11);
    const garbled = a.slice();
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) garbled[i * n + j] = 99;
    expect(maxAbsDiff(symmetricEigen(garbled, n).values, symmetricEigen(a, n).values)).toBe(0);
    const diag = new Float64Array(9);
    diag[0] = 1;
    diag[4] = 3;
    diag[8] = -2;
    expect(Array.from(symmetricEigen(diag, 3).values)).toEqual([3, 1, -2]);
    const z = symmetricEigen(new Float64Array(4), 2);
    expect(Array.from(z.values)).toEqual([0, 0]);
    expect(maxAbsDiff(z.vectors, identity(2))).toBe(0);
  });
});

describe('Cholesky', () => {
  /** Random SPD matrix F Fᵀ + n·I … well conditioned. */
  function spd(n: number, seed: number): Float64Array {
    const f = randomMatrix(n, n + 3, seed);
    const g = matmul(f, n, n + 3, transpose(f, n, n + 3), n);
    for (let i = 0; i < n; i++) g[i * n + i] += 0.1;
    return g;
  }

  it('matches ml-matrix and L Lᵀ = A (odd and even n, n = 1, 2)', () => {
    for (const n of [1, 2, 3, 4, 7, 50, 51]) {
      const g = spd(n, 40 + n);
      const l = g.slice();
      expect(choleskyInPlace(l, n)).toBe(true);
      const ref = fromMl(new CholeskyDecomposition(toMl(g, n, n)).lowerTriangularMatrix);
      expect(maxAbsDiff(l, ref)).toBeLessThan(1e-12 * Math.max(1, n));
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(l[i * n + j]).toBe(0);
      const llt = matmul(l, n, n, transpose(l, n, n), n);
      expect(maxAbsDiff(llt, g)).toBeLessThan(1e-12 * n);
    }
  });

  it('returns false for indefinite, singular and non-finite input', () => {
    expect(choleskyInPlace(Float64Array.of(1, 2, 2, 1), 2)).toBe(false);
    expect(choleskyInPlace(Float64Array.of(0), 1)).toBe(false);
    expect(choleskyInPlace(Float64Array.of(1, 1, 1, 1), 2)).toBe(false); // exact zero pivot
    expect(choleskyInPlace(Float64Array.of(4, 0, NaN, 4), 2)).toBe(false);
    expect(choleskyInPlace(Float64Array.of(Infinity), 1)).toBe(false);
    // Relative pivot floor: pivot 1e-12 of its diagonal fails at 1e-10, passes at 0.
    const near = Float64Array.of(1, 1, 1, 1 + 1e-12);
    expect(choleskyInPlace(near.slice(), 2, 1e-10)).toBe(false);
    expect(choleskyInPlace(near.slice(), 2)).toBe(true);
  });
});

describe('solveSpd / solveRightSpd', () => {
  it('SPD: plain Cholesky, G X = R, inputs untouched (n = 1, 2, 30)', () => {
    for (const n of [1, 2, 30]) {
      const f = randomMatrix(n, n + 2, 60 + n);
      const g = matmul(f, n, n + 2, transpose(f, n, n + 2), n);
      const k = 3;
      const r = randomMatrix(n, k, 61 + n);
      const gCopy = g.slice();
      const rCopy = r.slice();
      const res = solveSpd(g, n, r, k);
      expect(res.method).toBe('cholesky');
      expect(res.jitter).toBe(0);
      expect(maxAbsDiff(g, gCopy)).toBe(0);
      expect(maxAbsDiff(r, rCopy)).toBe(0);
      const ref = fromMl(solve(toMl(g, n, n), toMl(r, n, k)));
      expect(maxAbsDiff(res.x, ref)).toBeLessThan(1e-8);
      expect(maxAbsDiff(matmul(g, n, n, res.x, k), r)).toBeLessThan(1e-10);
    }
  });

  it('singular PSD Gram: falls back and returns a residual-minimising solution', () => {
    const n = 20;
    const rank = 8;
    const f = randomMatrix(n, rank, 71);
    const g = matmul(f, n, rank, transpose(f, n, rank), n); // rank 8
    const k = 2;
    const z = randomMatrix(n, k, 72);
    const inRange = matmul(g, n, n, z, k);
    const generic = randomMatrix(n, k, 73);
    const gPinv = pseudoInverse(toMl(g, n, n));
    for (const rhs of [inRange, generic]) {
      const res = solveSpd(g, n, rhs, k);
      expect(['cholesky-jitter', 'eig-pinv']).toContain(res.method);
      for (const v of res.x) expect(Number.isFinite(v)).toBe(true);
      // Least-squares optimum: r* = G G⁺ R − R.
      const xStar = fromMl(gPinv.mmul(toMl(rhs, n, k)));
      const rStar = norm2(matmul(g, n, n, xStar, k).map((v, i) => v - rhs[i]));
      const rOurs = norm2(matmul(g, n, n, res.x, k).map((v, i) => v - rhs[i]));
      expect(rOurs).toBeLessThanOrEqual(rStar + 1e-8 * norm2(rhs));
    }
    // For a right-hand side in the range the residual is tiny (−δX for the jitter path). The
    // solution itself need not be the minimum-norm one: with δ = 1e-12·mean diag, rounding
    // noise of size ε‖G‖ in the null space is amplified by 1/δ (≈ 1e-4 relative here).
    const xr = solveSpd(g, n, inRange, k).x;
    const resid = norm2(matmul(g, n, n, xr, k).map((v, i) => v - inRange[i]));
    expect(resid).toBeLessThan(1e-9 * norm2(inRange));
  });

  it('eig-pinv path equals the pseudo-inverse solution when jitter is disabled', () => {
    const n = 12;
    const f = randomMatrix(n, 5, 81);
    const g = matmul(f, n, 5, transpose(f, n, 5), n);
    const r = randomMatrix(n, 1, 82);
    const res = solveSpd(g, n, r, 1, { jitterTries: 0 });
    expect(res.method).toBe('eig-pinv');
    const xStar = fromMl(pseudoInverse(toMl(g, n, n)).mmul(toMl(r, n, 1)));
    expect(maxAbsDiff(res.x, xStar)).toBeLessThan(1e-8 * (1 + norm2(xStar)));
  });

  it('tiny negative-definite perturbations do not crash', () => {
    const n = 15;
    const f = randomMatrix(n, 6, 91);
    const g = matmul(f, n, 6, transpose(f, n, 6), n);
    let meanDiag = 0;
    for (let i = 0; i < n; i++) meanDiag += g[i * n + i] / n;
    const pert = g.slice();
    for (let i = 0; i < n; i++) pert[i * n + i] -= 1e-9 * meanDiag;
    const r = randomMatrix(n, 2, 92);
    const res = solveSpd(pert, n, r, 2);
    expect(['cholesky-jitter', 'eig-pinv']).toContain(res.method);
    for (const v of res.x) expect(Number.isFinite(v)).toBe(true);

    // A wholly negative tiny matrix: every jitter fails, the pseudo-inverse drops all → 0.
    const neg = identity(3).map((v) => -1e-14 * v);
    const r3 = Float64Array.of(1, 2, 3);
    const resNeg = solveSpd(neg, 3, r3, 1);
    expect(resNeg.method).toBe('eig-pinv');
    expect(Array.from(resNeg.x)).toEqual([0, 0, 0]);
    // The zero matrix.
    expect(Array.from(solveSpd(new Float64Array(4), 2, Float64Array.of(1, 1), 1).x)).toEqual([
      0, 0,
    ]);
  });

  it('throws on non-finite input', () => {
    expect(() => solveSpd(Float64Array.of(NaN), 1, Float64Array.of(1), 1)).toThrow(RangeError);
    expect(() => solveSpd(Float64Array.of(1), 1, Float64Array.of(Infinity), 1)).toThrow(RangeError);
  });

  it('solveRightSpd: X G = B (EDMD K = A G⁻¹), p ≠ n, n = 1', () => {
    const n = 10;
    const p = 7; // one block of four rows and three single rows
    const f = randomMatrix(n, n + 5, 101);
    const g = matmul(f, n, n + 5, transpose(f, n, n + 5), n);
    const b = randomMatrix(p, n, 102);
    const res = solveRightSpd(b, p, g, n);
    expect(res.method).toBe('cholesky');
    expect(maxAbsDiff(matmul(res.x, p, n, g, n), b)).toBeLessThan(1e-10);
    const one = solveRightSpd(Float64Array.of(6, 8), 2, Float64Array.of(2), 1);
    expect(one.x[0]).toBeCloseTo(3, 14);
    expect(one.x[1]).toBeCloseTo(4, 14);
  });
});

describe('orthonormalize / thinQr', () => {
  function checkQr(a: Float64Array, m: number, k: number, tol: number): void {
    const { q, r } = thinQr(a, m, k);
    const qtq = matmul(transpose(q, m, k), k, m, q, k);
    expect(maxAbsDiff(qtq, identity(k))).toBeLessThan(tol);
    expect(maxAbsDiff(matmul(q, m, k, r, k), a)).toBeLessThan(tol * (1 + Math.sqrt(m)));
    for (let i = 0; i < k; i++) {
      expect(r[i * k + i]).toBeGreaterThanOrEqual(0);
      for (let j = 0; j < i; j++) expect(r[i * k + j]).toBe(0);
    }
    expect(maxAbsDiff(orthonormalize(a, m, k), q)).toBe(0);
  }

  it('QᵀQ = I, Q R = A, R upper triangular with non-negative diagonal', () => {
    for (const [m, k] of [
      [1, 1],
      [2, 1],
      [2, 2],
      [5, 3],
      [30, 30],
      [200, 60],
    ]) {
      checkQr(randomMatrix(m, k, 200 + m + k), m, k, 1e-13);
    }
    // Sign convention: a positive multiple of e1 gives Q = e1 exactly.
    expect(Array.from(orthonormalize(Float64Array.of(3, 0, 0), 3, 1))).toEqual([1, 0, 0]);
    expect(Array.from(orthonormalize(Float64Array.of(-3, 0, 0), 3, 1))).toEqual([-1, 0, 0]);
  });

  it('rank-deficient input still gives orthonormal Q; rows < cols throws', () => {
    const m = 40;
    const k = 6;
    const a = randomMatrix(m, k, 301);
    for (let i = 0; i < m; i++) {
      a[i * k + 3] = a[i * k + 1]; // duplicate column
      a[i * k + 5] = 0; // zero column
    }
    checkQr(a, m, k, 1e-12);
    expect(() => orthonormalize(new Float64Array(6), 2, 3)).toThrow(RangeError);
  });
});

describe('orthonormalize on numerically rank-deficient input', () => {
  it('stays finite and orthonormal when trailing columns shrink into the subnormal range', () => {
    // Y = G Ω for a rank-2 Gram: after two reflectors the remaining columns are rounding noise that
    // shrinks by ~ε per column; without a tiny-column cut-off 1/(x0 − β) overflows and Q is NaN.
    const rows = 300;
    const cols = 60;
    const r = seededUniform(5);
    const u = Array.from({ length: rows }, () => 2 * r() - 1);
    const v = Array.from({ length: rows }, () => 2 * r() - 1);
    const y = new Float64Array(rows * cols);
    for (let j = 0; j < cols; j++) {
      const a = 2 * r() - 1;
      const b = 2 * r() - 1;
      for (let i = 0; i < rows; i++) y[i * cols + j] = a * u[i] + b * v[i];
    }
    const q = orthonormalize(y, rows, cols);
    expect(q.every(Number.isFinite)).toBe(true);
    // QᵀQ = I to 1e-12 (Householder QR is backward stable: ~m·ε).
    for (let a = 0; a < cols; a += 7)
      for (let b = 0; b < cols; b += 5) {
        let s = 0;
        for (let i = 0; i < rows; i++) s += q[i * cols + a] * q[i * cols + b];
        expect(Math.abs(s - (a === b ? 1 : 0))).toBeLessThan(1e-12);
      }
  });
});
