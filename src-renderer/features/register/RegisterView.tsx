/** The centre of the register: a box's table with its filters, sort and pages. */
import type { Direction } from '../../../src-shared/domain/enums';
import { useWorkspace } from '../../app/workspaceContext';
import { Kbd } from '../../components/Kbd';
import { Notice } from '../../components/Notice';
import { t } from '../../i18n';
import { boxById, directionTitle } from './boxes';
import { DocumentTable } from './DocumentTable';
import { FilterBar } from './FilterBar';
import { hasFilters, toQuery, type ListState, type Sort } from './listState';
import { Pager } from './Pager';
import { useDocumentPage } from './useRegisterData';

export interface RegisterViewProps {
  list: ListState;
  onList: (update: (l: ListState) => ListState) => void;
  searchText: string;
  onOpen: (id: number) => void;
  onNew: (direction: Direction) => void;
  focusRequest: number;
}

export function RegisterView({ list, onList, searchText, onOpen, onNew, focusRequest }: RegisterViewProps) {
  const { organisation, registerVersion } = useWorkspace();
  const box = boxById(list.boxId);
  const { page, loading, error } = useDocumentPage(toQuery(list, organisation.id, searchText), registerVersion);
  const searching = searchText.trim() !== '';
  const heading = `${directionTitle(box.direction)} · ${box.label}`;
  const items = page?.items ?? [];

  const setSort = (sort: Sort) => onList((l) => ({ ...l, sort, offset: 0 }));

  return (
    <section className="register-view" aria-labelledby="register-title">
      <header className="view-header">
        <div>
          <h1 id="register-title">{heading}</h1>
          <p className="view-subtitle" aria-live="polite">
            {searching && `${t.list.searchResults(searchText.trim())} · `}
            {page ? t.list.count(page.total) : t.list.loading}
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
          <button type="button" className="primary" onClick={() => onNew(box.direction)} aria-keyshortcuts="Alt+N">
            {box.direction === 'in' ? t.boxes.newIncoming : t.boxes.newOutgoing} <Kbd>Alt+N</Kbd>
          </button>
        </div>
      </header>

      <FilterBar filters={list.filters} onChange={(filters) => onList((l) => ({ ...l, filters, offset: 0 }))} />

      {error && <Notice kind="error">{error}</Notice>}
      {page && items.length === 0 && !loading && (
        <p className="empty">{searching || hasFilters(list.filters) ? t.list.emptySearch : t.list.emptyBox}</p>
      )}
      {items.length > 0 && (
        <DocumentTable
          label={heading}
          direction={box.direction}
          items={items}
          selectedId={list.selectedId}
          onSelect={(id) => onList((l) => ({ ...l, selectedId: id }))}
          onOpen={onOpen}
          focusRequest={focusRequest}
        />
      )}
      {page && (
        <Pager
          offset={list.offset}
          total={page.total}
          onOffset={(offset) => onList((l) => ({ ...l, offset, selectedId: null }))}
        />
      )}
      <p className="shortcut-hints">{t.list.hints}</p>
    </section>
  );
}
