/**
 * Free systems (p = 0 inputs: van der Pol, Lorenz, Rössler, …): test trajectories from unseen
 * starts, the re-lifted and the linear Koopman forecasts of each (METHOD.md §4), scored by the
 * normalised error, VPT (in Lyapunov times for chaotic systems) and rollout MSE (METHOD.md §6).
 */
import { oneStepMse } from '../../method/metrics';
import { forecastParallel } from '../../method/parallel';
import { rolloutLinear, rolloutRelift } from '../../method/rollout';
import { trueTrajectories } from '../../sources/dataset';
import { TRAIN_MSE_PAIRS } from '../assess';
import { referenceFactFor } from '../registry';
import { censoredWarning, divergenceWarnings, fitWarnings, unstableWarning } from '../warnings';
import {
  assessSimulated,
  simulatedData,
  type SimulatedData,
  type SimulatedForecasts,
} from './simulated';
import type { FamilyDef } from './types';
import type { TrajectorySet } from '../../numerics/trajectorySet';

/**
 * The true test trajectories of a data-stage output, per horizon and step: they read neither the
 * fit nor the rollout settings, so a new λ (which redoes the forecast stage) does not integrate
 * them again (issue 15). Weakly keyed by the stage cache's own data object, so they go when it
 * does; like every stage output they are never mutated.
 */
const truthOf = new WeakMap<SimulatedData, { horizon: number; dt: number; truth: TrajectorySet }>();

function testTruth(data: SimulatedData, horizon: number, dt: number): TrajectorySet {
  const kept = truthOf.get(data);
  if (kept && kept.horizon === horizon && kept.dt === dt) return kept.truth;
  const truth = trueTrajectories(data.spec, data.params, data.testStarts, null, horizon, dt);
  truthOf.set(data, { horizon, dt, truth });
  return truth;
}

export const freeFamily: FamilyDef<SimulatedData, SimulatedForecasts> = {
  family: 'free',
  data: (config, rng) => simulatedData(config, rng),
  forecast(config, { data, model, fit, par }, _rng, progress) {
    const H = config.horizon;
    const truth = testTruth(data, H, config.dt);
    // With a pool: the four parts in one fan-out, each thread a share of each (same bits).
    if (par) {
      const f = forecastParallel(
        par,
        fit,
        data.testStarts,
        truth,
        data.train,
        TRAIN_MSE_PAIRS,
        H,
        data.box,
      );
      return { truth, ...f };
    }
    const relift = rolloutRelift(model.dict, fit.CK, data.testStarts, fit.d, H, data.box);
    progress(0.5);
    const linear = rolloutLinear(model.dict, fit, data.testStarts, H, data.box);
    const trainMse = oneStepMse(model.dict, fit.CK, data.train, TRAIN_MSE_PAIRS);
    const testMse = oneStepMse(model.dict, fit.CK, truth, Infinity);
    return { truth, relift, linear, trainMse, testMse };
  },
  assess(config, inputs) {
    const { data, fit, spectrum, forecast } = inputs;
    const fact = referenceFactFor(config);
    const lyapunov = data.spec.chaotic && fact?.lyapunov ? fact.lyapunov : null;
    const a = assessSimulated(config, inputs, spectrum, forecast, lyapunov);
    return {
      ...a,
      warnings: [
        ...fitWarnings(fit),
        ...unstableWarning(spectrum.unstable, 'the linear rollout'),
        ...divergenceWarnings(a.divergences, config.ntest, config.dt, {
          relift: 're-lifted',
          linear: 'linear Koopman',
        }),
        ...censoredWarning(a.metrics.vptCensored, config.ntest, config.eps, config.horizon),
      ],
    };
  },
};
