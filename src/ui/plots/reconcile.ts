/**
 * Structural sharing between a plot's previous and next figure: traces (and the layout) that did
 * not change keep their previous objects, so Plotly.react sees the same references and skips
 * them, and a figure that did not change at all is not handed to Plotly again. A change of `eps`
 * thus redraws only the ε line and the VPT marks, never the 3-D phase portrait.
 */
import type { Figure } from './types';

/** Deep equality of plain figure values: numbers (NaN equals NaN), strings, arrays, objects. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const arrA = Array.isArray(a) || ArrayBuffer.isView(a);
  const arrB = Array.isArray(b) || ArrayBuffer.isView(b);
  if (arrA !== arrB) return false;
  if (arrA) {
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let k = 0; k < x.length; k++) if (!sameValue(x[k], y[k])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
      return false;
  }
  return true;
}

/** Layouts equal but for `uirevision` (which names the run, so it changes with every setting). */
function sameLayoutBut(prev: Figure['layout'], next: Figure['layout']): boolean {
  return sameValue({ ...prev, uirevision: null }, { ...next, uirevision: null });
}

/**
 * `next`, with every trace and the layout that equal `prev`'s replaced by `prev`'s objects. A
 * figure the new run did not change keeps its old uirevision too: the reader's zoom stays.
 */
export function reconcileFigure(prev: Figure, next: Figure): Figure {
  if (prev === next) return prev;
  let reused = prev.data.length === next.data.length;
  const data = next.data.map((trace, k) => {
    const old = prev.data[k];
    if (old !== undefined && sameValue(old, trace)) return old;
    reused = false;
    return trace;
  });
  if (reused && sameLayoutBut(prev.layout, next.layout)) return prev;
  // New data with the new uirevision: a changed plot starts from the new run's own view.
  return { data, layout: sameValue(prev.layout, next.layout) ? prev.layout : next.layout };
}
