/**
 * A test dictionary for Koopman eigenfunctions of 2-D linear maps (tests/unit/eigenfunctions and
 * spectrumResiduals): the identity next to seeded tanh features, so that linear eigenfunctions
 * uᵀx are exactly representable while the tanh block adds inexact ones.
 */
import type { Dictionary } from '../../src/method/sampling/hiddenLayer';
import { createRng } from '../../src/numerics/rng';

/** Ψ(x) = [x; tanh(Wx + b); 1] with `width` seeded tanh features (width 0: [x; 1]). */
export function identityPlusTanh(width: number, seed: number): Dictionary {
  const rng = createRng(seed);
  const W = Float64Array.from({ length: 2 * width }, () => rng.range(-1, 1));
  const b = Float64Array.from({ length: width }, () => rng.range(-1, 1));
  const m = 2 + width + 1;
  return {
    d: 2,
    m,
    lift(x, xo, out, o) {
      out[o] = x[xo];
      out[o + 1] = x[xo + 1];
      for (let k = 0; k < width; k++)
        out[o + 2 + k] = Math.tanh(W[2 * k] * x[xo] + W[2 * k + 1] * x[xo + 1] + b[k]);
      out[o + m - 1] = 1;
    },
  };
}
