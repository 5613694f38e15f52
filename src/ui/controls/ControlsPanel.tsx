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

/**
 * The run settings, generated from the schema: only fields that apply to the chosen system, minus
 * those a lesson link hides (their values still come from the link).
 */
export function ControlsPanel() {
  const config = useStore((s) => s.config);
  const sys = config.sys;
  const page = useStore((s) => s.page);
  const reveal = useStore((s) => s.revealHidden);
  const hidden = hiddenFields(page, sys);
  return (
    <div className="controls">
      {GROUPS.map((g) => {
        const fields = FIELDS.filter(
          (f) =>
            f.group === g.id &&
            fieldApplies(f, sys) &&
            (!f.shownWhen || f.shownWhen(config)) &&
            (reveal || !fieldHidden(page, f.key, f.group)),
        );
        if (!fields.length) return null;
        return (
          <fieldset key={g.id} className="group" data-testid={`group-${g.id}`}>
            <legend>{g.title}</legend>
            {fields.map((f) => (
              <Control key={`${sys}-${f.key}`} field={f} />
            ))}
          </fieldset>
        );
      })}
      <HiddenNote fields={hidden} />
    </div>
  );
}
