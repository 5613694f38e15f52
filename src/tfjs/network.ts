/**
 * The gradient baselines' network in TensorFlow.js ops: one LSTM or GRU layer and a linear head,
 * written out step by step (about twice as fast per Adam step as tf.layers' LSTM on the wasm
 * backend, and the same function serves training, one-step evaluation and the free-running
 * rollout). Keras' equations and weight layout (src/method/bpttInit.ts):
 *
 *   LSTM: [i f g o] = x W + h U + b,  c' = σ(f)⊙c + σ(i)⊙tanh(g),  h' = σ(o)⊙tanh(c')
 *   GRU:  [z r] = σ(x W_zr + h U_zr + b_zr),  h̃ = tanh(x W_h + (r⊙h) U_h + b_h),
 *         h' = z⊙h + (1 − z)⊙h̃
 *   output: ŷ = h' V + c_out  (the standardised next state)
 */
import * as tf from '@tensorflow/tfjs';
import type { WeightTensor } from '../method/bpttInit';
import type { BpttCell } from '../run/bptt/settings';

export interface Network {
  cell: BpttCell;
  units: number;
  d: number;
  /** W (d×G·u), U (u×G·u), b (G·u), V (u×d), c (d). */
  vars: tf.Variable[];
}

export function createNetwork(
  cell: BpttCell,
  units: number,
  d: number,
  init: WeightTensor[],
): Network {
  return { cell, units, d, vars: init.map((w) => tf.variable(tf.tensor(w.values, w.shape))) };
}

export function parameterCount(net: Network): number {
  return net.vars.reduce((s, v) => s + v.size, 0);
}

export function disposeNetwork(net: Network): void {
  net.vars.forEach((v) => v.dispose());
}

/** Recurrent state: h (and c for the LSTM), each [B, u]. */
export interface CellState {
  h: tf.Tensor2D;
  c: tf.Tensor2D | null;
}

export function zeroState(net: Network, batch: number): CellState {
  return {
    h: tf.zeros([batch, net.units]),
    c: net.cell === 'lstm' ? tf.zeros([batch, net.units]) : null,
  };
}

/** One step of the cell from the input projection xw = x W + b ([B, G·u]). */
function step(net: Network, xw: tf.Tensor2D, s: CellState): CellState {
  const [, U] = net.vars as [tf.Variable, tf.Tensor2D];
  const u = net.units;
  if (net.cell === 'lstm') {
    const z = tf.add(xw, tf.matMul(s.h, U));
    const [i, f, g, o] = tf.split(z, 4, 1);
    const c = tf.add(tf.mul(tf.sigmoid(f), s.c!), tf.mul(tf.sigmoid(i), tf.tanh(g))) as tf.Tensor2D;
    return { h: tf.mul(tf.sigmoid(o), tf.tanh(c)), c };
  }
  const [xzr, xh] = tf.split(xw, [2 * u, u], 1);
  const [Uzr, Uh] = tf.split(U, [2 * u, u], 1);
  const zr = tf.sigmoid(tf.add(xzr, tf.matMul(s.h, Uzr)));
  const [z, r] = tf.split(zr, 2, 1);
  const hh = tf.tanh(tf.add(xh, tf.matMul(tf.mul(r, s.h), Uh)));
  const h = tf.add(tf.mul(z, s.h), tf.mul(tf.sub(1, z), hh)) as tf.Tensor2D;
  return { h, c: null };
}

/**
 * Teacher-forced predictions of a batch of windows from a zero state: x [B, L, d] → ŷ [B, L, d]
 * (ŷ[:, s] predicts x_{t0+s+1} from x_{t0} … x_{t0+s}).
 */
export function predictWindows(net: Network, x: tf.Tensor3D): tf.Tensor3D {
  const [W, , b, V, c] = net.vars as tf.Tensor2D[];
  const [B, L, d] = x.shape;
  const xw = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [B * L, d]), W), b), [B, L, -1]);
  const steps = tf.unstack(xw, 1) as tf.Tensor2D[];
  let s = zeroState(net, B);
  const hs: tf.Tensor2D[] = [];
  for (const xt of steps) {
    s = step(net, xt, s);
    hs.push(s.h);
  }
  const H = tf.reshape(tf.stack(hs, 1), [B * L, net.units]);
  return tf.reshape(tf.add(tf.matMul(H, V), c), [B, L, d]);
}

/** One free-running step: the state and the input x [B, d] → the next state and ŷ [B, d]. */
export function freeStep(
  net: Network,
  x: tf.Tensor2D,
  s: CellState,
): { state: CellState; y: tf.Tensor2D } {
  const [W, , b, V, c] = net.vars as tf.Tensor2D[];
  const next = step(net, tf.add(tf.matMul(x, W), b), s);
  return { state: next, y: tf.add(tf.matMul(next.h, V), c) };
}
