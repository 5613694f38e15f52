/**
 * The Koopman eigenfunction view (METHOD.md §5, §12): the spectrum coloured by ResDMD residual
 * (click an eigenvalue), the list of the leading eigenvalues, and |φ| and arg φ of the chosen
 * eigenfunction over the phase plane. For a limit cycle the fundamental eigenvalue's arg φ draws
 * the isochrons, and the measured phase advance per step along the cycle is compared with ω·Δt.
 * The numbers an e2e test reads are data attributes at full precision.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EigenfunctionAnalysis, EigenPairInfo } from '../../../run/eigenfunctions';
import type { RunResult } from '../../../run/result';
import { AnalysisFigure } from '../../analysis/AnalysisFigure';
import { formatSig } from '../../format';
import { Caption } from '../../plots/Caption';
import { PlotlyFigure } from '../../plots/PlotlyFigure';
import { eigenSpectrumFigure, modulusMapFigure, pairText, phaseMapFigure } from './eigenFigures';
import { trustOf } from '../../plots/spectrumData';

/** CSS class of each trust class in the list. */
const TRUST_CLASS = { trusted: 'ok', fair: 'fair', doubtful: 'bad' } as const;
import './eigen.css';

const SPECTRUM_CAPTION =
  'Each eigenvalue λ of K belongs to an **eigenfunction** φ of the state with φ(x_{t+1}) ≈ λ·φ(x_t): a quantity that one step of the system only multiplies by λ. Here λ is unrolled: its frequency arg λ/Δt across, its modulus |λ| up (a conjugate pair is one point). A limit cycle gives a ladder on |λ| = 1 at k·ω. Colour: the **ResDMD residual**, how far φ(x_{t+1}) is from λ·φ(x_t) on the training pairs relative to |φ| (dark: small, trustworthy; yellow: large, probably an artefact of the finite network). **Click** a coloured point to draw its eigenfunction.';
const MODULUS_CAPTION =
  '**|φ|**: how strongly this eigenfunction is present at each state (scaled to a maximum of 1). For an eigenvalue on the unit circle |φ| stays constant along the limit cycle; for |λ| < 1 it shrinks by |λ| per step, so it measures how far a state still is from the attractor. White dots: training data; line: an orbit on the attractor.';
const PHASE_CAPTION =
  '**arg φ** in a cyclic colour scale (−π and π have the same colour). For the fundamental eigenvalue λ ≈ e^{iωΔt} of a limit cycle each colour band is an **isochron**: the states in it fall onto the cycle in step with one point of it. One step of the system turns arg φ by arg λ = ω·Δt, so the colours march round the cycle at a constant rate.';

/** The spectrum figure with a click handler: a click on a listed eigenvalue selects it. */
function ClickableSpectrum({
  a,
  eig,
  selected,
  onSelect,
}: {
  a: EigenfunctionAnalysis;
  eig: RunResult['eigenvalues'];
  selected: number;
  onSelect: (j: number) => void;
}) {
  const figure = useMemo(() => eigenSpectrumFigure(a, eig, selected), [a, eig, selected]);
  const gd = useRef<HTMLDivElement | null>(null);
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  }, [onSelect]);
  useEffect(() => {
    // Plotly adds `on` to the graph div once it has drawn it; wait for that (at most ~10 s).
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    type ClickEvent = { points?: Array<{ customdata?: unknown }> };
    const attach = () => {
      const el = gd.current as
        (HTMLDivElement & { on?: (ev: string, f: (e: ClickEvent) => void) => void }) | null;
      if (el?.on) {
        el.on('plotly_click', (e) => {
          const j = e.points?.find((p) => typeof p.customdata === 'number')?.customdata;
          if (typeof j === 'number') select.current(j);
        });
        return;
      }
      if (tries++ < 100) timer = setTimeout(attach, 100);
    };
    attach();
    return () => {
      if (timer) clearTimeout(timer);
    };
  }, []);
  return (
    <figure className="plot-cell" data-plot="eigen-spectrum">
      <div className="plot-frame">
        <PlotlyFigure
          testid="plot-eigen-spectrum"
          data={figure.data}
          layout={figure.layout}
          graphRef={gd}
        />
      </div>
      <Caption text={SPECTRUM_CAPTION} />
    </figure>
  );
}

