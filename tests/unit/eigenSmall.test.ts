/**
 * The eigenvalue solver on the matrices that used to stop a run (issue 16) and on classic hard
 * cases. The K matrices come from the pipeline itself (parseQuery → runPipeline, with the
 * solver wrapped to keep a copy of each K it is given). Oracle: ml-matrix's
 * EigenvalueDecomposition (EISPACK hqr2, an independent implementation) — on the K it
 * does not terminate (its QR has no iteration cap), so there it is applied to K restricted to
 * its range, Uᵀ K U with U an orthonormal basis of range(K) (the nonzero eigenvalues of K are
 * exactly the eigenvalues of Uᵀ K U when K = U Uᵀ K), and the other eigenvalues must be zero
 * to working precision.
 *
 * Tolerances, all relative to max(1, ‖A‖_F): well-conditioned eigenvalues 1e-10; trace = Σλ
 * 1e-12·n; det = Πλ (n ≤ 8) 1e-10; a k×k defective (Jordan) eigenvalue splits by ≈ (ε‖A‖)^{1/k},
 * so those are checked at 10·ε^{1/k}.
 */
import { describe, expect, it, vi } from 'vitest';
import { EigenvalueDecomposition, Matrix, determinant } from 'ml-matrix';
import { eigenvalues, type HqrReport } from '../../src/numerics/linalg/eigenvalues';
import { hessenbergEigenvaluesInPlace } from '../../src/numerics/linalg/hessenbergQr';
import {
  RESCUE_STALL,
  enterRescue,
  forceSplit,
  rescueShift,
  scaleToUnit,
} from '../../src/numerics/linalg/hqrRescue';
import { matmul, transpose } from '../../src/numerics/linalg/matrix';
import { thinQr } from '../../src/numerics/linalg/householderQr';
import { createRng } from '../../src/numerics/rng';
import { parseQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';

/** Every K the pipeline hands to the solver, with the rescue report if there was one. */
const seen: Array<{ a: Float64Array; n: number; report: HqrReport | null }> = [];
vi.mock('../../src/numerics/linalg/eigenvalues', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/numerics/linalg/eigenvalues')>();
  return {
    ...mod,
    eigenvalues: (a: Float64Array, n: number, opts: Parameters<typeof mod.eigenvalues>[2] = {}) => {
      const entry = { a: a.slice(0, n * n), n, report: null as HqrReport | null };
      seen.push(entry);
      return mod.eigenvalues(a, n, {
        ...opts,
        onRescue: (r) => {
          entry.report = r;
          opts.onRescue?.(r);
        },
      });
    },
  };
});

const EPS = 2 ** -52;

function uniform(count: number, seed: number): Float64Array {
  const r = createRng(seed);
  const a = new Float64Array(count);
  for (let i = 0; i < count; i++) a[i] = 2 * r.uniform() - 1;
  return a;
}

function fro(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

function toMl(a: Float64Array, n: number): Matrix {
  return new Matrix(Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n))));
}

/** Eigenvalues by ml-matrix (the oracle). */
function oracle(a: Float64Array, n: number): { re: number[]; im: number[] } {
  const e = new EigenvalueDecomposition(toMl(a, n));
  return { re: e.realEigenvalues, im: e.imaginaryEigenvalues };
}

/** Largest distance of a greedy matching of two eigenvalue multisets (ours → nearest unused). */
function matchDistance(
  re: ArrayLike<number>,
  im: ArrayLike<number>,
  refRe: ArrayLike<number>,
  refIm: ArrayLike<number>,
): number {
  expect(refRe.length).toBe(re.length);
  const used = new Array<boolean>(refRe.length).fill(false);
  let worst = 0;
  for (let k = 0; k < re.length; k++) {
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < refRe.length; j++) {
      const d = Math.hypot(re[k] - refRe[j], im[k] - refIm[j]);
      if (!used[j] && d < bestD) {
        bestD = d;
        best = j;
      }
    }
    used[best] = true;
    worst = Math.max(worst, bestD);
  }
  return worst;
}

