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

/** Copies the page's link (which reproduces the current settings) with a visible confirmation. */
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
    const href = location.href;
    // navigator.clipboard is missing outside secure contexts (plain http on a LAN address).
    const ok = navigator.clipboard
      ? await navigator.clipboard.writeText(href).then(
          () => true,
          () => copyWithSelection(href),
        )
      : copyWithSelection(href);
    setState(ok ? 'copied' : 'failed');
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
      {state === 'copied'
        ? '✓ Copied'
        : state === 'failed'
          ? 'Copy failed: use the address bar'
          : 'Copy link'}
    </button>
  );
}
