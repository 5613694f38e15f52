/**
 * One controlled run (sys = forcedvdp, duffing), end to end: random piecewise-constant training
 * inputs → trajectories → sampled hidden layer → EDMD with control ([K B], C) → spectrum of K →
 * prediction under every test input signal with B and with B = 0 → MPC on the learned lifted
 * model driving the true system, next to the uncontrolled one. Pure and synchronous like
 * runPipeline, with the same seeded generator forked in the same order (data, sample, fit) and a
 * fourth fork for the random test signal.
 */
import { serializeQuery } from '../query';
import { systemParams, type RunConfig } from '../schema';
import { defaultKernel } from '../../numerics/kernels/gramKernels';
import { eigenvalues } from '../../numerics/linalg/eigenvalues';
import {
  median,
  medianCurve,
  normalisedErrors,
  oneStepMse,
  rolloutMse,
  spectrumStats,
  validPredictionTimes,
} from '../../method/metrics';
import { createPhaseClock } from '../phaseClock';
import type { Metrics, Progress, RunResult } from '../result';
import { createRng } from '../../numerics/rng';
import { blowupBox } from '../../method/rollout';
import { layerDictionary } from '../../method/sampling/hiddenLayer';
import {
  countDiverged,
  divergenceList,
  modelOf,
  pairIndex,
  sampleLayer,
  subsample,
} from '../runParts';
import { runClosedLoop, meanDistance } from '../../method/closedLoop';
import { buildControlDataset } from '../../sources/controlDataset';
import { fitEdmdControl } from '../../method/edmdControl';
import { meanErrorCurve, runSignal } from './predictions';
import { getControlledSystem } from '../../sources/systems/controlledRegistry';
import { linearControlled } from '../../method/rolloutControl';
import { holdSteps, testSignal } from '../../sources/signals';
import {
  INPUT_SIGNALS,
  type ControlMetrics,
  type InputSignalKind,
} from '../../sources/systems/controlledTypes';
import { controlWarnings } from './warnings';

const TRAIN_MSE_PAIRS = 5000;

