/**
 * Stage 3, least squares (METHOD.md §3): G, the ridge, K = A(G + λI)⁻¹ and C, K and C as heat
 * maps, and the re-lifted network drawn as an RNN (§4).
 */
import type { RunResult } from '../../../run/result';
import { formatSig } from '../../format';
import { Eq } from '../Eq';
import { MatrixHeatmap } from '../MatrixHeatmap';
import { overviewValues } from '../overviewData';
import { RnnDiagram } from '../RnnDiagram';
import { texLines, texNumber } from '../texNumber';

const SOLVE_WORDS: Record<string, string> = {
  cholesky:
    'Cholesky factorisation G + λI = LLᵀ, then two triangular solves: the fast, exact path (the matrix was comfortably positive definite).',
  'cholesky-jitter':
    'Cholesky failed, so a tiny extra diagonal was added (jitter): the Gram matrix was numerically singular — raise reg.',
  'eig-pinv':
    'Even jitter failed, so the solve used the eigen-pseudo-inverse, dropping directions with no information: raise reg.',
};

/** Heat maps show at most this many rows and columns. */
const K_BLOCK = 60;
const C_COLS = 256;

export function LeastSquaresStage({ result: r }: { result: RunResult }) {
  const v = overviewValues(r);
  const m = v.m;
  const p = r.control?.p ?? 0;
  const lam = texNumber(v.ridge);
  return (
    <>
      <p className="explain-lead">
        The only &ldquo;training&rdquo;: one linear least-squares problem. Lift every pair with Ψ,
        then find the matrix K that best maps lifted states to lifted next states, and the readout C
        that maps lifted states back to states.
      </p>
      <Eq
        tex={texLines(
          `G = \\Psi_X \\Psi_X^{\\top} = \\sum_{k=1}^{${texNumber(v.pairs)}} \\Psi(x_k)\\,\\Psi(x_k)^{\\top} \\in \\mathbb{R}^{${m} \\times ${m}}`,
          `A = \\Psi_Y \\Psi_X^{\\top} = \\sum_k \\Psi(y_k)\\,\\Psi(x_k)^{\\top} \\in \\mathbb{R}^{${m} \\times ${m}}`,
        )}
      >
        The <b>Gram matrix</b> G says how the {m} features move together over the data, A how the
        features of the next state relate to those of the current one. Both are sums over the N ={' '}
        {v.pairs.toLocaleString('en-US')} pairs, so memory stays {m}×{m} however long the data.
      </Eq>
      <Eq
        tex={texLines(
          `\\lambda = \\lambda_{\\text{rel}}\\cdot\\frac{\\operatorname{tr} G}{M+1},\\quad \\lambda_{\\text{rel}} = ${lam}${v.ridgeValidated ? '\\ (\\text{validated})' : ''}`,
          `\\operatorname{cond}(G + \\lambda I) \\le 1 + \\frac{${m}}{\\lambda_{\\text{rel}}} = ${texNumber(v.condBound, 2)}`,
        )}
      >
        The <b>ridge</b> λ adds a little to the diagonal so the solve never divides by (nearly)
        zero; relative to the data&rsquo;s scale, so one value means the same at every width.
        {v.ridgeValidated
          ? ' It was chosen by holdout validation: the value whose forecasts on held-out trajectories were best.'
          : ''}{' '}
        It caps the <b>condition number</b> (how much rounding errors can be amplified) at{' '}
        {formatSig(v.condBound, 2)}.
      </Eq>
      <Eq
        tex={texLines(
          `K = A\\,(G + \\lambda I)^{-1} \\in \\mathbb{R}^{${m}\\times ${m}}`,
          `C = \\Big(\\sum_k x_k\\,\\Psi(x_k)^{\\top}\\Big)(G + \\lambda I)^{-1} \\in \\mathbb{R}^{${v.dim}\\times ${m}}`,
          ...(p > 0 ? ['[K\\ B] = A_z (G_z + \\lambda I)^{-1}'] : []),
        )}
      >
        The <b>Koopman matrix</b> K advances the features one step: Ψ(next state) ≈ K Ψ(state). The{' '}
        <b>readout</b> C recovers the state: x ≈ C Ψ(x). Solve:{' '}
        {SOLVE_WORDS[v.solveMethod] ?? v.solveMethod}
      </Eq>
      <div className="explain-heatmaps">
        <MatrixHeatmap
          name={v.truncated ? 'K_r' : 'K'}
          a={r.model.K}
          rows={r.spectrumRank}
          cols={r.spectrumRank}
          max={K_BLOCK}
          rowLabel="to feature"
          colLabel="from feature"
          testid="heatmap-K"
        />
        <MatrixHeatmap
          name="C"
          a={r.model.C}
          rows={r.model.C.length / m}
          cols={m}
          max={C_COLS}
          rowLabel="state"
          colLabel={m <= C_COLS ? 'feature (last: the constant)' : 'feature'}
          testid="heatmap-C"
          height={Math.min(120, 24 * v.dim)}
        />
      </div>
      {v.truncated && (
        <p className="explain-note">
          K is shown in the POD basis of rank r = {r.spectrumRank} (its {r.spectrumRank} leading
          principal directions of the features): the full {m}×{m} matrix is never formed here.
        </p>
      )}
      <h4 className="explain-sub">The fitted model is a recurrent network</h4>
      <Eq
        tex={texLines(
          `h_{t+1} = \\sigma\\big(W\\,CK\\,[h_t;\\,1] + b\\big)`,
          `\\hat x_{t+1} = CK\\,[h_t;\\,1],\\qquad W\\,CK \\in \\mathbb{R}^{${v.width}\\times ${m}}`,
        )}
      >
        Put the pieces together and the hidden state hₜ = ψ(x̂ₜ) feeds itself: a recurrent network
        whose recurrent weights W·CK (rank ≤ {v.dim}) came from sampling and one least-squares
        solve, not from back-propagation through time.
      </Eq>
      <RnnDiagram d={v.dim} M={v.width} inputs={p} />
    </>
  );
}
