/**
 * Stage 5, the forecast (METHOD.md §4, §6): the re-lifted RNN vs the linear Koopman rollout, the
 * one-step MSE and the valid prediction time, and why re-lifting keeps the forecast on the attractor.
 */
import type { RunResult } from '../../../run/result';
import { formatSig } from '../../format';
import { Eq } from '../Eq';
import { overviewValues } from '../overviewData';
import { texLines, texNumber } from '../texNumber';

function mse(v: number | null): string {
  return v === null ? 'diverged' : formatSig(v);
}

export function ForecastStage({ result: r }: { result: RunResult }) {
  const v = overviewValues(r);
  const m = r.metrics;
  const p = r.control?.p ?? 0;
  const unit = r.family === 'series' ? (r.series?.step === 'day' ? 'days' : 'steps') : 'time units';
  return (
    <>
      <p className="explain-lead">
        Every forecast starts from a test state and feeds its own output back in, {v.horizon} steps
        long. There are two ways to run the fitted model forward:
      </p>
      <Eq
        tex={`\\text{re-lifted (RNN):}\\quad \\hat x_{t+1} = CK\\,\\Psi(\\hat x_t)${p > 0 ? ' + CB\\,u_t' : ''},\\qquad \\hat x_0 = x_0`}
      >
        <b>Re-lifted</b>: map the predicted state back through the hidden layer at every step. The
        features are always those of a real state, Ψ(x̂ₜ).
      </Eq>
      <Eq
        tex={texLines(
          `\\text{linear:}\\quad z_{t+1} = K z_t${p > 0 ? ' + B u_t' : ''},\\quad \\hat x_t = C z_t,\\quad z_0 = \\Psi(x_0)`,
          `\\Rightarrow\\quad \\hat x_t = C K^{t}\\,\\Psi(x_0)`,
        )}
      >
        <b>Linear Koopman rollout</b>: lift once and multiply by K. Cheap, but its fate is fixed by
        the eigenvalues: λᵗ fades for <span className="explain-nowrap">|λ| &lt; 1</span> and
        explodes for <span className="explain-nowrap">|λ| &gt; 1</span>.
      </Eq>
      <Eq
        tex={texLines(
          `\\text{one-step MSE} = \\operatorname{mean}_{t,i}\\big(CK\\,\\Psi(x_t) - x_{t+1}\\big)_i^2 = ${texNumber(v.testMse)}`,
          `e(t) = \\frac{\\lVert \\hat x_t - x_t\\rVert}{\\sqrt{\\sum_i \\mathrm{std}_i^2}}`,
        )}
      >
        The <b>one-step MSE</b> (mean squared error) checks single steps from true test states:{' '}
        <span data-testid="explain-test-mse" data-value={String(v.testMse)}>
          {formatSig(v.testMse)}
        </span>
        . The <b>valid prediction time</b> (VPT) is how long a free forecast stays within ε ={' '}
        {String(r.config.eps)} of the truth in the normalised error e(t): median over the{' '}
        {v.testStarts} test starts.
      </Eq>
      <table className="explain-table" data-testid="forecast-table">
        <thead>
          <tr>
            <th scope="col">rollout</th>
            <th scope="col">VPT ({unit})</th>
            <th scope="col">rollout MSE</th>
            <th scope="col">diverged</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>re-lifted RNN</td>
            <td>{formatSig(m.vptRelift)}</td>
            <td>{mse(m.rolloutMseRelift)}</td>
            <td>
              {m.divergedRelift} of {v.testStarts}
            </td>
          </tr>
          <tr>
            <td>linear</td>
            <td>{formatSig(m.vptLinear)}</td>
            <td>{mse(m.rolloutMseLinear)}</td>
            <td>
              {m.divergedLinear} of {v.testStarts}
            </td>
          </tr>
        </tbody>
      </table>
      <h4 className="explain-sub">Why re-lifting keeps the forecast on the attractor</h4>
      <p className="explain-plain">
        Lifted states Ψ(x) of real states form a thin curved surface in the {v.m}-dimensional
        feature space. K is only a least-squares fit, so K z lands slightly <i>off</i> that surface,
        and the linear rollout keeps going from there: small errors pile up along every
        eigen-direction, and the long run is whatever the eigenvalues dictate (decay to the mean, or
        growth). The re-lifted RNN reads the state out with C and lifts it again: Ψ(x̂) is back on
        the surface, so every step is a step of a genuine state, and the nonlinear neurons pull it
        back towards the data it was fitted on — the attractor.
      </p>
    </>
  );
}
