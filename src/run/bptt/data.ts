/**
 * The data a gradient baseline trains and is scored on: exactly the sampled network's. The data
 * stage is run with the same seed forks as src/run/pipeline.ts (the first fork of the run's
 * generator is the data stream), so the training trajectories (hence the snapshot pairs) and the
 * test starts are the same numbers; the true test trajectories are simulated as the free family's
 * forecast stage does (src/run/families/free.ts). The baseline's own random stream (initial
 * weights, window order) is a fifth fork, after the pipeline's four, so it disturbs none of them.
 */
import { buildWindows, type Windows } from '../../method/bpttWindows';
import type { BlowupBox } from '../../method/rollout';
import { createRng, type Rng } from '../../numerics/rng';
import type { TrajectorySet } from '../../numerics/trajectorySet';
import { trueTrajectories } from '../../sources/dataset';
import { simulatedData } from '../families/simulated';
import { familyOf } from '../registry';
import type { RunConfig } from '../schema';

export interface BpttData {
  /** The training trajectories of the run (noisy when noise > 0), as the fit reads them. */
  train: TrajectorySet;
  /** Test starts (ntest×d) and their true trajectories (ntest×(horizon+1)×d). */
  testStarts: Float64Array;
  truth: TrajectorySet;
  /** Standardisation (clean training data) and the forecasts' blow-up box. */
  mean: Float64Array;
  std: Float64Array;
  box: BlowupBox;
  d: number;
  dt: number;
  horizon: number;
  stateNames: string[];
  /** The baseline's own random stream (fork 5 of the run's generator). */
  rng: Rng;
}

/** The run's data for a gradient baseline; a RangeError naming `sys` for a system with inputs. */
export function bpttData(config: RunConfig): BpttData {
  if (familyOf(config.sys) !== 'free')
    throw new RangeError(
      `the gradient baselines need a simulated system without inputs, not sys=${config.sys}`,
    );
  const rng = createRng(config.seed);
  const data = rng.fork(); // the pipeline's order: data, sample, fit, signal
  rng.fork();
  rng.fork();
  rng.fork();
  const own = rng.fork();
  const s = simulatedData(config, data);
  const truth = trueTrajectories(s.spec, s.params, s.testStarts, null, config.horizon, config.dt);
  return {
    train: s.train,
    testStarts: s.testStarts,
    truth,
    mean: s.mean,
    std: s.std,
    box: s.box,
    d: s.dim,
    dt: s.dt,
    horizon: config.horizon,
    stateNames: s.stateNames,
    rng: own,
  };
}

/** Training and test windows of L pairs, standardised with the training data's mean and std. */
export function bpttWindows(data: BpttData, L: number): { train: Windows; test: Windows } {
  return {
    train: buildWindows(data.train, L, data.mean, data.std),
    test: buildWindows(data.truth, L, data.mean, data.std),
  };
}