export function runControlPipeline(
  config: RunConfig,
  opts: { onProgress?: (p: Progress) => void } = {},
): RunResult {
  const spec = getControlledSystem(config.sys);
  const params = systemParams(config);
  const clock = createPhaseClock(opts.onProgress);
  const rng = createRng(config.seed);
  const rngData = rng.fork();
  const rngSample = rng.fork();
  rng.fork(); // the fit's stream (POD) in the other pipelines: unused, kept so the streams line up
  const rngSignal = rng.fork();
  const dt = config.dt;
  const H = config.horizon;
  const hold = holdSteps(Number(config.uhold), dt);

  clock.progress('data', 0);
  const ds = buildControlDataset(
    spec,
    params,
    {
      dt,
      ntraj: config.ntraj,
      len: config.len,
      ntest: config.ntest,
      noise: config.noise,
      amp: Number(config.uamp),
      holdSteps: hold,
    },
    rngData,
  );
  clock.end('data');

  clock.progress('sample', 0);
  const pairs = pairIndex(ds.train);
  const layer = sampleLayer(config, pairs, ds.mean, ds.std, rngSample);
  const dict = layerDictionary(layer);
  clock.end('sample');

  clock.progress('features', 0);
  const fit = fitEdmdControl(dict, ds.train, config.reg, (f) => clock.progress('features', f));
  clock.record('features', fit.featuresMs);
  clock.record('solve', fit.solveMs);

  clock.progress('spectrum', 0);
  const eig = eigenvalues(fit.K, fit.m);
  const { unstable, radius } = spectrumStats(eig);
  clock.end('spectrum');

  clock.progress('forecast', 0);
  const box = blowupBox(ds.trainClean, ds.mean, ds.std);
  const signalSpec = {
    amp: Number(config.uinamp),
    freq: Number(config.uinfreq),
    dt,
    horizon: H,
    holdSteps: hold,
  };
  const runs = INPUT_SIGNALS.map((kind) => {
    const s = testSignal({ ...signalSpec, kind }, spec.inputs, rngSignal);
    return runSignal(spec, params, dict, fit, ds.testStarts, { kind, ...s }, H, dt, box);
  });
  const chosen = runs.find((r) => r.kind === (config.uin as InputSignalKind)) ?? runs[0];
  const linear = linearControlled(dict, fit, ds.testStarts, chosen.u, H, box);
  clock.progress('forecast', 0.5);

  const goal =
    config.goal === 'point'
      ? Float64Array.of(Number(config.gx), Number(config.gy))
      : new Float64Array(spec.dim);
  const loop = runClosedLoop(spec, params, fit, dict, {
    dt,
    time: Number(config.ctime),
    start: Float64Array.of(Number(config.x0), Number(config.y0)),
    goal,
    horizon: Number(config.mpch),
    inputWeight: Number(config.ur),
    umax: Number(config.umax),
    integralGain: Number(config.ki),
  });
  const ctrlMeanDist = meanDistance(loop.x, goal, loop.steps);
  const freeMeanDist = meanDistance(loop.free, goal, loop.steps);
  const control: ControlMetrics = {
    predMse50: chosen.row.mse50,
    predMse: chosen.row.mse,
    predMse50NoB: chosen.row.mse50NoB,
    predMseNoB: chosen.row.mseNoB,
    ctrlMeanDist,
    freeMeanDist,
    ctrlRatio: ctrlMeanDist / freeMeanDist,
    ctrlCost: sum(loop.stageCost),
    freeCost: sum(loop.freeStageCost),
    inputs: runs.map((r) => r.row),
  };

  // The standard forecast metrics, on the chosen signal's test trajectories.
  const truth = chosen.truth;
  const scale = Math.sqrt(ds.std.reduce((s, v) => s + v * v, 0));
  const errR = normalisedErrors(chosen.withB.x, truth, H, scale);
  const errL = normalisedErrors(linear.x, truth, H, scale);
  const vptR = median(validPredictionTimes(errR, truth.count, H, config.eps, dt));
  const vptL = median(validPredictionTimes(errL, truth.count, H, config.eps, dt));
  const mseR = rolloutMse(chosen.withB.x, truth, H);
  const mseL = rolloutMse(linear.x, truth, H);
  const headRelift = config.rollout === 'relift';
  const metrics: Metrics = {
    trainMse: oneStepMse(dict, fit.CK, ds.train, TRAIN_MSE_PAIRS, {
      CB: fit.CB,
      p: fit.p,
      inputs: ds.train.inputs,
    }),
    testMse: oneStepMse(dict, fit.CK, truth, Infinity, {
      CB: fit.CB,
      p: fit.p,
      inputs: repeatInputs(chosen.u, truth.count),
    }),
    rolloutMse: (headRelift ? mseR : mseL).total,
    rolloutMseRelift: mseR.total,
    rolloutMseLinear: mseL.total,
    rolloutMsePerComponent: (headRelift ? mseR : mseL).perComponent,
    divergedRelift: countDiverged(chosen.withB),
    divergedLinear: countDiverged(linear),
    vpt: headRelift ? vptR : vptL,
    vptLyapunov: null,
    vptRelift: vptR,
    vptLinear: vptL,
    unstableEigenvalues: unstable,
    spectralRadius: radius,
    control,
  };
  clock.end('forecast');
  const timings = clock.finish();

  const divergences = [
    ...divergenceList('relift', chosen.withB),
    ...divergenceList('linear', linear),
  ];
  return {
    family: 'controlled',
    config,
    query: serializeQuery(config),
    timingsMs: timings,
    metrics,
    eigenvalues: eig,
    spectrumRank: fit.m,
    warnings: controlWarnings({ config, fit, unstable, runs, linear, control, loop }),
    divergences,
    kernel: defaultKernel(),
    solveMethod: fit.solveMethod,
    dim: spec.dim,
    stateNames: spec.stateNames,
    dt,
    trainSample: subsample(ds.train),
    model: modelOf(layer, pairs, fit),
    test: {
      count: truth.count,
      horizon: H,
      truth: truth.data,
      relift: chosen.withB.x,
      linear: linear.x,
      errorRelift: errR,
      errorLinear: errL,
      medianErrorRelift: medianCurve(errR, truth.count, H),
      medianErrorLinear: medianCurve(errL, truth.count, H),
    },
    control: {
      inputNames: spec.inputNames,
      p: spec.inputs,
      taskNote: spec.taskNote,
      B: fit.B,
      CB: fit.CB,
      prediction: {
        kind: chosen.kind,
        label: chosen.label,
        count: truth.count,
        horizon: H,
        u: chosen.u,
        truth: truth.data,
        withB: chosen.withB.x,
        noB: chosen.noB.x,
        linear: linear.x,
        errorWithB: meanErrorCurve(chosen.withB.x, truth),
        errorNoB: meanErrorCurve(chosen.noB.x, truth),
        errorLinear: meanErrorCurve(linear.x, truth),
      },
      closedLoop: loop,
    },
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
