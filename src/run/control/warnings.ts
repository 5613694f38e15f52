/**
 * What a controlled run tells the user beyond the numbers: solve fallbacks, divergent forecasts,
 * inputs outside the training range, an input matrix that does not help, a controller that did
 * not reach its goal.
 */
import type { ClosedLoop } from '../../method/closedLoop';
import type { EdmdFit } from '../../method/edmd';
import type { RolloutOutput } from '../../method/rollout';
import type { ControlMetrics } from '../result';
import type { RunConfig } from '../schema';
import { unstableWarning } from '../warnings';
import type { SignalRun } from './predictions';

export interface WarningInputs {
  config: RunConfig;
  fit: EdmdFit;
  unstable: number;
  runs: SignalRun[];
  linear: RolloutOutput;
  control: ControlMetrics;
  loop: ClosedLoop;
}

/** Ratio of closed-loop to free mean distance above which the controller is reported as failing. */
export const CONTROL_OK_RATIO = 0.1;

export function controlWarnings(w: WarningInputs): string[] {
  const { config, fit, runs, linear, control, loop } = w;
  const out: string[] = [];
  if (fit.solveMethod !== 'cholesky')
    out.push(`the Gram matrix was numerically singular: solved by ${fit.solveMethod} (raise reg)`);
  out.push(...unstableWarning(w.unstable, 'the linear lifted model'));
  for (const r of runs) {
    const bad = r.withB.divergedAt.filter((s) => s >= 0).length;
    if (bad)
      out.push(
        `${bad} of ${config.ntest} forecasts under the ${r.kind} input diverged (NaN or blow-up)`,
      );
  }
  const badLinear = linear.divergedAt.filter((s) => s >= 0).length;
  if (badLinear)
    out.push(`${badLinear} of ${config.ntest} linear lifted forecasts diverged (NaN or blow-up)`);
  const amp = config.uamp;
  if (config.uinamp > amp)
    out.push(
      `the test input's amplitude ${config.uinamp} exceeds the training amplitude ${amp}: the model extrapolates`,
    );
  if (config.umax > amp)
    out.push(
      `u_max = ${config.umax} exceeds the training amplitude ${amp}: the controller may use inputs the model never saw`,
    );
  const row = control.inputs.find((r) => r.kind === config.uin);
  if (row && row.mse !== null && row.mseNoB !== null && row.mse >= row.mseNoB)
    out.push(`with this input, B does not improve the ${config.horizon}-step prediction`);
  if (!(control.ctrlRatio <= CONTROL_OK_RATIO))
    out.push(
      `the controller did not reach the goal: mean distance ${fmt(control.ctrlMeanDist)} is ${fmt(100 * control.ctrlRatio)} % of the uncontrolled ${fmt(control.freeMeanDist)} (goal ≤ ${100 * CONTROL_OK_RATIO} %)`,
    );
  if (loop.saturatedSteps > 0.8 * loop.steps)
    out.push(
      `the input sat on its bound ±${config.umax} in ${loop.saturatedSteps} of ${loop.steps} steps`,
    );
  return out;
}

const fmt = (v: number) => String(+v.toPrecision(3));
