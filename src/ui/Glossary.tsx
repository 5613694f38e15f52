import { Fragment, type ReactNode } from 'react';

/** The words a lecture needs explained, in plain language. */
export const GLOSSARY: Record<string, string> = {
  POD: 'Proper orthogonal decomposition: the r directions of the lifted features that carry most of their energy. With rank r < M + 1 the Koopman matrix K is projected onto them, so the spectrum and the linear forecast use a smaller, better-conditioned K.',
  'Cholesky jitter':
    'The Gram matrix was too close to singular for a plain Cholesky factorisation, so a tiny multiple of the identity was added until it factorised. Results are still usable; raising reg removes the need.',
  'Lyapunov time':
    'The time 1/λmax in which nearby trajectories of a chaotic system separate by a factor e (λmax is the largest Lyapunov exponent). No forecast stays valid for many Lyapunov times, so VPT is counted in them.',
  'ResDMD residual':
    'How well an eigenvalue λ of K holds on the training data: the relative one-step error of its eigenfunction φ, √(Σ|φ(y) − λφ(x)|² / Σ|φ(x)|²) over the pairs (x, y). Near 0 the eigenvalue is a real property of the dynamics; above 0.1 it is probably an artefact of the finite network (a spurious eigenvalue).',
  VPT: 'Valid prediction time: how long a free-running forecast stays within ε of the truth (normalised error). The median over test starts; "≥" when some forecasts never left ε within the horizon.',
};

/** Where a glossary term appears in a message (the engine writes "cholesky-jitter"). */
const TERMS: [RegExp, string][] = [
  [/\bPOD\b/, 'POD'],
  [/\bcholesky-jitter\b|\bCholesky jitter\b/i, 'Cholesky jitter'],
  [/\bLyapunov times?\b/, 'Lyapunov time'],
  [/\bResDMD residuals?\b/, 'ResDMD residual'],
  [/\bVPT\b/, 'VPT'],
];

/** Subscripts typed as λ_max, x_{t+1}, u_max rendered as subscripts. */
const SUBSCRIPT = /([A-Za-zλεωΔ])_(\{[^}]*\}|[A-Za-z0-9]+)/g;

function withSubscripts(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(SUBSCRIPT)) {
    out.push(text.slice(last, m.index) + m[1]);
    out.push(<sub key={`${key}-${n++}`}>{m[2].replace(/^\{|\}$/g, '')}</sub>);
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

/**
 * A message with its math typeset (λ_max → λ<sub>max</sub>) and its first glossary term of each
 * kind underlined with the explanation on hover and focus.
 */
export function GlossaryText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let rest = text;
  let k = 0;
  for (;;) {
    let best: { index: number; length: number; term: string } | null = null;
    for (const [re, term] of TERMS) {
      const m = re.exec(rest);
      if (m && (best === null || m.index < best.index))
        best = { index: m.index, length: m[0].length, term };
    }
    if (!best) break;
    parts.push(...withSubscripts(rest.slice(0, best.index), `t${k}`));
    const word = rest.slice(best.index, best.index + best.length);
    parts.push(
      <abbr key={`g${k}`} className="glossary-term" title={GLOSSARY[best.term]} tabIndex={0}>
        {word}
      </abbr>,
    );
    rest = rest.slice(best.index + best.length);
    k++;
  }
  parts.push(...withSubscripts(rest, 'end'));
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>{p}</Fragment>
      ))}
    </>
  );
}

/** The glossary as a popover: a button that opens the list of terms. */
export function GlossaryButton() {
  return (
    <details className="glossary" data-testid="glossary">
      <summary className="btn">Glossary</summary>
      <dl>
        {Object.entries(GLOSSARY).map(([term, text]) => (
          <Fragment key={term}>
            <dt>{term}</dt>
            <dd>{text}</dd>
          </Fragment>
        ))}
      </dl>
    </details>
  );
}
