import { useState } from 'react';
import { familyOf, type Family } from '../run/registry';
import { FIELD_BY_KEY, FIELDS, fieldApplies } from '../run/schema';
import { searchFor } from '../state/history';
import {
  GROUP_NAMES,
  hideableNames,
  NOTE_MAX,
  PANELS,
  type PageOptions,
  type PanelName,
} from '../state/lesson';
import { useStore } from '../state/store';
import { copyText } from './CopyLinkButton';
import { useModalDialog } from './useModalDialog';
import { plotsOf, shownPlots } from './plots/registry';

/** What each family's view is called in the dialog. */
const VIEW_NAMES: Record<Family, string> = {
  free: 'simulated systems',
  controlled: 'controlled systems',
  series: 'measured series',
};

const GROUP_TITLES: Record<string, string> = {
  system: 'System',
  data: 'Data',
  model: 'Model',
  forecast: 'Forecast',
  control: 'Controller',
};

/** Panels offered in the dialog ('settings' is the same as ticking every group). */
const DIALOG_PANELS = (Object.keys(PANELS) as PanelName[]).filter((p) => p !== 'settings');

function Check({
  name,
  label,
  checked,
  onChange,
  testid,
  title,
  disabled,
}: {
  name: string;
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  testid: string;
  title?: string;
  disabled?: boolean;
}) {
  return (
    <label className="check" title={title}>
      <input
        type="checkbox"
        name={name}
        checked={checked}
        disabled={disabled}
        data-testid={testid}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span>{label}</span>
    </label>
  );
}

/**
 * The lesson-link builder: which settings and panels to hide, which plots to show, a note. The link
 * carries the current settings (hidden ones included, so students run exactly this).
 */