function EigenTable({
  pairs,
  principal,
  selected,
  onSelect,
}: {
  pairs: EigenPairInfo[];
  principal: number;
  selected: number;
  onSelect: (j: number) => void;
}) {
  return (
    <div className="analysis-table-cell eigen-list">
      <table className="analysis-table" data-testid="eigen-table">
        <thead>
          <tr>
            <th>λ</th>
            <th title="modulus">|λ|</th>
            <th title="frequency arg λ / Δt (rad per unit time)">ω</th>
            <th title="growth rate ln|λ| / Δt (per unit time)">rate</th>
            <th title="ResDMD residual on the training pairs">residual</th>
          </tr>
        </thead>
        <tbody>
          {pairs.map((p, j) => {
            const trust = trustOf(p.residual);
            return (
              <tr
                key={p.index}
                data-testid="eigen-row"
                data-index={p.index}
                data-re={p.re}
                data-im={p.im}
                data-modulus={p.modulus}
                data-residual={p.residual}
                aria-selected={j === selected}
                className={j === selected ? 'selected' : ''}
                onClick={() => onSelect(j)}
              >
                <th scope="row">
                  <button
                    type="button"
                    className="eigen-pick"
                    aria-pressed={j === selected}
                    onClick={(e) => {
                      e.stopPropagation();
                      onSelect(j);
                    }}
                  >
                    {pairText(p)}
                  </button>
                  {j === principal && <span className="eigen-tag">k = 1</span>}
                </th>
                <td>{formatSig(p.modulus, 6)}</td>
                <td>{formatSig(p.frequency, 4)}</td>
                <td>{formatSig(p.growth, 3)}</td>
                <td>
                  {formatSig(p.residual, 2)}{' '}
                  <span className={`eigen-trust ${trust ? TRUST_CLASS[trust] : ''}`}>
                    {trust ?? '–'}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The phase-advance check of the fundamental eigenfunction along the limit cycle, in words. */
function AdvanceNote({ a }: { a: EigenfunctionAnalysis }) {
  const o = a.orbit;
  if (!o || a.principal < 0) return null;
  const rel = o.omegaDt === null ? null : o.advanceMean / o.omegaDt - 1;
  return (
    <p className="analysis-note eigen-advance" data-testid="eigen-advance">
      Along {formatSig((o.steps * a.dt) / 1, 4)} time units of an orbit on the attractor, arg φ of
      the k = 1 eigenfunction turns by <b>{formatSig(o.advanceMean, 5)} rad per step</b> on average
      (single steps {formatSig(o.advanceMin, 4)} … {formatSig(o.advanceMax, 4)})
      {o.omegaDt === null ? (
        '.'
      ) : (
        <>
          ; the limit cycle’s ω·Δt is {formatSig(o.omegaDt, 5)} rad: {formatSig(100 * rel!, 2)} %
          off.
        </>
      )}
    </p>
  );
}

export function EigenView({ a, result }: { a: EigenfunctionAnalysis; result: RunResult }) {
  // The choice belongs to the analysis it was made in; a new analysis starts at its k = 1 pair.
  const [choice, setChoice] = useState<{ of: EigenfunctionAnalysis; j: number } | null>(null);
  const selected = choice?.of === a ? choice.j : a.principal >= 0 ? a.principal : 0;
  const setSelected = useCallback((j: number) => setChoice({ of: a, j }), [a]);
  const j = Math.min(selected, a.pairs.length - 1);
  const modulus = useMemo(
    () => (a.grid && j >= 0 ? modulusMapFigure(a, result, j) : null),
    [a, result, j],
  );
  const phase = useMemo(
    () => (a.grid && j >= 0 ? phaseMapFigure(a, result, j) : null),
    [a, result, j],
  );
  const o = a.orbit;
  const p = a.pairs[j];
  return (
    <div
      className="analysis-section eigen-view"
      data-testid="eigen-view"
      data-sys={a.sys}
      data-count={a.pairs.length}
      data-principal={a.principal}
      data-selected={j}
      data-selected-index={p?.index ?? ''}
      data-selected-residual={p?.residual ?? ''}
      data-principal-residual={a.principal >= 0 ? a.pairs[a.principal].residual : ''}
      data-principal-frequency={a.principal >= 0 ? a.pairs[a.principal].frequency : ''}
      data-advance-mean={o?.advanceMean ?? ''}
      data-advance-min={o?.advanceMin ?? ''}
      data-advance-max={o?.advanceMax ?? ''}
      data-advance-rms={o?.advanceRms ?? ''}
      data-omega-dt={o?.omegaDt ?? ''}
      data-advance-rel-error={o && o.omegaDt !== null ? o.advanceMean / o.omegaDt - 1 : ''}
      data-has-maps={a.grid ? 'true' : 'false'}
    >
      <h3>
        Koopman eigenfunctions{' '}
        <span className="analysis-sub">
          φ(x) = ξᴴΨ(x), ξ a left eigenvector of K ({a.spectrumRank}×{a.spectrumRank}); the{' '}
          {a.pairs.length} leading eigenvalues
        </span>
      </h3>
      {a.warnings.map((w) => (
        <p key={w} className="analysis-warning" role="status">
          {w}
        </p>
      ))}
      <AdvanceNote a={a} />
      <div className="analysis-grid">
        <ClickableSpectrum a={a} eig={result.eigenvalues} selected={j} onSelect={setSelected} />
        <EigenTable pairs={a.pairs} principal={a.principal} selected={j} onSelect={setSelected} />
        {modulus && (
          <AnalysisFigure id="eigen-modulus" figure={modulus} caption={MODULUS_CAPTION} index={1} />
        )}
        {phase && (
          <AnalysisFigure id="eigen-phase" figure={phase} caption={PHASE_CAPTION} index={2} />
        )}
      </div>
    </div>
  );
}
