/**
 * Koopman eigenfunctions and ResDMD residuals (src/method/eigenfunctions.ts, METHOD.md §5, §12),
 * and the eigenvectors behind them against ml-matrix's EigenvalueDecomposition.
 *
 * Analytic case: the linear map x_{t+1} = A x_t, A = S·ρR(θ)·S⁻¹ (non-normal, eigenvalues
 * ρe^{±iθ}), whose Koopman eigenfunctions are the linear functions φ±(x) = u±ᵀx with u±ᵀA =
 * ρe^{±iθ} u±ᵀ: u₊ = (1, i)·S⁻¹ = (1, i − 0.5). The dictionary contains the identity next to
 * tanh features, Ψ(x) = [x; tanh(Wx + b); 1]: the x block of K is then exactly [A 0 0] (least
 * squares on exact iterates), so (u, 0, 0) is an exact left eigenvector while the tanh block adds
 * eigenvalues whose eigenfunctions are not exact (non-zero residuals).
 */
import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { accumulateEdmd, solveEdmd } from '../../src/method/edmd';
import {
  directResidual,
  eigenfunctionOf,
  evaluateEigenfunctions,
  phaseSteps,
  projectGram,
  resdmdResidual,
  targetGram,
} from '../../src/method/eigenfunctions';
import type { Dictionary } from '../../src/method/sampling/hiddenLayer';
import { eigenvalues, eigenvectorsFor } from '../../src/numerics/linalg/eigenvalues';
import { orthonormalize } from '../../src/numerics/linalg/householderQr';
import { createRng } from '../../src/numerics/rng';
import { identityPlusTanh } from './identityPlusTanh';
import type { TrajectorySet } from '../../src/numerics/trajectorySet';

const RHO = Math.exp(-0.01);
const THETA = 0.1;
// A = S ρR(θ) S⁻¹ with S = [[1, 0.5], [0, 1]].
const A = (() => {
  const c = RHO * Math.cos(THETA);
  const s = RHO * Math.sin(THETA);
  // S R: [[c + 0.5 s, −s + 0.5 c], [s, c]]; times S⁻¹ = [[1, −0.5], [0, 1]].
  const sr = [c + 0.5 * s, -s + 0.5 * c, s, c];
  return [sr[0], -0.5 * sr[0] + sr[1], sr[2], -0.5 * sr[2] + sr[3]];
})();
/** φ₊(x) = x₁ + (i − 0.5)·x₂ for λ = ρe^{+iθ}. */
const phiPlus = (x1: number, x2: number) => ({ re: x1 - 0.5 * x2, im: x2 });

function linearData(count: number, points: number, seed: number): TrajectorySet {
  const rng = createRng(seed);
  const data = new Float64Array(count * points * 2);
  for (let j = 0; j < count; j++) {
    let x = [rng.range(-2, 2), rng.range(-2, 2)];
    for (let t = 0; t < points; t++) {
      data.set(x, (j * points + t) * 2);
      x = [A[0] * x[0] + A[1] * x[1], A[2] * x[0] + A[3] * x[1]];
    }
  }
  return { d: 2, count, points, data };
}

function fit(dict: Dictionary, train: TrajectorySet) {
  const sums = accumulateEdmd(dict, train, false);
  const f = solveEdmd(dict, train, sums, null, 0);
  return { sums, fit: f };
}

function nearest(eig: { re: Float64Array; im: Float64Array }, re: number, im: number): number {
  let best = 0;
  for (let k = 1; k < eig.re.length; k++)
    if (
      Math.hypot(eig.re[k] - re, eig.im[k] - im) < Math.hypot(eig.re[best] - re, eig.im[best] - im)
    )
      best = k;
  return best;
}

/** States of an n×n grid over [−2, 2]² (row-major, x₂ outer). */
function grid(n: number): Float64Array {
  const g = new Float64Array(n * n * 2);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      g[(i * n + j) * 2] = -2 + (4 * j) / (n - 1);
      g[(i * n + j) * 2 + 1] = -2 + (4 * i) / (n - 1);
    }
  return g;
}

