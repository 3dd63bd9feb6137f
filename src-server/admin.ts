/**
 * What the server's administrator does: the organisations directory, one-time enrollment codes,
 * workstations (list, revoke), pruning old changes, reading the audit trail. Used by the command
 * line (directly, or through a running server's admin socket) and by the tests.
 */
import { randomInt } from 'node:crypto';
import { OrganId, ServerHoliday } from '../src-shared/sync/protocol';
import { audit, listAudit } from './audit';
import { hashToken, normaliseCode, numberingWorkstation, oneNumberingWorkstation } from './auth';
import type { Db } from './db';
import { pruneChanges, type PruneLimit } from './feed';
import { listHolidays } from './holidays';
import { readMinimumVersion, writeMinimumVersion } from './minimum-version';
import { readUpdatePolicy, writeUpdatePolicy } from './update-policy';
import type { ServerUpdatePolicy } from '../src-shared/updates/server-policy';
import { readPublications } from './portal';
import { createReleaseStore, ReleaseError } from './releases';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read over the phone
const CODE_LENGTH = 12; // 60 bits
export const MAX_CODE_HOURS = 24 * 30;

/** A mistake by the administrator, said plainly (no stack trace). */
export class AdminError extends Error {}

export interface WorkstationRow {
  id: string;
  organId: string;
  name: string;
  appVersion: string;
  createdAt: string;
  revokedAt: string | null;
}

