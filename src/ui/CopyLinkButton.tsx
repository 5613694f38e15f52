import { useEffect, useState } from 'react';
import { flushUrl } from '../state/wiring';

type CopyState = 'idle' | 'copied' | 'failed';

/** Fallback for contexts without the async clipboard (http on a LAN address, denied permission). */
function copyWithSelection(text: string): boolean {
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    ta.remove();
  }
}

/** Puts text on the clipboard; false when neither the clipboard API nor the fallback worked. */
export async function copyText(text: string): Promise<boolean> {
  // navigator.clipboard is missing outside secure contexts (plain http on a LAN address).
  if (!navigator.clipboard) return copyWithSelection(text);
  return navigator.clipboard.writeText(text).then(
    () => true,
    () => copyWithSelection(text),
  );
}

/**
 * Copies the page's link with a visible confirmation. The link is the canonical one (defaults
 * left out, keys in schema order, plus any lesson keys), so it reproduces the current settings.
 */
export function CopyLinkButton() {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(t);
  }, [state]);

  const copy = async () => {
    // The URL is written on a debounce; make sure the link has the latest settings first.
    flushUrl();
    setState((await copyText(location.href)) ? 'copied' : 'failed');
  };

  return (
    <button
      type="button"
      className={`btn copy-link ${state}`}
      data-testid="copy-link"
      data-copied={state === 'copied' ? 'true' : undefined}
      onClick={() => void copy()}
      title="Copy a link that reproduces these settings; opening it trains once."
    >
      <span aria-live="polite">
        {state === 'copied'
          ? '✓ Copied'
          : state === 'failed'
            ? 'Copy failed: use the address bar'
            : 'Copy link'}
      </span>
    </button>
  );
}