/** trace(A) = Σλ and, for n ≤ 8, det(A) = Πλ (complex product). */
function expectInvariants(a: Float64Array, n: number, re: Float64Array, im: Float64Array): void {
  const scale = Math.max(1, fro(a));
  let tr = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    tr += a[i * n + i];
    sum += re[i];
  }
  expect(Math.abs(tr - sum)).toBeLessThan(1e-12 * n * scale);
  let imSum = 0;
  for (let i = 0; i < n; i++) imSum += im[i];
  expect(Math.abs(imSum)).toBeLessThan(1e-12 * n * scale);
  if (n <= 8) {
    let pr = 1;
    let pi = 0;
    for (let i = 0; i < n; i++) [pr, pi] = [pr * re[i] - pi * im[i], pr * im[i] + pi * re[i]];
    const det = determinant(toMl(a, n));
    expect(Math.abs(pr - det)).toBeLessThan(1e-10 * scale ** n);
    expect(Math.abs(pi)).toBeLessThan(1e-10 * scale ** n);
  }
}

/** A random orthogonal n×n matrix (Q of a seeded Gaussian-free uniform matrix). */
function orthogonal(n: number, seed: number): Float64Array {
  return thinQr(uniform(n * n, seed), n, n).q;
}

/** Q A Qᵀ for orthogonal Q: the same eigenvalues, no structure left. */
function hide(a: Float64Array, n: number, seed: number): Float64Array {
  const q = orthogonal(n, seed);
  return matmul(matmul(q, n, n, a, n), n, n, transpose(q, n, n), n);
}

describe('issue 16: small and odd settings finish with eigenvalues', () => {
  const LINKS = [
    'sys=vanderpol&ntraj=1&len=2',
    'sys=vanderpol&ntraj=1&len=3',
    'sys=vanderpol&ntraj=1&len=5',
    // ctime (the closed-loop test) does not change K; 1 s instead of 30 keeps the test short.
    'sys=forcedvdp&ntraj=1&len=2&ctime=1',
    'sys=duffing&ntraj=1&len=2&ctime=1',
    // From the seeded sweep (scripts/sweep-small.ts), the ones that failed before.
    'sys=lorenz&ntraj=1&len=2&width=43&reg=1e-14&seed=3388&ntest=2&horizon=5',
    'sys=lorenz&ntraj=1&len=2&width=48&reg=1e-10&seed=9937&ntest=1&horizon=27',
    'sys=forcedvdp&ntraj=1&len=2&width=57&reg=1e-12&seed=5624&ntest=2&horizon=40',
  ];

  it.each(LINKS)('%s', (link) => {
    const { config, errors } = parseQuery(link, 'strict');
    expect(errors).toEqual([]);
    seen.length = 0;
    const result = runPipeline(config);
    const { re, im } = result.eigenvalues;
    expect(seen).toHaveLength(1);
    const { a, n, report } = seen[0];
    expect(re.length).toBe(n);
    for (let i = 0; i < n; i++) expect(Number.isFinite(re[i]) && Number.isFinite(im[i])).toBe(true);
    // These K stall the standard iteration; the rescue phase resolves them without forcing.
    expect(report).not.toBeNull();
    expect(report!.forcedSplits).toBe(0);
    expectInvariants(a, n, re, im);

    // Oracle on the range of K: U from the eigenvectors of K Kᵀ with σ > 1e-6·σ₁ (the spectra
    // have a wide gap there: σ_r/σ₁ ≥ 2e-5, σ_{r+1}/σ₁ ≤ 1e-7 for every link above).
    const kMl = toMl(a, n);
    const sym = new EigenvalueDecomposition(kMl.mmul(kMl.transpose()), { assumeSymmetric: true });
    const order = sym.realEigenvalues.map((v, i) => [v, i]).sort((p, q) => q[0] - p[0]);
    const s1 = Math.sqrt(order[0][0]);
    const r = order.filter(([v]) => Math.sqrt(Math.max(v, 0)) > 1e-6 * s1).length;
    expect(r).toBeLessThan(n / 2); // rank ≪ M: the case of the issue
    const u = new Matrix(n, r);
    for (let k = 0; k < r; k++)
      for (let i = 0; i < n; i++) u.set(i, k, sym.eigenvectorMatrix.get(i, order[k][1]));
    const small = new EigenvalueDecomposition(u.transpose().mmul(kMl).mmul(u));
    const scale = Math.max(1, fro(a));
    // The r largest eigenvalues are the nonzero ones …
    expect(
      matchDistance(
        re.subarray(0, r),
        im.subarray(0, r),
        small.realEigenvalues,
        small.imaginaryEigenvalues,
      ),
    ).toBeLessThan(1e-10 * scale);
    // … and the other n − r are zero to working precision.
    for (let k = r; k < n; k++) expect(Math.hypot(re[k], im[k])).toBeLessThan(1e-10 * scale);
  });
});

