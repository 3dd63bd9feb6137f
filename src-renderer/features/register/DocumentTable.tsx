/**
 * The table of a box, virtual: however many entries the register holds (100,000 and more), only
 * the rows in view are in the page, fetched a block at a time. ↑/↓, PageUp/PageDown, Home/End
 * move the selection through the whole box, Enter or a double click opens the document. A click
 * on a sortable heading sorts by it (again: the other way). Urgent documents are marked red.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { isUrgent } from '../../../src-shared/domain/enums';
import type { SortColumn } from '../../../src-shared/ipc/schemas';
import { useStrings } from '../../i18n';
import type { Column } from './columns';
import type { VirtualRows } from './useVirtualRows';
import { isTyping } from '../../app/isTyping';

export interface OrderBy {
  column: SortColumn;
  descending: boolean;
}

export interface DocumentTableProps {
  label: string;
  columns: readonly Column[];
  rows: VirtualRows;
  selectedIndex: number;
  onSelect: (index: number, id: number | null) => void;
  onOpen: (id: number) => void;
  orderBy: OrderBy | null;
  onOrderBy: (orderBy: OrderBy | null) => void;
  /** Move focus to the selected row whenever this number changes (e.g. ↓ from the search box). */
  focusRequest: number;
}

/** Every row is one line high, so a row's place is index × ROW_HEIGHT. */
export const ROW_HEIGHT = 36;
const OVERSCAN = 10;

export function DocumentTable({
  label,
  columns,
  rows,
  selectedIndex,
  onSelect,
  onOpen,
  orderBy,
  onOrderBy,
  focusRequest,
}: DocumentTableProps) {
  const t = useStrings();
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const focusWanted = useRef(false);
  /** Whether the focus is in the table (a removed row loses it without moving it elsewhere). */
  const hadFocus = useRef(false);
  const { total } = rows;

  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  const { ensure } = rows;
  useEffect(() => ensure(first, last), [ensure, first, last]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  /** The scroll position that shows row `index` whole (the header stays on top). */
  function scrollToRow(index: number) {
    const el = scrollRef.current;
    if (!el) return;
    const header = el.querySelector('thead')?.getBoundingClientRect().height ?? ROW_HEIGHT;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight - header)
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight + header;
  }

  /** Focuses the selected row once it is loaded; until then the table itself holds the focus. */
  function focusSelected() {
    const row = bodyRef.current?.querySelector<HTMLTableRowElement>(`tr[data-index="${selectedIndex}"]:not(.pending)`);
    if (row) {
      row.focus({ preventScroll: true });
      focusWanted.current = false;
    } else scrollRef.current?.focus({ preventScroll: true });
  }

  // The request standing when the table appeared: it brought the clerk (back) to the register,
  // but a cursor already in a text field (Ctrl+K from a document) stays there.
  const requestAtMount = useRef(focusRequest);
  useEffect(() => {
    if (focusRequest === 0) return;
    if (focusRequest === requestAtMount.current && isTyping(document.activeElement)) return;
    focusWanted.current = true;
    scrollToRow(selectedIndex);
    focusSelected();
    // Only an explicit request moves focus, not every change of selection.
  }, [focusRequest]);

  // After a key moved the selection, focus follows once the row is rendered and loaded; never
  // when the clerk has gone on to type somewhere else meanwhile.
  useEffect(() => {
    const active = document.activeElement;
    // The focused row was replaced (fresh results arrived): the focus fell to the page; take it back.
    if (hadFocus.current && (!active || active === document.body)) focusWanted.current = true;
    if (!focusWanted.current) return;
    if (active && active !== document.body && !scrollRef.current?.contains(active)) focusWanted.current = false;
    else focusSelected();
  });

  function move(to: number) {
    if (total === 0) return;
    const index = Math.min(total - 1, Math.max(0, to));
    focusWanted.current = true;
    onSelect(index, rows.row(index)?.id ?? null);
    scrollToRow(index);
  }

  const pageRows = Math.max(1, Math.floor(view.height / ROW_HEIGHT) - 2);
  function onKeyDown(event: KeyboardEvent) {
    if (event.altKey || event.metaKey) return;
    const steps: Record<string, number> = {
      ArrowDown: selectedIndex + 1,
      ArrowUp: selectedIndex - 1,
      PageDown: selectedIndex + pageRows,
      PageUp: selectedIndex - pageRows,
      Home: 0,
      End: total - 1,
    };
    const to = event.ctrlKey ? undefined : steps[event.key];
    if (to !== undefined) {
      event.preventDefault();
      move(to);
    } else if (event.key === 'Enter') {
      const current = rows.row(selectedIndex);
      if (current) {
        event.preventDefault();
        onOpen(current.id);
      }
    }
  }

  function sortBy(column: SortColumn) {
    if (orderBy?.column !== column) onOrderBy({ column, descending: column === 'registerDate' });
    else if (orderBy.descending === (column === 'registerDate')) onOrderBy({ column, descending: !orderBy.descending });
    else onOrderBy(null); // a third click returns to the register's own order
  }

  const visible: number[] = [];
  for (let i = first; i < last; i++) visible.push(i);

  return (
    <div
      className="table-scroll virtual"
      ref={scrollRef}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onFocus={() => (hadFocus.current = true)}
      onBlur={(e) => {
        if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget)) hadFocus.current = false;
      }}
      onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
    >
      <table className="register-table" role="grid" aria-label={label} aria-rowcount={total + 1}>
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} className={c.className} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => {
              const sorted = c.sort && orderBy?.column === c.sort;
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={c.className}
                  aria-sort={sorted ? (orderBy?.descending ? 'descending' : 'ascending') : undefined}
                >
                  {c.sort ? (
                    <button type="button" className="sort-heading" onClick={() => sortBy(c.sort as SortColumn)}>
                      {c.label}
                      <span aria-hidden="true" className="sort-mark">
                        {sorted ? (orderBy?.descending ? '▼' : '▲') : ''}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody ref={bodyRef}>
          {first > 0 && <tr className="spacer" aria-hidden="true" style={{ height: first * ROW_HEIGHT }} />}
          {visible.map((i) => {
            const d = rows.row(i);
            const selected = i === selectedIndex;
            if (!d) {
              return (
                <tr key={`pending-${i}`} data-index={i} aria-rowindex={i + 2} className="pending" tabIndex={-1}>
                  <td colSpan={columns.length}>{t.list.loadingRow}</td>
                </tr>
              );
            }
            const classes = [
              isUrgent(d.urgency) ? 'urgent' : '',
              d.status === 'cancelled' ? 'cancelled' : '',
              selected ? 'selected' : '',
            ];
            return (
              <tr
                key={d.id}
                data-index={i}
                aria-rowindex={i + 2}
                tabIndex={selected ? 0 : -1}
                aria-selected={selected}
                className={classes.filter(Boolean).join(' ')}
                onClick={() => onSelect(i, d.id)}
                onDoubleClick={() => onOpen(d.id)}
              >
                {columns.map((c) => (
                  <td key={c.key} className={c.className} title={c.title?.(d)}>
                    {c.render(d)}
                  </td>
                ))}
              </tr>
            );
          })}
          {last < total && <tr className="spacer" aria-hidden="true" style={{ height: (total - last) * ROW_HEIGHT }} />}
        </tbody>
      </table>
    </div>
  );
}
