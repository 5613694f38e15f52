import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import {
  createGramAccumulator,
  defaultKernel,
  type GramAccumulator,
  type KernelName,
} from '../../src/numerics/kernels/gramKernels';
import { gemmNN, prepareGemm } from '../../src/numerics/kernels/gemm';
import { createRng } from '../../src/numerics/rng';

/** Seeded uniform [0, 1) stream from the project's generator (xoshiro128**). */
const seededUniform = (seed: number): (() => number) => {
  const rng = createRng(seed);
  return () => rng.uniform();
};

function randomMatrix(rand: () => number, rows: number, cols: number): Float64Array {
  const a = new Float64Array(rows * cols);
  for (let i = 0; i < a.length; i++) a[i] = 2 * rand() - 1;
  return a;
}

const KERNELS: KernelName[] = ['wasm-simd', 'js'];

/**
 * Tolerance against ml-matrix: |Δ| ≤ 1e-12·(1 + |value|). ml-matrix sums the same products in a
 * different order, so results differ by rounding only. With entries in [-1, 1) and n ≤ 37 terms
 * the classical bound |Δ| ≤ 2·n·ε·Σ|terms| ≤ 2·37·1.1e-16·37 ≈ 3e-13 stays below 1e-12.
 * For larger cases (n up to 300) we use that bound itself, computed per element.
 */
function expectClose(got: Float64Array, want: Float64Array, bound?: Float64Array): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const tol = bound ? bound[i] : 1e-12 * (1 + Math.abs(want[i]));
    if (!(Math.abs(got[i] - want[i]) <= tol)) {
      throw new Error(`entry ${i}: got ${got[i]}, want ${want[i]} (tol ${tol})`);
    }
  }
}

/** Bit-for-bit equality (distinguishes -0 from +0, compares NaN payloads). */
function expectBitIdentical(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length * 2);
  for (let i = 0; i < ua.length; i++) {
    if (ua[i] !== ub[i]) throw new Error(`entry ${i >> 1}: ${a[i >> 1]} !== ${b[i >> 1]}`);
  }
}

/** ml-matrix: Pᵀ·Q for P, Q rows×m row-major → m×m row-major (zeros when rows = 0). */
function mlTransposeTimes(p: Float64Array, q: Float64Array, rows: number, m: number): Float64Array {
  if (rows === 0) return new Float64Array(m * m);
  const P = Matrix.from1DArray(rows, m, Array.from(p.subarray(0, rows * m)));
  const Q = Matrix.from1DArray(rows, m, Array.from(q.subarray(0, rows * m)));
  return Float64Array.from(P.transpose().mmul(Q).to1DArray());
}

/** 2·n·ε·Σ_k |P[k,i]·Q[k,j]|: a rigorous bound on the difference of two summation orders. */
function orderBound(p: Float64Array, q: Float64Array, rows: number, m: number): Float64Array {
  const b = new Float64Array(m * m);
  for (let k = 0; k < rows; k++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) b[i * m + j] += Math.abs(p[k * m + i] * q[k * m + j]);
    }
  }
  const c = 2 * Math.max(rows, 1) * Number.EPSILON;
  return b.map((v) => c * v + 1e-300);
}

/** Naive reference with the kernels' summation order: each entry Σ_k sequentially from +0. */
function naiveTransposeTimes(
  p: Float64Array,
  q: Float64Array,
  rows: number,
  m: number,
): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < rows; k++) s += p[k * m + i] * q[k * m + j];
      out[i * m + j] = s;
    }
  }
  return out;
}

/** Feeds rows×m data x (and y) through acc in chunks of the given sizes (cycled). */
function feed(
  acc: GramAccumulator,
  x: Float64Array,
  y: Float64Array | null,
  rows: number,
  chunks: number[] = [acc.blockRows],
): void {
  const m = acc.m;
  let k0 = 0;
  for (let c = 0; k0 < rows || c === 0; c++) {
    const n = Math.min(chunks[c % chunks.length], rows - k0);
    acc.xBlock.set(x.subarray(k0 * m, (k0 + n) * m));
    if (y && acc.yBlock) acc.yBlock.set(y.subarray(k0 * m, (k0 + n) * m));
    acc.accumulate(n);
    k0 += n;
  }
}

