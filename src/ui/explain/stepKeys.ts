/**
 * The keys of the step-through: while an explanation is open, ← and → move to the previous and
 * next stage and Esc closes it — unless the focused element uses the arrows itself (a slider, a
 * text field, a menu), which keeps them.
 */
import { useEffect } from 'react';
import { useExplain } from './explainState';

/** Whether a key press belongs to the element that has focus (text, slider, menu, …). */
export function ownsArrowKeys(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.isContentEditable) return true;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) return true;
  const role = el.getAttribute('role');
  return role === 'slider' || role === 'listbox' || role === 'menu' || role === 'tablist';
}

/** ←/→ step through the stages and Esc closes, while an explanation is open. */
export function useStepKeys(open: boolean) {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || ownsArrowKeys(e.target)) return;
      const s = useExplain.getState();
      if (e.key === 'ArrowLeft') s.step(-1);
      else if (e.key === 'ArrowRight') s.step(1);
      else if (e.key === 'Escape') s.close();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
}