/**
 * max_k |φ(x_k) − c·ψ(x_k)| / max_k |c·ψ(x_k)| with c the least-squares complex scale: how far
 * φ is from a complex multiple of ψ on the points.
 */
function scaledMismatch(
  phi: { re: Float64Array; im: Float64Array },
  psi: { re: Float64Array; im: Float64Array },
): number {
  let nr = 0;
  let ni = 0;
  let den = 0;
  for (let k = 0; k < phi.re.length; k++) {
    // Σ φ conj(ψ)
    nr += phi.re[k] * psi.re[k] + phi.im[k] * psi.im[k];
    ni += phi.im[k] * psi.re[k] - phi.re[k] * psi.im[k];
    den += psi.re[k] ** 2 + psi.im[k] ** 2;
  }
  const cr = nr / den;
  const ci = ni / den;
  let worst = 0;
  let big = 0;
  for (let k = 0; k < phi.re.length; k++) {
    const sr = cr * psi.re[k] - ci * psi.im[k];
    const si = cr * psi.im[k] + ci * psi.re[k];
    worst = Math.max(worst, Math.hypot(phi.re[k] - sr, phi.im[k] - si));
    big = Math.max(big, Math.hypot(sr, si));
  }
  return worst / big;
}

describe('Koopman eigenfunctions of a linear system (analytic φ = uᵀx)', () => {
  const train = linearData(20, 60, 3);
  const dict = identityPlusTanh(12, 5);
  const { sums, fit: f } = fit(dict, train);
  const eig = eigenvalues(f.K, f.m);
  const lam = { re: RHO * Math.cos(THETA), im: RHO * Math.sin(THETA) };
  const k = nearest(eig, lam.re, lam.im);

  it('K has the eigenvalue ρe^{iθ} of A (1e−9)', () => {
    expect(Math.hypot(eig.re[k] - lam.re, eig.im[k] - lam.im)).toBeLessThan(1e-9);
  });

  it('φ matches x₁ + (i − 0.5)x₂ up to a complex scale on a 21×21 grid (1e−7) and φ(Ax) = λφ(x)', () => {
    const fn = eigenfunctionOf(f.K, f.m, null, f.m, eig.re[k], eig.im[k]);
    expect(fn.vectorResidual).toBeLessThan(1e-12);
    const g = grid(21);
    const [phi] = evaluateEigenfunctions(dict, [fn], g, 21 * 21);
    const truth = { re: new Float64Array(441), im: new Float64Array(441) };
    for (let p = 0; p < 441; p++) {
      const t = phiPlus(g[2 * p], g[2 * p + 1]);
      truth.re[p] = t.re;
      truth.im[p] = t.im;
    }
    // Observed ~1e−11; the tolerance leaves room for the conditioning of G (tanh features).
    expect(scaledMismatch(phi, truth)).toBeLessThan(1e-7);
    // The phase advances by θ per step along a trajectory: φ(x_{t+1}) = λ φ(x_t).
    const [along] = evaluateEigenfunctions(dict, [fn], train.data, 60);
    for (const step of phaseSteps(along.re, along.im)) expect(step).toBeCloseTo(THETA, 9);
  });

  it('ResDMD: residual ~0 for the exact eigenpairs, > 1e−3 for a tanh-block one; Gram form = direct pass', () => {
    const L = targetGram(dict, train, sums.G, f.m);
    const s = { G: sums.G, A: sums.A!, L, n: f.m };
    const fn = eigenfunctionOf(f.K, f.m, null, f.m, eig.re[k], eig.im[k]);
    // Gram form: cancellation leaves ~sqrt(ε) ≈ 1e−8 (observed ~1e−9); the direct pass ~1e−12.
    expect(resdmdResidual(s, eig.re[k], eig.im[k], fn.wRe, fn.wIm)).toBeLessThan(1e-7);
    expect(directResidual(dict, train, eig.re[k], eig.im[k], fn)).toBeLessThan(1e-9);
    // The constant eigenfunction (λ = 1) is exact too.
    const one = nearest(eig, 1, 0);
    expect(Math.abs(eig.re[one] - 1)).toBeLessThan(1e-9);
    const f1 = eigenfunctionOf(f.K, f.m, null, f.m, eig.re[one], eig.im[one]);
    expect(resdmdResidual(s, eig.re[one], eig.im[one], f1.wRe, f1.wIm)).toBeLessThan(1e-7);
    // Every eigenpair: the Gram form equals the direct computation (invariant), and the
    // eigenvalues of the tanh block are not exact eigenvalues of the linear system's operator.
    let worstSpurious = 0;
    for (let j = 0; j < f.m; j++) {
      const fj = eigenfunctionOf(f.K, f.m, null, f.m, eig.re[j], eig.im[j]);
      const gram = resdmdResidual(s, eig.re[j], eig.im[j], fj.wRe, fj.wIm);
      const direct = directResidual(dict, train, eig.re[j], eig.im[j], fj);
      expect(Math.abs(gram - direct)).toBeLessThan(1e-6 * Math.max(1, direct) + 1e-7);
      worstSpurious = Math.max(worstSpurious, direct);
    }
    expect(worstSpurious).toBeGreaterThan(1e-3);
  });

  it('L from G by the boundary correction equals Σ Ψ(y)Ψ(y)ᵀ summed directly (1e−12 relative)', () => {
    const L = targetGram(dict, train, sums.G, f.m);
    const m = f.m;
    const direct = new Float64Array(m * m);
    const psi = new Float64Array(m);
    for (let j = 0; j < train.count; j++)
      for (let t = 1; t < train.points; t++) {
        dict.lift(train.data, (j * train.points + t) * 2, psi, 0);
        for (let p = 0; p < m; p++)
          for (let q = 0; q < m; q++) direct[p * m + q] += psi[p] * psi[q];
      }
    let worst = 0;
    let big = 0;
    for (let i = 0; i < m * m; i++) {
      worst = Math.max(worst, Math.abs(L[i] - direct[i]));
      big = Math.max(big, Math.abs(direct[i]));
    }
    expect(worst / big).toBeLessThan(1e-12);
  });

  it('a rank-r fit in a rotated basis (K_r = QᵀKQ, w = Q conj(ξ_r)) gives the same φ and residual', () => {
    const m = f.m;
    const rng = createRng(9);
    const Q = orthonormalize(
      Float64Array.from({ length: m * m }, () => rng.range(-1, 1)),
      m,
      m,
    );
    const Kr = projectGram(f.K, m, Q, m); // QᵀKQ
    const e2 = eigenvalues(Kr, m);
    const k2 = nearest(e2, lam.re, lam.im);
    const fn = eigenfunctionOf(Kr, m, Q, m, e2.re[k2], e2.im[k2]);
    const g = grid(11);
    const [phi] = evaluateEigenfunctions(dict, [fn], g, 121);
    const ref = evaluateEigenfunctions(
      dict,
      [eigenfunctionOf(f.K, m, null, m, eig.re[k], eig.im[k])],
      g,
      121,
    )[0];
    expect(scaledMismatch(phi, ref)).toBeLessThan(1e-7);
    const L = targetGram(dict, train, sums.G, m);
    const reduced = {
      G: projectGram(sums.G, m, Q, m),
      A: projectGram(sums.A!, m, Q, m),
      L: projectGram(L, m, Q, m),
      n: m,
    };
    expect(resdmdResidual(reduced, e2.re[k2], e2.im[k2], fn.zRe, fn.zIm)).toBeLessThan(1e-7);
  });

  it('refuses a K whose size does not match the dictionary', () => {
    expect(() => eigenfunctionOf(f.K, f.m, null, f.m + 1, 1, 0)).toThrow(/m = /);
    expect(() =>
      evaluateEigenfunctions(dict, [{ wRe: new Float64Array(2), wIm: new Float64Array(2) }], g0, 1),
    ).toThrow(/length m/);
  });
});
const g0 = new Float64Array(2);

