import { describe, expect, it } from 'vitest';
import { useWasmHessenbergLu } from '../../src/numerics/kernels/hessenbergLuKernel';
import { eigenvalues } from '../../src/numerics/linalg/eigenvalues';
import { leftEigenvectors } from '../../src/numerics/linalg/leftEigenvectors';
import { bitsDiffer, normals } from './bits';

/**
 * The inverse iteration of leftEigenvectors with the WebAssembly Hessenberg reduction and LU
 * (src/numerics/kernels/hessenbergLuKernel.ts) against the JS loops: every left eigenvector and
 * residual bit for bit, for real and complex eigenvalues, odd and even orders, a λ that is no
 * eigenvalue and a singular H − λI (zero pivots replaced by `tiny`); and ξ is a left eigenvector.
 */
const randomMatrix = (n: number, seed: number) => normals(n * n, seed);

describe('left eigenvectors: wasm-simd against js', () => {
  it.each([2, 5, 31, 32, 33, 64, 121])('n = %i: same vectors and residuals', (n) => {
    const A = randomMatrix(n, 700 + n);
    const { re, im } = eigenvalues(A, n);
    // Also a λ that is no eigenvalue (nearest one's vector, large residual).
    const lre = [...re, 0.123];
    const lim = [...im, 0.456];
    const js = leftEigenvectors(A, n, lre, lim, () => true, 'js');
    const wasm = leftEigenvectors(A, n, lre, lim, () => true, 'wasm-simd');
    expect(wasm.length).toBe(js.length);
    let complex = 0;
    for (let k = 0; k < js.length; k++) {
      const a = js[k]!;
      const b = wasm[k]!;
      expect(bitsDiffer(b.re, a.re)).toBe(0);
      expect(bitsDiffer(b.im, a.im)).toBe(0);
      expect(Object.is(b.residual, a.residual)).toBe(true);
      if (k < re.length) {
        if (im[k] !== 0) complex++;
        // ξᴴ A = λ ξᴴ, i.e. Aᵀ ξ = λ̄ ξ, to the reported residual (relative to ‖A‖_F).
        expect(a.residual).toBeLessThan(1e-10);
      }
    }
    if (n >= 5) expect(complex).toBeGreaterThan(0);
    expect(js[re.length]!.residual).toBeGreaterThan(1e-6);
  });

  it('a singular H − λI (λ exactly an entry of a triangular A) gives the same bits', () => {
    const n = 40;
    const A = randomMatrix(n, 3);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) A[i * n + j] = 0; // upper triangular
    const re = [A[0], A[17 * n + 17], A[(n - 1) * n + n - 1]];
    const im = [0, 0, 0];
    const js = leftEigenvectors(A, n, re, im, () => true, 'js');
    const wasm = leftEigenvectors(A, n, re, im, () => true, 'wasm-simd');
    for (let k = 0; k < re.length; k++) {
      expect(bitsDiffer(wasm[k]!.re, js[k]!.re)).toBe(0);
      expect(bitsDiffer(wasm[k]!.im, js[k]!.im)).toBe(0);
    }
  });

  it('the default is the JS loops below order 32', () => {
    expect(useWasmHessenbergLu(31)).toBe(false);
    expect(useWasmHessenbergLu(32)).toBe(true);
    expect(useWasmHessenbergLu(100, 'js')).toBe(false);
  });
});
