import { describe, expect, it } from 'vitest';
import { createCrossAccumulator } from '../../src/numerics/kernels/crossKernel';
import { createGramAccumulator, type KernelName } from '../../src/numerics/kernels/gramKernels';
import { createRng } from '../../src/numerics/rng';

/**
 * The rectangular block accumulator (src/numerics/kernels/crossKernel.ts) against the full Gram
 * accumulator: C = U_Iᵀ V_J over the same samples in the same blocks is bit for bit the block
 * G[I, J] (U = V = X) or A[I, J] (U = Y, V = X), for both kernels and odd sizes.
 */
const N = 77;
const n = 23;
const rng = createRng(2024);
const X = Float64Array.from({ length: N * n }, () => rng.normal());
const Y = Float64Array.from({ length: N * n }, () => rng.normal());
/** Blocks of unequal row counts, as chunks of trajectories give. */
const BLOCKS = [16, 5, 16, 1, 16, 16, 7];

function full(kernel: KernelName): { G: Float64Array; A: Float64Array } {
  const acc = createGramAccumulator(n, { blockRows: 16, withCross: true, kernel });
  let k0 = 0;
  for (const rows of BLOCKS) {
    acc.xBlock.set(X.subarray(k0 * n, (k0 + rows) * n));
    acc.yBlock!.set(Y.subarray(k0 * n, (k0 + rows) * n));
    acc.accumulate(rows);
    k0 += rows;
  }
  return { G: acc.gram(), A: acc.cross() };
}

function block(
  kernel: KernelName,
  U: Float64Array,
  [i0, i1]: [number, number],
  [j0, j1]: [number, number],
): Float64Array {
  const acc = createCrossAccumulator(i1 - i0, j1 - j0, { blockRows: 16, kernel });
  let k0 = 0;
  for (const rows of BLOCKS) {
    for (let k = 0; k < rows; k++) {
      const r = (k0 + k) * n;
      acc.uBlock.set(U.subarray(r + i0, r + i1), k * (i1 - i0));
      acc.vBlock.set(X.subarray(r + j0, r + j1), k * (j1 - j0));
    }
    acc.accumulate(rows);
    k0 += rows;
  }
  return acc.result();
}

const bits = (a: Float64Array): bigint[] => Array.from(new BigUint64Array(a.slice().buffer));

function sub(M: Float64Array, [i0, i1]: [number, number], [j0, j1]: [number, number]) {
  const out = new Float64Array((i1 - i0) * (j1 - j0));
  for (let i = i0; i < i1; i++)
    for (let j = j0; j < j1; j++) out[(i - i0) * (j1 - j0) + j - j0] = M[i * n + j];
  return out;
}

describe('rectangular Gram blocks (cross_block)', () => {
  const ranges: Array<[[number, number], [number, number]]> = [
    [
      [0, 23],
      [0, 23],
    ],
    [
      [0, 9],
      [9, 23],
    ],
    [
      [0, 16],
      [16, 23],
    ],
    [
      [3, 4],
      [5, 22],
    ],
    [
      [0, 23],
      [11, 13],
    ],
  ];
  for (const kernel of ['wasm-simd', 'js'] as const) {
    const ref = full(kernel);
    for (const [I, J] of ranges) {
      it(`${kernel}: G[${I}, ${J}] and A[${I}, ${J}] bit for bit`, () => {
        expect(bits(block(kernel, X, I, J))).toEqual(bits(sub(ref.G, I, J)));
        expect(bits(block(kernel, Y, I, J))).toEqual(bits(sub(ref.A, I, J)));
      });
    }
  }

  it('the two kernels agree bit for bit', () => {
    expect(bits(block('wasm-simd', Y, [0, 23], [0, 23]))).toEqual(
      bits(block('js', Y, [0, 23], [0, 23])),
    );
  });

  it('refuses bad sizes and use after dispose', () => {
    expect(() => createCrossAccumulator(0, 3)).toThrow(/mu/);
    const acc = createCrossAccumulator(2, 3, { blockRows: 4 });
    expect(() => acc.accumulate(5)).toThrow(/rows must be an integer in \[0, 4\]/);
    acc.dispose();
    expect(() => acc.result()).toThrow(/after dispose/);
  });
});
