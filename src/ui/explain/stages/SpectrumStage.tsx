/**
 * Stage 4, the spectrum of K (METHOD.md §5): eigenvalues, their continuous-time rates
 * ω = log(λ)/Δt, the inside/on/outside counts, and the leading ones as a table.
 */
import type { RunResult } from '../../../run/result';
import { formatSig } from '../../format';
import { ON_CIRCLE_TEXT, RESIDUAL_HIGH, referenceFor, trustOf } from '../../plots/spectrumData';
import { Eq } from '../Eq';
import { eigenTable, leadingEigen, leadingOscillation, overviewValues } from '../overviewData';
import { texComplex, texLines, texNumber } from '../texNumber';

const ROWS = 8;

export function SpectrumStage({ result: r }: { result: RunResult }) {
  const v = overviewValues(r);
  const { re, im } = r.eigenvalues;
  const dt = r.dt;
  const top = leadingEigen(re, im, dt);
  const osc = leadingOscillation(re, im, dt);
  const rows = eigenTable(re, im, dt, ROWS);
  const omega = referenceFor(r.config).omega;
  const unit = r.family === 'series' ? (r.series?.step === 'day' ? 'day' : 'step') : 'time unit';
  const residual = r.eigenvalues.residual;
  const doubtful = residual ? Array.from(residual).filter((x) => x > RESIDUAL_HIGH).length : 0;
  return (
    <>
      <p className="explain-lead">
        K is linear, so its <b>eigenvalues</b> say what the linear model does forever: each
        eigen-direction is multiplied by its λ every step.
      </p>
      <Eq
        tex={texLines(
          `\\xi_j^{H} K = \\lambda_j\\,\\xi_j^{H},\\qquad \\Delta t = ${texNumber(dt)}`,
          `\\omega_j = \\frac{\\log \\lambda_j}{\\Delta t} = \\frac{\\ln\\lvert\\lambda_j\\rvert}{\\Delta t} + i\\,\\frac{\\arg \\lambda_j}{\\Delta t}`,
        )}
      >
        An <b>eigenvalue</b> λ, a complex number of modulus |λ| and angle θ, turns a direction by
        the angle θ and stretches it by |λ| per step. The <b>continuous-time rate</b> ω converts
        that to per {unit}: its real part is the growth (&gt; 0) or decay (&lt; 0) rate, its
        imaginary part the angular frequency.
      </Eq>
      {osc && (
        <Eq
          tex={texLines(
            `\\lambda = ${texComplex(osc.re, osc.im, 4)}`,
            `\\omega = \\frac{\\log \\lambda}{${texNumber(dt)}} = ${texComplex(osc.growth, osc.freq, 4)}`,
            `T = \\frac{2\\pi}{\\operatorname{Im}\\omega} = ${texNumber(osc.period, 4)}`,
          )}
        >
          This run&rsquo;s leading <b>oscillation</b> (the complex λ of largest modulus): period{' '}
          <span data-testid="explain-period" data-value={String(osc.period)}>
            {formatSig(osc.period, 4)}
          </span>{' '}
          {unit}s
          {omega !== null
            ? `; the true limit cycle has ω = ${formatSig(omega, 5)} (period ${formatSig((2 * Math.PI) / omega, 5)}), so a good fit puts eigenvalues at angles k·ω·Δt on the unit circle`
            : ''}
          .
        </Eq>
      )}
      <p className="explain-counts" data-testid="explain-circle-counts">
        Of {v.spectrumRank} eigenvalues{v.truncated ? ' (of the rank-r POD projection)' : ''}:{' '}
        <b>{v.circle.circle}</b> on the unit circle ({ON_CIRCLE_TEXT}: they persist, like the cycle
        or the constant feature), <b>{v.circle.inside}</b> inside (they decay: transients),{' '}
        <b>{v.circle.outside}</b> outside (they grow: the linear forecast will eventually blow up
        along them). Largest modulus{' '}
        {top
          ? `|λ| = ${formatSig(top.abs, 6)}, rate ${formatSig(top.growth, 3)} per ${unit}`
          : 'none'}
        .
      </p>
      {residual && (
        <p className="explain-counts" data-testid="explain-doubtful" data-value={doubtful}>
          Not every eigenvalue is a property of the dynamics. The <b>ResDMD residual</b> checks each
          one on the training pairs: how far φ(x<sub>t+1</sub>) is from λ·φ(x<sub>t</sub>) for its
          eigenfunction φ, relative to |φ|. <b>{doubtful}</b> of {residual.length} have a residual
          above {RESIDUAL_HIGH}: they are probably artefacts of the finite network (faded in the
          spectrum plot).
        </p>
      )}
      <table className="explain-table" data-testid="eigen-table">
        <caption>Leading eigenvalues (one row per conjugate pair ±)</caption>
        <thead>
          <tr>
            <th scope="col">λ</th>
            <th scope="col">|λ|</th>
            <th scope="col">angle (rad/step)</th>
            <th scope="col">growth (1/{unit})</th>
            <th scope="col">ω (rad/{unit})</th>
            <th scope="col">period</th>
            {residual && (
              <th scope="col" title="ResDMD residual on the training pairs (METHOD.md §12)">
                residual
              </th>
            )}
            {omega !== null && (
              <th scope="col" title="angle / (ω·Δt), ω the true limit cycle's angular frequency">
                k = angle/(ωΔt)
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((e, k) => (
            <tr
              key={k}
              data-re={String(e.re)}
              data-im={String(e.im)}
              data-growth={String(e.growth)}
              data-freq={String(e.freq)}
            >
              <td>
                {formatSig(e.re, 4)}
                {e.pair ? ` ± ${formatSig(e.im, 4)}i` : ''}
              </td>
              <td>{formatSig(e.abs, 6)}</td>
              <td>{e.pair ? `±${formatSig(e.angle, 4)}` : formatSig(e.angle, 4)}</td>
              <td>{formatSig(e.growth, 3)}</td>
              <td>{e.pair ? `±${formatSig(e.freq, 4)}` : formatSig(e.freq, 4)}</td>
              <td>{Number.isFinite(e.period) ? formatSig(e.period, 4) : '—'}</td>
              {residual && (
                <td data-residual={String(residual[e.index])}>
                  {formatSig(residual[e.index], 2)} {trustOf(residual[e.index]) ?? ''}
                </td>
              )}
              {omega !== null && <td>{formatSig(e.angle / (omega * dt), 3)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
