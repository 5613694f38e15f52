/**
 * Residuals of the whole spectrum (src/method/spectrumResiduals.ts, METHOD.md §12): the left
 * eigenvectors of every eigenvalue from one Hessenberg reduction
 * (src/numerics/linalg/leftEigenvectors.ts) against the dense inverse iteration and ml-matrix, the
 * Hessenberg basis, the Gram-form residuals against a direct pass over the pairs, and the run's
 * residuals (van der Pol, Lorenz) against the eigenfunction view's and the model file.
 */
import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { accumulateEdmd, solveEdmd } from '../../src/method/edmd';
import { directResidual, projectGram, targetGram } from '../../src/method/eigenfunctions';
import { residualSums, spectrumResiduals } from '../../src/method/spectrumResiduals';
import { eigenvalues, eigenvectorsFor } from '../../src/numerics/linalg/eigenvalues';
import { hessenbergInPlace } from '../../src/numerics/linalg/hessenberg';
import { leftEigenvectors } from '../../src/numerics/linalg/leftEigenvectors';
import { createRng } from '../../src/numerics/rng';
import { identityPlusTanh } from './identityPlusTanh';
import type { TrajectorySet } from '../../src/numerics/trajectorySet';
import { eigenfunctionAnalysis } from '../../src/run/eigenfunctions';
import { modelToJson, parseModelJson } from '../../src/run/modelJson';
import { runPipeline, type RunParts } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';
import { createStageCache } from '../../src/run/stageCache';

function randomMatrix(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n * n }, () => rng.range(-1, 1));
}

/** ‖(Aᵀ − λ̄I)ξ‖ / ‖A‖_F for a left eigenvector ξ. */
function leftResidual(a: Float64Array, n: number, re: number, im: number, v: LeftVec): number {
  let ss = 0;
  let nf = 0;
  for (let i = 0; i < n * n; i++) nf += a[i] * a[i];
  for (let i = 0; i < n; i++) {
    let sr = -(re * v.re[i] + im * v.im[i]);
    let si = -(re * v.im[i] - im * v.re[i]);
    for (let j = 0; j < n; j++) {
      sr += a[j * n + i] * v.re[j];
      si += a[j * n + i] * v.im[j];
    }
    ss += sr * sr + si * si;
  }
  return Math.sqrt(ss / nf);
}
type LeftVec = { re: Float64Array; im: Float64Array };

describe('Hessenberg reduction with its basis', () => {
  for (const n of [1, 2, 7, 40]) {
    it(`n = ${n}: A = U H Uᵀ (1e−13), U orthogonal, H bit-identical to the values-only reduction`, () => {
      const a = randomMatrix(n, 11 + n);
      const h = a.slice();
      const u = new Float64Array(n * n);
      hessenbergInPlace(h, n, u);
      const h0 = a.slice();
      hessenbergInPlace(h0, n);
      expect(Array.from(h)).toEqual(Array.from(h0));
      const U = new Matrix(
        Array.from({ length: n }, (_, i) => Array.from(u.subarray(i * n, i * n + n))),
      );
      const H = new Matrix(
        Array.from({ length: n }, (_, i) => Array.from(h.subarray(i * n, i * n + n))),
      );
      const back = U.mmul(H).mmul(U.transpose());
      const orth = U.transpose().mmul(U);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          expect(Math.abs(back.get(i, j) - a[i * n + j])).toBeLessThan(1e-13 * n);
          expect(Math.abs(orth.get(i, j) - (i === j ? 1 : 0))).toBeLessThan(1e-14 * n);
          if (i > j + 1) expect(h[i * n + j]).toBe(0);
        }
    });
  }
});

