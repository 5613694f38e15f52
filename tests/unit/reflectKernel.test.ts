import { describe, expect, it } from 'vitest';
import type { KernelName } from '../../src/numerics/kernels/gramKernels';
import { reflectorWorkspace } from '../../src/numerics/kernels/reflectKernel';
import { thinQr } from '../../src/numerics/linalg/householderQr';
import { bitsDiffer, normals } from './bits';

/**
 * The Householder reflector updates (src/numerics/kernels/reflectKernel.ts): the WebAssembly SIMD
 * kernel gives the JS loops' bits exactly — element by element, odd and even column ranges, row
 * counts that leave 0–3 rows after the groups of four — and so does a whole thin QR, including
 * rank-deficient input (zero and duplicated columns).
 */
describe('reflector updates: wasm-simd against js, bit for bit', () => {
  it.each([
    [9, 7, 0, 0],
    [10, 8, 1, 1],
    [11, 9, 2, 4],
    [12, 13, 3, 5],
    [37, 20, 5, 6],
    [64, 33, 0, 32],
  ])('m=%i k=%i i0=%i j0=%i', (m, k, i0, j0) => {
    const B = normals(m * k, m * 100 + k);
    const v = normals(m, m + k);
    const tau = 1.3;
    const out = {} as Record<KernelName, { b: Float64Array; wv: Float64Array }>;
    for (const kernel of ['js', 'wasm-simd'] as const) {
      const ws = reflectorWorkspace(m, k, kernel);
      expect(ws.kernel).toBe(kernel);
      ws.w.set(B);
      ws.v.set(v);
      ws.ops.vtB(ws.v, ws.w, k, i0, m, j0, ws.wv);
      ws.ops.rankOne(ws.w, k, i0, m, j0, tau, ws.v, ws.wv);
      out[kernel] = { b: ws.w.slice(), wv: ws.wv.slice(j0, k) };
    }
    expect(bitsDiffer(out['wasm-simd'].wv, out.js.wv)).toBe(0);
    expect(bitsDiffer(out['wasm-simd'].b, out.js.b)).toBe(0);
    // And the JS loops are vᵀB and B − τ v (vᵀB)ᵀ (to rounding).
    for (let j = j0; j < k; j++) {
      let s = 0;
      for (let i = i0; i < m; i++) s += v[i] * B[i * k + j];
      expect(out.js.wv[j - j0]).toBeCloseTo(s, 12);
      for (let i = 0; i < m; i++) {
        const want = i < i0 ? B[i * k + j] : B[i * k + j] - tau * v[i] * s;
        expect(out.js.b[i * k + j]).toBeCloseTo(want, 11);
      }
    }
    for (let i = 0; i < m; i++)
      for (let j = 0; j < j0; j++) expect(out.js.b[i * k + j]).toBe(B[i * k + j]);
  });

  it('thin QR gives the same Q and R bits with either kernel, rank-deficient input included', () => {
    for (const [m, k, seed] of [
      [5, 3, 1],
      [200, 61, 2],
      [501, 150, 3],
    ]) {
      const a = normals(m * k, seed);
      if (k > 6)
        for (let i = 0; i < m; i++) {
          a[i * k + 5] = a[i * k + 2]; // duplicated column
          a[i * k + 6] = 0; // zero column
        }
      const js = thinQr(a, m, k, 'js');
      const wasm = thinQr(a, m, k, 'wasm-simd');
      expect(bitsDiffer(wasm.q, js.q)).toBe(0);
      expect(bitsDiffer(wasm.r, js.r)).toBe(0);
      // Q is a fresh array, not a view the next QR overwrites.
      const before = wasm.q.slice();
      thinQr(normals(m * k, seed + 10), m, k, 'wasm-simd');
      expect(bitsDiffer(wasm.q, before)).toBe(0);
    }
  });

  it('the default kernel is JS for small matrices and wasm-simd from m·k = 4096', () => {
    expect(reflectorWorkspace(64, 63).kernel).toBe('js');
    expect(reflectorWorkspace(64, 64).kernel).toBe('wasm-simd');
  });
});
