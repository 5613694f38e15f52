/**
 * The model overview (issue 12), GAN Lab / CNN Explainer style: data → sampled hidden layer →
 * least squares (K, C) → spectrum → forecast, each node a button showing this run's numbers
 * (exact values in data attributes, as the CLI's JSON has them) that opens its explanation.
 */
import type { RunResult } from '../../run/result';
import { formatSig } from '../format';
import { useExplain } from './explainState';
import { overviewValues, STAGE_IDS, STAGE_TITLES, type StageId } from './overviewData';

interface NodeText {
  lines: string[];
  /** Exact values for tests (data-* attributes). */
  data: Record<string, string>;
  hint: string;
}

function nodeText(r: RunResult, id: StageId): NodeText {
  const v = overviewValues(r);
  const timeUnit = r.family === 'series' ? (r.series?.step === 'day' ? 'days' : 'steps') : null;
  switch (id) {
    case 'data':
      return {
        lines: [
          `N = ${v.pairs.toLocaleString('en-US')} pairs`,
          v.trajectories !== null
            ? `${v.trajectories} trajectories · d = ${v.dim}`
            : `1 series · ${v.variables} vars × ${v.dim / v.variables} delays`,
          `${v.testStarts} test ${r.family === 'series' ? 'origins' : 'starts'}`,
        ],
        data: {
          'data-pairs': String(v.pairs),
          'data-trajectories': String(v.trajectories ?? ''),
          'data-dim': String(v.dim),
          'data-dt': String(v.dt),
          'data-test-starts': String(v.testStarts),
        },
        hint: 'The snapshot pairs (x_t, x_{t+1}) the network learns from, and the unseen test starts.',
      };
    case 'hidden':
      return {
        lines: [
          `M = ${v.width} neurons`,
          `${v.sampler === 'swim' ? 'SWIM' : 'random'} · ${v.activation}`,
        ],
        data: {
          'data-width': String(v.width),
          'data-sampler': v.sampler,
          'data-activation': v.activation,
        },
        hint: 'ψ(x) = tanh(Wx + b): weights sampled from the data, never trained.',
      };
    case 'lsq':
      return {
        lines: [
          `λ_rel = ${formatSig(v.ridge)}${v.ridgeValidated ? ' (validated)' : ''}`,
          `cond(G+λI) ≤ ${formatSig(v.condBound, 2)}`,
          `solve: ${v.solveMethod}`,
        ],
        data: {
          'data-ridge': String(v.ridge),
          'data-cond-bound': String(v.condBound),
          'data-solve-method': v.solveMethod,
        },
        hint: 'K and C from one ridge least-squares solve: K = A(G + λI)⁻¹.',
      };
    case 'spectrum':
      return {
        lines: [
          `${v.spectrumRank} eigenvalues${v.truncated ? ' (POD)' : ''}`,
          `${v.circle.circle} on · ${v.circle.inside} in · ${v.circle.outside} out`,
          `max |λ| = ${formatSig(v.spectralRadius, 6)}`,
        ],
        data: {
          'data-spectrum-rank': String(v.spectrumRank),
          'data-on-circle': String(v.circle.circle),
          'data-inside': String(v.circle.inside),
          'data-outside': String(v.circle.outside),
          'data-spectral-radius': String(v.spectralRadius),
        },
        hint: 'Eigenvalues of K: on the unit circle they persist, inside they decay, outside they grow.',
      };
    case 'forecast': {
      const lyap = r.metrics.vptLyapunov;
      const bound = v.vptCensored > 0 ? '≥ ' : '';
      const vpt =
        timeUnit !== null
          ? `${bound}${formatSig(v.vpt)} ${v.vpt === 1 ? timeUnit.slice(0, -1) : timeUnit}`
          : lyap !== null
            ? `${bound}${formatSig(lyap)} Lyapunov times`
            : `${bound}${formatSig(v.vpt)} time units`;
      return {
        lines: [
          `1-step MSE ${formatSig(v.testMse)}`,
          `VPT ${vpt}`,
          `${v.rollout === 'relift' ? 're-lifted RNN' : 'linear'} rollout`,
        ],
        data: {
          'data-test-mse': String(v.testMse),
          'data-vpt': String(v.vpt),
          'data-rollout': v.rollout,
        },
        hint: 'Free forecasts from the test starts: one-step error and valid prediction time.',
      };
    }
  }
}

export function Overview({ result }: { result: RunResult }) {
  const open = useExplain((s) => s.open);
  const show = useExplain((s) => s.show);
  const close = useExplain((s) => s.close);
  return (
    <nav className="explain-overview" aria-label="Model overview" data-testid="overview">
      <ol>
        {STAGE_IDS.map((id, k) => {
          const t = nodeText(result, id);
          const current = open === id;
          return (
            <li key={id}>
              {k > 0 && (
                <span className="explain-arrow" aria-hidden="true">
                  →
                </span>
              )}
              <button
                type="button"
                className={current ? 'explain-node current' : 'explain-node'}
                data-testid={`overview-node-${id}`}
                aria-current={current ? 'step' : undefined}
                aria-expanded={current}
                title={`${t.hint} Click to explain this stage.`}
                onClick={() => (current ? close() : show(id))}
                {...t.data}
              >
                <span className="explain-node-title">
                  <span className="explain-node-num">{k + 1}</span> {STAGE_TITLES[id]}
                </span>
                {t.lines.map((line) => (
                  <span key={line} className="explain-node-line">
                    {line}
                  </span>
                ))}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