describe('left eigenvectors of the whole spectrum', () => {
  for (const n of [3, 12, 60]) {
    it(`n = ${n}: every ξ satisfies Aᵀξ = λ̄ξ to 1e−13 and equals the dense inverse iteration's`, () => {
      const a = randomMatrix(n, n);
      const eig = eigenvalues(a, n);
      const vs = leftEigenvectors(a, n, eig.re, eig.im);
      expect(vs).toHaveLength(n);
      for (let k = 0; k < n; k++) {
        const v = vs[k]!;
        expect(v.residual).toBeLessThan(1e-13);
        expect(leftResidual(a, n, eig.re[k], eig.im[k], v)).toBeLessThan(1e-13);
        // Same normalisation (unit norm, largest component real > 0) as eigenvectorsFor.
        const d = eigenvectorsFor(a, n, eig.re[k], eig.im[k], true);
        let diff = 0;
        for (let i = 0; i < n; i++)
          diff = Math.max(diff, Math.hypot(v.re[i] - d.re[i], v.im[i] - d.im[i]));
        expect(diff).toBeLessThan(1e-9);
      }
    });
  }

  it('agrees with ml-matrix: the right eigenvectors of Aᵀ span the same lines (n = 20)', () => {
    const n = 20;
    const a = randomMatrix(n, 99);
    const eig = eigenvalues(a, n);
    const vs = leftEigenvectors(a, n, eig.re, eig.im);
    const at = new Matrix(
      Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => a[j * n + i])),
    );
    const ml = new EigenvalueDecomposition(at);
    const V = ml.eigenvectorMatrix;
    // ml-matrix stores a complex pair's vector as columns (x, y) = x ± iy for re ± i·im.
    for (let c = 0; c < n; c++) {
      const re = ml.realEigenvalues[c];
      const im = ml.imaginaryEigenvalues[c];
      if (im < 0) continue;
      // Aᵀ v = μ v with μ = re + i·im ⇒ v is our left vector for λ = conj(μ).
      let k = 0;
      for (let j = 1; j < n; j++)
        if (Math.hypot(eig.re[j] - re, eig.im[j] + im) < Math.hypot(eig.re[k] - re, eig.im[k] + im))
          k = j;
      const vr = Array.from({ length: n }, (_, i) => V.get(i, c));
      const vi = Array.from({ length: n }, (_, i) => (im > 0 ? V.get(i, c + 1) : 0));
      // |⟨ours, theirs⟩| / (‖ours‖‖theirs‖) = 1 for parallel complex vectors.
      let pr = 0;
      let pi = 0;
      let nn = 0;
      for (let i = 0; i < n; i++) {
        pr += vs[k]!.re[i] * vr[i] + vs[k]!.im[i] * vi[i];
        pi += vs[k]!.re[i] * vi[i] - vs[k]!.im[i] * vr[i];
        nn += vr[i] ** 2 + vi[i] ** 2;
      }
      expect(Math.hypot(pr, pi) / Math.sqrt(nn)).toBeCloseTo(1, 10);
    }
  });

  it('a filter skips eigenvalues (null) and a repeated eigenvalue still gives an eigenvector', () => {
    // diag(2, 2, 0.5): λ = 2 twice.
    const a = Float64Array.from([2, 0, 0, 0, 2, 0, 0, 0, 0.5]);
    const vs = leftEigenvectors(a, 3, [2, 2, 0.5], [0, 0, 0], (k) => k !== 1);
    expect(vs[1]).toBeNull();
    expect(vs[0]!.residual).toBeLessThan(1e-15);
    expect(vs[2]!.residual).toBeLessThan(1e-15);
    expect(Math.abs(vs[2]!.re[2])).toBeCloseTo(1, 14);
  });
});

/** x_{t+1} = A x_t with A = ρR(θ): linear data whose Koopman eigenfunctions are linear. */
function linearData(count: number, points: number): TrajectorySet {
  const rho = Math.exp(-0.01);
  const c = rho * Math.cos(0.1);
  const s = rho * Math.sin(0.1);
  const rng = createRng(4);
  const data = new Float64Array(count * points * 2);
  for (let j = 0; j < count; j++) {
    let x = [rng.range(-2, 2), rng.range(-2, 2)];
    for (let t = 0; t < points; t++) {
      data.set(x, (j * points + t) * 2);
      x = [c * x[0] - s * x[1], s * x[0] + c * x[1]];
    }
  }
  return { d: 2, count, points, data };
}

