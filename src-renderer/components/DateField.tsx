/**
 * A date typed the way clerks write it (08/06/2026, 8/6/2026, 08.06.2026). What was understood
 * is shown under the box in words, so a swapped day and month is caught before saving.
 */
import { parseDateInput } from '../../src-shared/domain/dates';
import { useStrings } from '../i18n';
import { TextField } from './Field';

export interface DateFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  className?: string;
}

/** ISO date of the text, null when empty, 'invalid' when it cannot be read. */
export function readDate(text: string): string | null | 'invalid' {
  if (text.trim() === '') return null;
  return parseDateInput(text) ?? 'invalid';
}

export function DateField({ hint, ...props }: DateFieldProps) {
  const t = useStrings();
  const parsed = readDate(props.value);
  let understood: string | undefined = hint;
  if (parsed === 'invalid') understood = t.errors.badDate;
  else if (parsed) understood = `→ ${t.formats.longDate(parsed)}`;
  return (
    <TextField
      {...props}
      className={`date-field${props.className ? ` ${props.className}` : ''}${parsed === 'invalid' ? ' date-unreadable' : ''}`}
      placeholder={t.form.datePlaceholder}
      hint={understood}
      inputMode="numeric"
      maxLength={10}
    />
  );
}
