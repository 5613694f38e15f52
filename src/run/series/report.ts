/**
 * The RNN's test errors next to the baselines', per horizon and variable, and the plain-words
 * verdicts the app shows (and the CLI prints as warnings) when a baseline wins.
 */
import type { SeriesMetrics } from '../result';
import { msePerVariable } from '../../sources/series/baselines';

export interface SeriesForecasts {
  variables: string[];
  units: string[];
  horizons: number[];
  /** n × d each, physical units. */
  truth: Float64Array;
  rnn: Float64Array[];
  persistence: Float64Array[];
  climatology: Float64Array;
}

/** MSE per horizon and variable for the RNN, persistence and climatology (physical units²). */
export function seriesMetrics(f: SeriesForecasts): SeriesMetrics {
  const d = f.variables.length;
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  const clim = msePerVariable(f.climatology, f.truth, d);
  return {
    variables: f.variables.slice(),
    units: f.units.slice(),
    horizons: f.horizons.slice(),
    rnn: f.rnn.map((x) => msePerVariable(x, f.truth, d).map(finite)),
    persistence: f.persistence.map((x) => msePerVariable(x, f.truth, d)),
    climatology: f.horizons.map(() => clim.slice()),
  };
}

const sig = (v: number) => String(Number(v.toPrecision(3)));

/** "°C²", "mm²", or "" for unitless columns. */
export function squaredUnit(unit: string): string {
  return unit ? `${unit}²` : '';
}

export interface Verdict {
  horizon: number;
  variable: string;
  baseline: 'persistence' | 'climatology';
  rnn: number | null;
  other: number;
  text: string;
}

/**
 * Every (horizon, variable) where a baseline's MSE is lower than the RNN's, worded for the page:
 * "At 7 days the RNN loses to climatology on temp_max (MSE 20.1 vs 14.3 °C²)."
 */
export function baselineWins(
  m: SeriesMetrics,
  stepWord: string,
  climatologyName: string,
): Verdict[] {
  const out: Verdict[] = [];
  m.horizons.forEach((h, k) => {
    m.variables.forEach((v, i) => {
      const rnn = m.rnn[k][i];
      const when = `At ${h} ${stepWord}${h === 1 ? '' : 's'}`;
      const unit = squaredUnit(m.units[i]);
      for (const baseline of ['persistence', 'climatology'] as const) {
        const other = m[baseline][k][i];
        if (rnn !== null && rnn <= other) continue;
        const name = baseline === 'climatology' ? climatologyName : 'persistence';
        out.push({
          horizon: h,
          variable: v,
          baseline,
          rnn,
          other,
          text:
            rnn === null
              ? `${when} the RNN forecast of ${v} diverged; ${name} has MSE ${sig(other)}${unit ? ` ${unit}` : ''}.`
              : `${when} the RNN loses to ${name} on ${v} (MSE ${sig(rnn)} vs ${sig(other)}${unit ? ` ${unit}` : ''}).`,
        });
      }
    });
  });
  return out;
}
