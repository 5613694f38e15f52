/**
 * A gradient baseline trained by truncated backpropagation through time with TensorFlow.js
 * (docs/METHOD.md, "Gradient baselines"), shared by the BPTT worker and the CLI. One LSTM or GRU
 * layer (returning its whole sequence) and a linear head predict the standardised next state
 * ŷ_{t+1} from x_0 … x_t; trained with Adam on the MSE over windows of L pairs of the run's own
 * training trajectories, each window from a zero state; initial weights and window order from the
 * run's seeded generator (src/run/bptt/data.ts). Everything that is numerics of the project —
 * windows, scoring, thresholds — is pure and lives below (src/method, src/run/bptt); this file
 * only moves tensors.
 *
 * Training runs in small steps (one Adam step on one batch), with `hooks.pause()` awaited between
 * steps (the worker yields to its message loop there) and a snapshot of the weights handed out
 * after each: Stop on the page terminates the worker at once and `scoreSnapshot` scores the last
 * snapshot in a fresh one. The budget and the curve's times count training steps only
 * (evaluations for the curve are excluded).
 */
import * as tf from '@tensorflow/tfjs';
import { gatherWindows, shuffledOrder, windowMse, type Windows } from '../method/bpttWindows';
import { initialWeights } from '../method/bpttInit';
import {
  createNetwork,
  disposeNetwork,
  freeStep,
  parameterCount,
  predictWindows,
  zeroState,
  type Network,
} from './network';
import { bpttData, bpttWindows, type BpttData } from '../run/bptt/data';
import {
  assessBaseline,
  forecastFromPredictions,
  reachTimes,
  type BpttCurvePoint,
  type BpttProgress,
  type BpttResult,
  type BpttSnapshot,
} from '../run/bptt/result';
import type { BpttSettings } from '../run/bptt/settings';
import type { RunConfig } from '../run/schema';

export interface TrainHooks {
  onProgress?: (p: BpttProgress) => void;
  /**
   * After every Adam step: the weights and counters so far. The page keeps the latest, so Stop can
   * end training at once (the worker is terminated) and score that network (`scoreSnapshot`).
   */
  onStep?: (snap: BpttSnapshot) => void;
  /** Awaited between steps (the worker yields to its message loop here). */
  pause?: () => Promise<void>;
  /** Wall clock, ms (performance.now by default). */
  now?: () => number;
  /** Backend name for the report. */
  backend: string;
  /** At most this many Adam steps (a step-exact run, e.g. for a reproducibility test). */
  maxSteps?: number;
}

/** Windows evaluated for the training curve: evenly strided, at most this many. */
const TRAIN_EVAL_WINDOWS = 100;

/** Next evaluation after training time t (s): every 0.25 s at first, then every 8 %. */
function nextEval(t: number): number {
  return t + Math.max(0.25, 0.08 * t);
}

/** Predictions of every window, count×steps×d (forward only, in batches). */
function predictAll(net: Network, w: Windows): Float32Array {
  const out = new Float32Array(w.count * w.steps * w.d);
  const size = w.steps * w.d;
  const chunk = 128;
  for (let k = 0; k < w.count; k += chunk) {
    const n = Math.min(chunk, w.count - k);
    const y = tf.tidy(() =>
      predictWindows(net, tf.tensor3d(w.x.subarray(k * size, (k + n) * size), [n, w.steps, w.d])),
    );
    out.set(y.dataSync() as Float32Array, k * size);
    y.dispose();
  }
  return out;
}

/** An evenly strided subset of at most `max` windows (for the training curve). */
function strided(w: Windows, max: number): Windows {
  if (w.count <= max) return w;
  const idx = Int32Array.from({ length: max }, (_, k) => Math.floor((k * w.count) / max));
  const size = w.steps * w.d;
  const x = new Float32Array(max * size);
  const y = new Float32Array(max * size);
  gatherWindows(w, idx, 0, max, x, y);
  const mask = new Float32Array(max * w.steps);
  idx.forEach((i, k) => mask.set(w.mask.subarray(i * w.steps, (i + 1) * w.steps), k * w.steps));
  return {
    ...w,
    count: max,
    x,
    y,
    mask,
    traj: idx.map((i) => w.traj[i]),
    start: idx.map((i) => w.start[i]),
  };
}

/**
 * Free-running forecasts from the test starts: all starts in one batch from a zero state, the
 * network fed its own output for H steps. Standardised, count×H×d.
 */
function rollout(net: Network, data: BpttData): Float32Array {
  const { d, horizon: H } = data;
  const count = data.testStarts.length / d;
  const out = new Float32Array(count * H * d);
  const x0 = new Float32Array(count * d);
  for (let j = 0; j < count; j++)
    for (let i = 0; i < d; i++)
      x0[j * d + i] =
        (data.testStarts[j * d + i] - data.mean[i]) / (data.std[i] > 0 ? data.std[i] : 1);
  let x = tf.tensor2d(x0, [count, d]);
  let state = zeroState(net, count);
  for (let t = 0; t < H; t++) {
    const next = tf.tidy(() => {
      const r = freeStep(net, x, state);
      return [r.y, r.state.h, ...(r.state.c ? [r.state.c] : [])];
    });
    x.dispose();
    state.h.dispose();
    state.c?.dispose();
    x = next[0] as tf.Tensor2D;
    state = { h: next[1] as tf.Tensor2D, c: (next[2] as tf.Tensor2D | undefined) ?? null };
    const y = x.dataSync() as Float32Array;
    for (let j = 0; j < count; j++) out.set(y.subarray(j * d, (j + 1) * d), (j * H + t) * d);
  }
  x.dispose();
  state.h.dispose();
  state.c?.dispose();
  return out;
}