describe('the rescue phase on a synthetic graded Hessenberg matrix (the stalled structure)', () => {
  /** Rows ≥ 2 scaled by g^(i−1): subdiagonals 1, g, g², … down to the underflow range. */
  function graded(n: number, g: number, seed: number): Float64Array {
    const r = createRng(seed);
    const h = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = Math.max(0, i - 1); j < n; j++)
        h[i * n + j] = (2 * r.uniform() - 1) * (i >= 2 ? g ** (i - 1) : 1);
    return h;
  }

  it.each([1, 2, 3, 4, 5])(
    'n = 20, g = 1e-15, seed %i: rescued, accurate, no forced split',
    (seed) => {
      const n = 20;
      const h = graded(n, 1e-15, seed);
      const a = h.slice();
      const re = new Float64Array(n);
      const im = new Float64Array(n);
      let report: HqrReport | null = null;
      hessenbergEigenvaluesInPlace(h, n, re, im, { onRescue: (x) => (report = x) });
      expect(report).not.toBeNull();
      expect(report!.forcedSplits).toBe(0);
      expect(report!.rescueSweeps).toBeLessThan(100);
      // Two eigenvalues are those of the leading 2×2 block (to ≈ g); the others are zero.
      const [p, q, s, t] = [a[0], a[1], a[n], a[n + 1]];
      const tr = (p + t) / 2;
      const disc = ((p - t) / 2) ** 2 + q * s;
      const lead =
        disc >= 0
          ? { re: [tr + Math.sqrt(disc), tr - Math.sqrt(disc)], im: [0, 0] }
          : { re: [tr, tr], im: [Math.sqrt(-disc), -Math.sqrt(-disc)] };
      const all = {
        re: [...lead.re, ...new Array(n - 2).fill(0)],
        im: [...lead.im, ...new Array(n - 2).fill(0)],
      };
      expect(matchDistance(re, im, all.re, all.im)).toBeLessThan(1e-12);
      expectInvariants(a, n, re, im);
    },
  );

  it('the same matrix through eigenvalues() agrees with ml-matrix (seed 1; it terminates there)', () => {
    const n = 20;
    const a = graded(n, 1e-15, 1);
    const got = eigenvalues(a, n);
    const ref = oracle(a, n);
    expect(matchDistance(got.re, got.im, ref.re, ref.im)).toBeLessThan(1e-12);
  });
});

