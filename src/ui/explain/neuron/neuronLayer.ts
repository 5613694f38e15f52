/**
 * One hidden layer as the neuron view reads it (METHOD.md §2): W, b and the SWIM pairs of a result,
 * a neuron's pre-activation w·x + b and activation σ, and what one neuron is at its pair. Pure.
 */
import type { RunResult } from '../../../run/result';

/** A hidden layer as the views read it: W (M×d), b (M), the SWIM pairs' points (M×2×d) or null. */
export interface LayerView {
  sampler: string;
  d: number;
  width: number;
  W: Float64Array;
  b: Float64Array;
  pairPoints: Float64Array | null;
  act: string;
}

export function layerOfResult(r: RunResult): LayerView {
  return {
    sampler: r.config.sampler,
    d: r.dim,
    width: r.model.width,
    W: r.model.W,
    b: r.model.b,
    pairPoints: r.model.pairPoints,
    act: r.config.act,
  };
}

/** σ of the layer: tanh or ReLU. */
export function activate(act: string, z: number): number {
  return act === 'relu' ? Math.max(0, z) : Math.tanh(z);
}

/** w_j·x + b_j, summed over i = 0 … d−1 in order and then + b_j (as the sampler forms b). */
export function preActivation(layer: LayerView, j: number, x: ArrayLike<number>, off = 0): number {
  let s = 0;
  for (let i = 0; i < layer.d; i++) s += layer.W[j * layer.d + i] * x[off + i];
  return s + layer.b[j];
}

/** What one neuron is: its weights, its pair and its activation at the pair's two points. */
export interface NeuronInfo {
  j: number;
  w: number[];
  b: number;
  /** The SWIM pair's points x⁽¹⁾, x⁽²⁾ (null for random features). */
  x1: number[] | null;
  x2: number[] | null;
  /** w·x + b and σ(w·x + b) at x⁽¹⁾ and x⁽²⁾ (null without a pair). */
  pre1: number | null;
  pre2: number | null;
  act1: number | null;
  act2: number | null;
  /**
   * What METHOD.md §2 says σ is at the two points: tanh −½ and +½ (w·x + b = ∓ln3/2), ReLU 0 and 1.
   */
  expected: [number, number];
}

export function neuronInfo(layer: LayerView, j: number): NeuronInfo {
  const d = layer.d;
  const w = Array.from(layer.W.subarray(j * d, (j + 1) * d));
  const pp = layer.pairPoints;
  const x1 = pp ? Array.from(pp.subarray(2 * j * d, (2 * j + 1) * d)) : null;
  const x2 = pp ? Array.from(pp.subarray((2 * j + 1) * d, (2 * j + 2) * d)) : null;
  const pre1 = x1 ? preActivation(layer, j, x1) : null;
  const pre2 = x2 ? preActivation(layer, j, x2) : null;
  return {
    j,
    w,
    b: layer.b[j],
    x1,
    x2,
    pre1,
    pre2,
    act1: pre1 === null ? null : activate(layer.act, pre1),
    act2: pre2 === null ? null : activate(layer.act, pre2),
    expected: layer.act === 'relu' ? [0, 1] : [-0.5, 0.5],
  };
}
