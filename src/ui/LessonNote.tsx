import { useStore } from '../state/store';

/**
 * The lesson link's note above the plots. A React text node: whatever the link says, it is shown
 * as text and never parsed as HTML.
 */
export function LessonNote() {
  const note = useStore((s) => s.page.note);
  if (!note) return null;
  return (
    <p className="lesson-note" data-testid="note" role="note">
      {note}
    </p>
  );
}