describe('classic hard cases against ml-matrix', () => {
  it('rank-deficient U Vᵀ (n = 30, rank 3): 27 zero eigenvalues, 3 nonzero', () => {
    const n = 30;
    const r = 3;
    const u = uniform(n * r, 11);
    const v = uniform(n * r, 12);
    const a = matmul(u, n, r, transpose(v, n, r), n);
    const got = eigenvalues(a, n);
    const ref = oracle(a, n);
    const scale = Math.max(1, fro(a));
    expect(matchDistance(got.re, got.im, ref.re, ref.im)).toBeLessThan(1e-10 * scale);
    for (let k = r; k < n; k++)
      expect(Math.hypot(got.re[k], got.im[k])).toBeLessThan(1e-12 * scale);
    expectInvariants(a, n, got.re, got.im);
  });

  it('the zero matrix and matrices with one nonzero entry', () => {
    for (const n of [1, 2, 5, 12]) {
      const z = eigenvalues(new Float64Array(n * n), n);
      expect(Array.from(z.re)).toEqual(new Array(n).fill(0));
      const one = new Float64Array(n * n);
      one[n - 1] = 3; // a_{0,n−1}: nilpotent for n > 1
      const e = eigenvalues(one, n);
      for (let k = 0; k < n; k++)
        expect(Math.hypot(e.re[k], e.im[k])).toBeLessThanOrEqual(n === 1 ? 3 : 0);
    }
  });

  it('permutation matrices with cycles 1, 2, 3, 5, 7 (roots of unity), hidden by a similarity', () => {
    const cycles = [1, 2, 3, 5, 7];
    const n = cycles.reduce((x, y) => x + y, 0);
    const perm = new Float64Array(n * n);
    const exRe: number[] = [];
    const exIm: number[] = [];
    let start = 0;
    for (const c of cycles) {
      for (let i = 0; i < c; i++) {
        perm[(start + i) * n + start + ((i + 1) % c)] = 1;
        exRe.push(Math.cos((2 * Math.PI * i) / c));
        exIm.push(Math.sin((2 * Math.PI * i) / c));
      }
      start += c;
    }
    // Roots of unity repeat across cycles (1 five times, −1 once…): a well-conditioned but
    // multiple spectrum, because a permutation matrix is normal.
    for (const a of [perm, hide(perm, n, 21)]) {
      const got = eigenvalues(a, n);
      expect(matchDistance(got.re, got.im, exRe, exIm)).toBeLessThan(1e-10);
      const ref = oracle(a, n);
      expect(matchDistance(got.re, got.im, ref.re, ref.im)).toBeLessThan(1e-10);
      expectInvariants(a, n, got.re, got.im);
    }
  });

  it('cyclic shifts n = 3..50 (the standard shifts stall; exceptional shifts needed)', () => {
    for (const n of [3, 6, 8, 31, 50]) {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) a[i * n + ((i + 1) % n)] = 1;
      const got = eigenvalues(a, n);
      const exRe = Array.from({ length: n }, (_, k) => Math.cos((2 * Math.PI * k) / n));
      const exIm = Array.from({ length: n }, (_, k) => Math.sin((2 * Math.PI * k) / n));
      expect(matchDistance(got.re, got.im, exRe, exIm)).toBeLessThan(1e-12);
      const ref = oracle(a, n);
      expect(matchDistance(got.re, got.im, ref.re, ref.im)).toBeLessThan(1e-10);
      expectInvariants(a, n, got.re, got.im);
    }
  });

  it('a defective nilpotent Jordan block J₆(0), hidden by an orthogonal similarity', () => {
    const n = 6;
    const j = new Float64Array(n * n);
    for (let i = 0; i + 1 < n; i++) j[i * n + i + 1] = 1;
    const a = hide(j, n, 31);
    const got = eigenvalues(a, n);
    const ref = oracle(a, n);
    // Both split the 6-fold zero into a circle of radius ≈ ε^{1/6} ≈ 2.5e-3.
    const bound = 10 * EPS ** (1 / n);
    for (let k = 0; k < n; k++) {
      expect(Math.hypot(got.re[k], got.im[k])).toBeLessThan(bound);
      expect(Math.hypot(ref.re[k], ref.im[k])).toBeLessThan(bound);
    }
    expectInvariants(a, n, got.re, got.im);
  });

  it('a defective companion matrix of (x − 1)³(x + 2)²', () => {
    // x⁵ + x⁴ − 5x³ − x² + 8x − 4 = (x − 1)³(x + 2)²; companion in the last-row form.
    const c = [-4, 8, -1, -5, 1]; // x⁵ = −(c0 + c1 x + … + c4 x⁴)
    const n = 5;
    const a = new Float64Array(n * n);
    for (let i = 0; i + 1 < n; i++) a[i * n + i + 1] = 1;
    for (let j = 0; j < n; j++) a[(n - 1) * n + j] = -c[j];
    const got = eigenvalues(a, n);
    const ref = oracle(a, n);
    expect(matchDistance(got.re, got.im, ref.re, ref.im)).toBeLessThan(10 * EPS ** (1 / 3) * 20);
    const ex = { re: [1, 1, 1, -2, -2], im: [0, 0, 0, 0, 0] };
    expect(matchDistance(got.re, got.im, ex.re, ex.im)).toBeLessThan(10 * EPS ** (1 / 3) * 20);
    expectInvariants(a, n, got.re, got.im);
  });

  it('random matrices scaled by 2^±600 and 2^±1000: the same eigenvalues, scaled exactly', () => {
    const n = 30;
    const a = uniform(n * n, 41);
    const ref = eigenvalues(a, n);
    for (const e of [-1000, -600, 600, 1000]) {
      // 2^±1000 in two factors (2^1000·2^… would overflow as one).
      const f = 2 ** (e / 2);
      const got = eigenvalues(
        a.map((x) => x * f * f),
        n,
      );
      for (let k = 0; k < n; k++) {
        expect(got.re[k] / f / f).toBe(ref.re[k]);
        expect(got.im[k] / f / f).toBe(ref.im[k]);
      }
    }
  });
});

