/**
 * Pure-JS lift kernel: the fallback behind lift.ts and the reference its tests compare the wasm
 * kernel with. Same operations in the same order as lift.c, so the two give identical bits:
 * z_j = b_j + W[j·d]·x_0 + … + W[j·d+d−1]·x_{d−1} (each product and sum rounded, left to right),
 * then σ(z_j) with σ = tanhDet or ReLU = Math.max(z, 0) (NaN propagates, −0 → +0).
 */
import type { Lifter } from './lift';
import { tanhDet } from './tanhDet';

/** JS Lifter (kernel 'js'). Arguments are validated by createLifter; W and b are copied. */
export function createJsLifter(
  W: Float64Array,
  b: Float64Array,
  d: number,
  width: number,
  act: 'tanh' | 'relu',
): Lifter {
  const m = width + 1;
  let w: Float64Array | null = W.slice(0, width * d);
  const bias = b.slice(0, width);
  const tanh = act === 'tanh';
  return {
    kernel: 'js',
    d,
    width,
    m,
    liftRows(states, start, rows, out, outOffset) {
      if (!w) throw new Error('Lifter used after dispose()');
      checkLiftRowsArgs(d, m, states, start, rows, out, outOffset);
      const ww = w;
      for (let k = 0; k < rows; k++) {
        const xo = (start + k) * d;
        const oo = outOffset + k * m;
        for (let j = 0, wj = 0; j < width; j++, wj += d) {
          let z = bias[j];
          for (let i = 0; i < d; i++) z += ww[wj + i] * states[xo + i];
          out[oo + j] = tanh ? tanhDet(z) : Math.max(z, 0);
        }
        out[oo + width] = 1;
      }
    },
    dispose() {
      w = null;
    },
  };
}

/** Validates the arguments of Lifter.liftRows (shared by both kernels). */
export function checkLiftRowsArgs(
  d: number,
  m: number,
  states: Float64Array,
  start: number,
  rows: number,
  out: Float64Array,
  outOffset: number,
): void {
  if (!Number.isInteger(start) || start < 0) {
    throw new RangeError(`start must be an integer ≥ 0, got ${start}`);
  }
  if (!Number.isInteger(rows) || rows < 0) {
    throw new RangeError(`rows must be an integer ≥ 0, got ${rows}`);
  }
  if (!Number.isInteger(outOffset) || outOffset < 0) {
    throw new RangeError(`outOffset must be an integer ≥ 0, got ${outOffset}`);
  }
  if (states.length < (start + rows) * d) {
    throw new RangeError(
      `states has ${states.length} < (start + rows)·d = ${(start + rows) * d} entries`,
    );
  }
  if (out.length < outOffset + rows * m) {
    throw new RangeError(
      `out has ${out.length} < outOffset + rows·m = ${outOffset + rows * m} entries`,
    );
  }
}
