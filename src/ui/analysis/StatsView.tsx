import { useMemo } from 'react';
import type { StatsAnalysis } from '../../run/analysis';
import { formatSig } from '../format';
import { AnalysisFigure } from './AnalysisFigure';
import { marginalsFigure, returnMapFigure, spectraFigure } from './figures';
import { distanceRows, leftWarning } from './tables';
import { density2dFigure } from './density2d';

/** The long-term statistics: marginals, W₁ with floors, spectra, return map. */
export function StatsView({ a }: { a: StatsAnalysis }) {
  const marginals = useMemo(() => marginalsFigure(a), [a]);
  const spectra = useMemo(() => spectraFigure(a), [a]);
  const returnMap = useMemo(() => returnMapFigure(a), [a]);
  const rows = useMemo(() => distanceRows(a), [a]);
  const density2d = useMemo(() => density2dFigure(a), [a]);
  const left = leftWarning(a);
  return (
    <div className="analysis-section" data-testid="stats-view">
      <h3>
        Long-term statistics{' '}
        <span className="analysis-sub">
          free run of {a.steps.toLocaleString('en')} steps against the true system from test start{' '}
          {a.testIndex + 1}
        </span>
      </h3>
      {left && (
        <p className="analysis-warning" role="status" data-testid="stats-left">
          ⚠ {left}
        </p>
      )}
      <div className="analysis-grid">
        <AnalysisFigure
          id="stats-marginals"
          figure={marginals}
          wide
          caption="How often the long free run visits each value, per component: the RNN’s **climate** against the truth’s. W₁ (1-Wasserstein) is the average distance the RNN’s values would have to move to match the truth’s, in the state’s units; the **floor** is the same distance between two equally long stretches of the true system, what a perfect model would score."
        />
        {spectra && (
          <AnalysisFigure
            id="stats-spectra"
            index={1}
            wide
            figure={spectra}
            caption="Power spectra of the two long runs (log scale): which frequencies carry the motion. f in cycles per unit time; H is the Hellinger distance between the spectra (0: identical, 1: disjoint), with its floor."
          />
        )}
        {returnMap && (
          <AnalysisFigure
            id="returnmap"
            index={2}
            figure={returnMap}
            caption="Each maximum against the next one. For the Lorenz system the true points lie on a thin cusp (Lorenz’s map, 1963): a surrogate on the right attractor reproduces the curve, not only its spread."
          />
        )}
        <AnalysisFigure
          id="stats-density2d"
          index={3}
          wide
          figure={density2d}
          caption="Where the long run spends its time in a plane of two components, the true system (left) and the RNN’s free run (right), on the same bins and colour scale (square root of the density, so rarely visited parts stay visible; white: never visited). A surrogate on the right attractor has the same shape; H is the Hellinger distance between the two densities, the floor the same distance between two stretches of the true system."
        />
        <div className="analysis-table-cell">
          <table className="analysis-table" data-testid="stats-table">
            <thead>
              <tr>
                <th />
                <th>W₁</th>
                <th>floor</th>
                <th>W₁ / std</th>
                <th>spectrum H (floor)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.name} data-row={r.name} className={r.beyondFloor ? 'beyond' : ''}>
                  <th scope="row">{r.name}</th>
                  <td data-value={r.wasserstein}>{formatSig(r.wasserstein)}</td>
                  <td data-value={r.floor}>{formatSig(r.floor)}</td>
                  <td data-value={r.wassersteinRel}>{formatSig(r.wassersteinRel)}</td>
                  <td data-value={r.spectrumHellinger ?? ''}>
                    {r.spectrumHellinger === null
                      ? '–'
                      : `${formatSig(r.spectrumHellinger)} (${r.floorSpectrum === null ? '–' : formatSig(r.floorSpectrum)})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="analysis-note">
            W₁ is used rather than KL: it needs no binning, stays finite when the supports differ
            and is in the state’s units. Rows in bold differ by more than three times the floor.
            Joint density of {a.stateNames[a.stats.density2d.i]}–{a.stateNames[a.stats.density2d.j]}
            : Hellinger {formatSig(a.stats.density2d.hellinger)} (floor{' '}
            {formatSig(a.floor.density2dHellinger)}).
          </p>
        </div>
      </div>
    </div>
  );
}
