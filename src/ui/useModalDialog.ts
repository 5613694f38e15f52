import { useEffect, useRef } from 'react';

/**
 * A native <dialog> shown modally while `open` is true (focus trap and Escape for free) and
 * closed when it turns false. Returns the ref to put on the <dialog>.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return ref;
}
