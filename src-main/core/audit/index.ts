/**
 * The append-only audit log. Each entry's hash covers the previous hash and the entry itself,
 * so changing or removing any entry breaks the chain from that point on (the database also
 * refuses UPDATE and DELETE on the table).
 */
import { createHash } from 'node:crypto';
import type { Sqlite } from '../db/open';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string | number;
  details?: Record<string, unknown>;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  details: string;
  prevHash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

function hashOf(row: Omit<AuditRow, 'id' | 'hash'>): string {
  return createHash('sha256')
    .update([row.prevHash, row.at, row.actor, row.action, row.entity, row.entityId, row.details].join('\u001f'))
    .digest('hex');
}

export function createAuditLog(sqlite: Sqlite) {
  const last = sqlite.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck();
  const insert = sqlite.prepare(
    'INSERT INTO audit_log (at, actor, action, entity, entity_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const all = sqlite.prepare(
    'SELECT id, at, actor, action, entity, entity_id AS entityId, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY id',
  );

  return {
    /** Call inside the transaction of the change it records. */
    append(entry: AuditEntry, at: Date = new Date()): void {
      const row = {
        at: at.toISOString(),
        actor: entry.actor,
        action: entry.action,
        entity: entry.entity,
        entityId: String(entry.entityId),
        details: JSON.stringify(entry.details ?? {}),
        prevHash: (last.get() as string | undefined) ?? GENESIS,
      };
      insert.run(row.at, row.actor, row.action, row.entity, row.entityId, row.details, row.prevHash, hashOf(row));
    },

    /**
     * Walks the chain: intact, or the first entry that does not fit — its content changed, or
     * the link to the entry before it broken (that one removed, or put in from elsewhere).
     */
    verify():
      | { ok: true; entries: number }
      | {
          ok: false;
          entryId: number;
          reason: 'entry content changed' | 'previous hash does not match';
          at: string;
          action: string;
        } {
      let prev = GENESIS;
      let n = 0;
      for (const row of all.iterate() as IterableIterator<AuditRow>) {
        const where = { entryId: row.id, at: row.at, action: row.action };
        if (row.prevHash !== prev) return { ok: false, ...where, reason: 'previous hash does not match' };
        if (hashOf(row) !== row.hash) return { ok: false, ...where, reason: 'entry content changed' };
        prev = row.hash;
        n++;
      }
      return { ok: true, entries: n };
    },

    recent(limit = 50): AuditRow[] {
      return sqlite
        .prepare(
          'SELECT id, at, actor, action, entity, entity_id AS entityId, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY id DESC LIMIT ?',
        )
        .all(limit) as AuditRow[];
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