function LessonForm({ onClose }: { onClose: () => void }) {
  const config = useStore((s) => s.config);
  const current = useStore((s) => s.page);
  // The plots offered are those of the view on screen (each family has its own set).
  const family = useStore((s) => s.result?.family ?? familyOf(String(s.config.sys)));
  const offered = plotsOf(family);
  // Expand "settings" into the groups it stands for, so the checkboxes show it.
  const [hide, setHide] = useState<string[]>(() =>
    current.hide.includes('settings')
      ? [...new Set([...current.hide.filter((h) => h !== 'settings'), ...GROUP_NAMES])]
      : current.hide,
  );
  const [plots, setPlots] = useState<string[]>(() =>
    shownPlots(family, current.plots).map((p) => p.id),
  );
  const [note, setNote] = useState(current.note);
  const [present, setPresent] = useState(Boolean(current.present));
  // Which link was copied last, and whether that worked (a changed link shows "Copy" again).
  const [copy, setCopy] = useState<{ url: string; ok: boolean } | null>(null);

  // Canonical order; a field inside a hidden group needs no entry of its own.
  const order = hideableNames();
  const page: PageOptions = {
    hide: hide
      .filter((h) => {
        const f = FIELD_BY_KEY[h];
        return !(f && hide.includes(f.group));
      })
      .sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    // In page order; every plot (or none) ticked is the default page: no `plots` key.
    plots:
      plots.length && plots.length < offered.length
        ? offered.filter((p) => plots.includes(p.id)).map((p) => p.id)
        : [],
    note: note.trim(),
    present: present || undefined,
  };
  const url = `${location.origin}${location.pathname}${searchFor(config, page)}`;
  const copied = copy?.url === url ? (copy.ok ? 'copied' : 'failed') : 'idle';

  const toggle = (name: string, on: boolean) =>
    setHide((h) => (on ? [...h.filter((x) => x !== name), name] : h.filter((x) => x !== name)));
  const groupOn = (g: string) => hide.includes(g);

  return (
    <form method="dialog" className="lesson-form" onSubmit={(e) => e.preventDefault()}>
      <header className="lesson-head">
        <h2 id="lesson-title">Lesson link</h2>
        <button
          type="button"
          className="dismiss"
          aria-label="Close"
          data-testid="lesson-close"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <p className="lesson-intro">
        A link to this run with parts of the page hidden. Hidden settings keep their current values:
        students see exactly this run, without the knobs.
      </p>

      <div className="lesson-columns">
        <section>
          <h3>Hide settings</h3>
          {GROUP_NAMES.map((g) => {
            const fields = FIELDS.filter((f) => f.group === g && fieldApplies(f, config.sys));
            if (!fields.length) return null;
            return (
              <fieldset key={g} className="lesson-group">
                <legend>
                  <Check
                    name="hide"
                    label={`All of ${GROUP_TITLES[g]}`}
                    checked={groupOn(g)}
                    testid={`lesson-hide-${g}`}
                    onChange={(on) => toggle(g, on)}
                  />
                </legend>
                <div className="lesson-fields">
                  {fields.map((f) => (
                    <Check
                      key={f.key}
                      name="hide"
                      label={f.label}
                      title={`${f.key}: ${f.doc}`}
                      checked={groupOn(g) || hide.includes(f.key)}
                      disabled={groupOn(g)}
                      testid={`lesson-hide-${f.key}`}
                      onChange={(on) => toggle(f.key, on)}
                    />
                  ))}
                </div>
              </fieldset>
            );
          })}
        </section>

        <section>
          <h3>Hide panels</h3>
          <div className="lesson-list">
            {DIALOG_PANELS.map((p) => (
              <Check
                key={p}
                name="hide"
                label={PANELS[p]}
                checked={hide.includes(p)}
                testid={`lesson-hide-${p}`}
                onChange={(on) => toggle(p, on)}
              />
            ))}
          </div>
          <h3>Show plots</h3>
          <div className="lesson-list">
            <p className="lesson-hint" data-testid="lesson-plots-view">
              The plots of the {VIEW_NAMES[family]} view, in page order.
            </p>
            {offered.map(({ id, label }) => (
              <Check
                key={id}
                name="plots"
                label={label}
                checked={plots.includes(id)}
                testid={`lesson-plot-${id}`}
                onChange={(on) => setPlots((ps) => (on ? [...ps, id] : ps.filter((x) => x !== id)))}
              />
            ))}
            {plots.length === 0 && (
              <p className="lesson-hint">No plot ticked: all {offered.length} show.</p>
            )}
          </div>
          <h3>
            <label htmlFor="lesson-note">Note above the plots</label>
          </h3>
          <textarea
            id="lesson-note"
            data-testid="lesson-note"
            rows={3}
            maxLength={NOTE_MAX}
            placeholder="e.g. Raise the width until the spectrum settles."
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <p className="lesson-hint">
            Plain text, {note.length}/{NOTE_MAX} characters.
          </p>
          <h3>Presentation</h3>
          <div className="lesson-list">
            <Check
              name="present"
              label="Open in presenter mode (large text, plots fill the screen)"
              checked={present}
              testid="lesson-present"
              onChange={setPresent}
            />
          </div>
        </section>
      </div>

      <footer className="lesson-foot">
        <input
          className="lesson-url"
          readOnly
          value={url}
          aria-label="Lesson link"
          data-testid="lesson-url"
          onFocus={(e) => e.target.select()}
        />
        <button
          type="button"
          className={`btn primary ${copied}`}
          data-testid="lesson-copy"
          onClick={() => void copyText(url).then((ok) => setCopy({ url, ok }))}
        >
          {copied === 'copied' ? '✓ Copied' : copied === 'failed' ? 'Copy failed' : 'Copy link'}
        </button>
        <a className="btn" href={url} target="_blank" rel="noopener" data-testid="lesson-open-link">
          Open
        </a>
      </footer>
    </form>
  );
}

/** The header button and its modal dialog (native <dialog>: focus trap and Escape for free). */
export function LessonButton() {
  const [open, setOpen] = useState(false);
  const ref = useModalDialog(open);

  return (
    <>
      <button
        type="button"
        className="btn"
        data-testid="lesson-open"
        onClick={() => setOpen(true)}
        title="Build a link for students with some settings or panels hidden and a note"
      >
        Lesson link…
      </button>
      <dialog
        ref={ref}
        className="lesson-dialog"
        aria-labelledby="lesson-title"
        data-testid="lesson-dialog"
        onClose={() => setOpen(false)}
        onClick={(e) => {
          // A click on the backdrop (the dialog element itself, outside the form) closes it.
          if (e.target === e.currentTarget) setOpen(false);
        }}
      >
        {open && <LessonForm onClose={() => setOpen(false)} />}
      </dialog>
    </>
  );
}
