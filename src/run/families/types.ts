/**
 * What a family of runs (free systems, controlled systems, measured series) adds to the one staged
 * run: its data stage, its forecast stage and its assessment. Which settings each stage reads (the
 * stage cache's keys) follows from the schema's groups (src/run/pipeline.ts). The sample →
 * features → project → solve → spectrum stages are shared.
 */
import type { EdmdFit } from '../../method/edmd';
import type { ParallelFit } from '../../method/parallel';
import type { BlowupBox } from '../../method/rollout';
import type { Dictionary, HiddenLayer } from '../../method/sampling/hiddenLayer';
import type { PairData } from '../../method/sampling/swim';
import type { Rng } from '../../numerics/rng';
import type { TrajectorySet } from '../../numerics/trajectorySet';
import type { Family } from '../registry';
import type { Divergence } from '../../method/rollout';
import type { Metrics, RunResult } from '../result';
import type { RunConfig } from '../schema';
import type { SeriesSource } from '../series/sources';

/** The part of every data stage's output the shared stages read. */
export interface Prepared {
  /** What the fit reads: the (noisy) training trajectories, with their inputs (p ≥ 1). */
  train: TrajectorySet;
  /** The snapshot pairs of `train` (SWIM draws neurons from them). */
  pairs: PairData;
  /** Per-component mean and std of the model's inputs (random features are scaled by them). */
  mean: Float64Array;
  std: Float64Array;
  /** Forecasts leaving this box are stopped as blown up. */
  box: BlowupBox;
  /** Up to ~3000 training states for the phase plot. */
  trainSample: RunResult['trainSample'];
  dim: number;
  stateNames: string[];
  /** Model time per step (1 for measured series: a day or a row). */
  dt: number;
}

export interface SampledModel {
  layer: HiddenLayer;
  dict: Dictionary;
}

export interface SpectrumPart {
  eig: { re: Float64Array; im: Float64Array; residual?: Float64Array };
  unstable: number;
  radius: number;
  /** Warnings of the eigenvalue solver (rescue phase used, or no spectrum at all). */
  notes: string[];
}

/** The family's part of the result, ready to be returned. */
export interface Assessment {
  metrics: Metrics;
  test: RunResult['test'];
  divergences: Divergence[];
  warnings: string[];
  series?: RunResult['series'];
  control?: RunResult['control'];
  /** The model's pair points (SWIM pairs drawn on the data), or null. */
  pairPoints: Float64Array | null;
}

export interface StageInputs<D> {
  data: D;
  model: SampledModel;
  fit: EdmdFit;
  /** The run's worker pool, when the host has one (src/method/parallel.ts). */
  par?: ParallelFit;
}

export interface FamilyDef<D extends Prepared, F> {
  family: Family;
  /** What the data stage reads beyond its settings (e.g. the data file's identity). */
  dataExtras?(config: RunConfig, source?: SeriesSource): unknown[];
  data(config: RunConfig, rng: Rng, source?: SeriesSource): D;
  forecast(config: RunConfig, inp: StageInputs<D>, rng: Rng, progress: (f: number) => void): F;
  assess(
    config: RunConfig,
    inp: StageInputs<D> & { spectrum: SpectrumPart; forecast: F },
  ): Assessment;
}
