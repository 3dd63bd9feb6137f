/**
 * The list's state (box, search, filters, sort, page, selection), kept by the workspace so it is
 * still there when the clerk comes back from a document.
 */
import type { Secrecy, Urgency } from '../../../src-shared/domain/enums';
import type { DocumentQueryInput, SortColumn } from '../../../src-shared/ipc/schemas';
import { readDate } from '../../components/DateField';
import type { Role } from '../../../src-shared/domain/enums';
import { boxById, boxQuery, type BoxId } from './boxes';

export interface Filters {
  year: string;
  typeName: string;
  urgency: Urgency | '';
  secrecy: Secrecy | '';
  fromText: string;
  toText: string;
}

export const NO_FILTERS: Filters = { year: '', typeName: '', urgency: '', secrecy: '', fromText: '', toText: '' };

export type Sort = 'newest' | 'ranked';

export interface ListState {
  boxId: BoxId;
  filters: Filters;
  sort: Sort;
  /** A heading the clerk clicked; null: the register's own order (urgent first, newest next). */
  orderBy: { column: SortColumn; descending: boolean } | null;
  /** The selected row's place in the box, and its document once loaded. */
  selectedIndex: number;
  selectedId: number | null;
}

export const INITIAL_LIST: ListState = {
  boxId: 'in-all',
  filters: NO_FILTERS,
  sort: 'ranked',
  orderBy: null,
  selectedIndex: 0,
  selectedId: null,
};

export function hasFilters(f: Filters): boolean {
  return Object.values(f).some((v) => v !== '');
}

function isoOrUndefined(text: string): string | undefined {
  const date = readDate(text);
  return date === null || date === 'invalid' ? undefined : date;
}

export function toQuery(
  state: ListState,
  organisationId: number,
  text: string,
  user: { id: number; role: Role },
): DocumentQueryInput {
  const box = boxById(state.boxId);
  const f = state.filters;
  const query: DocumentQueryInput = {
    ...boxQuery(box, user),
    organisationId,
    text,
    sort: text.trim() ? state.sort : 'newest',
    // UI.md: urgent documents come first in every box, unless the clerk sorts by a column.
    urgentFirst: state.orderBy === null,
  };
  if (state.orderBy) query.orderBy = state.orderBy;
  if (f.year) query.year = Number(f.year);
  if (f.typeName) query.typeName = f.typeName;
  if (f.urgency) query.urgency = f.urgency;
  if (f.secrecy) query.secrecy = f.secrecy;
  const from = isoOrUndefined(f.fromText);
  const to = isoOrUndefined(f.toText);
  if (from) query.from = from;
  if (to) query.to = to;
  return query;
}
