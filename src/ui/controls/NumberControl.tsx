import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { crossFieldProblems, fixCrossFieldProblems, parseValue } from '../../run/query';
import type { NumberField } from '../../run/schema';
import { useStore } from '../../state/store';
import { formatInput } from '../format';
import { FieldFrame } from './FieldFrame';
import { fromPosition, hasSlider, STEPS, toPosition } from './sliderScale';

/**
 * A number field: a text box validated with the schema's parser (invalid input is refused in
 * place, the previous valid value kept) and, where it helps, a slider (log-scaled for 'log').
 */
export function NumberControl({ field, extra }: { field: NumberField; extra?: ReactNode }) {
  const value = useStore((s) => s.config[field.key]) as number;
  const setField = useStore((s) => s.setField);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const commit = (raw: string): boolean => {
    const r = parseValue(field, raw.trim());
    if (!r.ok) {
      setError(`${r.message}. Keeping ${formatInput(value)}.`);
      return false;
    }
    const candidate = { ...useStore.getState().config, [field.key]: r.value };
    const cross = crossFieldProblems(candidate);
    if (cross.length) {
      setError(`${cross[0].message}. Keeping ${formatInput(value)}.`);
      return false;
    }
    setError(null);
    setDraft(null);
    setField(field.key, r.value);
    return true;
  };

  /**
   * A slider position passes the same cross-field checks as the text box (issue 16): where the
   * other fields forbid it, the slider stops at the largest allowed value of its own field (the
   * message says so in place); a rule whose fix would change other fields keeps the value.
   */
  const slide = (next: number) => {
    const candidate = { ...useStore.getState().config, [field.key]: next };
    if (!crossFieldProblems(candidate).length) {
      setError(null);
      setField(field.key, next);
      return;
    }
    const fixed = { ...candidate };
    const notes = fixCrossFieldProblems(fixed);
    const onlyThis = Object.keys(fixed).every(
      (k) =>
        k === field.key ||
        fixed[k as keyof typeof fixed] === candidate[k as keyof typeof candidate],
    );
    if (onlyThis && !crossFieldProblems(fixed).length) {
      setError(`${notes[0].message}.`);
      setField(field.key, fixed[field.key] as number);
    } else setError(`${notes[0].message.split(';')[0]}. Keeping ${formatInput(value)}.`);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && draft !== null) commit(draft);
    if (e.key === 'Escape') {
      setDraft(null);
      setError(null);
    }
  };

  return (
    <FieldFrame field={field} inputId={id} error={error}>
      <div className="number-row">
        {hasSlider(field) && (
          <input
            type="range"
            className="slider"
            aria-label={`${field.label} slider`}
            data-testid={`slider-${field.key}`}
            min={0}
            max={STEPS}
            step={1}
            value={toPosition(field, value)}
            onChange={(e) => {
              setDraft(null);
              slide(fromPosition(field, Number(e.target.value)));
            }}
          />
        )}
        <input
          id={id}
          type="text"
          inputMode={field.kind === 'int' ? 'numeric' : 'decimal'}
          className={`num${error ? ' invalid' : ''}`}
          data-testid={`field-${field.key}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-help`}
          spellCheck={false}
          autoComplete="off"
          value={draft ?? formatInput(value)}
          onFocus={() => setDraft((d) => d ?? String(value))}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => {
            if (draft === null) return;
            if (draft.trim() === String(value)) {
              setDraft(null);
              setError(null);
            } else commit(draft);
          }}
        />
        {extra}
      </div>
    </FieldFrame>
  );
}
