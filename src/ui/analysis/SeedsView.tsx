import { useMemo } from 'react';
import type { SeedRepeat } from '../../run/seeds';
import { censoredSeeds, seedRows } from './tables';

/** The repeat over seeds: the main metrics as mean ± std with their range. */
export function SeedsView({ s }: { s: SeedRepeat }) {
  const rows = useMemo(() => seedRows(s), [s]);
  const censored = censoredSeeds(s);
  return (
    <div className="analysis-section" data-testid="seeds-view">
      <h3>
        Repeat over {s.seeds.length} seeds{' '}
        <span className="analysis-sub">
          seeds {s.seeds[0]}…{s.seeds[s.seeds.length - 1]}: new data, hidden weights and test starts
        </span>
      </h3>
      <table className="analysis-table seeds" data-testid="seeds-table">
        <thead>
          <tr>
            <th>metric</th>
            <th>mean ± std</th>
            <th>min – max</th>
            <th>finite</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.key}
              data-row={r.key}
              data-mean={r.summary.mean ?? ''}
              data-std={r.summary.std ?? ''}
              data-min={r.summary.min ?? ''}
              data-max={r.summary.max ?? ''}
            >
              <th scope="row">{r.label}</th>
              <td>{r.meanText}</td>
              <td>{r.rangeText}</td>
              <td>
                {r.count} of {s.seeds.length}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {censored > 0 && (
        <p className="analysis-warning" role="status" data-testid="seeds-censored">
          In {censored} of {s.seeds.length} seeds some test forecasts never crossed ε within the
          horizon: their VPT is a lower bound (raise the horizon for the full value).
        </p>
      )}
      <p className="analysis-note">
        One run’s number means little without its seed-to-seed scatter: a difference between two
        settings smaller than the std here is not a difference.
      </p>
    </div>
  );
}
