/**
 * Lists and searches the register. Text is folded the way the index was (no diacritics, đ -> d)
 * and matched as whole words, the last one as a prefix so results follow the clerk's typing.
 */
import { searchWords } from '../../../src-shared/domain/fold';
import type { DocumentPage, DocumentQuery } from '../../../src-shared/ipc/schemas';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Sqlite } from '../db/open';
import { DOCUMENT_COLUMNS, rowToDocument, type DocumentRow } from './mapping';

/** An FTS5 query from folded words: every word must match; the last may be a prefix. */
export function ftsQuery(text: string): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

export function createQueries(sqlite: Sqlite) {
  const statements = new Map<string, Statement<unknown[]>>();
  /** Queries differ only by which filters are present: cache one statement per shape. */
  function prepared(sql: string) {
    let s = statements.get(sql);
    if (!s) {
      s = sqlite.prepare<unknown[]>(sql);
      statements.set(sql, s);
    }
    return s;
  }

  return {
    list(q: DocumentQuery): DocumentPage {
      const where: string[] = [];
      const args: unknown[] = [];
      const add = (clause: string, ...values: unknown[]) => {
        where.push(clause);
        args.push(...values);
      };
      if (q.organisationId !== undefined) add('d.organisation_id = ?', q.organisationId);
      if (q.direction) add('d.direction = ?', q.direction);
      if (q.year !== undefined)
        add('d.register_date >= ? AND d.register_date < ?', `${q.year}-01-01`, `${q.year + 1}-01-01`);
      if (q.from) add('d.register_date >= ?', q.from);
      if (q.to) add('d.register_date <= ?', q.to);
      if (q.typeName) add('d.type_name = ?', q.typeName);
      if (q.urgency) add('d.urgency = ?', q.urgency);
      if (q.secrecy) add('d.secrecy = ?', q.secrecy);
      if (q.status) add('d.status = ?', q.status);

      const match = ftsQuery(q.text);
      let from = 'documents d';
      let order = 'd.register_date DESC, d.id DESC';
      const matchArgs: unknown[] = [];
      if (match) {
        from = 'documents_fts f JOIN documents d ON d.id = f.rowid';
        where.unshift('documents_fts MATCH ?');
        matchArgs.push(match);
        // bm25 weights: subject and notation count most, then issuer and signer, notes least.
        if (q.sort === 'ranked')
          order = 'bm25(documents_fts, 4.0, 6.0, 2.0, 2.0, 1.0), d.register_date DESC, d.id DESC';
      }
      if (q.urgentFirst) order = `d.urgency_rank ASC, ${order}`;
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const all = [...matchArgs, ...args];
      const total =
        (prepared(`SELECT COUNT(*) FROM ${from} ${whereSql}`)
          .pluck()
          .get(...all) as number) ?? 0;
      const rows = prepared(
        `SELECT ${DOCUMENT_COLUMNS} FROM ${from} ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
      ).all(...all, q.limit, q.offset) as DocumentRow[];
      return { total, items: rows.map(rowToDocument) };
    },
  };
}

export type Queries = ReturnType<typeof createQueries>;
