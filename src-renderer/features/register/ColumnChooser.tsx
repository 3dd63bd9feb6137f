/**
 * "Cột": which columns the table shows, per direction, remembered on this machine. The choice
 * is a list of keys; columns the app adds later appear when their default says so.
 */
import { useState } from 'react';
import type { Direction } from '../../../src-shared/domain/enums';
import { useStrings } from '../../i18n';
import { ALWAYS_SHOWN, columnsFor, shownByDefault, shownColumns } from './columns';

const storageKey = (direction: Direction) => `vanthu.columns.${direction}`;

export function loadShownColumns(direction: Direction): string[] {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey(direction)) ?? 'null') as unknown;
    if (Array.isArray(saved) && saved.every((k) => typeof k === 'string')) return shownColumns(direction, saved);
  } catch {
    // A damaged entry is ignored: the defaults are shown.
  }
  return shownByDefault(direction);
}

export function saveShownColumns(direction: Direction, keys: string[] | null): void {
  if (keys) localStorage.setItem(storageKey(direction), JSON.stringify(keys));
  else localStorage.removeItem(storageKey(direction));
}

export interface ColumnChooserProps {
  direction: Direction;
  shown: string[];
  onChange: (keys: string[] | null) => void;
}

export function ColumnChooser({ direction, shown, onChange }: ColumnChooserProps) {
  const t = useStrings();
  const [open, setOpen] = useState(false);
  const all = columnsFor(direction, t);
  function toggle(key: string) {
    const next = shown.includes(key) ? shown.filter((k) => k !== key) : [...shown, key];
    // The subject stays, and the order is the table's own.
    onChange(shownColumns(direction, next));
  }
  return (
    <div className="column-chooser">
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)} title={t.columns.chooserTitle}>
        {t.columns.chooser}
      </button>
      {open && (
        <fieldset
          className="column-menu"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
            }
          }}
        >
          <legend>{t.columns.chooserTitle}</legend>
          {all.map((c, i) => (
            <label key={c.key}>
              <input
                type="checkbox"
                checked={shown.includes(c.key)}
                disabled={c.key === ALWAYS_SHOWN}
                onChange={() => toggle(c.key)}
                autoFocus={i === 0}
              />
              {c.label}
            </label>
          ))}
          <button type="button" onClick={() => onChange(null)}>
            {t.columns.restore}
          </button>
        </fieldset>
      )}
    </div>
  );
}
