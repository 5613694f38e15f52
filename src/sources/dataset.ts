/**
 * Training data of a simulated system with p ≥ 0 inputs (METHOD.md §1, §3). Trajectories are stored
 * as count × points × d row-major blocks; snapshot pairs (x_t, x_{t+1}) are formed inside one
 * trajectory only, never across the end of one and the start of the next. With inputs (p ≥ 1) each
 * training trajectory is driven by its own random piecewise-constant input, held over
 * [tΔt, (t+1)Δt) (zero-order hold), so every triple (x_t, u_t, x_{t+1}) is exact.
 */
import { createRk4 } from '../numerics/integrate';
import type { Rng } from '../numerics/rng';
import type { TrajectorySet } from '../numerics/trajectorySet';
import { trainingInputs } from './signals';
import type { SystemSpec } from './systems/types';

export interface DatasetOptions {
  dt: number;
  /** Training trajectories and snapshot pairs (input moves) per trajectory. */
  ntraj: number;
  len: number;
  /** Number of test starts (their trajectories are simulated by the forecast). */
  ntest: number;
  /** Noise level η: N(0, (η·std_i)²) added to training component i. */
  noise: number;
  /** Inputs (p ≥ 1 only): levels uniform in [−amp, amp], each held holdSteps steps. */
  amp: number;
  holdSteps: number;
}

export interface Dataset {
  train: TrajectorySet;
  /** Noise-free training data (equal to train when noise = 0). */
  trainClean: TrajectorySet;
  /** Initial states of the test trajectories (ntest×d), on the attractor for chaotic systems. */
  testStarts: Float64Array;
  /** Per-component mean and standard deviation of the clean training states. */
  mean: Float64Array;
  std: Float64Array;
}

/** Number of RK4 sub-steps per Δt so that the sub-step stays ≤ the system's maxStep. */
export function substepsFor(spec: SystemSpec, dt: number): number {
  return Math.max(1, Math.ceil(dt / spec.maxStep - 1e-9));
}

/**
 * A stepper of the true system over one Δt under an input held constant (p = 0: no input).
 * One closure per use: it owns its RK4 scratch and input buffers.
 */
export function createPlantStepper(
  spec: SystemSpec,
  params: Record<string, number>,
  dt: number,
): (x: Float64Array, u?: ArrayLike<number>) => void {
  const ut = new Float64Array(spec.inputs);
  const rk = createRk4(
    (x, out) => spec.rhs(x, ut, params, out),
    spec.dim,
    dt,
    substepsFor(spec, dt),
  );
  return (x, u) => {
    if (u) for (let i = 0; i < ut.length; i++) ut[i] = u[i];
    rk.step(x);
  };
}

function blewUp(spec: SystemSpec, step: number, dt: number): RangeError {
  const what = spec.inputs > 0 ? 'a smaller dt, smaller inputs' : 'a smaller dt';
  return new RangeError(
    `the ${spec.label} simulation blew up at step ${step} (dt = ${dt}); choose ${what} or other parameters`,
  );
}

/**
 * Simulates from x0 for `steps` steps of Δt under the inputs u[uOffset + t·p …] (null: none, or
 * p = 0); returns (steps+1)×d states, row 0 = x0. Throws a RangeError naming the step when the
 * state turns non-finite or exceeds 1e12 (Δt too large for this system).
 */
