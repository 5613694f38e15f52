import { useStore } from '../state/store';
import { GlossaryText } from './Glossary';
import { warningItems } from './warningItems';
import { visibleText } from './visibleText';

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
        <GlossaryText text={visibleText(items[0])} />
      </summary>
      <ul>
        {items.map((w, i) => (
          <li key={i}>
            <GlossaryText text={visibleText(w)} />
          </li>
        ))}
      </ul>
    </details>
  );
}
