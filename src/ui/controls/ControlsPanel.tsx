import { FIELDS, fieldApplies, type Field, type Group } from '../../config/schema';
import { useStore } from '../../state/store';
import { EnumControl } from './EnumControl';
import { NumberControl } from './NumberControl';

const GROUPS: Array<{ id: Group; title: string }> = [
  { id: 'system', title: 'System' },
  { id: 'data', title: 'Data' },
  { id: 'model', title: 'Model' },
  { id: 'forecast', title: 'Forecast' },
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
  return <NumberControl field={field} extra={field.key === 'seed' ? <SeedButton /> : undefined} />;
}

/** The run settings, generated from the schema: only fields that apply to the chosen system. */
export function ControlsPanel() {
  const sys = useStore((s) => s.config.sys);
  return (
    <div className="controls">
      {GROUPS.map((g) => {
        const fields = FIELDS.filter((f) => f.group === g.id && fieldApplies(f, sys));
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
    </div>
  );
}