export function simulate(
  spec: SystemSpec,
  params: Record<string, number>,
  x0: ArrayLike<number>,
  u: Float64Array | null,
  uOffset: number,
  steps: number,
  dt: number,
): Float64Array {
  const d = spec.dim;
  const p = spec.inputs;
  const step = createPlantStepper(spec, params, dt);
  const out = new Float64Array((steps + 1) * d);
  const x = Float64Array.from(x0);
  out.set(x, 0);
  for (let t = 0; t < steps; t++) {
    step(x, u && p > 0 ? u.subarray(uOffset + t * p, uOffset + (t + 1) * p) : undefined);
    for (let i = 0; i < d; i++)
      if (!Number.isFinite(x[i]) || Math.abs(x[i]) > 1e12) throw blewUp(spec, t + 1, dt);
    out.set(x, (t + 1) * d);
  }
  return out;
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
 * A start drawn uniformly from the system's box; chaotic systems then integrate for their transient
 * time (discarded) so the start lies on the attractor.
 */
function drawStart(spec: SystemSpec, params: Record<string, number>, dt: number, rng: Rng) {
  const x = Float64Array.from(spec.initialBox, ([lo, hi]) => rng.range(lo, hi));
  const transient = spec.chaotic ? Math.ceil(spec.transientTime / dt) : 0;
  if (transient > 0) {
    const step = createPlantStepper(spec, params, dt);
    for (let s = 0; s < transient; s++) step(x);
    if (!x.every((v) => Number.isFinite(v) && Math.abs(v) <= 1e12)) throw blewUp(spec, 0, dt);
  }
  return x;
}

/**
 * Builds the training set and the test starts. Draw order (fixed, part of the reproducibility
 * contract): training starts, training inputs (p ≥ 1), test starts, then the noise. Integration
 * draws nothing, so where the transients are integrated does not change the streams.
 */
export function buildDataset(
  spec: SystemSpec,
  params: Record<string, number>,
  opts: DatasetOptions,
  rng: Rng,
): Dataset {
  const { dim: d, inputs: p } = spec;
  const points = opts.len + 1;
  const starts = Array.from({ length: opts.ntraj }, () => drawStart(spec, params, opts.dt, rng));
  const inputs =
    p > 0 ? trainingInputs(rng, opts.ntraj, opts.len, p, opts.amp, opts.holdSteps) : null;
  const data = new Float64Array(opts.ntraj * points * d);
  starts.forEach((x0, j) =>
    data.set(
      simulate(spec, params, x0, inputs, j * opts.len * p, opts.len, opts.dt),
      j * points * d,
    ),
  );
  const trainClean: TrajectorySet = {
    d,
    count: opts.ntraj,
    points,
    data,
    ...(inputs ? { p, inputs } : {}),
  };
  const testStarts = new Float64Array(opts.ntest * d);
  for (let j = 0; j < opts.ntest; j++) testStarts.set(drawStart(spec, params, opts.dt, rng), j * d);
  const { mean, std } = componentStats(trainClean);
  let train = trainClean;
  if (opts.noise > 0) {
    const noisy = Float64Array.from(data);
    for (let k = 0; k < noisy.length; k++) noisy[k] += opts.noise * std[k % d] * rng.normal();
    train = { ...trainClean, data: noisy };
  }
  return { train, trainClean, testStarts, mean, std };
}

/** True trajectories from each start (count×d) under the same inputs u (horizon×p, or null). */
export function trueTrajectories(
  spec: SystemSpec,
  params: Record<string, number>,
  starts: Float64Array,
  u: Float64Array | null,
  horizon: number,
  dt: number,
): TrajectorySet {
  const d = spec.dim;
  const count = starts.length / d;
  const data = new Float64Array(count * (horizon + 1) * d);
  for (let j = 0; j < count; j++)
    data.set(
      simulate(spec, params, starts.subarray(j * d, (j + 1) * d), u, 0, horizon, dt),
      j * (horizon + 1) * d,
    );
  return { d, count, points: horizon + 1, data };
}

/**
 * Up to `maxRows` states of a set, evenly strided (the phase plot's training sample), with the
 * trajectory of each: x is rows×d.
 */
export function sampleStates(set: TrajectorySet, maxRows = 3000) {
  const n = set.count * set.points;
  const stride = Math.max(1, Math.ceil(n / maxRows));
  const rows = Math.ceil(n / stride);
  const x = new Float64Array(rows * set.d);
  const traj = new Int32Array(rows);
  for (let k = 0, r = 0; k < n; k += stride, r++) {
    x.set(set.data.subarray(k * set.d, (k + 1) * set.d), r * set.d);
    traj[r] = Math.floor(k / set.points);
  }
  return { x, traj, rows };
}
