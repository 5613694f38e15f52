import type { EnumField } from '../../run/schema';
import { useStore } from '../../state/store';
import { FieldFrame } from './FieldFrame';

const label = (f: EnumField, opt: string) => f.optionLabels?.[opt] ?? opt;

/** An enum field as a segmented radio group (few options) — every choice visible at once. */
export function EnumControl({ field }: { field: EnumField }) {
  const value = useStore((s) => s.config[field.key]) as string;
  const setField = useStore((s) => s.setField);
  const name = `enum-${field.key}`;
  return (
    <FieldFrame field={field}>
      <div
        className="segmented"
        role="radiogroup"
        aria-label={field.label}
        data-testid={`field-${field.key}`}
        data-value={value}
      >
        {field.options.map((opt) => (
          <label key={opt} className={opt === value ? 'seg on' : 'seg'}>
            <input
              type="radio"
              name={name}
              value={opt}
              data-testid={`field-${field.key}-${opt}`}
              checked={opt === value}
              onChange={() => setField(field.key, opt)}
            />
            <span className={label(field, opt).length > 14 ? 'seg-text wrap' : 'seg-text'}>
              {label(field, opt)}
            </span>
          </label>
        ))}
      </div>
    </FieldFrame>
  );
}
