import type { ReactNode } from 'react';
import type { Field } from '../../run/schema';

/** Label, unit, allowed range and one-sentence doc around a control; the error in place. */
export function FieldFrame({
  field,
  inputId,
  error,
  children,
}: {
  field: Field;
  inputId?: string;
  error?: string | null;
  children: ReactNode;
}) {
  const range =
    field.kind === 'enum' || field.kind === 'list' || field.kind === 'text'
      ? null
      : `${field.min} – ${field.max}${field.unit && field.unit !== '1' ? ` ${field.unit}` : ''}`;
  return (
    <div className="field" data-field={field.key}>
      <div className="field-head">
        {inputId ? (
          <label htmlFor={inputId} className="field-label">
            {field.label}
          </label>
        ) : (
          <span className="field-label">{field.label}</span>
        )}
        {range && <span className="field-range">{range}</span>}
      </div>
      {children}
      {error ? (
        <p className="field-error" role="alert" data-testid={`error-${field.key}`}>
          {error}
        </p>
      ) : (
        <p className="field-help" id={inputId ? `${inputId}-help` : undefined}>
          {field.doc}
        </p>
      )}
    </div>
  );
}
