/**
 * The plain-data result of one run: typed arrays with their shapes, no class instances, so it can be
 * transferred from the worker and written as JSON by the CLI. All matrices are row-major.
 */
import type { Family } from './registry';
import type { RunConfig } from './schema';
import type { ClosedLoop } from '../method/closedLoop';
import type { Divergence } from '../method/rollout';
import type { InputSignalKind } from '../sources/signals';

export type Phase = 'data' | 'sample' | 'features' | 'solve' | 'spectrum' | 'forecast';
export const PHASES: Phase[] = ['data', 'sample', 'features', 'solve', 'spectrum', 'forecast'];

export interface Progress {
  phase: Phase;
  /** Fraction of the current phase done, in [0, 1]. */
  fraction: number;
}

export type TimingsMs = Record<Phase | 'total', number>;

/** One stage of the run: its wall time and whether its output came from the stage cache. */
export interface StageTiming {
  stage: 'data' | 'sample' | 'features' | 'project' | 'solve' | 'spectrum' | 'forecast' | 'assess';
  ms: number;
  cached: boolean;
}

export interface Metrics {
  /** One-step MSE of the re-lifted map x_{t+1} ≈ C K Ψ(x_t) on the training pairs (noisy if noise > 0). */
  trainMse: number;
  /** One-step MSE on the test trajectories' pairs. */
  testMse: number;
  /** MSE over all test forecasts and steps 1..H of the headline rollout (config.rollout). */
  rolloutMse: number | null;
  /** Rollout MSE of the re-lifted (RNN) and the linear Koopman forecasts (null: diverged). */
  rolloutMseRelift: number | null;
  rolloutMseLinear: number | null;
  /** Per state component, headline rollout (null: diverged). */
  rolloutMsePerComponent: number[] | null;
  /** Number of test forecasts that diverged, per rollout. */
  divergedRelift: number;
  divergedLinear: number;
  /** Median over test starts of the valid prediction time (model time units), headline rollout. */
  vpt: number;
  /** vpt · λ_max for chaotic systems with a known Lyapunov exponent, else null. */
  vptLyapunov: number | null;
  vptRelift: number;
  vptLinear: number;
  /** Number of eigenvalues with |λ| > 1 + 1e-9. */
  unstableEigenvalues: number;
  /** Largest |λ|. */
  spectralRadius: number;
  /** Interquartile range [25 %, 75 %] of the headline VPT over test starts (model time). */
  vptIqr: [number, number];
  /**
   * Test starts whose headline forecast never exceeded ε within the horizon: their VPT is the
   * horizon, a lower bound (shown as "≥").
   */
  vptCensored: number;
  /** Headline rollout MSE over the starts that never diverged (null when all diverged). */
  rolloutMseLive: number | null;
  /** Measured series only (sys = weather, csv): per-variable errors of the RNN and the baselines. */
  series?: SeriesMetrics;
  /** Controlled systems only (sys = forcedvdp, duffing): prediction under inputs and the closed loop. */
  control?: ControlMetrics;
}

/**
 * Test errors of a measured-series run in physical units squared (°C², mm², …), per forecast
 * horizon and variable: [h][i] is the MSE of variable i at horizons[h] steps ahead over the test
 * targets (the same targets for every method and horizon). null: the RNN forecast diverged.
 */
export interface SeriesMetrics {
  variables: string[];
  units: string[];
  /** Forecast horizons in steps (days for weather): [1, H]. */
  horizons: number[];
  rnn: Array<Array<number | null>>;
  persistence: number[][];
  climatology: number[][];
}

export interface RunResult {
  /** Which family of run produced this (decides which result parts are present). */
  family: Family;
  config: RunConfig;
  query: string;
  timingsMs: TimingsMs;
  /** The stages in run order (a truncated fit adds 'project'), with cache hits. */
  stages: StageTiming[];
  metrics: Metrics;
  /**
   * Eigenvalues of K, descending modulus. `residual`: the ResDMD residual of each (METHOD.md §12),
   * present for fits without inputs whose K has order ≤ 300 (src/method/spectrumResiduals.ts).
   */
  eigenvalues: { re: Float64Array; im: Float64Array; residual?: Float64Array };
  /** Size of the matrix whose eigenvalues are reported (M+1, or r for a rank-r projection). */
  spectrumRank: number;
  /** Number N of snapshot pairs the model was fitted on (training pairs, METHOD.md §1). */
  pairs?: number;
  /**
   * For a rank-r projection: ‖GQ − Q QᵀGQ‖_F / ‖G‖_F of the POD basis Q (how exactly it spans G's
   * leading eigenvectors; METHOD.md §3); null when K is untruncated.
   */
  podResidual: number | null;
  /**
   * The ridge actually used (λ_rel) and, when chosen by holdout validation (regsel=cv), the held-out
   * rollout MSE at each λ_rel of its grid (METHOD.md §3).
   */
  ridge: { rel: number; cv: { rel: number[]; score: number[]; best: number } | null };
  warnings: string[];
  divergences: Divergence[];
  /** Which hot kernel ran ('wasm-simd' or 'js'), and the solve path ('cholesky', …). */
  kernel: string;
  /**
   * Compute threads the run's passes were split over (1: one thread). Never changes a number
   * (src/method/parallel.ts), only the wall time.
   */
  threads: number;
  solveMethod: string;
  dim: number;
  stateNames: string[];
  dt: number;
  /** Up to ~3000 training states (rows×dim) for the phase plot, with the trajectory id of each. */
  trainSample: { x: Float64Array; traj: Int32Array; rows: number };
  model: {
    width: number;
    /** W: M×d, b: M. */
    W: Float64Array;
    b: Float64Array;
    /** SWIM pairs: M×2 indices into trainPoints (null for random features). */
    pairs: Int32Array | null;
    /** The two points of each SWIM pair, M×2×d (null for random features). */
    pairPoints: Float64Array | null;
    /** Koopman matrix K (r×r, r = spectrumRank; K_r in the POD basis when r < M+1). */
    K: Float64Array;
    /** Readout C: d×(M+1), x ≈ C Ψ(x). */
    C: Float64Array;
    /** One-step map of the RNN, C·K: d×(M+1), x̂_{t+1} = CK Ψ(x̂_t) (always untruncated). */
    CK: Float64Array;
  };
  test: {
    count: number;
    horizon: number;
    /** Each count×(horizon+1)×dim. Non-finite forecast values after a divergence are NaN. */
    truth: Float64Array;
    relift: Float64Array;
    linear: Float64Array;
    /** Normalised error e(t), count×(horizon+1), for each rollout. */
    errorRelift: Float64Array;
    errorLinear: Float64Array;
    /** Median e(t) across test starts, length horizon+1. */
    medianErrorRelift: Float64Array;
    medianErrorLinear: Float64Array;
  };
  /** Measured series only (sys = weather, csv): what the date-axis plots draw. */
  series?: SeriesResult;
  /**
   * Controlled systems only: B, the chosen input's predictions (with B, B = 0, linear) and the
   * closed loop. `test` then holds the chosen input's test trajectories and forecasts.
   */
  control?: ControlResult;
}

