/**
 * Free systems (p = 0 inputs: van der Pol, Lorenz, Rössler, …): test trajectories from unseen
 * starts, the re-lifted and the linear Koopman forecasts of each (METHOD.md §4), scored by the
 * normalised error, VPT (in Lyapunov times for chaotic systems) and rollout MSE (METHOD.md §6).
 */
import { oneStepMse } from '../../method/metrics';
import { rolloutLinear, rolloutRelift, type RolloutOutput } from '../../method/rollout';
import type { TrajectorySet } from '../../numerics/trajectorySet';
import { trueTrajectories } from '../../sources/dataset';
import {
  scoreForecasts,
  standardMetrics,
  testPart,
  divergencesOf,
  TRAIN_MSE_PAIRS,
} from '../assess';
import { referenceFactFor } from '../registry';
import { divergenceWarnings, fitWarnings, unstableWarning } from '../warnings';
import { pairPoints, simulatedData, simulatedDataReads, type SimulatedData } from './simulated';
import type { FamilyDef } from './types';

export interface FreeForecast {
  truth: TrajectorySet;
  relift: RolloutOutput;
  linear: RolloutOutput;
  /** One-step MSEs on the training pairs and the test trajectories' pairs (they read no ε). */
  trainMse: number;
  testMse: number;
}

export const freeFamily: FamilyDef<SimulatedData, FreeForecast> = {
  family: 'free',
  dataReads: simulatedDataReads,
  data: (config, rng) => simulatedData(config, rng),
  forecastReads: (config) => [config.horizon],
  forecast(config, { data, model, fit }, _rng, progress) {
    const H = config.horizon;
    const truth = trueTrajectories(data.spec, data.params, data.testStarts, null, H, config.dt);
    const relift = rolloutRelift(model.dict, fit.CK, data.testStarts, fit.d, H, data.box);
    progress(0.5);
    const linear = rolloutLinear(model.dict, fit, data.testStarts, H, data.box);
    const trainMse = oneStepMse(model.dict, fit.CK, data.train, TRAIN_MSE_PAIRS);
    const testMse = oneStepMse(model.dict, fit.CK, truth, Infinity);
    return { truth, relift, linear, trainMse, testMse };
  },
  assessReads: (config) => [config.eps, config.rollout],
  assess(config, { data, model, fit, spectrum, forecast }) {
    const { truth, relift, linear, trainMse, testMse } = forecast;
    const H = config.horizon;
    const scores = scoreForecasts(truth, relift.x, linear.x, {
      horizon: H,
      scale: Math.sqrt(data.std.reduce((s, v) => s + v * v, 0)),
      eps: config.eps,
      dt: config.dt,
    });
    const fact = referenceFactFor(config);
    const metrics = standardMetrics(scores, {
      trainMse,
      testMse,
      headline: config.rollout,
      relift,
      linear,
      lyapunov: data.spec.chaotic && fact?.lyapunov ? fact.lyapunov : null,
      spectrum,
    });
    const divergences = divergencesOf(relift, linear);
    return {
      metrics,
      test: testPart(scores, {
        count: truth.count,
        horizon: H,
        truth: truth.data,
        relift: relift.x,
        linear: linear.x,
      }),
      divergences,
      warnings: [
        ...fitWarnings(fit),
        ...unstableWarning(spectrum.unstable, 'the linear rollout'),
        ...divergenceWarnings(divergences, config.ntest, config.dt, {
          relift: 're-lifted',
          linear: 'linear Koopman',
        }),
      ],
      pairPoints: pairPoints(model.layer.pairs, data.pairs),
    };
  },
};
