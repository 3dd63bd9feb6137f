/**
 * The table of a box. ↑/↓ (and Home, End, PageUp, PageDown) move the selection, Enter or a
 * double click opens the document. Urgent documents are marked red.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Direction } from '../../../src-shared/domain/enums';
import { isUrgent } from '../../../src-shared/domain/enums';
import { columnsFor, type ListItem } from './columns';

export interface DocumentTableProps {
  label: string;
  direction: Direction;
  items: readonly ListItem[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  onOpen: (id: number) => void;
  /** Move focus to the selected row whenever this number changes (e.g. ↓ from the search box). */
  focusRequest: number;
}

const PAGE_JUMP = 10;

export function DocumentTable({
  label,
  direction,
  items,
  selectedId,
  onSelect,
  onOpen,
  focusRequest,
}: DocumentTableProps) {
  const columns = columnsFor(direction);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const selectedIndex = Math.max(
    0,
    items.findIndex((d) => d.id === selectedId),
  );
  const keyboardMoved = useRef(false);

  function focusRow(index: number) {
    const row = bodyRef.current?.rows[index];
    row?.focus();
  }

  useEffect(() => {
    if (focusRequest > 0) focusRow(selectedIndex);
    // Only an explicit request moves focus, not every change of selection.
  }, [focusRequest]);

  useEffect(() => {
    if (keyboardMoved.current) {
      keyboardMoved.current = false;
      focusRow(selectedIndex);
    }
  }, [selectedIndex]);

  function move(to: number) {
    const index = Math.min(items.length - 1, Math.max(0, to));
    const target = items[index];
    if (!target) return;
    keyboardMoved.current = true;
    onSelect(target.id);
    if (index === selectedIndex) focusRow(index);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const steps: Record<string, number> = {
      ArrowDown: selectedIndex + 1,
      ArrowUp: selectedIndex - 1,
      PageDown: selectedIndex + PAGE_JUMP,
      PageUp: selectedIndex - PAGE_JUMP,
      Home: 0,
      End: items.length - 1,
    };
    const to = steps[event.key];
    if (to !== undefined) {
      event.preventDefault();
      move(to);
    } else if (event.key === 'Enter') {
      const current = items[selectedIndex];
      if (current) {
        event.preventDefault();
        onOpen(current.id);
      }
    }
  }

  return (
    <div className="table-scroll">
      <table
        className={`register-table register-${direction}`}
        role="grid"
        aria-label={label}
        aria-rowcount={items.length + 1}
      >
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.className}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={bodyRef} onKeyDown={onKeyDown}>
          {items.map((d, i) => {
            const selected = i === selectedIndex;
            const classes = [
              isUrgent(d.urgency) ? 'urgent' : '',
              d.status === 'cancelled' ? 'cancelled' : '',
              selected ? 'selected' : '',
            ];
            return (
              <tr
                key={d.id}
                tabIndex={selected ? 0 : -1}
                aria-selected={selected}
                className={classes.filter(Boolean).join(' ')}
                onClick={() => onSelect(d.id)}
                onDoubleClick={() => onOpen(d.id)}
              >
                {columns.map((c) => (
                  <td key={c.key} className={c.className}>
                    {c.render(d)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
