import { describe, expect, it } from 'vitest';
import { symmetricWorkspace } from '../../src/numerics/kernels/symmetricEigenKernel';
import { symmetricEigen } from '../../src/numerics/linalg/symmetricEigen';
import { createRng } from '../../src/numerics/rng';
import { bitsDiffer } from './bits';

/**
 * The WebAssembly tred2 + tql2 (src/numerics/kernels/symmetricEigenKernel.ts) against the JS
 * loops of symmetricEigen: the same eigenvalues and eigenvectors bit for bit for orders around
 * the kernel's pairs of entries, a Gram matrix with a rank-deficient tail (zero eigenvalues), a
 * diagonal matrix (no reflector) and repeated eigenvalues; and A V = V diag(λ).
 */
function symmetric(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      const v = rng.normal();
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  return a;
}

/** X Xᵀ for X n×k: rank k < n. */
function lowRankGram(n: number, k: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const X = Float64Array.from({ length: n * k }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += X[i * k + c] * X[j * k + c];
      a[i * n + j] = s;
    }
  return a;
}

function expectSame(a: Float64Array, n: number): void {
  const js = symmetricEigen(a, n, 'js');
  const wasm = symmetricEigen(a, n, 'wasm-simd');
  expect(bitsDiffer(wasm.values, js.values)).toBe(0);
  expect(bitsDiffer(wasm.vectors, js.vectors)).toBe(0);
  // A V = V diag(λ) to rounding.
  let err = 0;
  let norm = 0;
  for (let i = 0; i < n; i++)
    for (let c = 0; c < n; c++) {
      let av = 0;
      for (let k = 0; k < n; k++) av += a[i * n + k] * wasm.vectors[k * n + c];
      err = Math.max(err, Math.abs(av - wasm.vectors[i * n + c] * wasm.values[c]));
      norm = Math.max(norm, Math.abs(a[i * n + c]));
    }
  expect(err).toBeLessThan(1e-12 * n * Math.max(norm, 1));
}

describe('symmetric eigendecomposition: wasm-simd against js', () => {
  it.each([1, 2, 3, 4, 5, 31, 32, 33, 64, 150, 151])('n = %i: same values and vectors', (n) =>
    expectSame(symmetric(n, 40 + n), n),
  );

  it('rank-deficient Gram, diagonal and repeated eigenvalues: same bits', () => {
    expectSame(lowRankGram(60, 20, 1), 60);
    const diag = new Float64Array(40 * 40);
    for (let i = 0; i < 40; i++) diag[i * 40 + i] = (i % 5) - 2; // repeated values, zeros
    expectSame(diag, 40);
  });

  it('the default is the JS loops below order 32', () => {
    expect(symmetricWorkspace(31)).toBeNull();
    expect(symmetricWorkspace(32)?.w.length).toBe(32 * 32);
    expect(symmetricWorkspace(64, 'js')).toBeNull();
  });
});
