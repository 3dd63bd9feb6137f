/**
 * A labelled file choice with the app's own button ("Chọn tệp…") and the chosen file's name,
 * instead of the browser's control, whose words follow the browser's language, not the app's.
 */
import { useRef } from 'react';
import { FieldFrame } from './Field';
import { useStrings } from '../i18n';

export interface FilePickFieldProps {
  id: string;
  label: string;
  accept: string;
  file: File | null;
  onChange: (file: File | null) => void;
  hint?: string;
  error?: string;
  required?: boolean;
}

export function FilePickField({ id, label, accept, file, onChange, hint, error, required }: FilePickFieldProps) {
  const t = useStrings();
  const input = useRef<HTMLInputElement>(null);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      <div className="file-pick">
        <button
          type="button"
          onClick={() => input.current?.click()}
          aria-label={t.files.chooseFor(label)}
          aria-describedby={`${id}-chosen`}
        >
          {t.files.chooseOne}
        </button>
        <span id={`${id}-chosen`} className={file ? 'file-pick-name' : 'file-pick-name muted'}>
          {file ? file.name : t.files.noneChosen}
        </span>
        <input
          ref={input}
          id={id}
          type="file"
          accept={accept}
          hidden
          onChange={(e) => {
            onChange(e.target.files?.[0] ?? null);
            e.target.value = '';
          }}
        />
      </div>
    </FieldFrame>
  );
}
