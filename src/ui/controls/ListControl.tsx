import type { ListField } from '../../run/schema';
import { useSeriesData } from '../../state/seriesData';
import { useStore } from '../../state/store';
import { FieldFrame } from './FieldFrame';
import '../series/series.css';

/**
 * A list field as a row of checkboxes: fixed options (weather variables), or the numeric columns
 * of the loaded CSV file (free names; none ticked in the stored value means "all columns"). At
 * least one box stays ticked: unticking the last one is refused in place.
 */
export function ListControl({ field }: { field: ListField }) {
  const value = useStore((s) => s.config[field.key]) as string;
  const setField = useStore((s) => s.setField);
  const fileColumns = useSeriesData((s) => s.csv?.table.names ?? null);
  const options = field.options ?? fileColumns ?? (value ? value.split(',') : []);
  // The empty value of a free list means every column.
  const chosen = value === '' && !field.options ? options : value.split(',');
  const toggle = (opt: string, on: boolean) => {
    const next = options.filter((o) => (o === opt ? on : chosen.includes(o)));
    if (next.length === 0) return;
    // All columns of a file are stored as '' so a link stays short and fits any file.
    const all = !field.options && next.length === options.length;
    setField(field.key, all ? '' : next.join(','));
  };
  return (
    <FieldFrame field={field}>
      <div
        className="checks"
        role="group"
        aria-label={field.label}
        data-testid={`field-${field.key}`}
        data-value={value}
      >
        {options.length === 0 && <span className="checks-empty">Choose a file first.</span>}
        {options.map((opt) => (
          <label key={opt} className="check">
            <input
              type="checkbox"
              data-testid={`field-${field.key}-${opt}`}
              checked={chosen.includes(opt)}
              disabled={chosen.length === 1 && chosen.includes(opt)}
              onChange={(e) => toggle(opt, e.target.checked)}
            />
            {opt}
          </label>
        ))}
      </div>
    </FieldFrame>
  );
}
