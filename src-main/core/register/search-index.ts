/**
 * The full-text index of the register. Its rowid is not the document's id but a search key that
 * sorts like the register itself, newest first: the register date's day number in the high bits
 * and the id in the low 32. FTS5 walks its doclists in rowid order, so "newest first" stops after
 * the first page of matches instead of sorting every match, and a period becomes a rowid range.
 * Migration 0007 builds the same key in SQL (SEARCH_KEY_SQL); a test keeps the two equal.
 * A sixth column holds the document's urgency as a word (urgencyWord; migration 0018 writes the
 * same), so "urgent first" is one newest-first walk of the index per urgency.
 */
import type { DocumentFields } from '../../../src-shared/ipc/schemas';
import type { Sqlite } from '../db/open';
import { URGENCY_ORDER } from '../../../src-shared/domain/levels';
import { searchColumns } from './mapping';

const ID_SPAN = 2 ** 32;
const DAY_MS = 86_400_000;

/** The search key of a document: register date (days since 1970-01-01) above, id below. */
export function searchKey(registerDate: string, id: number): number {
  return dayNumber(registerDate) * ID_SPAN + id;
}

/** The smallest key of a date: keys of documents dated `date` or later are >= this. */
export function firstKeyOf(date: string): number {
  return dayNumber(date) * ID_SPAN;
}

/** The document id a search key carries. */
export const ID_OF_KEY_SQL = (key: string) => `(${key} & 4294967295)`;

/** The key in SQL, for migrations and checks: must equal searchKey(). */
export const SEARCH_KEY_SQL = (date: string, id: string) =>
  `(CAST(julianday(${date}) - 2440587.5 AS INTEGER) * 4294967296 + ${id})`;

function dayNumber(date: string): number {
  const ms = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${date}`);
  return Math.floor(ms / DAY_MS);
}

/** The word the index's urgency column holds: "u0" (hỏa tốc hẹn giờ) to "u4" (ordinary). */
export function urgencyWord(rank: number): string {
  return `u${rank}`;
}

export function createSearchIndex(sqlite: Sqlite) {
  const remove = sqlite.prepare('DELETE FROM documents_fts WHERE rowid = ?');
  const insert = sqlite.prepare(
    'INSERT INTO documents_fts (rowid, subject, notation, issuer, signer, notes, urgency) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  return {
    /** Indexes a new document. */
    add(id: number, registerDate: string, fields: DocumentFields): void {
      insert.run(searchKey(registerDate, id), ...searchColumns(fields), urgencyWord(URGENCY_ORDER[fields.urgency]));
    },
    /** Re-indexes a changed document; its key moves when its register date does. */
    replace(id: number, oldRegisterDate: string, registerDate: string, fields: DocumentFields): void {
      remove.run(searchKey(oldRegisterDate, id));
      insert.run(searchKey(registerDate, id), ...searchColumns(fields), urgencyWord(URGENCY_ORDER[fields.urgency]));
    },
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
