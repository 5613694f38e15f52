/**
 * The numbers the model overview and the stage explanations show (pure, unit-tested): everything
 * is read from one RunResult, nothing is recomputed except what follows from it in closed form
 * (eigenvalue rates, the ridge's bound on the condition number). docs/METHOD.md §1–§6.
 */
import type { RunResult } from '../../run/result';
import { circleCounts, continuousRate, period, type CircleCounts } from '../plots/spectrumData';

/** The five stages of the method, in the order the overview draws them. */
export type StageId = 'data' | 'hidden' | 'lsq' | 'spectrum' | 'forecast';

export const STAGE_IDS: StageId[] = ['data', 'hidden', 'lsq', 'spectrum', 'forecast'];

export const STAGE_TITLES: Record<StageId, string> = {
  data: 'Data',
  hidden: 'Hidden layer',
  lsq: 'Least squares',
  spectrum: 'Spectrum',
  forecast: 'Forecast',
};

/** The stage before or after `id` (clamped at the ends). */
export function stepStage(id: StageId, by: -1 | 1): StageId {
  const k = STAGE_IDS.indexOf(id) + by;
  return STAGE_IDS[Math.min(STAGE_IDS.length - 1, Math.max(0, k))];
}

export interface OverviewValues {
  /** Snapshot pairs N the model was fitted on. */
  pairs: number;
  /** Training trajectories (simulated systems) or null (a measured series is one trajectory). */
  trajectories: number | null;
  /** Test starts (simulated) or forecast origins (series). */
  testStarts: number;
  /** Dimension of the state the network reads and writes (d·k for a delay-embedded series). */
  dim: number;
  /** Number of forecast variables d (the state dimension of a simulated system). */
  variables: number;
  /** Sampling interval Δt in model time (1 = one row/day for a series). */
  dt: number;
  /** Hidden width M and dictionary size m = M + 1. */
  width: number;
  m: number;
  sampler: string;
  activation: string;
  /** λ_rel actually used (result.ridge.rel) and whether it was chosen by holdout validation. */
  ridge: number;
  ridgeValidated: boolean;
  /**
   * Upper bound on cond(G + λI) that the relative ridge guarantees: λ_max(G) ≤ trace G and
   * λ = λ_rel·trace G / m, so cond ≤ (trace G + λ)/λ = 1 + m/λ_rel (METHOD.md §3).
   */
  condBound: number;
  solveMethod: string;
  /** Size r of the matrix whose eigenvalues are reported (m, or the POD rank). */
  spectrumRank: number;
  truncated: boolean;
  /** Eigenvalues inside / on (ON_CIRCLE_TOL) / outside the unit circle. */
  circle: CircleCounts;
  spectralRadius: number;
  /** One-step test MSE and the headline VPT (model time), as in the CLI's metrics. */
  testMse: number;
  trainMse: number;
  vpt: number;
  vptCensored: number;
  rollout: 'relift' | 'linear';
  horizon: number;
}

/** The overview's values for a run (the same numbers the CLI's JSON reports for that query). */
export function overviewValues(r: RunResult): OverviewValues {
  const c = r.config;
  const m = r.model.width + 1;
  const simulated = r.family !== 'series';
  return {
    pairs: r.pairs ?? (simulated ? Number(c.ntraj) * Number(c.len) : NaN),
    trajectories: simulated ? Number(c.ntraj) : null,
    testStarts: r.test.count,
    dim: r.model.W.length / r.model.width,
    variables: r.dim,
    dt: r.dt,
    width: r.model.width,
    m,
    sampler: String(c.sampler),
    activation: String(c.act),
    ridge: r.ridge.rel,
    ridgeValidated: r.ridge.cv !== null,
    condBound: 1 + m / r.ridge.rel,
    solveMethod: r.solveMethod,
    spectrumRank: r.spectrumRank,
    truncated: r.spectrumRank < m,
    circle: circleCounts(r.eigenvalues.re, r.eigenvalues.im),
    spectralRadius: r.metrics.spectralRadius,
    testMse: r.metrics.testMse,
    trainMse: r.metrics.trainMse,
    vpt: r.metrics.vpt,
    vptCensored: r.metrics.vptCensored,
    rollout: c.rollout === 'linear' ? 'linear' : 'relift',
    horizon: r.test.horizon,
  };
}

