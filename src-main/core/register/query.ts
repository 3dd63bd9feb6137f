/**
 * Lists and searches the register. Text is folded the way the index was (no diacritics, đ -> d)
 * and matched as whole words, the last one as a prefix so results follow the clerk's typing.
 *
 * Speed with a million entries comes from the search key (search-index.ts): newest-first and
 * oldest-first searches walk the index in key order and stop at the page; a period is a key
 * range; a search's count stops a little past the page ("more than N"); ranking scores only the
 * newest RANK_POOL matches, which is every match unless the words are very common (older matches
 * follow them newest first); urgent first is one walk per urgency. Without filters on the
 * documents' columns the index alone answers.
 */
import { searchWords } from '../../../src-shared/domain/fold';
import type { DocumentPage, DocumentQuery, SortColumn } from '../../../src-shared/ipc/schemas';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Sqlite } from '../db/open';
import { DOCUMENT_COLUMNS, rowToDocument, type DocumentRow } from './mapping';
import { firstKeyOf, ID_OF_KEY_SQL, SEARCH_KEY_SQL, urgencyWord } from './search-index';
import { URGENCY_ORDER } from '../../../src-shared/domain/levels';
import { directiveInForce } from '../handling/in-force';
import { directionIs } from './direction-sql';

/**
 * The register's urgent-first pages down to this depth walk every urgency from its newest; deeper
 * pages first count the urgent documents to start each walk at the page (query.ts, planList).
 */
const SHALLOW_PAGES = 1000;

/** A search counts this many matches past the page before saying "more than". */
export const COUNT_AHEAD = 1000;
/** Ranked search scores at most this many matches, the newest; the older ones follow by date. */
export const RANK_POOL = 1000;

/** An FTS5 query from folded words: every word must match; the last may be a prefix. */
export function ftsQuery(text: string): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

/**
 * What a ranked search weighs: a word in the notation counts most, then in the subject, the
 * issuer and the signer, the notes least.
 */
const RANK_WEIGHTS = { notation: 6, subject: 4, issuer: 2, signer: 2, notes: 1 } as const;

/**
 * The relevance of a candidate: for each word typed, the weights of the index columns it starts
 * a word of (the last as typed so far). Not bm25: bm25 first counts, for every word, all the
 * documents holding it, which with common words in a million documents took 100 ms before a
 * single candidate was scored (the sqlite3 shell alike). Every candidate holds every word, so
 * what tells them apart is where the words stand; equal scores go newest first.
 */
function relevance(words: string[]): { sql: string; args: string[] } {
  const terms: string[] = [];
  const args: string[] = [];
  for (const word of words) {
    for (const [column, weight] of Object.entries(RANK_WEIGHTS)) {
      terms.push(`(instr(' ' || f.${column}, ?) > 0) * ${weight}`);
      args.push(` ${word}`);
    }
  }
  return { sql: terms.length > 0 ? terms.join(' + ') : '0', args };
}

/** The index's text columns: what a clerk types is looked for there, never in `urgency`. */
const TEXT_COLUMNS = '{subject notation issuer signer notes}';

/** Urgency ranks, most urgent first (levels.ts). */
const RANKS = [...new Set(Object.values(URGENCY_ORDER))].sort((a, b) => a - b);

const COLUMN_ORDER: Record<SortColumn, string> = {
  registerDate: 'd.register_date',
  number: 'coalesce(d.arrival_number, d.code_number)',
  subject: 'd.subject COLLATE NOCASE',
  organName: 'd.organ_name COLLATE NOCASE',
  typeName: 'd.type_name',
  dueDate: "coalesce(d.due_date, '9999')",
  urgency: 'd.urgency_rank',
};

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The statements a listing runs: its count (capped for searches) and its page. */
export interface ListPlan {
  count: { sql: string; args: unknown[] };
  /** The count is exact below this many (a search); null: always exact. */
  countCap: number | null;
  page: { sql: string; args: unknown[] };
}

/** Today and the last day of the "near the deadline" window (handling/calendar.ts). */
export interface DeadlineWindow {
  today: string;
  nearLimit: string;
  /** An ordinary document issued on or before this day and not yet sent is late. */
  lateThrough: string;
}

