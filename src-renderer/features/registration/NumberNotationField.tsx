/** "Số, ký hiệu" typed in one box as on the paper ("25-CV/ĐU"); what was read shows below. */
import { parseNumberNotation, padNumber } from '../../../src-shared/domain/notation';
import { TextField } from '../../components/Field';
import { useStrings } from '../../i18n';

export interface NumberNotationFieldProps {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  extraHint?: string;
  autoFocus?: boolean;
}

export function NumberNotationField({ value, onChange, error, extraHint, autoFocus }: NumberNotationFieldProps) {
  const t = useStrings();
  let hint = t.form.numberNotationHint;
  if (value.trim()) {
    const parsed = parseNumberNotation(value);
    hint = parsed
      ? `→ ${t.form.numberNotationParsed(padNumber(parsed.codeNumber), parsed.codeNotation)}`
      : t.form.numberNotationBad;
  }
  if (extraHint) hint = `${hint}. ${extraHint}`;
  return (
    <TextField
      id="doc-number-notation"
      label={t.form.numberNotation}
      value={value}
      onChange={onChange}
      error={error}
      hint={hint}
      maxLength={120}
      autoFocus={autoFocus}
      className={value.trim() && !parseNumberNotation(value) ? 'date-unreadable' : undefined}
    />
  );
}
