/**
 * "Repeat over seeds": the same settings trained with seeds s, s+1, …, s+n−1 (data, sampling and
 * test starts all change with the seed), and every scalar metric summarised as mean ± standard
 * deviation with its range, so a single run's number can be read against its seed-to-seed scatter.
 * Each repeat is a full run in a private stage cache (the caller's cache keeps the shown run).
 */
import { runPipeline, type RunOptions } from './pipeline';
import type { Metrics, Progress } from './result';
import type { RunConfig } from './schema';

/** Mean, sample standard deviation, range and the values (null where a run had no value). */
export interface SeedSummary {
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
  values: Array<number | null>;
}

export interface SeedRepeat {
  seeds: number[];
  /** Per scalar metric (keys of `metrics` whose values are numbers or null). */
  metrics: Record<string, SeedSummary>;
}

/** Largest number of repeats (each is a full run). */
export const MAX_SEEDS = 20;

export function repeatSeeds(
  config: RunConfig,
  n: number,
  opts: Pick<RunOptions, 'series' | 'signal'> & {
    onProgress?: (p: Progress & { seed: number }) => void;
  } = {},
): SeedRepeat {
  if (!Number.isInteger(n) || n < 2 || n > MAX_SEEDS)
    throw new RangeError(`seeds must be an integer in [2, ${MAX_SEEDS}], got ${n}`);
  const seeds = Array.from({ length: n }, (_, i) => (config.seed + i) % 4294967296);
  const runs: Metrics[] = seeds.map((seed, i) => {
    const r = runPipeline(
      { ...config, seed },
      {
        series: opts.series,
        signal: opts.signal,
        onProgress: (p) => opts.onProgress?.({ ...p, fraction: (i + p.fraction) / n, seed }),
      },
    );
    return r.metrics;
  });
  const keys = Object.keys(runs[0]).filter((k) =>
    runs.every((m) => {
      const v = (m as unknown as Record<string, unknown>)[k];
      return v === null || typeof v === 'number';
    }),
  );
  const metrics = Object.fromEntries(
    keys.map((k) => {
      const values = runs.map((m) => (m as unknown as Record<string, number | null>)[k]);
      return [k, summarise(values)];
    }),
  );
  return { seeds, metrics };
}

function summarise(values: Array<number | null>): SeedSummary {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return { mean: null, std: null, min: null, max: null, values };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std =
    xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, std, min: Math.min(...xs), max: Math.max(...xs), values };
}
