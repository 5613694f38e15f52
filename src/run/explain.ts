/**
 * The numbers behind the method's explanation views (issue 12; METHOD.md §2, §13), computed from
 * a run's stage outputs (src/run/pipeline.ts `inspect`), so a host that keeps a stage cache (the
 * worker) refits nothing:
 *
 * - `growRun`: "grow the network", the fit with the first k neurons for k = 1 … M from the cached
 *   Gram sums (src/method/grow.ts), free systems only.
 * - `samplerRun`: the same data with another sampler (SWIM vs random features side by side): its
 *   hidden weights and headline metrics.
 *
 * Plain data (typed arrays), so the worker can transfer it.
 */
import { accumulateEdmd, type EdmdSums } from '../method/edmd';
import { growNetwork, type GrowResult } from '../method/grow';
import { TRAIN_MSE_PAIRS } from './assess';
import type { SimulatedForecasts } from './families/simulated';
import { runPipeline, type RunParts } from './pipeline';
import { entryOf } from './registry';
import type { Progress } from './result';
import type { RunConfig } from './schema';
import type { StageCache } from './stageCache';

export interface ExplainOptions {
  cache?: StageCache;
  onProgress?: (p: ExplainProgress) => void;
}

export interface ExplainProgress {
  /** The run's phases while the model is trained (or read from the cache), then 'grow'. */
  phase: Progress['phase'] | 'grow' | 'cross';
  fraction: number;
}

export interface GrowRun extends GrowResult {
  query: string;
  dt: number;
  /** The run's own K spectrum size (M + 1 untruncated, r when POD-truncated). */
  spectrumRank: number;
  /** The relative ridge the run used (validated when regsel=cv). */
  regRel: number;
  /** Wall times: the run (cache hits in a worker that just ran it), the cross pass, the growth. */
  timingsMs: { run: number; cross: number; grow: number };
  notes: string[];
}

/** Runs the configuration (cache hits where possible) and hands back its stage outputs. */
function partsOf(
  config: RunConfig,
  opts: ExplainOptions,
): { parts: RunParts; query: string; dt: number; spectrumRank: number; regRel: number } {
  let parts: RunParts | null = null;
  const report = opts.onProgress;
  const result = runPipeline(config, {
    cache: opts.cache,
    inspect: (p) => (parts = p),
    ...(report ? { onProgress: (p) => report(p) } : {}),
  });
  if (!parts) throw new Error('explain: the run returned no stage outputs');
  return {
    parts,
    query: result.query,
    dt: result.dt,
    spectrumRank: result.spectrumRank,
    regRel: result.ridge.rel,
  };
}

/**
 * Grow the network for a free system: the fits with 1, 2, 3, 4, 6, 8, … M neurons (with
 * eigenvalues) and the one-step MSEs at every width (src/method/grow.ts). When the run was
 * POD-truncated without the cross term A (rank < M+1, regsel=fixed), A is accumulated here in one
 * more pass over the data (K_k needs it; the note says so).
 */
export function growRun(config: RunConfig, opts: ExplainOptions = {}): GrowRun {
  const entry = entryOf(config.sys);
  if (entry.family !== 'free')
    throw new RangeError(
      `grow the network needs a simulated free system (sys=${config.sys} is ${entry.family === 'series' ? 'a measured series' : 'a controlled system'})`,
    );
  const t0 = performance.now();
  const { parts, query, dt, spectrumRank, regRel } = partsOf(config, opts);
  const t1 = performance.now();
  const notes: string[] = [];
  let sums: EdmdSums = parts.sums;
  if (!sums.A) {
    sums = accumulateEdmd(parts.model.dict, parts.data.train, false, (f) =>
      opts.onProgress?.({ phase: 'cross', fraction: f }),
    );
    notes.push(
      `The run projected K onto ${spectrumRank} POD modes and never formed the cross term A; it was accumulated again here for the K_k of every width (its spectrum at k = M is the full (M+1)×(M+1) K, not the run's rank-${spectrumRank} one).`,
    );
  } else if (spectrumRank < sums.m) {
    notes.push(
      `The run's spectrum is that of K projected onto ${spectrumRank} POD modes; here every K_k is the full (k+1)×(k+1) matrix.`,
    );
  }
  const t2 = performance.now();
  const forecast = parts.forecast as SimulatedForecasts;
  const grown = growNetwork({
    layer: parts.model.layer,
    sums,
    lambda: parts.fit.lambda,
    train: parts.data.train,
    trainPairs: TRAIN_MSE_PAIRS,
    test: forecast.truth,
    onProgress: (f) => opts.onProgress?.({ phase: 'grow', fraction: f }),
  });
  const t3 = performance.now();
  if (grown.M + 1 > grown.spectrumMax)
    notes.push(
      `Eigenvalues are shown up to ${grown.spectrumMax - 1} neurons: above that they cost too long for an animation (≈ 10·(k+1)³ operations).`,
    );
  return {
    ...grown,
    query,
    dt,
    spectrumRank,
    regRel,
    timingsMs: { run: t1 - t0, cross: t2 - t1, grow: t3 - t2 },
    notes,
  };
}

/** The same data with another sampler: its hidden layer and the headline numbers of its fit. */
export interface SamplerRun {
  sampler: string;
  query: string;
  d: number;
  width: number;
  /** W: M×d, b: M; pairs and pairPoints (M×2×d) for SWIM, else null. */
  W: Float64Array;
  b: Float64Array;
  pairPoints: Float64Array | null;
  trainMse: number;
  testMse: number;
  vpt: number;
}

/** Runs the configuration with `sampler` instead of its own (same seed, data and width). */
export function samplerRun(
  config: RunConfig,
  sampler: string,
  opts: ExplainOptions = {},
): SamplerRun {
  const other = { ...config, sampler };
  const report = opts.onProgress;
  const result = runPipeline(other, {
    cache: opts.cache,
    ...(report ? { onProgress: (p) => report(p) } : {}),
  });
  return {
    sampler,
    query: result.query,
    d: result.dim,
    width: result.model.width,
    W: result.model.W,
    b: result.model.b,
    pairPoints: result.model.pairPoints,
    trainMse: result.metrics.trainMse,
    testMse: result.metrics.testMse,
    vpt: result.metrics.vpt,
  };
}
