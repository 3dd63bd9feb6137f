/**
 * The change feed: one global sequence, read per organisation. Appends are serialised by a table
 * lock held to commit, so sequence order is commit order: a reader that sees change N has seen
 * every change before it, and a cursor never skips one still being written (with PostgreSQL's
 * concurrent transactions a bigserial alone does not promise that).
 * Pruning drops a prefix of the sequence and remembers, per organisation, the last seq it lost;
 * only a cursor older than that must resync.
 */
import { MAX_PULL, type Change, type ChangeBody, type PullResponse } from '../src-shared/sync/protocol';
import { audit } from './audit';
import type { Db } from './db';

export async function appendChange(tx: Db, organId: string, body: ChangeBody): Promise<number> {
  await tx.query('LOCK TABLE changes IN EXCLUSIVE MODE');
  const [row] = await tx.query<{ seq: string | number }>(
    'INSERT INTO changes (organ_id, body) VALUES ($1, $2) RETURNING seq',
    [organId, JSON.stringify(body)],
  );
  return Number(row!.seq);
}

export type FeedPage = PullResponse | { resync: true; resumeAfter: number };

/** One statement, so one snapshot: the marks, the high-water mark and the page agree. */
const FEED_SQL = `
SELECT
  greatest(
    (SELECT coalesce(max(seq), 0) FROM changes),
    (SELECT coalesce(max(value::bigint), 0) FROM settings WHERE key = 'pruned_through')
  ) AS high,
  (SELECT coalesce(max(through_seq), 0) FROM feed_pruned WHERE organ_id = $1) AS pruned,
  c.seq, c.created_at, c.body
FROM (SELECT 1) AS one
LEFT JOIN LATERAL (
  SELECT seq, created_at, body FROM changes WHERE organ_id = $1 AND seq > $2 ORDER BY seq LIMIT $3
) AS c ON true
ORDER BY c.seq`;

export async function readFeed(db: Db, organId: string, after: number, limit = MAX_PULL): Promise<FeedPage> {
  const rows = await db.query<{
    high: string | number;
    pruned: string | number;
    seq: string | number | null;
    created_at: string | Date | null;
    body: ChangeBody | string | null;
  }>(FEED_SQL, [organId, after, limit + 1]);
  const high = Number(rows[0]?.high ?? 0);
  const pruned = Number(rows[0]?.pruned ?? 0);
  // Changes this cursor had not seen are gone, or the cursor is from another (or a restored) server.
  if (after < pruned || after > high) return { resync: true, resumeAfter: pruned };
  const found = rows.filter((r) => r.seq !== null);
  const more = found.length > limit;
  const changes: Change[] = found.slice(0, limit).map((r) => ({
    seq: Number(r.seq),
    at: new Date(r.created_at!).toISOString(),
    body: typeof r.body === 'string' ? (JSON.parse(r.body) as ChangeBody) : r.body!,
  }));
  // Nothing more waiting: every change of this organisation up to `high` has been returned.
  const cursor = more ? changes.at(-1)!.seq : Math.max(after, high);
  return { changes, cursor, more };
}

export type PruneLimit = { throughSeq: number } | { olderThan: Date };

/** Drops the changes up to a sequence number, or those older than a time (a prefix by seq). */
export async function pruneChanges(db: Db, limit: PruneLimit): Promise<{ throughSeq: number; deleted: number }> {
  return db.transaction(async (tx) => {
    await tx.query('LOCK TABLE changes IN EXCLUSIVE MODE');
    let through: number;
    if ('throughSeq' in limit) through = limit.throughSeq;
    else {
      const [row] = await tx.query<{ seq: string | number | null }>(
        'SELECT max(seq) AS seq FROM changes WHERE created_at < $1',
        [limit.olderThan.toISOString()],
      );
      through = Number(row?.seq ?? 0);
    }
    if (!Number.isSafeInteger(through) || through <= 0) return { throughSeq: 0, deleted: 0 };
    await tx.query(
      `INSERT INTO feed_pruned (organ_id, through_seq)
       SELECT organ_id, max(seq) FROM changes WHERE seq <= $1 GROUP BY organ_id
       ON CONFLICT (organ_id) DO UPDATE SET through_seq = greatest(feed_pruned.through_seq, excluded.through_seq)`,
      [through],
    );
    const [gone] = await tx.query<{ n: string | number }>(
      'WITH gone AS (DELETE FROM changes WHERE seq <= $1 RETURNING 1) SELECT count(*) AS n FROM gone',
      [through],
    );
    const deleted = Number(gone?.n ?? 0);
    await tx.query(
      `INSERT INTO settings (key, value) VALUES ('pruned_through', $1)
       ON CONFLICT (key) DO UPDATE SET value = greatest(settings.value::bigint, excluded.value::bigint)::text`,
      [String(through)],
    );
    await audit(tx, { action: 'prune', details: { throughSeq: through, deleted } });
    return { throughSeq: through, deleted };
  });
}

/** The retention setting: changes older than `days` go (0 keeps everything). */
export function pruneByRetention(db: Db, days: number, now = new Date()) {
  if (!(days > 0)) return Promise.resolve({ throughSeq: 0, deleted: 0 });
  return pruneChanges(db, { olderThan: new Date(now.getTime() - days * 86_400_000) });
}
