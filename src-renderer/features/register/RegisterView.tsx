/** The centre of the register: a box's table with its filters, sort and columns. */
import { useEffect, useRef, useState } from 'react';
import type { Direction } from '../../../src-shared/domain/enums';
import { useWorkspace } from '../../app/workspaceContext';
import { Kbd } from '../../components/Kbd';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';
import { boxById, directionTitle } from './boxes';
import { SaveSearchDialog } from './SaveSearchDialog';
import { ColumnChooser, loadShownColumns, saveShownColumns } from './ColumnChooser';
import { columnsFor } from './columns';
import { DocumentTable } from './DocumentTable';
import { FilterBar } from './FilterBar';
import { hasFilters, toQuery, type ListState, type Sort } from './listState';
import { useVirtualRows } from './useVirtualRows';

export interface RegisterViewProps {
  list: ListState;
  onList: (update: (l: ListState) => ListState) => void;
  searchText: string;
  onOpen: (id: number) => void;
  onNew: (direction: Direction) => void;
  focusRequest: number;
  /** Keeps the search on screen under a name (Tìm đã lưu). */
  onSaveSearch: (name: string) => void;
}

export function RegisterView({
  list,
  onList,
  searchText,
  onOpen,
  onNew,
  focusRequest,
  onSaveSearch,
}: RegisterViewProps) {
  const [naming, setNaming] = useState(false);
  const t = useStrings();
  const { organisation, registerVersion, session } = useWorkspace();
  const box = boxById(list.boxId);
  const query = toQuery(list, organisation.id, searchText, session.user);
  const rows = useVirtualRows(query, registerVersion);
  // Another search, filter or box starts at the top; coming back from a document keeps the place.
  const queryKey = JSON.stringify(query);
  const shownKey = useRef<string | null>(null);
  useEffect(() => {
    if (shownKey.current !== null && shownKey.current !== queryKey)
      onList((l) => ({ ...l, selectedIndex: 0, selectedId: null }));
    shownKey.current = queryKey;
  }, [queryKey, onList]);
  const searching = searchText.trim() !== '';
  const heading = `${directionTitle(box.direction, t)} · ${t.boxes[box.label]}`;
  const [shownByDirection, setShown] = useState(() => ({
    in: loadShownColumns('in'),
    out: loadShownColumns('out'),
  }));
  const shown = shownByDirection[box.direction];
  const columns = columnsFor(box.direction, t).filter((c) => shown.includes(c.key));
  const loaded = !rows.loading || rows.revision > 0;

  const fromTop = (l: ListState): ListState => ({ ...l, selectedIndex: 0, selectedId: null });
  const setSort = (sort: Sort) => onList((l) => fromTop({ ...l, sort }));

  return (
    <section className="register-view" aria-labelledby="register-title">
      <header className="view-header">
        <div>
          <h1 id="register-title">{heading}</h1>
          <p className="view-subtitle" aria-live="polite">
            {searching && `${t.list.searchResults(searchText.trim())} · `}
            {loaded ? (rows.totalExact ? t.list.count(rows.total) : t.list.countAtLeast(rows.total)) : t.list.loading}
            {loaded && rows.total > 0 && ` · ${t.list.position(list.selectedIndex + 1, rows.total)}`}
          </p>
        </div>
        <div className="view-actions">
          {searching && (
            <div className="segmented" role="group" aria-label={t.list.sortLabel}>
              {(['newest', 'ranked'] as const).map((sort) => (
                <button key={sort} type="button" aria-pressed={list.sort === sort} onClick={() => setSort(sort)}>
                  {sort === 'newest' ? t.list.sortNewest : t.list.sortRanked}
                </button>
              ))}
            </div>
          )}
          <button type="button" onClick={() => setNaming(true)}>
            {t.saved.saveButton}
          </button>
          <ColumnChooser
            direction={box.direction}
            shown={shown}
            onChange={(keys) => {
              saveShownColumns(box.direction, keys);
              setShown((s) => ({ ...s, [box.direction]: keys ?? loadShownColumns(box.direction) }));
            }}
          />
          <button type="button" className="primary" onClick={() => onNew(box.direction)} aria-keyshortcuts="Alt+N">
            {box.direction === 'in' ? t.boxes.newIncoming : t.boxes.newOutgoing} <Kbd>Alt+N</Kbd>
          </button>
        </div>
      </header>

      {naming && (
        <SaveSearchDialog
          onSave={(name) => {
            onSaveSearch(name);
            setNaming(false);
          }}
          onClose={() => setNaming(false)}
        />
      )}
      <FilterBar filters={list.filters} onChange={(filters) => onList((l) => fromTop({ ...l, filters }))} />

      {rows.error && <Notice kind="error">{rows.error}</Notice>}
      {loaded && rows.total === 0 && (
        <p className="empty">{searching || hasFilters(list.filters) ? t.list.emptySearch : t.list.emptyBox}</p>
      )}
      {/* Always mounted: a search that briefly matches nothing must not remount the table, whose
          mount would take the focus from the search box while the clerk types. */}
      <DocumentTable
        label={heading}
        columns={columns}
        rows={rows}
        selectedIndex={Math.max(0, Math.min(list.selectedIndex, rows.total - 1))}
        onSelect={(selectedIndex, selectedId) => onList((l) => ({ ...l, selectedIndex, selectedId }))}
        onOpen={onOpen}
        orderBy={list.orderBy}
        onOrderBy={(orderBy) => onList((l) => fromTop({ ...l, orderBy }))}
        focusRequest={focusRequest}
      />
      <p className="shortcut-hints">{t.list.hints}</p>
    </section>
  );
}
