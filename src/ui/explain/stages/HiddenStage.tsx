/** Stage 2, the sampled hidden layer (METHOD.md §2): ψ(x) = σ(Wx + b), SWIM or random features. */
import type { RunResult } from '../../../run/result';
import { formatSig, formatTuple } from '../../format';
import { Eq } from '../Eq';
import { overviewValues } from '../overviewData';
import { texLines } from '../texNumber';

/** Neuron i's weights and, for SWIM, its activation at the two points of its pair. */
function neuron(r: RunResult, i: number) {
  const d = r.model.W.length / r.model.width;
  const w = Array.from(r.model.W.subarray(i * d, (i + 1) * d));
  const b = r.model.b[i];
  const act = (x: ArrayLike<number>) => {
    let z = b;
    for (let j = 0; j < d; j++) z += w[j] * x[j];
    return r.config.act === 'relu' ? Math.max(0, z) : Math.tanh(z);
  };
  const pp = r.model.pairPoints;
  const pts = pp
    ? [pp.subarray(2 * i * d, (2 * i + 1) * d), pp.subarray((2 * i + 1) * d, (2 * i + 2) * d)]
    : null;
  return { w, b, pts, at: pts ? pts.map(act) : null };
}

export function HiddenStage({ result: r }: { result: RunResult }) {
  const v = overviewValues(r);
  const relu = v.activation === 'relu';
  const sigma = relu ? '\\max(0,\\,\\cdot\\,)' : '\\tanh';
  const n1 = neuron(r, 0);
  return (
    <>
      <p className="explain-lead">
        The hidden layer turns a state of {v.dim} numbers into {v.width} features. Its weights are{' '}
        <b>drawn, never trained</b>:{' '}
        {v.sampler === 'swim'
          ? 'SWIM picks them from pairs of training points'
          : 'random directions, centred on the data'}
        .
      </p>
      <Eq
        tex={texLines(
          `\\psi(x) = ${sigma}(W x + b) \\in \\mathbb{R}^{${v.width}}`,
          `W \\in \\mathbb{R}^{${v.width} \\times ${v.dim}},\\ b \\in \\mathbb{R}^{${v.width}},\\qquad \\Psi(x) = \\begin{bmatrix} \\psi(x) \\\\ 1 \\end{bmatrix} \\in \\mathbb{R}^{${v.m}}`,
        )}
      >
        Each of the M = {v.width} <b>neurons</b> is one ridge:{' '}
        {relu ? 'a ramp' : 'an S-shaped step'} across the direction of its row w of W, placed by its
        offset b. The <b>dictionary</b> Ψ adds a constant 1, so the least-squares fit can also add a
        constant.
      </Eq>
      {v.sampler === 'swim' ? (
        <>
          <Eq
            tex={texLines(
              `w = s_1\\,\\frac{x^{(2)} - x^{(1)}}{\\lVert x^{(2)} - x^{(1)} \\rVert^2}`,
              `b = -\\langle w, x^{(1)}\\rangle - s_2,\\qquad ${relu ? 's_1 = 1,\\ s_2 = 0' : 's_1 = \\ln 3 \\approx 1.0986,\\ s_2 = \\tfrac{1}{2}\\ln 3'}`,
            )}
          >
            <b>SWIM</b> (sampling where it matters): each neuron comes from a pair of training
            points x⁽¹⁾, x⁽²⁾. Its direction points from one to the other, and it is scaled so the
            neuron is {relu ? '0 at x⁽¹⁾ and 1 at x⁽²⁾' : '−½ at x⁽¹⁾ and +½ at x⁽²⁾'}: the
            neuron&rsquo;s switch sits between the two points.
          </Eq>
          <Eq
            tex={`q = \\frac{\\lVert y^{(2)} - y^{(1)} \\rVert_\\infty}{\\lVert x^{(2)} - x^{(1)} \\rVert_2}`}
          >
            Which pairs? {formatSig(Math.max(10 * v.width, 1000))} candidate pairs are drawn; a pair
            is kept with probability ∝ q, large where nearby points have very different next states
            — where the dynamics changes fastest, so neurons gather there.
          </Eq>
          {n1.pts && n1.at && (
            <p className="explain-example" data-testid="explain-neuron-example">
              This run, neuron 1: w = {formatTuple(n1.w)}, b = {formatSig(n1.b)}; at its pair x⁽¹⁾ ={' '}
              {formatTuple(n1.pts[0])}, x⁽²⁾ = {formatTuple(n1.pts[1])} the neuron is{' '}
              <b>{formatSig(n1.at[0])}</b> and <b>{formatSig(n1.at[1])}</b>.
            </p>
          )}
        </>
      ) : (
        <>
          <Eq
            tex={`w_i = \\frac{g_i}{\\mathrm{std}_i},\\ g_i \\sim \\mathcal{N}(0,1),\\qquad b = -\\langle w, \\bar x\\rangle + u,\\ u \\sim \\mathcal{U}(${relu ? '-1, 1' : '-\\pi, \\pi'})`}
          >
            <b>Random features</b>: a random direction scaled by each component&rsquo;s spread, with
            the ridge centred on the data mean x̄ plus a random offset u. They ignore where the
            dynamics is interesting — compare with sampler = SWIM.
          </Eq>
          <p className="explain-example" data-testid="explain-neuron-example">
            This run, neuron 1: w = {formatTuple(n1.w)}, b = {formatSig(n1.b)}.
          </p>
        </>
      )}
      <p className="explain-note">
        Cost: {v.pairs.toLocaleString('en-US')} pairs × {v.width} neurons are lifted once; nothing
        is iterated.
      </p>
    </>
  );
}