/** Small sizes: all odd/even residues mod the tile sizes, rows = 0, m = 1. */
function smallCases(): [number, number][] {
  const rand = seededUniform(7);
  const cases: [number, number][] = [
    [0, 1],
    [0, 5],
    [1, 1],
    [1, 29],
    [37, 1],
    [37, 29],
    [3, 4],
    [8, 8],
  ];
  for (let t = 0; t < 24; t++) cases.push([Math.floor(rand() * 38), 1 + Math.floor(rand() * 29)]);
  return cases;
}

describe('gram kernels', () => {
  it('uses wasm-simd by default in Node', () => {
    expect(defaultKernel()).toBe('wasm-simd');
    expect(createGramAccumulator(3).kernel).toBe('wasm-simd');
  });

  for (const kernel of KERNELS) {
    it(`${kernel}: G = XᵀX and A = YᵀX match ml-matrix on small odd sizes`, () => {
      let seed = 1;
      for (const [rows, m] of smallCases()) {
        const rand = seededUniform(seed++);
        const x = randomMatrix(rand, rows, m);
        const y = randomMatrix(rand, rows, m);
        const acc = createGramAccumulator(m, {
          blockRows: Math.max(rows, 1),
          withCross: true,
          kernel,
        });
        expect(acc.kernel).toBe(kernel);
        feed(acc, x, y, rows);
        const g = acc.gram();
        expectClose(g, mlTransposeTimes(x, x, rows, m));
        expectClose(acc.cross(), mlTransposeTimes(y, x, rows, m));
        // Same order as the naive sequential sum, hence bit-identical to it.
        expectBitIdentical(g, naiveTransposeTimes(x, x, rows, m));
        expectBitIdentical(acc.cross(), naiveTransposeTimes(y, x, rows, m));
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < m; j++) expect(g[i * m + j]).toBe(g[j * m + i]);
        }
        acc.dispose();
      }
    });

    it(`${kernel}: several accumulate calls equal one big product`, () => {
      const rand = seededUniform(99);
      const m = 23;
      const rows = 101;
      const x = randomMatrix(rand, rows, m);
      const y = randomMatrix(rand, rows, m);
      const acc = createGramAccumulator(m, { blockRows: 16, withCross: true, kernel });
      feed(acc, x, y, rows, [16, 0, 5, 1, 13, 16, 7]);
      const one = createGramAccumulator(m, { blockRows: rows, withCross: true, kernel });
      feed(one, x, y, rows);
      // The sum order per entry is sequential in k, so block boundaries do not change a bit.
      expectBitIdentical(acc.gram(), one.gram());
      expectBitIdentical(acc.cross(), one.cross());
      expectClose(acc.gram(), mlTransposeTimes(x, x, rows, m), orderBound(x, x, rows, m));
      expectClose(acc.cross(), mlTransposeTimes(y, x, rows, m), orderBound(y, x, rows, m));
    });

    it(`${kernel}: rejects bad rows, cross without withCross, use after dispose`, () => {
      const acc = createGramAccumulator(5, { blockRows: 4, kernel });
      expect(acc.yBlock).toBeNull();
      expect(() => acc.accumulate(5)).toThrow(RangeError);
      expect(() => acc.accumulate(-1)).toThrow(RangeError);
      expect(() => acc.accumulate(1.5)).toThrow(RangeError);
      expect(() => acc.cross()).toThrow();
      acc.accumulate(0);
      expect(acc.gram()).toEqual(new Float64Array(25));
      acc.dispose();
      expect(() => acc.accumulate(1)).toThrow();
      expect(() => createGramAccumulator(0, { kernel })).toThrow(RangeError);
    });
  }

  it('wasm and js are bit-identical on a multi-block, multi-tile case', () => {
    // m = 261 spans several 128-column blocks and ends in a partial tile; 600 rows = 2 full blocks
    // of 256 plus a partial one.
    const rand = seededUniform(2024);
    const m = 261;
    const rows = 600;
    const x = randomMatrix(rand, rows, m);
    const y = randomMatrix(rand, rows, m);
    const res = KERNELS.map((kernel) => {
      const acc = createGramAccumulator(m, { withCross: true, kernel });
      feed(acc, x, y, rows);
      return { g: acc.gram(), a: acc.cross() };
    });
    expectBitIdentical(res[0].g, res[1].g);
    expectBitIdentical(res[0].a, res[1].a);
    expectClose(res[0].g, mlTransposeTimes(x, x, rows, m), orderBound(x, x, rows, m));
    expectClose(res[0].a, mlTransposeTimes(y, x, rows, m), orderBound(y, x, rows, m));
    // Deterministic: a second run gives the same bits.
    const again = createGramAccumulator(m, { withCross: true, kernel: 'wasm-simd' });
    feed(again, x, y, rows);
    expectBitIdentical(again.gram(), res[0].g);
  });

  describe('gemmNN', () => {
    const naive = (x: Float64Array, rows: number, m: number, q: Float64Array, r: number) => {
      const z = new Float64Array(rows * r);
      for (let k = 0; k < rows; k++) {
        for (let c = 0; c < r; c++) {
          let s = 0;
          for (let i = 0; i < m; i++) s += x[k * m + i] * q[i * r + c];
          z[k * r + c] = s;
        }
      }
      return z;
    };

    it('matches ml-matrix and the sequential reference bit for bit (both kernels)', () => {
      const rand = seededUniform(5);
      const cases: [number, number, number][] = [
        [0, 3, 2],
        [3, 0, 2],
        [3, 2, 0],
        [1, 1, 1],
        [300, 300, 13], // > one row block of 256 and > one inner chunk of 256
      ];
      for (let t = 0; t < 20; t++) {
        cases.push([Math.floor(rand() * 41), Math.floor(rand() * 21), Math.floor(rand() * 21)]);
      }
      for (const [rows, m, r] of cases) {
        const x = randomMatrix(rand, rows, m);
        const q = randomMatrix(rand, m, r);
        const ref = naive(x, rows, m, q, r);
        const zw = gemmNN(x, rows, m, q, r, 'wasm-simd');
        const zj = gemmNN(x, rows, m, q, r, 'js');
        expectBitIdentical(zw, ref);
        expectBitIdentical(zj, ref);
        expectBitIdentical(gemmNN(x, rows, m, q, r), zw);
        if (rows > 0 && m > 0 && r > 0 && m <= 37) {
          const ml = Matrix.from1DArray(rows, m, Array.from(x))
            .mmul(Matrix.from1DArray(m, r, Array.from(q)))
            .to1DArray();
          expectClose(zw, Float64Array.from(ml));
        }
      }
    });

    it('rejects short inputs', () => {
      expect(() => gemmNN(new Float64Array(5), 2, 3, new Float64Array(6), 2)).toThrow(RangeError);
      expect(() => gemmNN(new Float64Array(6), 2, 3, new Float64Array(5), 2)).toThrow(RangeError);
    });
  });

  describe('prepareGemm', () => {
    it("gives gemmNN's bits for every X, both kernels, Q read once at preparation", () => {
      const rand = seededUniform(11);
      for (const [m, r] of [
        [1, 1],
        [37, 3],
        [100, 100],
        [300, 13],
      ]) {
        const q = randomMatrix(rand, m, r);
        const keep = q.slice();
        const prepared = {
          default: prepareGemm(q, m, r),
          'wasm-simd': prepareGemm(q, m, r, 'wasm-simd'),
          js: prepareGemm(q, m, r, 'js'),
        };
        q.fill(NaN); // later changes to q do not reach the prepared products
        for (const rows of [0, 1, 3, 4, 20, 257, 600]) {
          const x = randomMatrix(rand, rows, m);
          const want = gemmNN(x, rows, m, keep, r, 'js');
          for (const p of Object.values(prepared)) expectBitIdentical(p.times(x, rows), want);
        }
        // The same prepared product stays valid while gemmNN (sharing no memory with it) runs.
        const x = randomMatrix(rand, 8, m);
        gemmNN(randomMatrix(rand, 300, 300), 300, 300, randomMatrix(rand, 300, 7), 7);
        expectBitIdentical(prepared['wasm-simd'].times(x, 8), gemmNN(x, 8, m, keep, r));
      }
    });

    it('rejects short inputs and empty shapes', () => {
      expect(() => prepareGemm(new Float64Array(5), 3, 2)).toThrow(RangeError);
      expect(() => prepareGemm(new Float64Array(0), 0, 2)).toThrow(RangeError);
      expect(() => prepareGemm(new Float64Array(6), 3, 2).times(new Float64Array(5), 2)).toThrow(
        RangeError,
      );
    });
  });
});