describe('residuals of every eigenvalue from Gram sums', () => {
  const train = linearData(20, 60);

  it('an invariant dictionary ([x; 1] on linear data): every residual is at the Gram form’s rounding floor (< 1e−7)', () => {
    const dict = identityPlusTanh(0, 8);
    const sums = accumulateEdmd(dict, train, false);
    const f = solveEdmd(dict, train, sums, null, 0);
    const eig = eigenvalues(f.K, f.m);
    const res = spectrumResiduals(f.K, f.m, eig, residualSums(dict, train, sums, null)!);
    expect(res).toHaveLength(3);
    for (const r of res) expect(r).toBeLessThan(1e-7);
    // The direct pass has no cancellation: rounding level.
    const vs = leftEigenvectors(f.K, f.m, eig.re, eig.im);
    for (let k = 0; k < 3; k++) {
      const w = { wRe: vs[k]!.re, wIm: vs[k]!.im.map((x) => -x) };
      expect(directResidual(dict, train, eig.re[k], eig.im[k], w)).toBeLessThan(1e-10);
    }
  });

  it('with tanh features: equal to the direct pass over the pairs (rel 1e−5 where ≥ 1e−4) and conjugates share theirs', () => {
    const dict = identityPlusTanh(14, 8);
    const sums = accumulateEdmd(dict, train, false);
    const f = solveEdmd(dict, train, sums, null, 1e-10);
    const eig = eigenvalues(f.K, f.m);
    const res = spectrumResiduals(f.K, f.m, eig, residualSums(dict, train, sums, null)!);
    const vs = leftEigenvectors(f.K, f.m, eig.re, eig.im);
    let compared = 0;
    for (let k = 0; k < f.m; k++) {
      const w = { wRe: vs[k]!.re, wIm: vs[k]!.im.map((x) => -x) };
      const direct = directResidual(dict, train, eig.re[k], eig.im[k], w);
      if (direct >= 1e-4) {
        expect(Math.abs(res[k] - direct) / direct).toBeLessThan(1e-5);
        compared++;
      } else expect(res[k]).toBeLessThan(1e-4 + 1e-6);
      if (eig.im[k] < 0 && eig.im[k - 1] === -eig.im[k]) expect(res[k]).toBe(res[k - 1]);
    }
    expect(compared).toBeGreaterThan(5);
  });

  it('truncated: L_r from the end points equals Qᵀ L Q (1e−9 relative)', () => {
    const dict = identityPlusTanh(14, 8);
    const sums = accumulateEdmd(dict, train, false);
    const m = dict.m;
    const rng = createRng(3);
    const r = 6;
    // An orthonormal Q (m×r) from Gram–Schmidt of random columns.
    const Q = new Float64Array(m * r);
    for (let a = 0; a < r; a++) {
      const v = Float64Array.from({ length: m }, () => rng.range(-1, 1));
      for (let b = 0; b < a; b++) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += v[i] * Q[i * r + b];
        for (let i = 0; i < m; i++) v[i] -= dot * Q[i * r + b];
      }
      const nv = Math.hypot(...v);
      for (let i = 0; i < m; i++) Q[i * r + a] = v[i] / nv;
    }
    const proj = {
      r,
      Q,
      Gr: projectGram(sums.G, m, Q, r),
      Ar: projectGram(sums.A!, m, Q, r),
      residual: 0,
    };
    const g = residualSums(dict, train, sums, proj)!;
    const Lr = projectGram(targetGram(dict, train, sums.G, m), m, Q, r);
    let big = 0;
    let diff = 0;
    for (let i = 0; i < r * r; i++) {
      big = Math.max(big, Math.abs(Lr[i]));
      diff = Math.max(diff, Math.abs(g.L[i] - Lr[i]));
    }
    expect(diff / big).toBeLessThan(1e-9);
  });
});

