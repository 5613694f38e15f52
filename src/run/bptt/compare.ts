/**
 * The comparison table of a gradient baseline against the sampled network of the same run: the
 * one-step and rollout MSE and VPT side by side, and for each threshold the ratio of training
 * times at equal one-step MSE (src/method/learningCurve.ts). The sampled network's training time
 * is its sample + features + solve wall time (data generation, spectrum and forecasts excluded,
 * as the baseline's training time excludes its data and its forecasts).
 */
import { speedRatio, type SpeedRatio } from '../../method/learningCurve';
import type { RunResult } from '../result';
import type { BpttResult } from './result';

/** The sampled network's training wall time, s: sampling, features and solve (with projection). */
export function sampledTrainingS(r: Pick<RunResult, 'timingsMs'>): number {
  const t = r.timingsMs;
  return (t.sample + t.features + t.solve) / 1000;
}

export interface ThresholdRow {
  mse: number;
  /** The baseline's time to reach it, s (null: not within the budget). */
  baselineS: number | null;
  ratio: SpeedRatio;
}

export interface BaselineComparison {
  sampled: {
    trainingS: number;
    testMse: number;
    rolloutMse: number | null;
    vpt: number;
  };
  thresholds: ThresholdRow[];
}

/** The comparison of one baseline with the run it was trained next to. */
export function compareWithSampled(
  b: BpttResult,
  run: Pick<RunResult, 'timingsMs' | 'metrics'>,
): BaselineComparison {
  const trainingS = sampledTrainingS(run);
  const testMse = run.metrics.testMse;
  return {
    sampled: {
      trainingS,
      testMse,
      rolloutMse: run.metrics.rolloutMse,
      vpt: run.metrics.vpt,
    },
    thresholds: b.reach.map(({ mse, s }) => ({
      mse,
      baselineS: s,
      ratio: speedRatio(s, b.trainedS, trainingS, testMse, mse),
    })),
  };
}