/**
 * The test targets of a measured-series run and every forecast of them, in physical units.
 * For weather the config's `dt` is meaningless: one step is one day (result.dt = 1).
 */
export interface SeriesResult {
  source: 'weather' | 'csv';
  /** e.g. "Seattle, NOAA daily records" or the CSV's file name. */
  title: string;
  /** e.g. "train 2012–2014, test 2015". */
  splitText: string;
  step: 'day' | 'row';
  /** Delay k of the embedding (the model's input is d·k standardised values). */
  delay: number;
  /** Forecast horizons in steps, [1, H]; rnn and persistence are indexed like this. */
  horizons: number[];
  variables: string[];
  units: string[];
  /** n = number of test targets. */
  count: number;
  /** Date of each target ("YYYY-MM-DD[ HH:MM:SS]"), or null for undated data. */
  dates: string[] | null;
  /** 1-based data row of each target (the x axis of undated data). */
  rows: Int32Array;
  /** n×d truth; rnn[h] and persistence[h]: n×d forecasts at horizons[h]; climatology: n×d. */
  truth: Float64Array;
  rnn: Float64Array[];
  persistence: Float64Array[];
  climatology: Float64Array;
  /** What the climatology baseline is here ("day-of-year mean 2012–2014" or "training mean"). */
  climatologyLabel: string;
  /** Per-variable standardisation of the training rows (physical units). */
  mean: Float64Array;
  std: Float64Array;
}

/** Prediction MSEs of one input signal: the model with B and the same model with B = 0. */
export interface InputErrorRow {
  kind: InputSignalKind;
  /** e.g. "sine, A = 1, ω = 1.5 rad/time". */
  label: string;
  /** MSE over steps 1…min(50, H) and over steps 1…H, averaged over test starts (null: diverged). */
  mse50: number | null;
  mse: number | null;
  mse50NoB: number | null;
  mseNoB: number | null;
}

/**
 * The chosen test signal's predictions. All arrays row-major; count test starts, H = horizon steps.
 * Forecasts are the re-lifted RNN x̂_{t+1} = C(K Ψ(x̂_t) + B u_t) (withB), the same with B = 0 (noB)
 * and the linear lifted model z_{t+1} = K z_t + B u_t, x̂ = C z (linear). NaN after a divergence.
 */
export interface InputPrediction {
  kind: InputSignalKind;
  label: string;
  count: number;
  horizon: number;
  /** u_t for t = 0…H−1 (H×p), the same signal for every test start. */
  u: Float64Array;
  /** count×(H+1)×d each. */
  truth: Float64Array;
  withB: Float64Array;
  noB: Float64Array;
  linear: Float64Array;
  /** Mean over test starts of ‖x̂_t − x_t‖ per step t = 0…H (length H+1). */
  errorWithB: Float64Array;
  errorNoB: Float64Array;
  errorLinear: Float64Array;
}

/** Deterministic numbers of a controlled run (part of `metrics`, compared byte for byte). */
export interface ControlMetrics {
  /** Chosen signal: prediction MSE over 50 and H steps, with B and with B = 0. */
  predMse50: number | null;
  predMse: number | null;
  predMse50NoB: number | null;
  predMseNoB: number | null;
  /** Mean ‖x_t − goal‖ over the metric window: closed loop, uncontrolled, and their ratio. */
  ctrlMeanDist: number;
  freeMeanDist: number;
  ctrlRatio: number;
  /** Σ stage cost over the closed loop and over the free run. */
  ctrlCost: number;
  freeCost: number;
  /** One row per input signal (the chosen one included). */
  inputs: InputErrorRow[];
}

export interface ControlResult {
  inputNames: string[];
  p: number;
  taskNote: string;
  /** B: m×p (m = M+1) and the RNN's input map C·B: d×p. */
  B: Float64Array;
  CB: Float64Array;
  prediction: InputPrediction;
  closedLoop: ClosedLoop;
}
