/**
 * Seeded initial weights of the gradient baselines (docs/METHOD.md, "Gradient baselines"), drawn
 * from the project's generator so the same seed gives the same network on every backend and
 * engine. Keras' defaults, in TensorFlow.js' weight order and layout (row-major, gates
 * concatenated along the last axis: LSTM i, f, c, o; GRU z, r, h):
 *
 * - input kernel W (d×G·u) and the dense head (u×d): Glorot uniform, U(−a, a) with
 *   a = √(6 / (fan_in + fan_out));
 * - recurrent kernel U (u×G·u): orthogonal — the transpose of the thin-QR factor Q of a
 *   (G·u)×u standard normal matrix (QR with R's diagonal ≥ 0, so Q is Haar distributed), i.e.
 *   orthonormal rows;
 * - biases zero, except the LSTM forget gate's, 1 (Jozefowicz et al., 2015; Keras unit_forget_bias).
 */
import { thinQr } from '../numerics/linalg/householderQr';
import type { Rng } from '../numerics/rng';

export interface WeightTensor {
  shape: number[];
  values: Float32Array;
}

/** Gates of each cell (blocks of u columns in the kernels). */
export const GATES = { lstm: 4, gru: 3 } as const;

function glorot(rows: number, cols: number, rng: Rng): WeightTensor {
  const a = Math.sqrt(6 / (rows + cols));
  const values = new Float32Array(rows * cols);
  for (let k = 0; k < values.length; k++) values[k] = rng.range(-a, a);
  return { shape: [rows, cols], values };
}

function orthogonalRows(u: number, cols: number, rng: Rng): WeightTensor {
  const a = new Float64Array(cols * u);
  for (let k = 0; k < a.length; k++) a[k] = rng.normal();
  const { q } = thinQr(a, cols, u); // cols×u, orthonormal columns
  const values = new Float32Array(u * cols);
  for (let r = 0; r < cols; r++) for (let c = 0; c < u; c++) values[c * cols + r] = q[r * u + c];
  return { shape: [u, cols], values };
}

/**
 * [W (d×G·u), U (u×G·u), bias (G·u), dense kernel (u×d), dense bias (d)] of a one-layer
 * recurrent network with a linear head; draw order: W, U, dense kernel.
 */
export function initialWeights(
  cell: keyof typeof GATES,
  units: number,
  d: number,
  rng: Rng,
): WeightTensor[] {
  const g = GATES[cell] * units;
  const W = glorot(d, g, rng);
  const U = orthogonalRows(units, g, rng);
  const bias = new Float32Array(g);
  if (cell === 'lstm') bias.fill(1, units, 2 * units);
  const head = glorot(units, d, rng);
  return [W, U, { shape: [g], values: bias }, head, { shape: [d], values: new Float32Array(d) }];
}
