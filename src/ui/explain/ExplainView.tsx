/**
 * The explain views of a result (issue 12): the model overview across the top and, when a node is
 * clicked, that stage's explanation under it. Mounted once above every family's results.
 */
import { lazy, Suspense } from 'react';
import type { RunResult } from '../../run/result';
import { useStore } from '../../state/store';
import { useExplain } from './explainState';
import { Overview } from './Overview';
import { useStepKeys } from './stepKeys';
import './explain.css';

// The explanations (and, through them, KaTeX) load on the first click, not with the first paint.
const ExplainPanel = lazy(() =>
  import('./ExplainPanel').then((m) => ({ default: m.ExplainPanel })),
);

export function ExplainView({ result }: { result: RunResult }) {
  const open = useExplain((s) => s.open !== null);
  // A lesson link can leave the overview out (hide=overview).
  const hidden = useStore((s) => s.page.hide.includes('overview'));
  useStepKeys(open && !hidden);
  if (hidden) return null;
  return (
    <div className="explain" data-testid="explain">
      <Overview result={result} />
      {open && (
        <Suspense
          fallback={
            <p className="explain-loading" role="status">
              Loading the explanation…
            </p>
          }
        >
          <ExplainPanel result={result} />
        </Suspense>
      )}
    </div>
  );
}