describe('rescue building blocks', () => {
  it('scaleToUnit and enterRescue scale by exact powers of two', () => {
    const a = Float64Array.from([3e-200, -1e-210, 5e-201, 0]);
    const back = scaleToUnit(a, 3e-200);
    expect(Math.abs(a[0])).toBeGreaterThanOrEqual(1);
    expect(Math.abs(a[0])).toBeLessThan(2);
    expect(a[0] * back[0] * back[1]).toBe(3e-200);
    expect(a[1] * back[0] * back[1]).toBe(-1e-210);

    const n = 3;
    const h = Float64Array.from([
      4e-250, 1e-250, 2e-250, 3e-250, 5e-250, 1e-251, 0, 2e-252, 7e-250,
    ]);
    const st = enterRescue(h, n, n - 1);
    expect(h[8] * st.unscale).toBe(7e-250);
    expect(st.absTol).toBeCloseTo(EPS * fro(h), 30);
    expect(st.factors[0] * st.factors[1] * st.unscale).toBe(1);
  });

  it('rescueShift: a rotation block gives its complex pair, an exceptional sweep a fixed ad hoc pair', () => {
    const n = 3;
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const h = Float64Array.from([1, 0, 0, 1, c, -s, 0, s, c]);
    const { x, y, w } = rescueShift(h, n, 0, 2, 1);
    // Roots of t² − (x + y)t + (xy − w): c ± i s.
    expect(x + y).toBeCloseTo(2 * c, 15);
    expect(x * y - w).toBeCloseTo(1, 15);
    const ex = rescueShift(h, n, 0, 2, 10);
    expect(ex.x).toBe(ex.y);
  });

  it('forceSplit zeroes the smallest subdiagonal entry of the active block and records it', () => {
    const n = 4;
    const h = Float64Array.from([1, 2, 3, 4, 0.5, 1, 2, 3, 0, 1e-9, 1, 2, 0, 0, 0.25, 1]);
    const st = enterRescue(h, n, n - 1);
    const sub = h[2 * n + 1];
    forceSplit(h, n, 0, n - 1, st);
    expect(h[2 * n + 1]).toBe(0);
    expect(st.splits).toBe(1);
    expect(st.splitError).toBe(sub / st.fro);
    expect(RESCUE_STALL).toBeGreaterThanOrEqual(30);
  });
});
