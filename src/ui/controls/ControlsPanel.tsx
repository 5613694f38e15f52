import { useEffect } from 'react';
import { changedAdvanced, isBasic } from '../../run/basicFields';
import { FIELDS, fieldApplies, type Field, type Group } from '../../run/schema';
import { fieldHidden, hiddenFields } from '../../state/lesson';
import { useStore } from '../../state/store';
import { formatInput } from '../format';
import { EnumControl } from './EnumControl';
import { NumberControl } from './NumberControl';
import { ListControl } from './ListControl';

const GROUPS: Array<{ id: Group; title: string }> = [
  { id: 'system', title: 'System' },
  { id: 'data', title: 'Data' },
  { id: 'model', title: 'Model' },
  { id: 'forecast', title: 'Forecast' },
  { id: 'control', title: 'Controller' },
];

function SeedButton() {
  const newSeed = useStore((s) => s.newSeed);
  return (
    <button type="button" className="btn small" data-testid="new-seed" onClick={newSeed}>
      New seed
    </button>
  );
}

function Control({ field }: { field: Field }) {
  if (field.kind === 'enum') return <EnumControl field={field} />;
  if (field.kind === 'list') return <ListControl field={field} />;
  if (field.kind === 'text') return null; // the local file's name: shown by the CSV panel
  if (field.kind === 'int' || field.kind === 'float')
    return (
      <NumberControl field={field} extra={field.key === 'seed' ? <SeedButton /> : undefined} />
    );
  return null; // list and text fields (measured series) have no control of their own yet
}

/** On a lesson page: how many settings the link fixes, and a way to see them anyway. */
function HiddenNote({ fields }: { fields: Field[] }) {
  const config = useStore((s) => s.config);
  const reveal = useStore((s) => s.revealHidden);
  const setReveal = useStore((s) => s.setRevealHidden);
  if (!fields.length) return null;
  const summary = fields.map((f) => `${f.label} = ${formatInput(config[f.key])}`).join(', ');
  return (
    <p className="hidden-note" data-testid="hidden-note" data-count={fields.length} title={summary}>
      {reveal
        ? `Showing ${fields.length} setting${fields.length > 1 ? 's' : ''} this lesson link hides.`
        : `${fields.length} setting${fields.length > 1 ? 's are' : ' is'} fixed by this lesson link.`}{' '}
      <button
        type="button"
        className="link-button"
        data-testid="reveal-hidden"
        onClick={() => setReveal(!reveal)}
      >
        {reveal ? 'Hide them' : 'Show them'}
      </button>
    </p>
  );
}

/** One fieldset per group with fields in `fields`; `suffix` tells the advanced copies apart. */
function Groups({ fields, suffix }: { fields: Field[]; suffix: string }) {
  const sys = useStore((s) => s.config.sys);
  return (
    <>
      {GROUPS.map((g) => {
        const own = fields.filter((f) => f.group === g.id);
        if (!own.length) return null;
        return (
          <fieldset key={g.id} className="group" data-testid={`group-${g.id}${suffix}`}>
            <legend>{g.title}</legend>
            {own.map((f) => (
              <Control key={`${sys}-${f.key}`} field={f} />
            ))}
          </fieldset>
        );
      })}
    </>
  );
}

/**
 * The settings a first lecture does not need, collapsed (issue 11). It opens by itself when a
 * setting inside differs from its default (a link that sets one, say), and its summary names
 * those settings and values, so a changed value is never out of sight.
 */
function Advanced({ fields }: { fields: Field[] }) {
  const config = useStore((s) => s.config);
  const page = useStore((s) => s.page);
  const reveal = useStore((s) => s.revealHidden);
  const open = useStore((s) => s.advancedOpen);
  const setOpen = useStore((s) => s.setAdvancedOpen);
  const changed = changedAdvanced(config).filter(
    (f) => reveal || !fieldHidden(page, f.key, f.group),
  );
  const changedKey = changed.map((f) => f.key).join(',');
  useEffect(() => {
    if (changedKey) setOpen(true);
  }, [changedKey, setOpen]);
  if (!fields.length) return null;
  return (
    <details
      className="advanced"
      open={open}
      data-testid="advanced"
      data-open={open}
      data-changed={changedKey}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary data-testid="advanced-toggle">
        <span className="advanced-title">Advanced settings</span>{' '}
        <span className="advanced-count">({fields.length})</span>
        {changed.length > 0 && (
          <span className="advanced-changed">
            {' '}
            · changed: {changed.map((f) => `${f.label} = ${formatInput(config[f.key])}`).join(', ')}
          </span>
        )}
      </summary>
      <Groups fields={fields} suffix="-advanced" />
    </details>
  );
}

/**
 * The run settings, generated from the schema: only fields that apply to the chosen system, minus
 * those a lesson link hides (their values still come from the link); the basic ones first, the
 * rest under "Advanced" (src/run/basicFields.ts).
 */
export function ControlsPanel() {
  const config = useStore((s) => s.config);
  const sys = config.sys;
  const page = useStore((s) => s.page);
  const reveal = useStore((s) => s.revealHidden);
  const hidden = hiddenFields(page, sys);
  const shown = FIELDS.filter(
    (f) =>
      fieldApplies(f, sys) &&
      (!f.shownWhen || f.shownWhen(config)) &&
      (reveal || !fieldHidden(page, f.key, f.group)),
  );
  return (
    <div className="controls">
      <Groups fields={shown.filter((f) => isBasic(f, sys))} suffix="" />
      <Advanced fields={shown.filter((f) => !isBasic(f, sys) && f.kind !== 'text')} />
      <HiddenNote fields={hidden} />
    </div>
  );
}
