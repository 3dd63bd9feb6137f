/**
 * A labelled form field: the label above, the control, then either the error (red, read out by
 * screen readers) or a hint. Controls are wired to both through aria-describedby.
 */
import type { ReactNode } from 'react';

export interface FieldFrameProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  children: ReactNode;
}

export function describedBy(id: string, error: string | undefined, hint: ReactNode): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

export function FieldFrame({ id, label, error, hint, required, className, children }: FieldFrameProps) {
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <span className="label-row">
        <label htmlFor={id}>{label}</label>
        {/* Outside the label, so the field's name stays exactly its label; aria-required says it. */}
        {required && (
          <span className="required" aria-hidden="true">
            *
          </span>
        )}
      </span>
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

interface BaseProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  placeholder?: string;
  autoFocus?: boolean;
}

export function TextField(
  props: BaseProps & {
    type?: 'text' | 'password';
    autoComplete?: string;
    maxLength?: number;
    inputMode?: 'numeric' | 'text';
  },
) {
  const {
    id,
    value,
    onChange,
    error,
    hint,
    type = 'text',
    autoComplete,
    maxLength,
    placeholder,
    autoFocus,
    inputMode,
  } = props;
  return (
    <FieldFrame {...props}>
      <input
        id={id}
        name={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        aria-required={props.required || undefined}
        autoComplete={autoComplete ?? 'off'}
        maxLength={maxLength}
        placeholder={placeholder}
        autoFocus={autoFocus}
        inputMode={inputMode}
        spellCheck={false}
      />
    </FieldFrame>
  );
}

export function TextAreaField(props: BaseProps & { rows?: number; maxLength?: number }) {
  const { id, value, onChange, error, hint, rows = 3, maxLength, placeholder, autoFocus } = props;
  return (
    <FieldFrame {...props}>
      <textarea
        id={id}
        name={id}
        value={value}
        rows={rows}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        aria-required={props.required || undefined}
        maxLength={maxLength}
        placeholder={placeholder}
        autoFocus={autoFocus}
      />
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: BaseProps & { options: readonly Option[] }) {
  const { id, value, onChange, error, hint, options, autoFocus } = props;
  return (
    <FieldFrame {...props}>
      <select
        id={id}
        name={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        aria-required={props.required || undefined}
        autoFocus={autoFocus}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