export function createAdmin(db: Db, options: { updatesDir?: string } = {}) {
  const releases = options.updatesDir ? createReleaseStore(options.updatesDir) : null;
  const releaseStore = () => {
    if (!releases) throw new AdminError('Máy chủ này không giữ bản cập nhật (không có thư mục dữ liệu).');
    return releases;
  };
  return {
    async addOrganisation(organId: string, name: string): Promise<void> {
      const id = OrganId.safeParse(organId);
      if (!id.success) throw new AdminError(`Mã định danh cơ quan không hợp lệ: ${organId}`);
      const clean = name.trim().replace(/\s+/g, ' ');
      if (!clean || clean.length > 300) throw new AdminError('Tên cơ quan phải có từ 1 đến 300 ký tự.');
      await db.transaction(async (tx) => {
        await tx.query(
          'INSERT INTO organisations (organ_id, name) VALUES ($1, $2) ON CONFLICT (organ_id) DO UPDATE SET name = EXCLUDED.name',
          [id.data, clean],
        );
        await audit(tx, { organId: id.data, action: 'org.add', details: { name: clean } });
      });
    },

    /** Adds a public holiday for every workstation, or renames it. */
    async setHoliday(date: string, name: string): Promise<void> {
      const holiday = ServerHoliday.safeParse({ date, name: name.replace(/\s+/g, ' ') });
      if (!holiday.success || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
        throw new AdminError(`Ngày nghỉ phải có dạng NĂM-THÁNG-NGÀY (ví dụ 2027-02-06) và một tên: ${date}`);
      }
      await db.transaction(async (tx) => {
        await tx.query(
          'INSERT INTO holidays (day, name) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET name = EXCLUDED.name',
          [holiday.data.date, holiday.data.name],
        );
        await audit(tx, { action: 'holiday.set', details: holiday.data });
      });
    },

    async removeHoliday(date: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const gone = await tx.query('DELETE FROM holidays WHERE day = $1 RETURNING day', [date]);
        if (gone.length > 0) await audit(tx, { action: 'holiday.remove', details: { date } });
        return gone.length > 0;
      });
    },

    listHolidays: () => listHolidays(db),

    /** The oldest workstation version that may sync (null: any). */
    async setMinimumVersion(version: string | null): Promise<void> {
      await db.transaction(async (tx) => {
        if (!(await writeMinimumVersion(tx, version)))
          throw new AdminError(`Số phiên bản phải có dạng 1.2.3: ${version ?? ''}`);
        await audit(tx, { action: 'minimum-version', details: { version } });
      });
    },
    minimumVersion: () => readMinimumVersion(db),

    /** Channel and pause for every workstation; each key a workstation's own policy overrides. */
    async setUpdatePolicy(change: (current: ServerUpdatePolicy) => ServerUpdatePolicy): Promise<ServerUpdatePolicy> {
      return db.transaction(async (tx) => {
        const policy = change(await readUpdatePolicy(tx));
        await writeUpdatePolicy(tx, policy);
        await audit(tx, { action: 'update-policy', details: policy });
        return policy;
      });
    },
    updatePolicy: () => readUpdatePolicy(db),

    /** What an organisation published on its portal, oldest first. */
    async listPortal(organId: string, limit = 1000) {
      return (await readPublications(db, organId, 0, limit)).publications;
    },

    async listOrganisations(): Promise<{ organId: string; name: string }[]> {
      const rows = await db.query<{ organ_id: string; name: string }>(
        'SELECT organ_id, name FROM organisations ORDER BY organ_id',
      );
      return rows.map((r) => ({ organId: r.organ_id, name: r.name }));
    },

    /** A one-time code, valid `hours`; only its hash is kept. */
    /**
     * A one-time code for a workstation of the organisation: for its numbering workstation
     * ('numbering'), for another one ('other'), or for either (the workstation says which it is).
     */
    async enrollmentCode(organId: string, hours = 24, role: 'numbering' | 'other' | null = null): Promise<string> {
      if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_CODE_HOURS) {
        throw new AdminError(`Thời hạn mã đăng ký phải từ 1 giờ đến ${MAX_CODE_HOURS} giờ.`);
      }
      const [org] = await db.query('SELECT 1 FROM organisations WHERE organ_id = $1', [organId]);
      if (!org) throw new AdminError(`Không có cơ quan ${organId} trong danh bạ.`);
      if (role === 'numbering') {
        const numbering = await numberingWorkstation(db, organId);
        if (numbering) throw new AdminError(oneNumberingWorkstation(organId, numbering));
      }
      const code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO enrollment_codes (code_hash, organ_id, expires_at, role) VALUES ($1, $2, now() + make_interval(secs => $3), $4)`,
          [hashToken(normaliseCode(code)), organId, Math.round(hours * 3600), role],
        );
        await audit(tx, { organId, action: 'enroll.code', details: { hours, role } });
      });
      return code.match(/.{4}/g)!.join('-');
    },

    async listWorkstations(): Promise<WorkstationRow[]> {
      const rows = await db.query<{
        id: string;
        organ_id: string;
        name: string;
        app_version: string;
        created_at: string | Date;
        revoked_at: string | Date | null;
      }>('SELECT id, organ_id, name, app_version, created_at, revoked_at FROM workstations ORDER BY created_at, id');
      return rows.map((r) => ({
        id: r.id,
        organId: r.organ_id,
        name: r.name,
        appVersion: r.app_version,
        createdAt: new Date(r.created_at).toISOString(),
        revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at).toISOString(),
      }));
    },

    /** Its credential stops working at once; false when there is no such (active) workstation. */
    async revokeWorkstation(id: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [row] = await tx.query<{ organ_id: string }>(
          'UPDATE workstations SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING organ_id',
          [id],
        );
        if (row) await audit(tx, { workstationId: id, organId: row.organ_id, action: 'revoke' });
        return Boolean(row);
      });
    },

    /** Drops changes through a sequence number (or by age); older cursors must resync. */
    prune(limit: number | PruneLimit) {
      return pruneChanges(db, typeof limit === 'number' ? { throughSeq: limit } : limit);
    },

    audit: (limit = 100) => listAudit(db, limit),

    /** Publishes a signed release on a channel (releases.ts says what is checked). */
    async publishRelease(channel: string, sourceDir: string) {
      let done;
      try {
        done = releaseStore().publish(channel, sourceDir);
      } catch (error) {
        if (error instanceof ReleaseError) throw new AdminError(error.message);
        throw error;
      }
      await audit(db, {
        action: 'release.publish',
        details: { channel: done.channel, version: done.version, stagingPercentage: done.stagingPercentage ?? 100 },
      });
      return done;
    },

    releases: () => releaseStore().list(),
  };
}

export type Admin = ReturnType<typeof createAdmin>;
