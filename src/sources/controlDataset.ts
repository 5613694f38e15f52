/**
 * Training data of a controlled system (METHOD.md §1, §3): many trajectories from random initial
 * conditions, each driven by its own random piecewise-constant input. The input u_t is held over
 * [tΔt, (t+1)Δt) (zero-order hold), so the snapshot triple (x_t, u_t, x_{t+1}) is exact.
 * Pairs never cross from one trajectory to the next.
 */
import { componentStats, type TrajectorySet } from './dataset';
import { createRk4 } from '../numerics/integrate';
import type { Rng } from '../numerics/rng';
import { trainingInputs } from './signals';
import type { ControlledSystemSpec } from './systems/controlledTypes';

/** A trajectory set with the inputs that drove it: inputs[(j·(points−1) + t)·p + i] = u_t of trajectory j. */
export interface ControlledSet extends TrajectorySet {
  p: number;
  inputs: Float64Array;
}

export interface ControlDataset {
  train: ControlledSet;
  /** Noise-free training states (equal to train when noise = 0). */
  trainClean: ControlledSet;
  /** Initial states of the test trajectories (ntest×d); their inputs are chosen later. */
  testStarts: Float64Array;
  mean: Float64Array;
  std: Float64Array;
}

/** RK4 sub-steps per Δt so the sub-step stays ≤ the system's maxStep. */
export function controlledSubsteps(spec: ControlledSystemSpec, dt: number): number {
  return Math.max(1, Math.ceil(dt / spec.maxStep - 1e-9));
}

/**
 * Simulates from x0 under the inputs u (steps×p, held per step); returns (steps+1)×d states.
 * Throws a RangeError naming the step when the state leaves the finite range (Δt too large).
 */
export function simulateControlled(
  spec: ControlledSystemSpec,
  params: Record<string, number>,
  x0: ArrayLike<number>,
  u: Float64Array,
  uOffset: number,
  steps: number,
  dt: number,
): Float64Array {
  const d = spec.dim;
  const p = spec.inputs;
  const ut = new Float64Array(p);
  const rk = createRk4(
    (x, out) => spec.rhs(x, ut, params, out),
    d,
    dt,
    controlledSubsteps(spec, dt),
  );
  const out = new Float64Array((steps + 1) * d);
  const x = Float64Array.from(x0);
  out.set(x, 0);
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < p; i++) ut[i] = u[uOffset + t * p + i];
    rk.step(x);
    for (let i = 0; i < d; i++) {
      if (!Number.isFinite(x[i]) || Math.abs(x[i]) > 1e12)
        throw new RangeError(
          `the ${spec.label} simulation blew up at step ${t + 1} (dt = ${dt}); choose a smaller dt, smaller inputs or other parameters`,
        );
    }
    out.set(x, (t + 1) * d);
  }
  return out;
}

export interface ControlDatasetOptions {
  dt: number;
  ntraj: number;
  /** Steps (input moves) per training trajectory. */
  len: number;
  ntest: number;
  noise: number;
  /** Training input levels are uniform in [−amp, amp], each held holdSteps steps. */
  amp: number;
  holdSteps: number;
}

function drawStart(spec: ControlledSystemSpec, rng: Rng): Float64Array {
  return Float64Array.from(spec.initialBox, ([lo, hi]) => rng.range(lo, hi));
}

/**
 * Draw order (part of the reproducibility contract): training starts, training inputs, test
 * starts, then the noise.
 */
export function buildControlDataset(
  spec: ControlledSystemSpec,
  params: Record<string, number>,
  opts: ControlDatasetOptions,
  rng: Rng,
): ControlDataset {
  const { dim: d, inputs: p } = spec;
  const points = opts.len + 1;
  const starts = Array.from({ length: opts.ntraj }, () => drawStart(spec, rng));
  const inputs = trainingInputs(rng, opts.ntraj, opts.len, p, opts.amp, opts.holdSteps);
  const data = new Float64Array(opts.ntraj * points * d);
  starts.forEach((x0, j) =>
    data.set(
      simulateControlled(spec, params, x0, inputs, j * opts.len * p, opts.len, opts.dt),
      j * points * d,
    ),
  );
  const trainClean: ControlledSet = { d, count: opts.ntraj, points, data, p, inputs };
  const testStarts = new Float64Array(opts.ntest * d);
  for (let j = 0; j < opts.ntest; j++) testStarts.set(drawStart(spec, rng), j * d);
  const { mean, std } = componentStats(trainClean);
  let train = trainClean;
  if (opts.noise > 0) {
    const noisy = Float64Array.from(data);
    for (let k = 0; k < noisy.length; k++) noisy[k] += opts.noise * std[k % d] * rng.normal();
    train = { ...trainClean, data: noisy };
  }
  return { train, trainClean, testStarts, mean, std };
}
