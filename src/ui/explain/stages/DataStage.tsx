/** Stage 1, the data (METHOD.md §1): trajectories, snapshot pairs (x_t, x_{t+1}), test starts. */
import type { RunResult } from '../../../run/result';
import { formatSig } from '../../format';
import { Eq } from '../Eq';
import { overviewValues } from '../overviewData';
import { texLines, texNumber } from '../texNumber';

export function DataStage({ result: r }: { result: RunResult }) {
  const v = overviewValues(r);
  const c = r.config;
  const n = texNumber(v.pairs);
  if (r.family === 'series' && r.series) {
    const k = r.series.delay;
    const d = v.variables;
    return (
      <>
        <p className="explain-lead">
          A measured series ({r.series.title}, {r.series.splitText}): one row per {r.series.step}.
          The network sees a short window of the past, not just today.
        </p>
        <Eq
          tex={texLines(
            `z_t = \\frac{x_t - \\mu}{\\sigma}`,
            `\\tilde x_t = \\big[z_t;\\ z_{t-1};\\ \\dots;\\ z_{t-${k - 1}}\\big] \\in \\mathbb{R}^{${d} \\cdot ${k}} = \\mathbb{R}^{${v.dim}}`,
          )}
        >
          <b>Standardise</b> each of the {d} variables with the mean μ and spread σ of the{' '}
          <i>training</i> rows only, then <b>stack</b> the last k = {k} rows into one state (a delay
          embedding: the past stands in for what is not measured).
        </Eq>
        <Eq tex={`\\{(\\tilde x_t, \\tilde x_{t+1})\\}, \\qquad N = ${n} \\text{ pairs}`}>
          Each <b>snapshot pair</b> is a state and the state one {r.series.step} later. Here N ={' '}
          {v.pairs.toLocaleString('en-US')} training pairs; the forecasts start from {v.testStarts}{' '}
          origins in the test period.
        </Eq>
      </>
    );
  }
  const p = r.control?.p ?? 0;
  return (
    <>
      <p className="explain-lead">
        The system is simulated from {v.trajectories} random starts for {String(c.len)} steps of Δt
        = {String(r.dt)} each
        {Number(c.noise) > 0
          ? `, with ${formatSig(Number(c.noise) * 100)} % measurement noise on the training states`
          : ''}
        . Consecutive states make the training examples: the network only ever sees pairs &ldquo;now
        → one step later&rdquo;.
      </p>
      <Eq
        tex={
          p > 0
            ? texLines(
                `\\{(x_k, u_k, y_k)\\}_{k=1}^{N},\\quad y_k = x_{k+1},\\quad x_k \\in \\mathbb{R}^{${v.dim}},\\ u_k \\in \\mathbb{R}^{${p}}`,
                `N = ${texNumber(v.trajectories ?? 0)} \\times ${texNumber(Number(c.len))} = ${n}`,
              )
            : texLines(
                `\\{(x_k, y_k)\\}_{k=1}^{N},\\quad y_k = x_{k+1},\\quad x_k \\in \\mathbb{R}^{${v.dim}}`,
                `N = ${texNumber(v.trajectories ?? 0)} \\times ${texNumber(Number(c.len))} = ${n}`,
              )
        }
      >
        A <b>snapshot pair</b> (xₖ, yₖ) is a state and the state Δt later
        {p > 0 ? ', with the input u_k held over that step' : ''}. Here N ={' '}
        <span data-testid="explain-pairs">{v.pairs.toLocaleString('en-US')}</span> pairs from{' '}
        {v.trajectories} trajectories of {r.stateNames.join(', ')}. Pairs never join the end of one
        trajectory to the start of the next.
      </Eq>
      <Eq
        tex={texLines(
          `x_0^{\\text{test}} \\sim \\text{fresh starts}`,
          `${v.testStarts}\\ \\text{test trajectories of}\\ H = ${r.test.horizon}\\ \\text{steps}`,
        )}
      >
        <b>Test starts</b> are new initial states the network never saw. Every forecast and error on
        this page is measured on them, {v.testStarts} trajectories of {r.test.horizon} steps (
        {formatSig(r.test.horizon * r.dt)} time units).
      </Eq>
    </>
  );
}
