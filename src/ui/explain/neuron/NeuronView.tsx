/**
 * The neuron view (issue 12, METHOD.md §2): pick one hidden neuron (Prev/Next, a number box or a
 * click on a SWIM pair's midpoint) and see its pair of points x⁽¹⁾, x⁽²⁾, its direction w and offset
 * b, and its activation σ(w·x + b) as a heat map over the phase plane (a slice for d ≥ 3); then the
 * zero lines of many neurons over the data, and the same for the other sampler on the same data
 * (SWIM vs random features), computed in a worker (src/state/neuron.ts).
 *
 * Self-contained: reads the result on screen from the store, so it can be embedded anywhere.
 * Test hooks on the root: data-neuron (0-based index), data-pre1/2 = w·x + b and data-act1/2 =
 * σ(w·x + b) at the pair's two points at full precision, data-expected1/2 what METHOD.md §2 says
 * they are (tanh: −½, +½).
 */
import { useEffect, useMemo } from 'react';
import type { RunResult } from '../../../run/result';
import { otherSampler, selectNeuron, startCompare, useNeuron } from '../../../state/neuron';
import { useStore } from '../../../state/store';
import { formatSig } from '../../format';
import { ExplainFigure } from '../ExplainFigure';
import { neuronFigure, samplerName, zeroLinesFigure } from './neuronFigures';
import { layerOfResult, neuronInfo, type LayerView, type NeuronInfo } from './neuronLayer';
import { slicePlane } from './slicePlane';
import '../explain.css';

const vec = (v: number[] | null) => (v ? `(${v.map((x) => formatSig(x, 4)).join(', ')})` : '—');
const num = (v: number | null, digits = 6) => (v === null ? '—' : formatSig(v, digits));

