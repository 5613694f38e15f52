import type { RunResult } from '../run/result';
import { useStore } from '../state/store';

/** The run's warnings plus one line summarising diverged forecasts. */
export function warningItems(r: RunResult): string[] {
  const items = [...r.warnings];
  const n = r.divergences.length;
  if (n) {
    const first = r.divergences[0];
    items.push(
      `${n} forecast${n > 1 ? 's' : ''} diverged (first: ${first.rollout} rollout, test ` +
        `${first.testIndex + 1}, step ${first.step}, ${first.reason === 'nan' ? 'not a number' : 'blew up'}).`,
    );
  }
  return items;
}

/** One line (the first warning) that opens into the full list, over the plots. */
export function Warnings() {
  const r = useStore((s) => s.result);
  if (!r) return <span className="warnings-none" />;
  const items = warningItems(r);
  if (!items.length) {
    return (
      <span className="warnings-none" data-testid="warnings" data-count="0">
        No warnings
      </span>
    );
  }
  return (
    <details className="warnings" data-testid="warnings" data-count={items.length}>
      <summary>
        <strong>
          {items.length} warning{items.length > 1 ? 's' : ''}:
        </strong>{' '}
        {items[0]}
      </summary>
      <ul>
        {items.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ul>
    </details>
  );
}
