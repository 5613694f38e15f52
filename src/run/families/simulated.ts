/**
 * The data stage of the simulated families (free and controlled systems are one kind of system
 * with p ≥ 0 inputs): trajectories from the system's spec, the snapshot pairs SWIM draws from, the
 * training sample the phase plot draws, and the blow-up box of the forecasts.
 */
import { divergencesOf, blowupBox } from '../../method/rollout';
import type { RolloutOutput } from '../../method/rollout';
import { pairIndex, pairPoints } from '../../method/sampling/pairs';
import type { TrajectorySet } from '../../numerics/trajectorySet';
import { scoreForecasts } from '../../method/metrics';
import { standardMetrics, testPart } from '../assess';
import type { Rng } from '../../numerics/rng';
import { buildDataset, sampleStates } from '../../sources/dataset';
import { holdSteps } from '../../sources/signals';
import type { SystemSpec } from '../../sources/systems/types';
import { entryOf } from '../registry';
import { systemParams, type RunConfig } from '../schema';
import type { Assessment, Prepared, SpectrumPart, StageInputs } from './types';

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
    trainSample: sampleStates(ds.train),
    dim: spec.dim,
    stateNames: spec.stateNames,
    dt: config.dt,
    testStarts: ds.testStarts,
  };
}

/** The forecasts of a simulated family, as its assessment reads them. */
export interface SimulatedForecasts {
  truth: TrajectorySet;
  relift: RolloutOutput;
  linear: RolloutOutput;
  trainMse: number;
  testMse: number;
}

/**
 * The standard assessment of a simulated family: errors normalised by the clean training data's
 * spread √(Σ std_i²), VPT against ε, the headline rollout the config names.
 */
export function assessSimulated(
  config: RunConfig,
  { data, model }: StageInputs<SimulatedData>,
  spectrum: SpectrumPart,
  f: SimulatedForecasts,
  lyapunov: number | null,
): Omit<Assessment, 'warnings'> {
  const { horizon } = config;
  const scale = Math.sqrt(data.std.reduce((s, v) => s + v * v, 0));
  const scores = scoreForecasts(f.truth, f.relift, f.linear, {
    horizon,
    scale: config.errnorm === 'component' ? data.std : scale,
    eps: config.eps,
    dt: config.dt,
  });
  const shown = { truth: f.truth.data, relift: f.relift.x, linear: f.linear.x };
  return {
    metrics: standardMetrics(scores, { ...f, headline: config.rollout, lyapunov, spectrum }),
    test: testPart(scores, { count: f.truth.count, horizon, ...shown }),
    divergences: divergencesOf(f.relift, f.linear),
    pairPoints: pairPoints(model.layer.pairs, data.pairs),
  };
}