function NeuronTable({ info, act }: { info: NeuronInfo; act: string }) {
  const sigma = act === 'relu' ? 'ReLU' : 'tanh';
  return (
    <table className="analysis-table neuron-table" data-testid="neuron-table">
      <tbody>
        <tr>
          <th scope="row">pair x⁽¹⁾ → x⁽²⁾</th>
          <td>
            {vec(info.x1)} → {vec(info.x2)}
          </td>
        </tr>
        <tr>
          <th scope="row">direction w, offset b</th>
          <td>
            w = {vec(info.w)}, b = {num(info.b, 4)}
          </td>
        </tr>
        <tr>
          <th scope="row">w·x + b at x⁽¹⁾, x⁽²⁾</th>
          <td>
            {num(info.pre1, 10)}, {num(info.pre2, 10)}
          </td>
        </tr>
        <tr>
          <th scope="row">{sigma}(w·x + b) at x⁽¹⁾, x⁽²⁾</th>
          <td>
            <b>{num(info.act1, 12)}</b>, <b>{num(info.act2, 12)}</b>
            {info.act1 !== null && (
              <span className="analysis-sub">
                {' '}
                (METHOD.md §2: {act === 'relu' ? '0 and 1' : '−½ and +½'})
              </span>
            )}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/** One sampler's row: neuron j's heat map and the zero lines of all neurons. */
function SamplerRow({
  result,
  layer,
  index,
  suffix,
  pick,
}: {
  result: RunResult;
  layer: LayerView;
  index: number;
  suffix: string;
  pick?: (v: unknown) => void;
}) {
  const info = neuronInfo(layer, index);
  const ridgePlane = useMemo(
    () =>
      slicePlane(
        result,
        info.x1 && info.x2 ? info.x1.map((v, i) => (v + info.x2![i]) / 2) : undefined,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the plane follows the neuron shown
    [result, layer, index],
  );
  const meanPlane = useMemo(() => slicePlane(result), [result]);
  const ridge = useMemo(
    () => neuronFigure(result, layer, index, ridgePlane),
    [result, layer, index, ridgePlane],
  );
  const lines = useMemo(
    () => zeroLinesFigure(result, layer, meanPlane, index),
    [result, layer, meanPlane, index],
  );
  const swim = layer.sampler === 'swim';
  const tanh = layer.act !== 'relu';
  const slice =
    layer.d > 2
      ? ` The state is ${layer.d}-dimensional: this is the slice ${ridgePlane.fixedText} (through ${swim ? 'the pair’s midpoint' : 'the data mean'}) spanned by the two components with the largest spread; the pair and the data are drawn projected onto it.`
      : '';
  const ridgeCaption = swim
    ? `Neuron ${index + 1}’s activation ${tanh ? 'tanh' : 'ReLU'}(w·x + b): **blue −1, white 0, red +1**. SWIM chose the two data points x⁽¹⁾ and x⁽²⁾ and set w = ln3·(x⁽²⁾ − x⁽¹⁾)/‖x⁽²⁾ − x⁽¹⁾‖², b = −w·x⁽¹⁾ − ln3/2, so the activation is **exactly −½ at x⁽¹⁾ and +½ at x⁽²⁾** and the transition sits between them; the arrow is w, the dotted line w·x + b = 0, the grey dots the training data.${slice}`
    : `A random-features neuron: w is Gaussian (scaled by the data’s spread) and b a random offset around the data mean, so its ridge (dotted line w·x + b = 0, arrow w) ignores where the dynamics are.${slice}`;
  const missed = lines.missed;
  const linesCaption = swim
    ? `The zero lines of ${lines.shown < layer.width ? `${lines.shown} of the ${layer.width}` : `all ${layer.width}`} SWIM neurons over the training data (grey). Each crosses its pair halfway (**green dots**: click one to select that neuron). They sit where the data are and where the dynamics change fastest.${missed ? ` ${missed} lines miss this box.` : ''}${layer.d > 2 ? ` Slice ${meanPlane.fixedText} (the data mean).` : ''}`
    : `The zero lines of ${lines.shown < layer.width ? `${lines.shown} of the ${layer.width}` : `all ${layer.width}`} random neurons over the same data: many cross empty space${missed ? `, and ${missed} of them miss the data box altogether` : ''}, so fewer neurons change value where the data are.${layer.d > 2 ? ` Slice ${meanPlane.fixedText} (the data mean).` : ''}`;
  return (
    <>
      <ExplainFigure id={`neuron-ridge${suffix}`} figure={ridge} caption={ridgeCaption} />
      <ExplainFigure
        id={`neuron-lines${suffix}`}
        figure={lines.figure}
        caption={linesCaption}
        onPick={pick}
      />
    </>
  );
}

export function NeuronView({ result: given }: { result?: RunResult } = {}) {
  const fromStore = useStore((s) => s.result);
  const result = given ?? fromStore;
  const index = useNeuron((s) => s.index);
  const of = useNeuron((s) => s.of);
  const other = useNeuron((s) => s.other);
  const otherRunning = useNeuron((s) => s.otherRunning);
  const otherError = useNeuron((s) => s.otherError);
  useEffect(() => {
    if (result) startCompare();
  }, [result]);
  const layer = useMemo(() => (result ? layerOfResult(result) : null), [result]);
  const otherLayer = useMemo<LayerView | null>(
    () =>
      result && other && of === result
        ? {
            sampler: other.sampler,
            d: other.d,
            width: other.width,
            W: other.W,
            b: other.b,
            pairPoints: other.pairPoints,
            act: result.config.act,
          }
        : null,
    [result, other, of],
  );
  if (!result || !layer) return null;
  const M = layer.width;
  const j = Math.min(index, M - 1);
  // The data attributes describe the SWIM neuron shown (this run's, or the comparison's).
  const swimLayer = layer.sampler === 'swim' ? layer : otherLayer;
  const info = swimLayer ? neuronInfo(swimLayer, j) : null;
  const commit = (el: HTMLInputElement) => {
    const n = Number(el.value);
    if (Number.isInteger(n) && n >= 1 && n <= M) selectNeuron(n - 1);
    else el.value = String(j + 1);
  };
  const pick = (v: unknown) => typeof v === 'number' && selectNeuron(v);
  return (
    <section
      className="explain-view"
      aria-label="One neuron"
      data-testid="neuron-view"
      data-neuron={j}
      data-sampler={info ? 'swim' : layer.sampler}
      data-act={layer.act}
      data-pre1={info?.pre1 ?? ''}
      data-pre2={info?.pre2 ?? ''}
      data-act1={info?.act1 ?? ''}
      data-act2={info?.act2 ?? ''}
      data-expected1={info?.expected[0] ?? ''}
      data-expected2={info?.expected[1] ?? ''}
    >
      <h3>
        One neuron{' '}
        <span className="analysis-sub">
          ψ_j(x) = σ(w_j·x + b_j), one of the M = {M} hidden units; nothing here was trained
        </span>
      </h3>
      <div className="explain-controls">
        <button
          type="button"
          className="btn small"
          data-testid="neuron-prev"
          disabled={j === 0}
          onClick={() => selectNeuron(j - 1)}
        >
          ← Prev
        </button>
        <label>
          neuron{' '}
          <input
            type="number"
            min={1}
            max={M}
            step={1}
            key={j}
            defaultValue={j + 1}
            data-testid="neuron-index"
            aria-label={`neuron number, 1 to ${M}`}
            onBlur={(e) => commit(e.target)}
            onKeyDown={(e) => e.key === 'Enter' && commit(e.target as HTMLInputElement)}
          />{' '}
          of {M}
        </label>
        <button
          type="button"
          className="btn small"
          data-testid="neuron-next"
          disabled={j === M - 1}
          onClick={() => selectNeuron(j + 1)}
        >
          Next →
        </button>
      </div>
      {info && <NeuronTable info={info} act={layer.act} />}
      <div className="analysis-grid explain-grid">
        <SamplerRow result={result} layer={layer} index={j} suffix="" pick={pick} />
        {otherLayer && (
          <SamplerRow
            result={result}
            layer={otherLayer}
            index={Math.min(j, otherLayer.width - 1)}
            suffix="-other"
            pick={pick}
          />
        )}
      </div>
      {otherRunning && (
        <p className="analysis-note" role="status" data-testid="neuron-other-running">
          Sampling the same data with {samplerName(otherSampler(layer.sampler))} for the comparison…
        </p>
      )}
      {otherError && (
        <p className="analysis-error" role="alert">
          The comparison failed: {otherError}
        </p>
      )}
      {other && otherLayer && (
        <p className="analysis-note" data-testid="neuron-compare">
          Same data, seed and width: one-step test MSE{' '}
          <b>
            {samplerName(layer.sampler)} {formatSig(result.metrics.testMse, 3)}
          </b>{' '}
          vs{' '}
          <b>
            {samplerName(other.sampler)} {formatSig(other.testMse, 3)}
          </b>
          ; valid prediction time {formatSig(result.metrics.vpt, 3)} vs {formatSig(other.vpt, 3)}.
        </p>
      )}
    </section>
  );
}
