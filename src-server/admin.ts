/**
 * What the server's administrator does: the organisations directory, one-time enrollment codes,
 * workstations (list, revoke), pruning of old changes. Used by the command line and the tests.
 */
import { randomBytes } from 'node:crypto';
import { OrganId } from '../src-shared/sync/protocol';
import type { Db } from './db';
import { hashToken } from './app';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read over the phone

export function createAdmin(db: Db) {
  return {
    async addOrganisation(organId: string, name: string): Promise<void> {
      const id = OrganId.parse(organId);
      if (!name.trim()) throw new Error('Tên cơ quan không được để trống.');
      await db.query(
        'INSERT INTO organisations (organ_id, name) VALUES ($1, $2) ON CONFLICT (organ_id) DO UPDATE SET name = EXCLUDED.name',
        [id, name.trim()],
      );
      await db.query("INSERT INTO audit (action, details) VALUES ('org.add', $1)", [
        JSON.stringify({ organId: id, name }),
      ]);
    },

    listOrganisations: () =>
      db.query<{ organ_id: string; name: string }>('SELECT organ_id, name FROM organisations ORDER BY organ_id'),

    /** A one-time code, valid `hours`; only its hash is stored. */
    async enrollmentCode(organId: string, hours = 24): Promise<string> {
      const [org] = await db.query('SELECT 1 FROM organisations WHERE organ_id = $1', [organId]);
      if (!org) throw new Error(`Không có cơ quan ${organId} trong danh bạ.`);
      const bytes = randomBytes(12);
      const code = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
      const formatted = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}`;
      await db.query(
        `INSERT INTO enrollment_codes (code_hash, organ_id, expires_at) VALUES ($1, $2, now() + ($3 || ' hours')::interval)`,
        [hashToken(formatted), organId, String(hours)],
      );
      await db.query("INSERT INTO audit (action, details) VALUES ('enroll.code', $1)", [
        JSON.stringify({ organId, hours }),
      ]);
      return formatted;
    },

    listWorkstations: () =>
      db.query<{ id: string; organ_id: string; name: string; created_at: string; revoked_at: string | null }>(
        'SELECT id, organ_id, name, created_at, revoked_at FROM workstations ORDER BY created_at',
      ),

    async revokeWorkstation(id: string): Promise<boolean> {
      const rows = await db.query(
        'UPDATE workstations SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
        [id],
      );
      if (rows.length) await db.query("INSERT INTO audit (workstation_id, action) VALUES ($1, 'revoke')", [id]);
      return rows.length > 0;
    },

    /** Drops changes up to `throughSeq`; a workstation whose cursor is older must resync. */
    async prune(throughSeq: number): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM changes WHERE seq <= $1', [throughSeq]);
        await tx.query(
          "INSERT INTO settings (key, value) VALUES ('pruned_through', $1) ON CONFLICT (key) DO UPDATE SET value = GREATEST(settings.value::bigint, EXCLUDED.value::bigint)::text",
          [String(throughSeq)],
        );
      });
    },
  };
}
