import { describe, expect, it } from 'vitest';
import { hessenbergWorkspace } from '../../src/numerics/kernels/hessenbergKernel';
import { hessenbergInPlace } from '../../src/numerics/linalg/hessenberg';
import { bitsDiffer, normals } from './bits';

/**
 * The WebAssembly Hessenberg step (src/numerics/kernels/hessenbergKernel.ts) against the JS loops
 * of hessenbergInPlace: the same H and Q bits for orders that leave every remainder of the
 * kernel's groups of four rows and pairs of columns, with and without the basis, and for a matrix
 * with zero columns (skipped reflectors); Q is orthogonal and A = Q H Qᵀ.
 */
const randomMatrix = (n: number, seed: number) => normals(n * n, seed);

/** Reduces A with both kernels (with the basis) and expects the same H and Q bits. */
function reduceBoth(A: Float64Array, n: number) {
  const hJs = A.slice();
  const qJs = new Float64Array(n * n);
  const hW = A.slice();
  const qW = new Float64Array(n * n);
  hessenbergInPlace(hJs, n, qJs, 'js');
  hessenbergInPlace(hW, n, qW, 'wasm-simd');
  expect(bitsDiffer(hW, hJs)).toBe(0);
  expect(bitsDiffer(qW, qJs)).toBe(0);
  return { hJs, hW, qW };
}

describe('Hessenberg reduction: wasm-simd against js', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 31, 32, 33, 34, 64, 101, 201])(
    'n = %i: same H and Q bits',
    (n) => {
      const A = randomMatrix(n, 300 + n);
      const { hJs, hW, qW } = reduceBoth(A, n);
      // Values only: H is the same bits again.
      const h0 = A.slice();
      hessenbergInPlace(h0, n, undefined, 'wasm-simd');
      expect(bitsDiffer(h0, hJs)).toBe(0);
      // And it is the reduction: Hessenberg, Q orthogonal, Q H Qᵀ = A.
      const QH = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let l = 0; l < n; l++)
          for (let k = 0; k < n; k++) QH[i * n + k] += qW[i * n + l] * hW[l * n + k];
      let errA = 0;
      let errQ = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < i - 1; j++) expect(hW[i * n + j]).toBe(0);
        for (let j = 0; j < n; j++) {
          let qq = 0;
          let a = 0;
          for (let k = 0; k < n; k++) {
            qq += qW[k * n + i] * qW[k * n + j];
            a += QH[i * n + k] * qW[j * n + k];
          }
          errQ = Math.max(errQ, Math.abs(qq - (i === j ? 1 : 0)));
          errA = Math.max(errA, Math.abs(a - A[i * n + j]));
        }
      }
      expect(errQ).toBeLessThan(1e-13 * Math.max(1, n));
      expect(errA).toBeLessThan(1e-12 * Math.max(1, n));
    },
  );

  it('zero columns (skipped reflectors) give the same bits', () => {
    const n = 40;
    const A = randomMatrix(n, 9);
    for (let i = 0; i < n; i++) {
      A[i * n + 0] = 0; // column 0 zero: the first reflector is skipped
      if (i > 5) A[i * n + 5] = 0; // column 5 zero below row 6
    }
    reduceBoth(A, n);
  });

  it('the default is the JS loops below order 32', () => {
    expect(hessenbergWorkspace(31, false)).toBeNull();
    expect(hessenbergWorkspace(32, true)?.basis?.length).toBe(32 * 32);
    expect(hessenbergWorkspace(64, false, 'js')).toBeNull();
  });
});
