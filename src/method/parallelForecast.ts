/**
 * The forecast stage of a free system split over the pool in one fan-out (src/method/parallel.ts,
 * case (a)): the re-lifted rollouts, the linear Koopman rollouts and the one-step predictions on
 * the training and the test pairs, each cut into one contiguous piece per thread, so every thread
 * gets the same share of each kind of work and the host waits once instead of three times.
 *
 * Bits: every piece is per-row work — a start's rollout (its lift, its gemm row, its readout) or
 * a pair's prediction CK Ψ(x_k) — whose arithmetic does not depend on the other rows of its batch
 * (each gemm element is one sequential sum over the inner index from +0), and the squared errors
 * are summed here in pair order, as oneStepMse (src/method/metrics.ts) sums them. So the outputs
 * are those of the serial calls bit for bit, for any number of threads (tests/unit/pool.test.ts
 * compares them with the golden bytes on 1, 2 and 4 threads).
 */
import { transpose } from '../numerics/linalg/matrix';
import { pairOffset, scoredStride, type TrajectorySet } from '../numerics/trajectorySet';
import type { EdmdFit } from './edmd';
import { oneStepPredictions, type OneStepShared } from './parallelRows';
import {
  advanceRelift,
  outputFrom,
  rolloutLinearFree,
  type BlowupBox,
  type LinearFreeFit,
  type RolloutOutput,
} from './rollout';
import { dictOf, plainSet, type LayerSpec, type ParallelFit } from './parallelBase';

export interface ForecastShared {
  layer: LayerSpec;
  /** d×m. */
  CK: Float64Array;
  /** m×d (CKᵀ, for the one-step predictions). */
  CKt: Float64Array;
  /** What the linear rollout reads of the fit. */
  linear: LinearFreeFit;
  /** count×d test starts. */
  starts: Float64Array;
  d: number;
  horizon: number;
  box: BlowupBox;
  train: TrajectorySet;
  trainStride: number;
  truth: TrajectorySet;
  truthStride: number;
}

/** One piece: starts [a, b) of a rollout, or scored pairs [a, b) of a one-step error. */
export interface ForecastTask {
  kind: 'relift' | 'linear' | 'trainStep' | 'testStep';
  a: number;
  b: number;
}

/** A rollout piece's forecasts, or a one-step piece's predictions ((b − a)×d). */
export type ForecastPiece = RolloutOutput | Float64Array;

/** What a thread does with one piece. */
export function forecastOp(shared: ForecastShared, task: ForecastTask): ForecastPiece {
  const { d, horizon, box } = shared;
  const { kind, a, b } = task;
  const dict = dictOf(shared.layer);
  if (kind === 'relift' || kind === 'linear') {
    const starts = shared.starts.subarray(a * d, b * d);
    return kind === 'relift'
      ? advanceRelift(outputFrom(starts, d, horizon), dict, shared.CK, d, horizon, box)
      : rolloutLinearFree(dict, shared.linear, starts, horizon, box);
  }
  const step: OneStepShared =
    kind === 'trainStep'
      ? { layer: shared.layer, CKt: shared.CKt, set: shared.train, stride: shared.trainStride }
      : { layer: shared.layer, CKt: shared.CKt, set: shared.truth, stride: shared.truthStride };
  return oneStepPredictions(step, dict, [a, b]);
}

/** [a, b) cut into `parts` contiguous ranges of about equal length (some empty if n < parts). */
function cut(n: number, parts: number): Array<[number, number]> {
  return Array.from({ length: parts }, (_, p) => [
    Math.floor((p * n) / parts),
    Math.floor(((p + 1) * n) / parts),
  ]);
}

/** The pieces' rollouts joined in start order. */
function joinRollouts(pieces: RolloutOutput[], starts: Float64Array, d: number, horizon: number) {
  const all = outputFrom(starts, d, horizon);
  let j = 0;
  for (const o of pieces) {
    all.x.set(o.x, j * (horizon + 1) * d);
    for (let k = 0; k < o.divergedAt.length; k++, j++) {
      all.divergedAt[j] = o.divergedAt[k];
      all.divergedReason[j] = o.divergedReason[k];
    }
  }
  return all;
}

/** Mean squared one-step error from the pieces' predictions, summed in pair order. */
function joinMse(pieces: Float64Array[], set: TrajectorySet, stride: number): number {
  const { d } = set;
  let s = 0;
  let n = 0;
  let idx = 0;
  for (const ys of pieces)
    for (let r = 0; r < ys.length / d; r++, idx++) {
      const k0 = idx * stride;
      const off = pairOffset(set, k0);
      for (let i = 0; i < d; i++) s += (ys[r * d + i] - set.data[off + d + i]) ** 2;
      n++;
    }
  return s / (n * d);
}

export interface FreeForecasts {
  relift: RolloutOutput;
  linear: RolloutOutput;
  trainMse: number;
  testMse: number;
}

/**
 * rolloutRelift, rolloutLinear (free), oneStepMse on the training pairs (at most `trainPairs`)
 * and on every test pair, in one fan-out over the pool. The task list is kind-major — the P
 * pieces of one kind, then the next kind's — so that piece p of every kind lands on thread p
 * (the pools give task i to thread i mod P).
 */
export function forecastParallel(
  par: ParallelFit,
  fit: EdmdFit,
  starts: Float64Array,
  truth: TrajectorySet,
  train: TrajectorySet,
  trainPairs: number,
  horizon: number,
  box: BlowupBox,
): FreeForecasts {
  const { d, m } = fit;
  const P = par.pool.size;
  const count = starts.length / d;
  const trainStride = scoredStride(train, trainPairs);
  const truthStride = 1;
  const scored = (set: TrajectorySet, stride: number) =>
    Math.ceil((set.count * (set.points - 1)) / stride);
  const CKt = transpose(fit.CK, d, m);
  const kinds: Array<[ForecastTask['kind'], number]> = [
    ['relift', count],
    ['linear', count],
    ['trainStep', scored(train, trainStride)],
    ['testStep', scored(truth, truthStride)],
  ];
  const tasks: ForecastTask[] = kinds.flatMap(([kind, n]) =>
    cut(n, P).map(([a, b]) => ({ kind, a, b })),
  );
  const pieces = par.pool.map<ForecastShared, ForecastTask, ForecastPiece>(
    'forecast',
    {
      layer: par.layer,
      CK: fit.CK,
      CKt,
      linear: { d, m, r: fit.r, K: fit.K, Q: fit.Q, CQ: fit.CQ },
      starts,
      d,
      horizon,
      box,
      train: plainSet(train),
      trainStride,
      truth: plainSet(truth),
      truthStride,
    },
    tasks,
  );
  const of = (kind: ForecastTask['kind']) => pieces.filter((_, i) => tasks[i].kind === kind);
  return {
    relift: joinRollouts(of('relift') as RolloutOutput[], starts, d, horizon),
    linear: joinRollouts(of('linear') as RolloutOutput[], starts, d, horizon),
    trainMse: joinMse(of('trainStep') as Float64Array[], train, trainStride),
    testMse: joinMse(of('testStep') as Float64Array[], truth, truthStride),
  };
}
