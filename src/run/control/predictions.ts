/**
 * Prediction under new inputs: the true system and the learned model driven by the same unseen
 * input signal from each test start, with B and with B = 0 (the input ignored), so the value of
 * the input matrix is a number. MSE over steps 1…min(50, H) and 1…H, averaged over starts and
 * components; null when a forecast diverged (reported, never averaged in).
 */
import type { EdmdFit } from '../../method/edmd';
import { rolloutMse } from '../../method/metrics';
import { rolloutRelift, type BlowupBox, type RolloutOutput } from '../../method/rollout';
import type { Dictionary } from '../../method/sampling/hiddenLayer';
import type { TrajectorySet } from '../../numerics/trajectorySet';
import { trueTrajectories } from '../../sources/dataset';
import type { InputSignalKind } from '../../sources/signals';
import type { SystemSpec } from '../../sources/systems/types';
import type { InputErrorRow } from '../result';

/** The short-horizon window of the prediction metric (steps). */
export const SHORT_STEPS = 50;

export interface SignalRun {
  kind: InputSignalKind;
  label: string;
  /** horizon×p. */
  u: Float64Array;
  truth: TrajectorySet;
  withB: RolloutOutput;
  noB: RolloutOutput;
  row: InputErrorRow;
}

/** MSE of forecasts over steps 1…h (h ≤ H) against the truth; null if any is non-finite. */
export function mseUpTo(forecast: Float64Array, truth: TrajectorySet, h: number): number | null {
  const H = truth.points - 1;
  const { d, count } = truth;
  const cut = new Float64Array(count * (h + 1) * d);
  const cutTruth = new Float64Array(count * (h + 1) * d);
  for (let j = 0; j < count; j++) {
    cut.set(forecast.subarray(j * (H + 1) * d, (j * (H + 1) + h + 1) * d), j * (h + 1) * d);
    cutTruth.set(truth.data.subarray(j * (H + 1) * d, (j * (H + 1) + h + 1) * d), j * (h + 1) * d);
  }
  return rolloutMse(cut, { d, count, points: h + 1, data: cutTruth }, h).total;
}

/** Truth, both re-lifted forecasts and the error row of one input signal. */
export function runSignal(
  spec: SystemSpec,
  params: Record<string, number>,
  dict: Dictionary,
  fit: EdmdFit,
  starts: Float64Array,
  signal: { kind: InputSignalKind; label: string; u: Float64Array },
  horizon: number,
  dt: number,
  box: BlowupBox,
): SignalRun {
  const truth = trueTrajectories(spec, params, starts, signal.u, horizon, dt);
  const drive = { CB: fit.CB, p: fit.p, u: signal.u };
  const withB = rolloutRelift(dict, fit.CK, starts, fit.d, horizon, box, drive);
  const noB = rolloutRelift(dict, fit.CK, starts, fit.d, horizon, box);
  const short = Math.min(SHORT_STEPS, horizon);
  return {
    ...signal,
    truth,
    withB,
    noB,
    row: {
      kind: signal.kind,
      label: signal.label,
      mse50: mseUpTo(withB.x, truth, short),
      mse: mseUpTo(withB.x, truth, horizon),
      mse50NoB: mseUpTo(noB.x, truth, short),
      mseNoB: mseUpTo(noB.x, truth, horizon),
    },
  };
}

/** Mean over forecasts of ‖x̂_t − x_t‖ per step t = 0…H (NaN once any forecast diverged). */
export function meanErrorCurve(forecast: Float64Array, truth: TrajectorySet): Float64Array {
  const { d, count, points } = truth;
  const out = new Float64Array(points);
  for (let t = 0; t < points; t++) {
    let s = 0;
    for (let j = 0; j < count; j++) {
      let q = 0;
      for (let i = 0; i < d; i++)
        q += (forecast[(j * points + t) * d + i] - truth.data[(j * points + t) * d + i]) ** 2;
      s += Math.sqrt(q);
    }
    out[t] = s / count;
  }
  return out;
}
