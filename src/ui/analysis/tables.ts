/**
 * Pure rows of the analysis panel's tables: the repeat over seeds (mean ± std, range) and the
 * per-component distances of the long-term statistics with their floors.
 */
import type { StatsAnalysis } from '../../run/analysis';
import type { SeedRepeat, SeedSummary } from '../../run/seeds';
import { formatSig } from '../format';

export interface SeedRow {
  key: string;
  label: string;
  summary: SeedSummary;
  /** "mean ± std" and "min – max" as shown (raw numbers stay in `summary`). */
  meanText: string;
  rangeText: string;
  /** How many of the seeds gave a finite value. */
  count: number;
}

/** A std that is rounding noise of equal values (≤ 10⁻¹² of the mean) is shown as 0. */
function spread(mean: number, std: number): number {
  return std <= 1e-12 * Math.abs(mean) ? 0 : std;
}

/** Seeds whose VPT is a lower bound (some test start never crossed ε), from `vptCensored`. */
export function censoredSeeds(s: SeedRepeat): number {
  const c = s.metrics.vptCensored;
  return c ? c.values.filter((v) => v !== null && v > 0).length : 0;
}

/** The main metrics of the seeds table: VPT in Lyapunov times when the system has a λ_max. */
export function seedRows(s: SeedRepeat): SeedRow[] {
  const vpt =
    s.metrics.vptLyapunov && s.metrics.vptLyapunov.mean !== null
      ? { key: 'vptLyapunov', label: 'VPT (Lyapunov times)' }
      : { key: 'vpt', label: 'VPT (model time)' };
  const wanted = [
    { key: 'testMse', label: 'one-step test MSE' },
    { key: 'rolloutMseRelift', label: 'rollout MSE (re-lifted)' },
    vpt,
    { key: 'spectralRadius', label: 'spectral radius of K' },
  ];
  return wanted
    .filter((w) => s.metrics[w.key])
    .map(({ key, label }) => {
      const summary = s.metrics[key];
      const count = summary.values.filter((v) => v !== null && Number.isFinite(v)).length;
      return {
        key,
        label,
        summary,
        count,
        meanText:
          summary.mean === null
            ? '–'
            : `${formatSig(summary.mean)} ± ${formatSig(spread(summary.mean, summary.std!), 2)}`,
        rangeText:
          summary.min === null ? '–' : `${formatSig(summary.min)} – ${formatSig(summary.max!)}`,
      };
    });
}

export interface DistanceRow {
  name: string;
  wasserstein: number;
  floor: number;
  /** W₁ over the true standard deviation, and its floor likewise. */
  wassersteinRel: number;
  floorRel: number;
  spectrumHellinger: number | null;
  floorSpectrum: number | null;
  /** W₁ more than three times its floor: the marginal differs beyond sampling noise. */
  beyondFloor: boolean;
}

export function distanceRows(a: StatsAnalysis): DistanceRow[] {
  return a.stats.components.map((c, i) => {
    const f = a.floor.components[i];
    return {
      name: c.name,
      wasserstein: c.wasserstein,
      floor: f.wasserstein,
      wassersteinRel: c.wassersteinRel,
      floorRel: f.wassersteinRel,
      spectrumHellinger: c.spectrumHellinger,
      floorSpectrum: f.spectrumHellinger,
      beyondFloor: c.wasserstein > 3 * f.wasserstein,
    };
  });
}

/** The warning line of a free run that left the attractor, or null. */
export function leftWarning(a: StatsAnalysis): string | null {
  if (a.leftAt < 0) return null;
  const t = formatSig(a.leftAt * a.dt, 4);
  const why = a.leftReason === 'nan' ? 'a state turned non-finite' : 'it left the blow-up box';
  return `The RNN’s free run left the attractor at step ${a.leftAt} (t = ${t}): ${why}. Its statistics describe the ${a.stats.samples.surrogate} states before.`;
}