// Some recipient with an OrganId that the document has not reached the server for yet (a
// recalled document is frozen: it is not sent any more).
const UNSENT = `d.direction = 'out' AND d.status = 'issued' AND d.secrecy = 'none'
  AND d.to_json LIKE '%"organId":"_%'
  AND NOT EXISTS (SELECT 1 FROM recalls c WHERE c.document_id = d.id AND c.direction = 'out') AND EXISTS (
  SELECT 1 FROM json_each(d.to_json) j WHERE coalesce(j.value ->> 'organId', '') != ''
    AND NOT EXISTS (SELECT 1 FROM document_recipients r
      WHERE r.document_id = d.id AND r.organ_id = j.value ->> 'organId' AND r.status != 'queued'))`;

/** The "Chờ gửi" box: issued, not yet sent everywhere; late past the same-or-next-day limit. */
function sendingClause(
  q: DocumentQuery,
  window: DeadlineWindow | undefined,
  add: (clause: string, ...values: unknown[]) => void,
) {
  if (!q.sending) return;
  if (!window) throw new Error('a sending box needs the deadline window');
  add(UNSENT);
  if (q.sending === 'late')
    add(
      "((d.urgency = 'normal' AND d.issued_date <= ?) OR (d.urgency != 'normal' AND d.issued_date < ?))",
      window.lateThrough,
      window.today,
    );
}

/** A person's lines of the document's directive in force (older directives are history). */
const OWN_LINE = `SELECT 1 FROM handling_lines l WHERE l.document_id = d.id AND l.user_id = ?
  AND l.directive_id = ${directiveInForce('d.id')}`;
const OPEN_LINE = "l.status IN ('waiting', 'in_progress')";

/** The handling boxes: the register's (by the document's main line) or one person's (by theirs). */
function handlingClause(
  q: DocumentQuery,
  window: DeadlineWindow | undefined,
  add: (clause: string, ...values: unknown[]) => void,
): void {
  if (q.handling && !window) throw new Error('a handling box needs the deadline window');
  const w = window as DeadlineWindow;
  if (q.handlerId !== undefined) {
    // A cancelled or recalled document is out of use: it leaves everyone's boxes.
    const own = (extra: string, ...values: unknown[]) =>
      add(`d.status = 'registered' AND EXISTS (${OWN_LINE}${extra ? ` AND ${extra}` : ''})`, q.handlerId, ...values);
    if (!q.handling) own('');
    else if (q.handling === 'open') own(OPEN_LINE);
    else if (q.handling === 'near') own(`${OPEN_LINE} AND l.due_date >= ? AND l.due_date <= ?`, w.today, w.nearLimit);
    else if (q.handling === 'overdue') own(`${OPEN_LINE} AND l.due_date < ?`, w.today);
    else own("l.status = 'done'");
    return;
  }
  if (!q.handling) return;
  if (q.handling === 'done') {
    add("d.direction = 'in' AND d.status = 'registered' AND d.handled_at IS NOT NULL");
    return;
  }
  add("d.direction = 'in' AND d.status = 'registered' AND d.handled_at IS NULL");
  if (q.handling === 'near') add('d.due_date >= ? AND d.due_date <= ?', w.today, w.nearLimit);
  if (q.handling === 'overdue') add('d.due_date < ?', w.today);
}

/** The year of a period's bound when it is the first of January (a whole-year period); else null. */
function wholeYear(date: string): number | null {
  return /^\d{4}-01-01$/.test(date) ? Number(date.slice(0, 4)) : null;
}

/**
 * A listing's count read from register_counts (migration 0019; register-counts.ts), kept per
 * organisation, box, year of registration and type: a few rows instead of every document of a
 * box, when the listing's only filters are those (`keptOnly`). Null otherwise, or when the
 * period is not whole years.
 */
function countFromTotals(q: DocumentQuery, keptOnly: boolean, from: string | undefined, until: string | undefined) {
  const firstYear = from === undefined ? undefined : wholeYear(from);
  const endYear = until === undefined ? undefined : wholeYear(until);
  if (!keptOnly || firstYear === null || endYear === null) return null;
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.organisationId !== undefined) {
    where.push('organisation_id = ?');
    args.push(q.organisationId);
  }
  if (q.direction) where.push(directionIs('direction', q.direction));
  if (q.typeName) {
    where.push('type_name = ?');
    args.push(q.typeName);
  }
  if (firstYear !== undefined) {
    where.push('year >= ?');
    args.push(firstYear);
  }
  if (endYear !== undefined) {
    where.push('year < ?');
    args.push(endYear);
  }
  const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  return { sql: `SELECT COALESCE(SUM(documents), 0) FROM register_counts${whereSql}`, args };
}

