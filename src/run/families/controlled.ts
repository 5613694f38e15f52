/**
 * Controlled systems (p ≥ 1 inputs: forced van der Pol, Duffing): prediction under every unseen
 * test input with B and with B = 0, the linear lifted model under the chosen input, and model-
 * predictive control of the true system on the learned lifted model next to the free run
 * (METHOD.md §3–4, §8). The standard forecast metrics are those of the chosen input.
 */
import { meanDistance, runClosedLoop, type ClosedLoop, type Plant } from '../../method/closedLoop';
import { oneStepMse } from '../../method/metrics';
import { rolloutLinear, type RolloutOutput } from '../../method/rollout';
import type { Rng } from '../../numerics/rng';
import { createPlantStepper } from '../../sources/dataset';
import { holdSteps, INPUT_SIGNALS, testSignal, type InputSignalKind } from '../../sources/signals';
import { TRAIN_MSE_PAIRS } from '../assess';
import type { ControlMetrics } from '../result';
import type { RunConfig } from '../schema';
import { meanErrorCurve, runSignal, type SignalRun } from '../control/predictions';
import { controlWarnings } from '../control/warnings';
import { assessSimulated, simulatedData, type SimulatedData } from './simulated';
import type { FamilyDef, StageInputs } from './types';

export interface ControlledForecast {
  runs: SignalRun[];
  chosen: SignalRun;
  linear: RolloutOutput;
  loop: ClosedLoop;
  goal: Float64Array;
  /** One-step MSEs on the training triples and under the chosen test input (they read no ε). */
  trainMse: number;
  testMse: number;
}

export const controlledFamily: FamilyDef<SimulatedData, ControlledForecast> = {
  family: 'controlled',
  data: (config, rng) => simulatedData(config, rng),
  forecast,
  assess(config, inputs) {
    const { data, fit, spectrum, forecast: f } = inputs;
    const H = config.horizon;
    const truth = f.chosen.truth;
    const a = assessSimulated(
      config,
      inputs,
      spectrum,
      { ...f, truth, relift: f.chosen.withB },
      null,
    );
    const control = controlMetrics(f);
    return {
      ...a,
      metrics: { ...a.metrics, control },
      warnings: controlWarnings({ config, fit, unstable: spectrum.unstable, ...f, control }),
      control: {
        inputNames: data.spec.inputNames,
        p: data.spec.inputs,
        taskNote: data.spec.taskNote,
        B: fit.B,
        CB: fit.CB,
        prediction: {
          kind: f.chosen.kind,
          label: f.chosen.label,
          count: truth.count,
          horizon: H,
          u: f.chosen.u,
          truth: truth.data,
          withB: f.chosen.withB.x,
          noB: f.chosen.noB.x,
          linear: f.linear.x,
          errorWithB: meanErrorCurve(f.chosen.withB.x, truth),
          errorNoB: meanErrorCurve(f.chosen.noB.x, truth),
          errorLinear: meanErrorCurve(f.linear.x, truth),
        },
        closedLoop: f.loop,
      },
    };
  },
};

function forecast(
  config: RunConfig,
  { data, model, fit }: StageInputs<SimulatedData>,
  rng: Rng,
  progress: (f: number) => void,
): ControlledForecast {
  const { spec, params, testStarts, box } = data;
  const dt = config.dt;
  const H = config.horizon;
  const signalSpec = {
    amp: config.uinamp,
    freq: config.uinfreq,
    dt,
    horizon: H,
    holdSteps: holdSteps(config.uhold, dt),
  };
  const runs = INPUT_SIGNALS.map((kind) => {
    const s = testSignal({ ...signalSpec, kind }, spec.inputs, rng);
    return runSignal(spec, params, model.dict, fit, testStarts, { kind, ...s }, H, dt, box);
  });
  const chosen = runs.find((r) => r.kind === (config.uin as InputSignalKind)) ?? runs[0];
  const linear = rolloutLinear(model.dict, fit, testStarts, H, box, chosen.u);
  progress(0.5);
  const goal =
    config.goal === 'point' ? Float64Array.of(config.gx, config.gy) : new Float64Array(spec.dim);
  const plant: Plant = {
    d: spec.dim,
    p: spec.inputs,
    stepper: () => createPlantStepper(spec, params, dt),
  };
  const loop = runClosedLoop(plant, fit, model.dict, {
    dt,
    time: config.ctime,
    start: Float64Array.of(config.x0, config.y0),
    goal,
    horizon: config.mpch,
    inputWeight: config.ur,
    umax: config.umax,
    integralGain: config.ki,
  });
  const trainMse = oneStepMse(model.dict, fit.CK, data.train, TRAIN_MSE_PAIRS, {
    CB: fit.CB,
    p: fit.p,
    inputs: data.train.inputs!,
  });
  const testMse = oneStepMse(model.dict, fit.CK, chosen.truth, Infinity, {
    CB: fit.CB,
    p: fit.p,
    inputs: repeatInputs(chosen.u, chosen.truth.count),
  });
  return { runs, chosen, linear, loop, goal, trainMse, testMse };
}

function controlMetrics(f: ControlledForecast): ControlMetrics {
  const { chosen, loop, goal } = f;
  const ctrlMeanDist = meanDistance(loop.x, goal, loop.steps);
  const freeMeanDist = meanDistance(loop.free, goal, loop.steps);
  return {
    predMse50: chosen.row.mse50,
    predMse: chosen.row.mse,
    predMse50NoB: chosen.row.mse50NoB,
    predMseNoB: chosen.row.mseNoB,
    ctrlMeanDist,
    freeMeanDist,
    ctrlRatio: ctrlMeanDist / freeMeanDist,
    ctrlCost: sum(loop.stageCost),
    freeCost: sum(loop.freeStageCost),
    inputs: f.runs.map((r) => r.row),
  };
}

function sum(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

function repeatInputs(u: Float64Array, count: number): Float64Array {
  const out = new Float64Array(u.length * count);
  for (let j = 0; j < count; j++) out.set(u, j * u.length);
  return out;
}