/** Trains one baseline on the run's data until the budget is spent or Stop; scores it. */
export async function trainBaseline(
  config: RunConfig,
  s: BpttSettings,
  hooks: TrainHooks,
): Promise<BpttResult> {
  const now = hooks.now ?? (() => performance.now());
  const data = bpttData(config);
  const { train, test } = bpttWindows(data, s.window);
  const trainEval = strided(train, TRAIN_EVAL_WINDOWS);
  const { d } = data;
  const rng = data.rng;
  const report = (phase: BpttProgress['phase'], point: BpttCurvePoint | null) =>
    hooks.onProgress?.({ phase, backend: hooks.backend, point, budget: s.budget });

  const net = createNetwork(s.cell, s.units, d, initialWeights(s.cell, s.units, d, rng));
  const optimizer = tf.train.adam(s.lr);

  const curve: BpttCurvePoint[] = [];
  let trained = 0; // training time, ms
  let epoch = 0;
  let steps = 0;
  const evaluate = () => {
    const point: BpttCurvePoint = {
      t: trained / 1000,
      epoch,
      steps,
      trainMse: windowMse(trainEval, predictAll(net, trainEval), data.std),
      testMse: windowMse(test, predictAll(net, test), data.std),
    };
    curve.push(point);
    report('training', point);
  };
  evaluate();
  let due = nextEval(0);

  const size = train.steps * d;
  const xb = new Float32Array(s.batch * size);
  const yb = new Float32Array(s.batch * size);
  let order = shuffledOrder(train.count, rng);
  let k = 0;
  for (;;) {
    if (trained >= s.budget * 1000 || steps >= (hooks.maxSteps ?? Infinity)) break;
    if (k >= train.count) {
      epoch++;
      order = shuffledOrder(train.count, rng);
      k = 0;
    }
    const to = Math.min(train.count, k + s.batch);
    const rows = gatherWindows(train, order, k, to, xb, yb);
    k = to;
    const t0 = now();
    tf.tidy(() => {
      const x = tf.tensor3d(xb.subarray(0, rows * size), [rows, train.steps, d]);
      const y = tf.tensor3d(yb.subarray(0, rows * size), [rows, train.steps, d]);
      optimizer.minimize(
        () => tf.mean(tf.squaredDifference(predictWindows(net, x), y)) as tf.Scalar,
        false,
        net.vars,
      );
    });
    trained += now() - t0;
    steps++;
    hooks.onStep?.({
      weights: net.vars.map((v) => (v.dataSync() as Float32Array).slice()),
      trainedS: trained / 1000,
      steps,
      epochs: epoch + k / train.count,
    });
    if (trained / 1000 >= due) {
      evaluate();
      due = nextEval(trained / 1000);
    }
    await hooks.pause?.();
  }
  if (curve[curve.length - 1].steps !== steps) evaluate();

  report('forecasting', null);
  await hooks.pause?.();
  optimizer.dispose();
  const meta = { trainedS: trained / 1000, steps, epochs: epoch + k / train.count };
  return score(config, s, net, data, train, curve, meta, hooks.backend, 'budget');
}

/** Forecasts and metrics of a trained network (disposed afterwards). */
function score(
  config: RunConfig,
  s: BpttSettings,
  net: Network,
  data: BpttData,
  train: Windows,
  curve: BpttCurvePoint[],
  meta: { trainedS: number; steps: number; epochs: number },
  backend: string,
  stoppedBy: BpttResult['stoppedBy'],
): BpttResult {
  const pred = rollout(net, data);
  const forecast = forecastFromPredictions(
    data.testStarts,
    pred,
    data.d,
    data.horizon,
    data.mean,
    data.std,
    data.box,
  );
  const last = curve[curve.length - 1];
  const fullTrainMse = windowMse(train, predictAll(net, train), data.std);
  const metrics = assessBaseline(
    data,
    forecast,
    { trainMse: fullTrainMse, testMse: last.testMse },
    { eps: config.eps, errnorm: config.errnorm as 'total' | 'component' },
  );
  const parameters = parameterCount(net);
  disposeNetwork(net);
  return {
    settings: s,
    backend,
    parameters,
    curve,
    ...meta,
    stoppedBy,
    metrics,
    reach: reachTimes(curve),
    forecast: forecast.x,
    horizon: data.horizon,
  };
}

/**
 * Scores the network of a snapshot taken after an Adam step (Stop on the page: the training
 * worker was terminated, a fresh one scores what had been trained): the curve so far gets its
 * final evaluation at the snapshot's training time, then the same forecasts and metrics.
 */
export function scoreSnapshot(
  config: RunConfig,
  s: BpttSettings,
  snap: BpttSnapshot,
  curveSoFar: BpttCurvePoint[],
  backend: string,
): BpttResult {
  const data = bpttData(config);
  const { train, test } = bpttWindows(data, s.window);
  const init = initialWeights(s.cell, s.units, data.d, data.rng); // shapes (values replaced)
  const net = createNetwork(
    s.cell,
    s.units,
    data.d,
    init.map((w, i) => ({ shape: w.shape, values: snap.weights[i] })),
  );
  const trainEval = strided(train, TRAIN_EVAL_WINDOWS);
  const curve = curveSoFar.filter((p) => p.steps <= snap.steps);
  if (curve.at(-1)?.steps !== snap.steps)
    curve.push({
      t: snap.trainedS,
      epoch: Math.floor(snap.epochs),
      steps: snap.steps,
      trainMse: windowMse(trainEval, predictAll(net, trainEval), data.std),
      testMse: windowMse(test, predictAll(net, test), data.std),
    });
  const meta = { trainedS: snap.trainedS, steps: snap.steps, epochs: snap.epochs };
  return score(config, s, net, data, train, curve, meta, backend, 'stop');
}
