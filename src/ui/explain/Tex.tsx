/**
 * An equation typeset by KaTeX. KaTeX (≈ 270 kB with its CSS) is loaded lazily, once, the first
 * time an equation is shown, so the first paint does not pay for it; its fonts are bundled by Vite
 * and served by the app (no CDN). Until it has loaded, the TeX source is shown as plain text.
 */
import { useEffect, useRef } from 'react';

type Katex = typeof import('katex').default;

let pending: Promise<Katex> | null = null;

export function loadKatex(): Promise<Katex> {
  if (!pending) {
    pending = Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(
      ([mod]) => mod.default,
      (err: unknown) => {
        pending = null; // allow a retry after a failed chunk load
        throw err;
      },
    );
  }
  return pending;
}

export function Tex({ tex, display = false }: { tex: string; display?: boolean }) {
  const ref = useRef<HTMLSpanElement | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let cancelled = false;
    el.textContent = tex;
    loadKatex()
      .then((katex) => {
        if (!cancelled)
          katex.render(tex, el, {
            displayMode: display,
            throwOnError: false,
            output: 'htmlAndMathml',
          });
      })
      .catch(() => {
        /* the TeX source stays readable as text */
      });
    return () => {
      cancelled = true;
    };
  }, [tex, display]);
  return (
    <span
      ref={ref}
      className={display ? 'tex tex-display' : 'tex'}
      data-testid={display ? 'tex-display' : undefined}
    />
  );
}