/** One row of the eigenvalue table: λ, |λ|, arg λ, the continuous-time rate and the period. */
export interface EigenRow {
  re: number;
  im: number;
  abs: number;
  /** arg λ (rad per step), in (−π, π]. */
  angle: number;
  /** Re of log(λ)/Δt: growth (> 0) or decay (< 0) rate per unit time. */
  growth: number;
  /** Im of log(λ)/Δt: angular frequency (rad per unit time). */
  freq: number;
  /** 2π/|freq| in time units (∞ for a real eigenvalue). */
  period: number;
  /** True when the conjugate λ̄ is also an eigenvalue (the row stands for the pair). */
  pair: boolean;
  /** Position in the run's eigenvalue list (for its ResDMD residual). */
  index: number;
}

/**
 * The leading eigenvalues (the input is sorted by descending modulus, as the engine returns it;
 * METHOD.md §5), one row per real eigenvalue or per conjugate pair (the one with Im λ > 0), at
 * most `count` rows. Rate ω = log(λ)/Δt with the principal logarithm.
 */
export function eigenTable(
  re: ArrayLike<number>,
  im: ArrayLike<number>,
  dt: number,
  count = 8,
): EigenRow[] {
  const rows: EigenRow[] = [];
  for (let k = 0; k < re.length && rows.length < count; k++) {
    if (im[k] < 0) continue; // the conjugate of a row already listed (or listed next)
    const { growth, freq } = continuousRate(re[k], im[k], dt);
    rows.push({
      re: re[k],
      im: im[k],
      abs: Math.hypot(re[k], im[k]),
      angle: Math.atan2(im[k], re[k]),
      growth,
      freq,
      period: period(freq),
      pair: im[k] > 0,
      index: k,
    });
  }
  return rows;
}

/** The eigenvalue of largest modulus (the first the engine returns), or null for an empty spectrum. */
export function leadingEigen(
  re: ArrayLike<number>,
  im: ArrayLike<number>,
  dt: number,
): EigenRow | null {
  return eigenTable(re, im, dt, 1)[0] ?? null;
}

/**
 * The non-real eigenvalue of largest modulus (Im λ > 0): the slowest-decaying oscillation, whose
 * angle is ω·Δt for a limit cycle of angular frequency ω (METHOD.md §5). null when all are real.
 */
export function leadingOscillation(
  re: ArrayLike<number>,
  im: ArrayLike<number>,
  dt: number,
): EigenRow | null {
  for (let k = 0; k < re.length; k++) if (im[k] > 0) return eigenTable([re[k]], [im[k]], dt, 1)[0];
  return null;
}

/** A leading block of a row-major rows×cols matrix, at most `max`×`max` (for the heat maps). */
export function leadingBlock(
  a: ArrayLike<number>,
  rows: number,
  cols: number,
  max: number,
): { z: number[][]; rows: number; cols: number; clipped: boolean } {
  const nr = Math.min(rows, max);
  const nc = Math.min(cols, max);
  const z: number[][] = [];
  for (let i = 0; i < nr; i++) {
    const row: number[] = [];
    for (let j = 0; j < nc; j++) row.push(a[i * cols + j]);
    z.push(row);
  }
  return { z, rows: nr, cols: nc, clipped: nr < rows || nc < cols };
}

/**
 * A symmetric colour limit for a heat map: the 99th percentile of |entry| (so one huge entry does
 * not wash out the rest), never 0.
 */
export function colourLimit(z: number[][]): number {
  const v = z
    .flat()
    .filter(Number.isFinite)
    .map(Math.abs)
    .sort((a, b) => a - b);
  if (v.length === 0) return 1;
  const q = v[Math.min(v.length - 1, Math.floor(0.99 * (v.length - 1)))];
  return q > 0 ? q : v[v.length - 1] > 0 ? v[v.length - 1] : 1;
}
