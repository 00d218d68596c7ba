import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../electron/api/contract';

export type FieldErrors = Record<string, FieldError | undefined>;

function valueAt(values: object, path: string): unknown {
  let node: unknown = values;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

export interface LiveFieldErrors {
  /** The errors still standing: each field's until its value changes from the one it was raised for. */
  errors: FieldErrors;
  /** Shows `errors` for the values as they are now (call it with the values that were submitted). */
  raise(errors: FieldErrors): void;
  /** Counts raise() calls: an effect keyed on it runs once per submit, not once per keystroke. */
  raised: number;
}

/**
 * Field errors that go away as soon as their field is edited, not at the next
 * Save: an error belongs to the value it was raised for. `values` is the
 * form's state, keyed by the same paths as the errors ('name',
 * 'fields.name' stripped by indexFieldErrors); an error whose path is not in
 * `values` (a cross-field rule) stays until the next submit.
 */
export function useFieldErrors<V extends object>(values: V): LiveFieldErrors {
  const [raised, setRaised] = useState<{ errors: FieldErrors; values: V; count: number } | null>(null);
  const errors = useMemo(() => {
    if (!raised) return {};
    const live: FieldErrors = {};
    for (const [path, error] of Object.entries(raised.errors)) {
      if (error && JSON.stringify(valueAt(values, path)) === JSON.stringify(valueAt(raised.values, path))) live[path] = error;
    }
    return live;
  }, [raised, values]);
  const raise = useCallback((next: FieldErrors) => setRaised((r) => ({ errors: next, values, count: (r?.count ?? 0) + 1 })), [values]);
  return { errors, raise, raised: raised?.count ?? 0 };
}

/**
 * The form's summary of what to fix, naming each field by its label (a
 * screen-reader user hears which fields, not only that some are wrong). Gone
 * once every named field has been edited.
 */
export function ErrorSummary({ errors, label }: { errors: FieldErrors; label: (path: string) => string }) {
  const { t } = useTranslation();
  const names = Object.keys(errors).filter((path) => errors[path]).map(label);
  if (names.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid="error-summary">
      {t('app.form.checkFields', { fields: [...new Set(names)].join(t('app.form.listSeparator')) })}
    </div>
  );
}

export function indexFieldErrors(fields: FieldError[] | undefined, prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const f of fields ?? []) {
    const path = prefix && f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path;
    out[path] ??= f;
  }
  return out;
}

/** Generic messages that read better naming their field (a select's "choose one" says which). */
const NAMING: Record<string, string> = { 'errors.field.invalidOption': 'errors.field.chooseField' };

interface FieldProps {
  label: string;
  hint?: string;
  error: FieldError | undefined;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}

/** A labelled control with its hint and its error, wired for screen readers. */
export function Field({ label, hint, error, children }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy })}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {t(NAMING[error.messageKey] ?? error.messageKey, { ...error.params, field: label })}
        </p>
      )}
    </div>
  );
}

interface CheckProps {
  label: string;
  checked: boolean;
  onChange(value: boolean): void;
  error: FieldError | undefined;
  name: string;
}

export function CheckField({ label, checked, onChange, error, name }: CheckProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className={`field field-check${error ? ' field-invalid' : ''}`}>
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {t(error.messageKey, error.params ?? {})}
        </p>
      )}
    </div>
  );
}
