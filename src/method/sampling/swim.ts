/**
 * SWIM: data-driven sampling of hidden weights from pairs of training points.
 * Bolager, Burak, Datar, Sun, Dietrich, "Sampling weights of deep neural networks", NeurIPS 2023;
 * used for recurrent networks in Bolager et al., "Gradient-free training of recurrent neural
 * networks", arXiv:2410.23467. METHOD.md §2.
 *
 * A candidate pair (x⁽¹⁾, x⁽²⁾) of training inputs gets the weight
 *   p ∝ ‖y⁽²⁾ − y⁽¹⁾‖_∞ / ‖x⁽²⁾ − x⁽¹⁾‖,
 * y being the next state of each input. M pairs are chosen with these probabilities (without
 * replacement, by Efraimidis–Spirakis keys log(u)/p), and each gives one neuron
 *   w = s₁ (x⁽²⁾ − x⁽¹⁾) / ‖x⁽²⁾ − x⁽¹⁾‖²,   b = −⟨w, x⁽¹⁾⟩ − s₂,
 * tanh: s₁ = ln 3 = 2·atanh(1/2), s₂ = s₁/2, so σ = −1/2 at x⁽¹⁾ and +1/2 at x⁽²⁾; ReLU: s₁ = 1, s₂ = 0.
 */
import { logDet } from '../../numerics/logDet';
import type { Rng } from '../../numerics/rng';
import type { Activation, HiddenLayer } from './hiddenLayer';

/** ln 3 = 2·atanh(1/2), correctly rounded (a literal: Math.log's last bit differs between engines). */
export const SWIM_TANH_S1 = 1.0986122886681098;

export interface PairData {
  d: number;
  /** Number of (input, target) pairs. */
  n: number;
  /** Index → offset of input x_k and of its target y_k in `states` (state index, times d). */
  inputIndex: Int32Array;
  targetIndex: Int32Array;
  states: Float64Array;
}

/** Candidate pairs per neuron: enough that the weighted choice sees the data's variety. */
const CANDIDATES_PER_NEURON = 10;
/** Pairs closer than this (relative to the data's RMS spread) are dropped: w would blow up. */
const MIN_DISTANCE_REL = 1e-8;

/**
 * Samples a SWIM hidden layer of width M from the pairs. Returns W (M×d), b (M) and the chosen pair
 * indices into the pair list (pairs[2j], pairs[2j+1] = indices k of x⁽¹⁾, x⁽²⁾).
 */
export function sampleSwim(data: PairData, width: number, act: Activation, rng: Rng): HiddenLayer {
  const { d, n, states, inputIndex, targetIndex } = data;
  if (n < 2) throw new RangeError('SWIM needs at least two training pairs');
  const spread = rmsSpread(data);
  const minDist = MIN_DISTANCE_REL * (spread > 0 ? spread : 1);
  const nc = Math.max(CANDIDATES_PER_NEURON * width, 1000);
  const cand1 = new Int32Array(nc);
  const cand2 = new Int32Array(nc);
  const keys = new Float64Array(nc);
  let valid = 0;
  for (let c = 0; c < nc; c++) {
    const k1 = rng.int(n);
    let k2 = rng.int(n - 1);
    if (k2 >= k1) k2++;
    cand1[c] = k1;
    cand2[c] = k2;
    const u = rng.uniform();
    const xo1 = inputIndex[k1] * d;
    const xo2 = inputIndex[k2] * d;
    const yo1 = targetIndex[k1] * d;
    const yo2 = targetIndex[k2] * d;
    let dx2 = 0;
    let dyInf = 0;
    for (let i = 0; i < d; i++) {
      dx2 += (states[xo2 + i] - states[xo1 + i]) ** 2;
      dyInf = Math.max(dyInf, Math.abs(states[yo2 + i] - states[yo1 + i]));
    }
    const dx = Math.sqrt(dx2);
    const p = dx > minDist ? dyInf / dx : 0;
    // Efraimidis–Spirakis: the M largest log(u)/p are a weighted sample without replacement.
    keys[c] = p > 0 ? logDet(u > 0 ? u : Number.MIN_VALUE) / p : -Infinity;
    if (p > 0) valid++;
  }
  if (valid < width) {
    throw new RangeError(
      `SWIM found only ${valid} usable candidate pairs for width ${width}: the training data are (nearly) constant`,
    );
  }
  const order = Array.from({ length: nc }, (_, c) => c);
  // Stable tie-break on the candidate index keeps the choice deterministic.
  order.sort((a, b) => keys[b] - keys[a] || a - b);

  const W = new Float64Array(width * d);
  const b = new Float64Array(width);
  const pairs = new Int32Array(width * 2);
  const s1 = act === 'tanh' ? SWIM_TANH_S1 : 1;
  const s2 = act === 'tanh' ? SWIM_TANH_S1 / 2 : 0;
  for (let j = 0; j < width; j++) {
    const c = order[j];
    const xo1 = inputIndex[cand1[c]] * d;
    const xo2 = inputIndex[cand2[c]] * d;
    let dx2 = 0;
    for (let i = 0; i < d; i++) dx2 += (states[xo2 + i] - states[xo1 + i]) ** 2;
    let wx1 = 0;
    for (let i = 0; i < d; i++) {
      const w = (s1 * (states[xo2 + i] - states[xo1 + i])) / dx2;
      W[j * d + i] = w;
      wx1 += w * states[xo1 + i];
    }
    b[j] = -wx1 - s2;
    pairs[2 * j] = cand1[c];
    pairs[2 * j + 1] = cand2[c];
  }
  return { d, width, W, b, act, pairs };
}

/** Root-mean-square distance of the inputs from their mean. */
function rmsSpread(data: PairData): number {
  const { d, n, states, inputIndex } = data;
  const mean = new Float64Array(d);
  for (let k = 0; k < n; k++) for (let i = 0; i < d; i++) mean[i] += states[inputIndex[k] * d + i];
  for (let i = 0; i < d; i++) mean[i] /= n;
  let s = 0;
  for (let k = 0; k < n; k++)
    for (let i = 0; i < d; i++) s += (states[inputIndex[k] * d + i] - mean[i]) ** 2;
  return Math.sqrt(s / n);
}
