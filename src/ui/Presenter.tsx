/**
 * Lecture mode (issue 11): the presenter toggle, the slim bar that replaces the settings while
 * presenting, and the keyboard shortcuts (shown on `?`).
 */
import { useEffect, useRef, useState } from 'react';
import { cancel, train } from '../state/runController';
import { useStore } from '../state/store';
import { flushUrl } from '../state/wiring';

/** Every shortcut, for the help dialog and the tests. */
export const SHORTCUTS: [string, string][] = [
  ['t', 'Train (restart when running)'],
  ['n', 'New random seed (retrains with auto-train)'],
  [']', 'Next test start'],
  ['[', 'Previous test start'],
  ['1 – 6', 'Plot 1…6 full screen (again or Esc: back)'],
  ['Esc', 'Cancel the running run'],
  ['p', 'Presenter mode on / off'],
  ['?', 'Show / hide these shortcuts'],
  ['← / →', 'Explanation open: previous / next stage (Esc closes it)'],
];

export function setPresenting(on: boolean): void {
  const s = useStore.getState();
  s.setPresenter(on);
  s.setFullPlot(null);
  flushUrl();
}

export function PresenterButton() {
  const on = useStore((s) => Boolean(s.page.present));
  return (
    <button
      type="button"
      className="btn"
      data-testid="presenter-toggle"
      aria-pressed={on}
      title="Presenter mode: large text, plots fill the screen (key p)"
      onClick={() => setPresenting(!on)}
    >
      {on ? 'Exit presenter' : 'Present'}
    </button>
  );
}

/** The slim bar of presenter mode: train, cancel, seed, exit, shortcuts. */
export function PresenterBar({ onHelp }: { onHelp: () => void }) {
  const status = useStore((s) => s.status);
  const newSeed = useStore((s) => s.newSeed);
  return (
    <div className="presenter-bar" data-testid="presenter-bar">
      <button type="button" className="btn primary" onClick={() => train('user')}>
        {status === 'running' ? 'Restart' : 'Train'}
      </button>
      <button type="button" className="btn" onClick={cancel} disabled={status !== 'running'}>
        Cancel
      </button>
      <button type="button" className="btn" onClick={newSeed}>
        New seed
      </button>
      <button type="button" className="btn" onClick={onHelp} aria-keyshortcuts="?">
        Shortcuts ?
      </button>
    </div>
  );
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return (
    el.isContentEditable ||
    el.tagName === 'TEXTAREA' ||
    el.tagName === 'SELECT' ||
    (el.tagName === 'INPUT' &&
      !['checkbox', 'radio', 'range', 'button'].includes((el as HTMLInputElement).type))
  );
}

/** The shown plots' ids in page order (the grid's cells). */
function plotIdsOnPage(): string[] {
  return Array.from(document.querySelectorAll<HTMLElement>('[data-plot]')).map(
    (el) => el.dataset.plot ?? '',
  );
}

/** Wires the keyboard shortcuts; returns whether the help dialog is open and its setter. */
export function useShortcuts(): [boolean, (open: boolean) => void] {
  const [help, setHelp] = useState(false);
  const helpRef = useRef(help);
  useEffect(() => {
    helpRef.current = help;
  }, [help]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      // A modal dialog (lesson gallery, lesson link) keeps its keys to itself.
      if (document.querySelector('dialog[open]')) return;
      const s = useStore.getState();
      const count = s.result?.test.count ?? 0;
      switch (e.key) {
        case 't':
          train('user');
          break;
        case 'n':
          s.newSeed();
          break;
        case ']':
          s.setTestIndex(Math.min(Math.max(0, count - 1), s.testIndex + 1));
          break;
        case '[':
          s.setTestIndex(Math.max(0, s.testIndex - 1));
          break;
        case 'p':
          setPresenting(!s.page.present);
          break;
        case '?':
          setHelp((h) => !h);
          break;
        case 'Escape':
          // Closes what is open first; otherwise cancels a running run (issue 16: reachable
          // even when a lesson link hides the Cancel button).
          if (s.fullPlot) s.setFullPlot(null);
          else if (!helpRef.current && s.status === 'running') cancel();
          setHelp(false);
          return;
        default: {
          if (/^[1-6]$/.test(e.key)) {
            const id = plotIdsOnPage()[Number(e.key) - 1];
            if (!id) return;
            s.setFullPlot(s.fullPlot === id ? null : id);
            break;
          }
          return;
        }
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return [help, setHelp];
}

/** The shortcuts, as a modal list. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return (
    <div
      className="shortcut-help"
      role="dialog"
      aria-modal="true"
      aria-label="Keyboard shortcuts"
      data-testid="shortcut-help"
    >
      <h2>Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([k, what]) => (
          <div key={k}>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="btn" onClick={onClose} autoFocus>
        Close (Esc)
      </button>
    </div>
  );
}