describe('eigenvectorsFor against ml-matrix EigenvalueDecomposition', () => {
  /** |⟨u, v⟩| / (‖u‖‖v‖) for complex u, v: 1 when one is a complex multiple of the other. */
  function alignment(ur: number[], ui: number[], vr: Float64Array, vi: Float64Array): number {
    let dr = 0;
    let di = 0;
    let nu = 0;
    let nv = 0;
    for (let i = 0; i < ur.length; i++) {
      dr += ur[i] * vr[i] + ui[i] * vi[i];
      di += ur[i] * vi[i] - ui[i] * vr[i];
      nu += ur[i] ** 2 + ui[i] ** 2;
      nv += vr[i] ** 2 + vi[i] ** 2;
    }
    return Math.hypot(dr, di) / Math.sqrt(nu * nv);
  }

  it('right and left eigenvectors span the same lines as ml-matrix’s (1e−9), n = 2…12', () => {
    for (const n of [2, 3, 5, 8, 12]) {
      const rng = createRng(70 + n);
      const a = Float64Array.from({ length: n * n }, () => rng.range(-1, 1));
      for (const left of [false, true]) {
        // ml-matrix: real eigenvector matrix V (A V = V D); a complex pair λ = a ± ib has the
        // columns (re, im) at j, j+1 with v = V[:, j] ± i V[:, j+1] (EISPACK hqr2 convention).
        const M = left
          ? new Matrix(
              Array.from({ length: n }, (_, i) =>
                Array.from({ length: n }, (_, j) => a[j * n + i]),
              ),
            )
          : new Matrix(
              Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n))),
            );
        const ed = new EigenvalueDecomposition(M);
        const V = ed.eigenvectorMatrix;
        const re = ed.realEigenvalues;
        const im = ed.imaginaryEigenvalues;
        for (let j = 0; j < n; j++) {
          let ur: number[];
          let ui: number[];
          if (im[j] === 0) {
            ur = V.getColumn(j);
            ui = new Array<number>(n).fill(0);
          } else if (im[j] > 0) {
            ur = V.getColumn(j);
            ui = V.getColumn(j + 1);
          } else {
            ur = V.getColumn(j - 1);
            ui = V.getColumn(j).map((x) => -x);
          }
          // The left eigenvector ξ of A for λ is the right eigenvector of Aᵀ for λ̄: ask for the
          // eigenvalue whose conjugate ml-matrix found for Aᵀ.
          const v = eigenvectorsFor(a, n, re[j], left ? -im[j] : im[j], left);
          expect(alignment(ur, ui, v.re, v.im)).toBeGreaterThan(1 - 1e-9);
        }
      }
    }
  });

  it('analytic 2×2 non-normal rotation-scaling: φ₊ has the coefficients (1, i − 0.5) up to scale (1e−12)', () => {
    const a = Float64Array.from(A);
    const fn = eigenfunctionOf(a, 2, null, 2, RHO * Math.cos(THETA), RHO * Math.sin(THETA));
    // w ∝ (1, i − 0.5): w₂/w₁ = i − 0.5.
    const den = fn.wRe[0] ** 2 + fn.wIm[0] ** 2;
    const qr = (fn.wRe[1] * fn.wRe[0] + fn.wIm[1] * fn.wIm[0]) / den;
    const qi = (fn.wIm[1] * fn.wRe[0] - fn.wRe[1] * fn.wIm[0]) / den;
    expect(qr).toBeCloseTo(-0.5, 12);
    expect(qi).toBeCloseTo(1, 12);
  });
});
