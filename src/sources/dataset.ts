/**
 * Training and test data (METHOD.md §1). Trajectories are stored as count × points × d row-major
 * blocks; snapshot pairs (x_t, x_{t+1}) are formed inside one trajectory only, never across the end
 * of one and the start of the next.
 */
import { createRk4 } from '../numerics/integrate';
import type { Rng } from '../numerics/rng';
import type { SystemSpec } from './systems/types';

/** `count` trajectories of `points` states each, data[(j·points + t)·d + i]. */
export interface TrajectorySet {
  d: number;
  count: number;
  points: number;
  data: Float64Array;
}

export interface DatasetOptions {
  dt: number;
  /** Training trajectories and snapshot pairs per trajectory. */
  ntraj: number;
  len: number;
  /** Test trajectories and the forecast horizon (steps). */
  ntest: number;
  horizon: number;
  /** Noise level η: N(0, (η·std_i)²) added to training component i. */
  noise: number;
}

export interface Dataset {
  train: TrajectorySet;
  /** Noise-free training data (equal to train when noise = 0). */
  trainClean: TrajectorySet;
  test: TrajectorySet;
  /** Per-component mean and standard deviation of the clean training states. */
  mean: Float64Array;
  std: Float64Array;
}

/** Number of RK4 sub-steps per Δt so that the sub-step stays ≤ the system's maxStep. */
export function substepsFor(spec: SystemSpec, dt: number): number {
  return Math.max(1, Math.ceil(dt / spec.maxStep - 1e-9));
}

function drawInitial(spec: SystemSpec, rng: Rng): Float64Array {
  return Float64Array.from(spec.initialBox, ([lo, hi]) => rng.range(lo, hi));
}

/**
 * Integrates `count` trajectories of `points` states. Chaotic systems first integrate for the
 * system's transient time from each random start and discard it, so the data lie on the attractor.
 * Throws if the integration produces a non-finite state (Δt too large for this system).
 */
export function simulate(
  spec: SystemSpec,
  params: Record<string, number>,
  rng: Rng,
  dt: number,
  count: number,
  points: number,
): TrajectorySet {
  const d = spec.dim;
  const rhs = (x: Float64Array, out: Float64Array) => spec.rhs(x, params, out);
  const rk = createRk4(rhs, d, dt, substepsFor(spec, dt));
  const data = new Float64Array(count * points * d);
  const transientSteps = spec.chaotic ? Math.ceil(spec.transientTime / dt) : 0;
  for (let j = 0; j < count; j++) {
    const x = drawInitial(spec, rng);
    for (let s = 0; s < transientSteps; s++) rk.step(x);
    for (let t = 0; t < points; t++) {
      if (t > 0) rk.step(x);
      for (let i = 0; i < d; i++) {
        if (!Number.isFinite(x[i]) || Math.abs(x[i]) > 1e12) {
          throw new RangeError(
            `the ${spec.label} simulation blew up at step ${t} (dt = ${dt}); choose a smaller dt or other parameters`,
          );
        }
      }
      data.set(x, (j * points + t) * d);
    }
  }
  return { d, count, points, data };
}

/** Per-component mean and standard deviation over all states of a set. */
export function componentStats(set: TrajectorySet): { mean: Float64Array; std: Float64Array } {
  const { d, data } = set;
  const n = data.length / d;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let k = 0; k < n; k++) for (let i = 0; i < d; i++) mean[i] += data[k * d + i];
  for (let i = 0; i < d; i++) mean[i] /= n;
  for (let k = 0; k < n; k++)
    for (let i = 0; i < d; i++) std[i] += (data[k * d + i] - mean[i]) ** 2;
  for (let i = 0; i < d; i++) std[i] = Math.sqrt(std[i] / n);
  return { mean, std };
}

/**
 * Builds training and test sets. Training: ntraj trajectories of len+1 states. Test: ntest
 * trajectories of horizon+1 states from fresh initial conditions (for chaotic systems each after
 * its own transient, so test starts are unseen stretches of the attractor).
 * Draw order (fixed, part of the reproducibility contract): training starts, then test starts,
 * then the noise.
 */
export function buildDataset(
  spec: SystemSpec,
  params: Record<string, number>,
  opts: DatasetOptions,
  rng: Rng,
): Dataset {
  const trainClean = simulate(spec, params, rng, opts.dt, opts.ntraj, opts.len + 1);
  const test = simulate(spec, params, rng, opts.dt, opts.ntest, opts.horizon + 1);
  const { mean, std } = componentStats(trainClean);
  let train = trainClean;
  if (opts.noise > 0) {
    const noisy = Float64Array.from(trainClean.data);
    const d = spec.dim;
    for (let k = 0; k < noisy.length; k++) noisy[k] += opts.noise * std[k % d] * rng.normal();
    train = { ...trainClean, data: noisy };
  }
  return { train, trainClean, test, mean, std };
}