describe('the run carries the residual of every eigenvalue', () => {
  function run(query: string) {
    const cache = createStageCache();
    let parts: RunParts | null = null;
    const config = parseQuery(query, 'strict').config;
    const result = runPipeline(config, { cache, inspect: (p) => (parts = p) });
    return { config, cache, result, parts: parts as unknown as RunParts };
  }

  it('van der Pol defaults: 201 residuals; λ = 1 at rounding level, the k = 1 pair ≈ 3e−3, the bulk doubtful', () => {
    const { config, cache, result } = run('sys=vanderpol');
    const res = result.eigenvalues.residual!;
    expect(res).toHaveLength(201);
    const one = result.eigenvalues.re.findIndex(
      (re, k) => Math.abs(re - 1) < 1e-9 && result.eigenvalues.im[k] === 0,
    );
    expect(res[one]).toBeLessThan(1e-6);
    // The leading pair is the fundamental e^{±iωΔt} (measured 3.02e−3).
    expect(res[0]).toBeGreaterThan(1e-3);
    expect(res[0]).toBeLessThan(1e-2);
    const sorted = Array.from(res).sort((a, b) => a - b);
    expect(sorted[100]).toBeGreaterThan(0.05);
    // The eigenfunction view shows the same numbers (one number per eigenvalue on screen).
    const view = eigenfunctionAnalysis(config, { cache, count: 6, grid: 11 });
    for (const p of view.pairs) expect(p.residual).toBe(res[p.index]);
  });

  it('Lorenz defaults (rank 100): residuals in the POD coordinates agree with Qᵀ L Q (rel 1e−6)', () => {
    const { result, parts } = run('sys=lorenz');
    const res = result.eigenvalues.residual!;
    expect(res).toHaveLength(parts.fit.r);
    const { proj, sums, model, data } = parts;
    const m = sums.m;
    const L = projectGram(targetGram(model.dict, data.train, sums.G, m), m, proj!.Q, proj!.r);
    const check = spectrumResiduals(parts.fit.K, parts.fit.r, result.eigenvalues, {
      G: proj!.Gr,
      A: proj!.Ar,
      L,
      n: proj!.r,
    });
    for (let k = 0; k < res.length; k++)
      if (check[k] > 1e-3) expect(Math.abs(res[k] - check[k]) / check[k]).toBeLessThan(1e-6);
  });

  it('a controlled system has none (its eigenfunctions are driven by the input)', () => {
    expect(run('sys=forcedvdp').result.eigenvalues.residual).toBeUndefined();
  });

  it('survive the model file: written, read back equal; a wrong length is refused by name', () => {
    const { result } = run('sys=vanderpol&width=40&ntraj=20');
    const text = modelToJson(result, 'test');
    const back = parseModelJson(text);
    if (!back.ok) throw new Error(back.error);
    expect(Array.from(back.result.eigenvalues.residual!)).toEqual(
      Array.from(result.eigenvalues.residual!),
    );
    const doc = JSON.parse(text);
    doc.eigenvalues.residual = doc.eigenvalues.residual.slice(1);
    doc.arrays['eigenvalues.residual'].shape = [doc.eigenvalues.residual.length];
    const bad = parseModelJson(JSON.stringify(doc));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/eigenvalues\.residual/);
    // Files written before residuals existed still load.
    const old = JSON.parse(text);
    delete old.eigenvalues.residual;
    delete old.arrays['eigenvalues.residual'];
    const oldBack = parseModelJson(JSON.stringify(old));
    expect(oldBack.ok).toBe(true);
    if (oldBack.ok) expect(oldBack.result.eigenvalues.residual).toBeUndefined();
  });
});
