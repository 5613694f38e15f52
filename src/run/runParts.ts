/**
 * Pieces shared by the run pipelines (free, controlled): snapshot-pair indices for SWIM, the
 * training-state sample the phase plot draws, the SWIM pairs' points, divergence bookkeeping.
 */
import type { TrajectorySet } from '../sources/dataset';
import type { Divergence, RunResult } from './result';
import type { RolloutOutput } from '../method/rollout';
import type { RunConfig } from './schema';
import type { Rng } from '../numerics/rng';
import type { HiddenLayer } from '../method/sampling/hiddenLayer';
import { sampleRandomFeatures } from '../method/sampling/randomFeatures';
import { sampleSwim } from '../method/sampling/swim';
import type { PairData } from '../method/sampling/swim';

/** Training states drawn in the phase plot (evenly strided). */
const PHASE_SAMPLE_POINTS = 3000;

/** All within-trajectory (input, next state) pairs of a set as indices into its states. */
export function pairIndex(set: TrajectorySet): PairData {
  const n = set.count * (set.points - 1);
  const inputIndex = new Int32Array(n);
  const targetIndex = new Int32Array(n);
  let k = 0;
  for (let j = 0; j < set.count; j++)
    for (let t = 0; t < set.points - 1; t++) {
      inputIndex[k] = j * set.points + t;
      targetIndex[k] = j * set.points + t + 1;
      k++;
    }
  return { d: set.d, n, inputIndex, targetIndex, states: set.data };
}

export function countDiverged(r: RolloutOutput): number {
  return r.divergedAt.reduce((n, s) => n + (s >= 0 ? 1 : 0), 0);
}

export function divergenceList(rollout: 'relift' | 'linear', r: RolloutOutput): Divergence[] {
  const out: Divergence[] = [];
  r.divergedAt.forEach((step, testIndex) => {
    if (step >= 0) out.push({ rollout, testIndex, step, reason: r.divergedReason[testIndex]! });
  });
  return out;
}

export function subsample(set: TrajectorySet): RunResult['trainSample'] {
  const n = set.count * set.points;
  const stride = Math.max(1, Math.ceil(n / PHASE_SAMPLE_POINTS));
  const rows = Math.ceil(n / stride);
  const x = new Float64Array(rows * set.d);
  const traj = new Int32Array(rows);
  for (let k = 0, r = 0; k < n; k += stride, r++) {
    x.set(set.data.subarray(k * set.d, (k + 1) * set.d), r * set.d);
    traj[r] = Math.floor(k / set.points);
  }
  return { x, traj, rows };
}

export function pairPoints(p: Int32Array, data: PairData): Float64Array {
  const { d, states, inputIndex } = data;
  const width = p.length / 2;
  const out = new Float64Array(width * 2 * d);
  for (let j = 0; j < width; j++)
    for (let s = 0; s < 2; s++) {
      const off = inputIndex[p[2 * j + s]] * d;
      out.set(states.subarray(off, off + d), (2 * j + s) * d);
    }
  return out;
}

/** The model part of a RunResult: the sampled layer, its SWIM pairs' points, and K, C, CK. */
export function modelOf(
  layer: HiddenLayer,
  pairs: PairData,
  fit: { K: Float64Array; C: Float64Array; CK: Float64Array },
): RunResult['model'] {
  return {
    width: layer.width,
    W: layer.W,
    b: layer.b,
    pairs: layer.pairs,
    pairPoints: layer.pairs ? pairPoints(layer.pairs, pairs) : null,
    K: fit.K,
    C: fit.C,
    CK: fit.CK,
  };
}

/**
 * The hidden layer of a run: SWIM on the snapshot pairs, or random features scaled by the
 * training data's per-component mean and std (config.sampler, config.width, config.act).
 */
export function sampleLayer(
  config: RunConfig,
  pairs: PairData,
  mean: Float64Array,
  std: Float64Array,
  rng: Rng,
): HiddenLayer {
  return config.sampler === 'swim'
    ? sampleSwim(pairs, config.width, config.act, rng)
    : sampleRandomFeatures(pairs.d, config.width, config.act, mean, std, rng);
}