/** The SQL for a listing, shared by the register and by the benchmark's sqlite3 peer. */
export function planList(q: DocumentQuery, window?: DeadlineWindow): ListPlan {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    args.push(...values);
  };
  if (q.organisationId !== undefined) add('d.organisation_id = ?', q.organisationId);
  if (q.direction) add(directionIs('d.direction', q.direction));
  // The period, as dates [from, until).
  let from = q.from;
  let until = q.to ? nextDay(q.to) : undefined;
  if (q.year !== undefined) {
    if (!from || from < `${q.year}-01-01`) from = `${q.year}-01-01`;
    if (!until || until > `${q.year + 1}-01-01`) until = `${q.year + 1}-01-01`;
  }
  if (q.typeName) add('d.type_name = ?', q.typeName);
  // The filters above are the ones register_counts is kept by; any clause after them is not.
  const keptFilters = where.length;
  if (q.urgency) add('d.urgency = ?', q.urgency);
  if (q.secrecy) add('d.secrecy = ?', q.secrecy);
  if (q.status) add('d.status = ?', q.status);
  handlingClause(q, window, add);
  sendingClause(q, window, add);

  const phrases = ftsQuery(q.text);
  const match = phrases && `${TEXT_COLUMNS} : (${phrases})`;
  if (!match) {
    const keptOnly = where.length === keptFilters;
    if (from) add('d.register_date >= ?', from);
    if (until) add('d.register_date < ?', until);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const column = q.orderBy ? COLUMN_ORDER[q.orderBy.column] : 'd.register_date';
    const dir = q.orderBy && !q.orderBy.descending ? 'ASC' : 'DESC';
    const count = countFromTotals(q, keptOnly, from, until) ?? {
      sql: `SELECT COUNT(*) FROM documents d ${whereSql}`,
      args,
    };
    if (q.urgentFirst && column === COLUMN_ORDER.registerDate && dir === 'DESC') {
      // Urgent first, newest next (the register screen's order): one walk of documents_box_order
      // per urgency, each stopping at the page. Urgency ascending with dates descending cannot
      // be read from one index in one direction, so SQLite sorted every document of the box
      // (200,000 documents: 150 ms for the first page). Oldest first reads the index as it is.
      const walk = (rank: number, window: string) =>
        `SELECT * FROM (SELECT ${DOCUMENT_COLUMNS}, d.urgency_rank AS urgencyRank,
        ${SEARCH_KEY_SQL('d.register_date', 'd.id')} AS searchKey FROM documents d
        WHERE ${[...where, `d.urgency_rank = ${rank}`].join(' AND ')} ORDER BY d.register_date DESC, d.id DESC ${window})`;
      const end = q.offset + q.limit;
      if (end <= SHALLOW_PAGES) {
        return {
          count,
          countCap: null,
          page: {
            sql: `${RANKS.map((rank) => walk(rank, 'LIMIT ?')).join('\n      UNION ALL ')}
      ORDER BY urgencyRank, searchKey DESC LIMIT ? OFFSET ?`,
            args: [...RANKS.flatMap(() => [...args, end]), q.limit, q.offset],
          },
        };
      }
      // Deeper, each walk starts where the page does: it skips the documents the more urgent
      // walks hold (`before`, one count of the urgent documents, few in any box) and reads only
      // its share of the page. Walking every urgency to offset + limit and sorting them all took
      // 0.4-0.8 s deep into a box of 200,000 documents; this takes 10-16 ms.
      const lastRank = RANKS[RANKS.length - 1] as number;
      const before = `SELECT ${RANKS.map((k) => `coalesce(sum(d.urgency_rank < ${k}), 0) AS b${k}`).join(', ')}
        FROM documents d WHERE ${[...where, `d.urgency_rank < ${lastRank}`].join(' AND ')}`;
      const window = (rank: number) =>
        `LIMIT (SELECT max(0, min(?, ? - b${rank})) FROM before) OFFSET (SELECT max(0, ? - b${rank}) FROM before)`;
      return {
        count,
        countCap: null,
        page: {
          sql: `WITH before AS MATERIALIZED (${before})
      ${RANKS.map((rank) => walk(rank, window(rank))).join('\n      UNION ALL ')}
      ORDER BY urgencyRank, searchKey DESC LIMIT ?`,
          args: [...args, ...RANKS.flatMap(() => [...args, q.limit, end, q.offset]), q.limit],
        },
      };
    }
    let order = `${column} ${dir}, d.id ${dir}`;
    if (q.urgentFirst) order = `d.urgency_rank ASC, ${order}`;
    return {
      count,
      countCap: null,
      page: {
        sql: `SELECT ${DOCUMENT_COLUMNS} FROM documents d ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
        args: [...args, q.limit, q.offset],
      },
    };
  }

  // A search: the index drives, the period is a range of its keys.
  const ftsWhere = ['documents_fts MATCH ?'];
  const ftsArgs: unknown[] = [match];
  if (from) {
    ftsWhere.push('f.rowid >= ?');
    ftsArgs.push(firstKeyOf(from));
  }
  if (until) {
    ftsWhere.push('f.rowid < ?');
    ftsArgs.push(firstKeyOf(until));
  }
  const all = [...ftsArgs, ...args];
  const joined = `documents_fts f JOIN documents d ON d.id = ${ID_OF_KEY_SQL('f.rowid')} WHERE ${[...ftsWhere, ...where].join(' AND ')}`;
  // Without a filter on the documents' own columns the index alone answers which keys match:
  // every document has its index row and the other way round (they are written together and
  // never deleted). Reading the document of each of a thousand matches only to count or score
  // them was most of a search's time in a million documents (count p95 8 ms -> 1.5 ms).
  const indexOnly = where.length === 0;
  const matches = indexOnly ? `documents_fts f WHERE ${ftsWhere.join(' AND ')}` : joined;
  // Counting stops a little past the page: exact for small results and near their end.
  const cap = q.offset + q.limit + COUNT_AHEAD;
  const count = { sql: `SELECT COUNT(*) FROM (SELECT 1 FROM ${matches} LIMIT ?)`, args: [...all, cap] };
  /**
   * The matches older than the ranked pool (keys below the pool's oldest), at most `depth` of
   * them, newest first; urgent first: one walk of the index per urgency, as below.
   */
  const olderThanPool = (urgentFirst: boolean, depth: number) => {
    const poolEnd = `(SELECT f.rowid FROM ${matches} ORDER BY f.rowid DESC LIMIT 1 OFFSET ${RANK_POOL - 1})`;
    const walk = (
      rank: string,
    ) => `SELECT * FROM (SELECT f.rowid AS searchKey, 0 AS score, ${rank} AS urgencyRank, 1 AS part
      FROM ${matches} AND f.rowid < ${poolEnd} ORDER BY f.rowid DESC LIMIT ?)`;
    if (!urgentFirst) return { sql: walk('0'), args: [...all, ...all, depth] };
    return {
      sql: RANKS.map((rank) => walk(String(rank))).join('\n      UNION ALL '),
      args: RANKS.flatMap((rank) => {
        const inRank = [`${match} AND urgency : ${urgencyWord(rank)}`, ...all.slice(1)];
        return [...inRank, ...all, depth];
      }),
    };
  };
  const urgent = q.urgentFirst ? 'd.urgency_rank ASC, ' : '';
  let sql: string;
  if (q.orderBy && q.orderBy.column !== 'registerDate') {
    const dir = q.orderBy.descending ? 'DESC' : 'ASC';
    sql = `SELECT ${DOCUMENT_COLUMNS} FROM ${joined} ORDER BY ${urgent}${COLUMN_ORDER[q.orderBy.column]} ${dir}, f.rowid ${dir}`;
  } else if (q.sort === 'ranked' && !q.orderBy) {
    // Score the newest RANK_POOL matches (all of them, unless the words are very common), keep
    // the page's best, and only then read those documents.
    const score = relevance(searchWords(q.text));
    const pool = q.urgentFirst
      ? `SELECT f.rowid AS searchKey, ${score.sql} AS score, d.urgency_rank AS urgencyRank FROM ${joined}`
      : `SELECT f.rowid AS searchKey, ${score.sql} AS score, 0 AS urgencyRank FROM ${matches}`;
    const ranked = `SELECT * FROM (${pool} ORDER BY f.rowid DESC LIMIT ${RANK_POOL})`;
    const depth = q.offset + q.limit;
    // Past the pool, the older matches follow newest first (urgent first when asked), so every
    // match has its place and the pages go on to the count's end.
    const older = depth > RANK_POOL ? olderThanPool(q.urgentFirst, depth - RANK_POOL) : null;
    const best = older
      ? `SELECT * FROM (SELECT *, 0 AS part FROM (${ranked}) UNION ALL ${older.sql})
      ORDER BY part, urgencyRank, score DESC, searchKey DESC LIMIT ? OFFSET ?`
      : `${ranked} ORDER BY urgencyRank, score DESC, searchKey DESC LIMIT ? OFFSET ?`;
    sql = `SELECT ${DOCUMENT_COLUMNS}, b.score, b.searchKey, b.urgencyRank
      FROM (${best}) b JOIN documents d ON d.id = ${ID_OF_KEY_SQL('b.searchKey')}
      ORDER BY ${older ? 'b.part, ' : ''}b.urgencyRank, b.score DESC, b.searchKey DESC`;
    return {
      count,
      countCap: cap,
      page: { sql, args: [...score.args, ...all, ...(older?.args ?? []), q.limit, q.offset] },
    };
  } else if (q.urgentFirst) {
    // Urgent first, then by date: one walk of the index per urgency, each stopping at the page,
    // instead of sorting every match by its document's urgency.
    const dir = q.orderBy && !q.orderBy.descending ? 'ASC' : 'DESC';
    const depth = q.offset + q.limit;
    const arm = `SELECT * FROM (SELECT ${DOCUMENT_COLUMNS}, d.urgency_rank AS urgencyRank, f.rowid AS searchKey
      FROM ${joined} ORDER BY f.rowid ${dir} LIMIT ?)`;
    const armArgs = RANKS.flatMap((rank) => [`${match} AND urgency : ${urgencyWord(rank)}`, ...all.slice(1), depth]);
    return {
      count,
      countCap: cap,
      page: {
        sql: `${RANKS.map(() => arm).join('\n      UNION ALL ')}
      ORDER BY urgencyRank, searchKey ${dir} LIMIT ? OFFSET ?`,
        args: [...armArgs, q.limit, q.offset],
      },
    };
  } else {
    const dir = q.orderBy && !q.orderBy.descending ? 'ASC' : 'DESC';
    sql = `SELECT ${DOCUMENT_COLUMNS} FROM ${joined} ORDER BY f.rowid ${dir}`;
  }
  return {
    count,
    countCap: cap,
    page: { sql: `${sql} LIMIT ? OFFSET ?`, args: [...all, q.limit, q.offset] },
  };
}

export function createQueries(sqlite: Sqlite, deadlines: () => DeadlineWindow) {
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

  // Counts are remembered until the register changes (here, or by another connection): a
  // table scrolled page by page asks for the same count again and again.
  const changeMark = sqlite.prepare('SELECT (SELECT data_version FROM pragma_data_version), total_changes()').raw();
  const counts = new Map<string, number>();
  let countsMark = '';
  function count(sql: string, args: unknown[]): number {
    const mark = JSON.stringify(changeMark.get());
    if (mark !== countsMark) {
      counts.clear();
      countsMark = mark;
    }
    const key = `${sql}\u0000${JSON.stringify(args)}`;
    let n = counts.get(key);
    if (n === undefined) {
      n = prepared(sql)
        .pluck()
        .get(...args) as number;
      if (counts.size > 200) counts.clear();
      counts.set(key, n);
    }
    return n;
  }

  return {
    list(q: DocumentQuery): DocumentPage {
      const plan = planList(q, q.handling || q.sending ? deadlines() : undefined);
      const counted = count(plan.count.sql, plan.count.args);
      const rows = prepared(plan.page.sql).all(...plan.page.args) as (DocumentRow & {
        score?: number;
        searchKey?: number;
        urgencyRank?: number;
      })[];
      const items = rows.map(({ score: _s, searchKey: _k, urgencyRank: _u, ...row }) => rowToDocument(row));
      // A capped count reached means at least `counted` documents match.
      return { total: counted, totalExact: plan.countCap === null || counted < plan.countCap, items };
    },
  };
}

export type Queries = ReturnType<typeof createQueries>;
