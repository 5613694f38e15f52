import { createLifter } from '../../numerics/kernels/lift';

/**
 * The sampled hidden layer ψ(x) = σ(W x + b) ∈ R^M (METHOD.md §2) and the EDMD dictionary
 * Ψ(x) = [ψ(x); 1] ∈ R^{M+1}. W and b are sampled, never trained.
 */
export type Activation = 'tanh' | 'relu';

export interface HiddenLayer {
  /** Input dimension d and width M. */
  d: number;
  width: number;
  /** W: M×d row-major; b: M. */
  W: Float64Array;
  b: Float64Array;
  act: Activation;
  /** SWIM: the pair of training-point indices behind each neuron (M×2), else null. */
  pairs: Int32Array | null;
}

/**
 * A dictionary of observables for EDMD: any map R^d → R^m written into a buffer. The sampled
 * hidden layer is one; tests use the linear dictionary [x; 1], for which EDMD is exact DMD.
 */
export interface Dictionary {
  d: number;
  m: number;
  /** Writes Ψ(x) of the state at x[xOffset .. xOffset+d) into out[offset .. offset+m). */
  lift(x: Float64Array, xOffset: number, out: Float64Array, offset: number): void;
  /** Ψ of `rows` consecutive states (state indices start … start+rows−1) into out rows of m. */
  liftRows?(
    states: Float64Array,
    start: number,
    rows: number,
    out: Float64Array,
    outOffset: number,
  ): void;
}

/** Ψ of `rows` consecutive states through the dictionary's batch path when it has one. */
export function liftMany(
  dict: Dictionary,
  states: Float64Array,
  start: number,
  rows: number,
  out: Float64Array,
  outOffset: number,
): void {
  if (dict.liftRows) dict.liftRows(states, start, rows, out, outOffset);
  else
    for (let k = 0; k < rows; k++)
      dict.lift(states, (start + k) * dict.d, out, outOffset + k * dict.m);
}

/**
 * The EDMD dictionary Ψ(x) = [σ(Wx + b); 1] of a sampled hidden layer, evaluated by the SIMD lift
 * kernel (src/numerics/kernels/lift.ts; bit-identical JS fallback), ~8× faster than a Math.tanh loop.
 */
export function layerDictionary(layer: HiddenLayer): Dictionary {
  const lifter = createLifter(layer.W, layer.b, layer.d, layer.width, layer.act);
  const d = layer.d;
  const scratch = new Float64Array(d);
  return {
    d,
    m: layer.width + 1,
    lift: (x, xOffset, out, offset) => {
      if (xOffset % d === 0) return lifter.liftRows(x, xOffset / d, 1, out, offset);
      scratch.set(x.subarray(xOffset, xOffset + d)); // a state not aligned to a row of d
      lifter.liftRows(scratch, 0, 1, out, offset);
    },
    liftRows: (states, start, rows, out, outOffset) =>
      lifter.liftRows(states, start, rows, out, outOffset),
  };
}
