/**
 * The data stage of the simulated families (free and controlled systems are one kind of system
 * with p ≥ 0 inputs): trajectories from the system's spec, the snapshot pairs SWIM draws from, the
 * training sample the phase plot draws, and the blow-up box of the forecasts.
 */
import { blowupBox } from '../../method/rollout';
import type { PairData } from '../../method/sampling/swim';
import type { Rng } from '../../numerics/rng';
import type { TrajectorySet } from '../../numerics/trajectorySet';
import { buildDataset } from '../../sources/dataset';
import { holdSteps } from '../../sources/signals';
import type { SystemSpec } from '../../sources/systems/types';
import { entryOf } from '../registry';
import type { RunResult } from '../result';
import { systemParams, type RunConfig } from '../schema';
import type { Prepared } from './types';

/** Training states drawn in the phase plot (evenly strided). */
const PHASE_SAMPLE_POINTS = 3000;

export interface SimulatedData extends Prepared {
  spec: SystemSpec;
  params: Record<string, number>;
  /** Test starts, ntest×d (their trajectories are simulated by the forecast stage). */
  testStarts: Float64Array;
}

export function simulatedSpec(config: RunConfig): SystemSpec {
  const spec = entryOf(config.sys).spec;
  if (!spec) throw new RangeError(`'${config.sys}' is not a simulated system`);
  return spec;
}

/** The settings the simulated data stage reads (inputs only for p ≥ 1). */
export function simulatedDataReads(config: RunConfig): unknown[] {
  const spec = simulatedSpec(config);
  const inputs = spec.inputs > 0 ? [config.uamp, config.uhold] : [];
  return [
    config.sys,
    Object.values(systemParams(config)),
    config.dt,
    config.ntraj,
    config.len,
    config.noise,
    config.ntest,
    config.seed,
    ...inputs,
  ];
}

export function simulatedData(config: RunConfig, rng: Rng): SimulatedData {
  const spec = simulatedSpec(config);
  const params = systemParams(config);
  const ds = buildDataset(
    spec,
    params,
    {
      dt: config.dt,
      ntraj: config.ntraj,
      len: config.len,
      ntest: config.ntest,
      noise: config.noise,
      amp: spec.inputs > 0 ? config.uamp : 0,
      holdSteps: spec.inputs > 0 ? holdSteps(config.uhold, config.dt) : 1,
    },
    rng,
  );
  return {
    spec,
    params,
    train: ds.train,
    pairs: pairIndex(ds.train),
    mean: ds.mean,
    std: ds.std,
    box: blowupBox(ds.trainClean, ds.mean, ds.std),
    trainSample: subsample(ds.train),
    dim: spec.dim,
    stateNames: spec.stateNames,
    dt: config.dt,
    testStarts: ds.testStarts,
  };
}

/** All within-trajectory (input, next state) pairs of a set as indices into its states. */
export function pairIndex(set: TrajectorySet): PairData {
  const n = set.count * (set.points - 1);
  const inputIndex = new Int32Array(n);
  const targetIndex = new Int32Array(n);
  let k = 0;
  for (let j = 0; j < set.count; j++)
    for (let t = 0; t < set.points - 1; t++) {
      inputIndex[k] = j * set.points + t;
      targetIndex[k] = j * set.points + t + 1;
      k++;
    }
  return { d: set.d, n, inputIndex, targetIndex, states: set.data };
}

function subsample(set: TrajectorySet): RunResult['trainSample'] {
  const n = set.count * set.points;
  const stride = Math.max(1, Math.ceil(n / PHASE_SAMPLE_POINTS));
  const rows = Math.ceil(n / stride);
  const x = new Float64Array(rows * set.d);
  const traj = new Int32Array(rows);
  for (let k = 0, r = 0; k < n; k += stride, r++) {
    x.set(set.data.subarray(k * set.d, (k + 1) * set.d), r * set.d);
    traj[r] = Math.floor(k / set.points);
  }
  return { x, traj, rows };
}

/** The two points of each SWIM pair, M×2×d (null for samplers without pairs). */
export function pairPoints(p: Int32Array | null, data: PairData): Float64Array | null {
  if (!p) return null;
  const { d, states, inputIndex } = data;
  const width = p.length / 2;
  const out = new Float64Array(width * 2 * d);
  for (let j = 0; j < width; j++)
    for (let s = 0; s < 2; s++) {
      const off = inputIndex[p[2 * j + s]] * d;
      out.set(states.subarray(off, off + d), (2 * j + s) * d);
    }
  return out;
}
