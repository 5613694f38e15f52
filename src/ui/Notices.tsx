import { useStore } from '../state/store';
import { visibleText } from './visibleText';

/** What the link parser changed (ignored keys, clamped values) or an import problem, each dismissible. */
export function Notices() {
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismissNotice);
  if (!notices.length) return null;
  return (
    <div className="notices" data-testid="notices" role="region" aria-label="Link notices">
      {notices.map((n, i) => (
        <p key={`${n.key}-${i}`} className="notice" data-testid="notice" data-key={n.key}>
          <span>
            <strong>{visibleText(n.title ?? 'Link adjusted:')}</strong> {visibleText(n.message)}
          </span>
          <button
            type="button"
            className="dismiss"
            aria-label="Dismiss"
            data-testid="dismiss-notice"
            onClick={() => dismiss(i)}
          >
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
