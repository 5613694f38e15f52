/**
 * A run's time estimated from its sizes before it starts (issue 16: heavy but allowed settings
 * ran for minutes without a word). The stages that grow with the settings (docs/ARCHITECTURE.md,
 * "Performance facts", the 2-core machine, one core busy):
 *
 *   features  N·M² (the Gram sums of N lifted pairs of width M; 20 000 × 1001 ≈ 3 s)
 *   solve     M³  (the ridge solves and, for a truncated K, the POD eigenproblem; M = 1000 ≈ 1.5 s;
 *             three times that with fewer pairs than features: 2 pairs at M = 3000 took 123 s)
 *   spectrum  r³  (all eigenvalues of the r×r K; n = 1000 ≈ 4 s, n = 500 ≈ 0.5 s)
 *   forecast  T·H·M·d (T test starts re-lifted H steps, each a lift and a readout)
 *   fixed     ≈ 0.3 s (data, sampling, assessment of a small run)
 *
 * The constants are those timings divided by their sizes; tests/unit/cost.test.ts compares the
 * estimate with measured runs (within a factor of 2). Measured series: N is the data's row
 * count, unknown until the file is read, so the estimate takes it as an argument.
 */
import type { RunConfig } from './schema';
import { entryOf, familyOf } from './registry';

/** Seconds per unit of each stage's size (see above). */
export const COST = {
  gram: 3 / (20_000 * 1001 * 1001),
  solve: 1.5 / 1001 ** 3,
  eigen: 4 / 1001 ** 3,
  forecast: 4e-9,
  fixed: 0.3,
} as const;

/** Runs estimated above this many seconds ask before they start (page) or say so (CLI). */
export const CONFIRM_SECONDS = 20;

export interface CostEstimate {
  /** Estimated wall time in seconds, and each stage's share. */
  seconds: number;
  stages: { features: number; solve: number; spectrum: number; forecast: number };
  /** The sizes it was computed from. */
  pairs: number;
  width: number;
  rank: number;
  /** The setting to reduce first: the field behind the largest stage. */
  reduce: 'width' | 'pairs' | 'rank' | 'horizon';
}

/**
 * The estimate for `config`: N training pairs (ntraj·(len − 1) for simulated systems, or
 * `seriesRows` for measured data), width M, spectrum size r (min(rank, M + 1) where the
 * family truncates K, else M + 1), d state components.
 */
export function estimateCost(config: RunConfig, seriesRows = 5000): CostEstimate {
  const family = familyOf(config.sys);
  const dim = entryOf(config.sys).spec?.dim ?? 3;
  const M = config.width;
  const N = family === 'series' ? seriesRows : config.ntraj * Math.max(1, config.len - 1);
  const r = family === 'controlled' ? M + 1 : Math.min(config.rank, M + 1);
  const stages = {
    features: COST.gram * N * M * M,
    // Fewer pairs than features: a rank-deficient Gram takes the slower rescue path (×3).
    solve: COST.solve * M ** 3 * (N < M ? 3 : 1),
    spectrum: COST.eigen * r ** 3,
    forecast: COST.forecast * config.ntest * config.horizon * M * dim,
  };
  const seconds = COST.fixed + stages.features + stages.solve + stages.spectrum + stages.forecast;
  const top = (Object.keys(stages) as Array<keyof typeof stages>).reduce((a, b) =>
    stages[b] > stages[a] ? b : a,
  );
  const reduce =
    top === 'features'
      ? N > 10 * M // width also drives the solve; the pairs only the Gram sums
        ? 'pairs'
        : 'width'
      : top === 'spectrum' && family !== 'controlled'
        ? 'rank'
        : top === 'forecast'
          ? 'horizon'
          : 'width';
  return { seconds, stages, pairs: N, width: M, rank: r, reduce };
}

/** One sentence for a dialog or stderr: the estimate and what to reduce. */
export function costSentence(e: CostEstimate): string {
  const what = {
    width: `the width (M = ${e.width})`,
    pairs: `the training data (${e.pairs} pairs: fewer trajectories or shorter ones)`,
    rank: `the Koopman rank (r = ${e.rank})`,
    horizon: 'the forecast horizon or the number of test starts',
  }[e.reduce];
  const t = e.seconds < 120 ? `${Math.round(e.seconds)} s` : `${Math.round(e.seconds / 60)} min`;
  return `This run is estimated to take about ${t} on a 2-core laptop; to make it faster, reduce ${what}.`;
}
