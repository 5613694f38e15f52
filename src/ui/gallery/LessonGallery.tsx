/**
 * The lesson gallery (issue 12): a "Lessons" button in the header opens a dialog of cards, one per
 * curated lesson (src/ui/gallery/lessons.ts). Each card is a plain link to the lesson's address,
 * so it works with the keyboard, opens in a new tab on middle-click, and loading it runs the
 * lesson (a shared link always runs once on load). In presenter mode the links keep present=1.
 */
import { useState } from 'react';
import { parseQuery } from '../../run/query';
import { entryOf, familyOf } from '../../run/registry';
import { useStore } from '../../state/store';
import { plotEntry } from '../plots/registry';
import { useModalDialog } from '../useModalDialog';
import { LESSONS, lessonSearch, type Lesson } from './lessons';
import './gallery.css';

/** The lesson's system label and the labels of the plots it shows. */
function describe(l: Lesson): { system: string; plots: string[] } {
  const sys = parseQuery(l.run, 'lenient').config.sys;
  const family = familyOf(sys);
  return {
    system: entryOf(sys).label,
    plots: l.plots.map((id) => plotEntry(family, id)?.label ?? id),
  };
}

function Card({ lesson, present }: { lesson: Lesson; present: boolean }) {
  const { system, plots } = describe(lesson);
  const href = `${location.pathname}${lessonSearch(lesson)}${present ? '&present=1' : ''}`;
  const titleId = `gallery-title-${lesson.id}`;
  return (
    <li className="gallery-card">
      <span className="gallery-system">{system}</span>
      <h3 id={titleId}>
        {/* The title is the link; its ::after covers the card, so the whole card is clickable. */}
        <a href={href} className="gallery-link" data-testid={`gallery-card-${lesson.id}`}>
          {lesson.title}
        </a>
      </h3>
      <p className="gallery-summary">{lesson.summary}</p>
      <p className="gallery-look">
        <strong>Look at:</strong> {lesson.look}
      </p>
      <p className="gallery-plots">{plots.join(' · ')}</p>
    </li>
  );
}

/** The header button and the gallery dialog (native <dialog>: focus trap and Escape). */
export function GalleryButton() {
  const [open, setOpen] = useState(false);
  const ref = useModalDialog(open);
  const present = useStore((s) => Boolean(s.page.present));

  return (
    <>
      <button
        type="button"
        className="btn"
        data-testid="gallery-open"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        title="Curated lessons: each opens a run with its note, its plots and only the settings it is about"
      >
        Lessons
      </button>
      <dialog
        ref={ref}
        className="gallery-dialog"
        aria-labelledby="gallery-heading"
        data-testid="gallery"
        onClose={() => setOpen(false)}
        onClick={(e) => {
          if (e.target === e.currentTarget) setOpen(false);
        }}
      >
        {open && (
          <div className="gallery-body">
            <header className="gallery-head">
              <h2 id="gallery-heading">Lessons</h2>
              <button
                type="button"
                className="dismiss"
                aria-label="Close"
                data-testid="gallery-close"
                onClick={() => setOpen(false)}
              >
                ×
              </button>
            </header>
            <p className="gallery-intro">
              Each lesson opens a run with a note on what to see, only the plots it is about and
              only the settings worth moving. The numbers in the notes are those the runs give.
            </p>
            <ul className="gallery-grid">
              {LESSONS.map((l) => (
                <Card key={l.id} lesson={l} present={present} />
              ))}
            </ul>
          </div>
        )}
      </dialog>
    </>
  );
}
