import { describe, expect, it } from 'vitest';
import { choleskyKernelFor } from '../../src/numerics/kernels/choleskyKernel';
import { choleskyInPlace, choleskySolveRowsInPlace } from '../../src/numerics/linalg/cholesky';
import { createRng } from '../../src/numerics/rng';
import { bitsDiffer } from './bits';

/**
 * The WebAssembly Cholesky (src/numerics/kernels/choleskyKernel.ts) against the JS loop of
 * choleskyInPlace: the same factor bit for bit on SPD matrices of every order class (the kernel
 * handles rows in pairs and columns in fours, so orders 1–9 and odd/even around 64 and 256 cover
 * every remainder), the same refusals (indefinite, NaN, the relative pivot floor), and L Lᵀ = A;
 * and the triangular solves with it for 1–9 right-hand sides (groups of four and the rest).
 */
function spd(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const cols = n + 3;
  const X = Float64Array.from({ length: n * cols }, () => rng.normal());
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < cols; k++) s += X[i * cols + k] * X[j * cols + k];
      G[i * n + j] = s;
      G[j * n + i] = s;
    }
  return G;
}

describe('Cholesky: wasm-simd against js', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 63, 64, 65, 130, 257])('n = %i: same factor bits', (n) => {
    const A = spd(n, 1000 + n);
    const js = A.slice();
    const wasm = A.slice();
    expect(choleskyInPlace(js, n, 0, 'js')).toBe(true);
    expect(choleskyInPlace(wasm, n, 0, 'wasm-simd')).toBe(true);
    expect(bitsDiffer(wasm, js)).toBe(0);
    // And it is a Cholesky factor: lower triangular, positive diagonal, L Lᵀ = A to rounding.
    let maxErr = 0;
    let maxA = 0;
    for (let i = 0; i < n; i++) {
      expect(wasm[i * n + i]).toBeGreaterThan(0);
      for (let j = i + 1; j < n; j++) expect(wasm[i * n + j]).toBe(0);
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = 0; k <= j; k++) s += wasm[i * n + k] * wasm[j * n + k];
        maxErr = Math.max(maxErr, Math.abs(s - A[i * n + j]));
        maxA = Math.max(maxA, Math.abs(A[i * n + j]));
      }
    }
    expect(maxErr / maxA).toBeLessThan(1e-13);
  });

  it('refuses what the JS loop refuses, at the same row', () => {
    for (const n of [7, 66, 129]) {
      const cases: Array<[string, Float64Array, number]> = [];
      const indefinite = spd(n, 5);
      indefinite[(n - 2) * n + (n - 2)] = -1; // a negative diagonal entry late in the order
      cases.push(['indefinite', indefinite, 0]);
      const withNaN = spd(n, 6);
      withNaN[(n - 1) * n + 3] = NaN;
      cases.push(['NaN', withNaN, 0]);
      cases.push(['pivot floor', spd(n, 7), 0.9999]); // every pivot loses more than 0.01 %
      for (const [what, A, floor] of cases) {
        const js = A.slice();
        const wasm = A.slice();
        const okJs = choleskyInPlace(js, n, floor, 'js');
        expect(okJs, what).toBe(false);
        expect(choleskyInPlace(wasm, n, floor, 'wasm-simd'), what).toBe(false);
        expect(bitsDiffer(wasm, js), what).toBe(0); // stopped at the same place
      }
    }
  });

  it.each([
    [1, 1],
    [7, 3],
    [64, 3],
    [65, 4],
    [130, 7],
    [129, 9],
  ])('n = %i, %i right-hand sides: the triangular solves give the same bits', (n, p) => {
    const A = spd(n, 2000 + n);
    const L = A.slice();
    expect(choleskyInPlace(L, n, 0, 'js')).toBe(true);
    const rng = createRng(n + p);
    const B = Float64Array.from({ length: p * n }, () => rng.normal());
    const js = B.slice();
    const wasm = B.slice();
    choleskySolveRowsInPlace(L, n, js, p, 'js');
    choleskySolveRowsInPlace(L, n, wasm, p, 'wasm-simd');
    expect(bitsDiffer(wasm, js)).toBe(0);
    // X A = B to rounding, row by row.
    let err = 0;
    for (let r = 0; r < p; r++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += wasm[r * n + k] * A[k * n + j];
        err = Math.max(err, Math.abs(s - B[r * n + j]));
      }
    expect(err).toBeLessThan(1e-8);
  });

  it('the default kernel is JS below order 64 and wasm-simd from 64', () => {
    expect(choleskyKernelFor(63)).toBe('js');
    expect(choleskyKernelFor(64)).toBe('wasm-simd');
    expect(choleskyKernelFor(500, 'js')).toBe('js');
  });
});
