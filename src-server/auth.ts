/**
 * Workstation identity: a one-time enrollment code is traded for a random bearer credential;
 * the server keeps only sha256 hashes of both. A revoked workstation's credential stops working.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { EnrollRequest, EnrollResponse } from '../src-shared/sync/protocol';
import { audit } from './audit';
import type { Db } from './db';
import { WireFailure } from './errors';

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Codes are read over the phone: case, spaces and dashes do not matter. */
export const normaliseCode = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, '');

export interface Caller {
  workstationId: string;
  organId: string;
}

export async function authenticate(db: Db, req: IncomingMessage): Promise<Caller> {
  const header = String(req.headers.authorization ?? '');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new WireFailure('UNAUTHENTICATED', 'Thiếu thông tin xác thực của máy trạm.');
  const [row] = await db.query<{ id: string; organ_id: string; revoked_at: string | null }>(
    'SELECT id, organ_id, revoked_at FROM workstations WHERE token_hash = $1',
    [hashToken(match[1]!)],
  );
  if (!row || row.revoked_at) {
    throw new WireFailure('UNAUTHENTICATED', 'Máy trạm chưa đăng ký hoặc đã bị thu hồi quyền kết nối.');
  }
  return { workstationId: row.id, organId: row.organ_id };
}

export async function enroll(db: Db, input: EnrollRequest): Promise<EnrollResponse> {
  const credential = randomBytes(32).toString('base64url');
  const workstationId = randomUUID();
  const enrolled = await db.transaction(async (tx) => {
    // Used and marked in one statement: two workstations racing for one code cannot both win.
    const [code] = await tx.query<{ organ_id: string; name: string }>(
      `UPDATE enrollment_codes c SET used_at = now(), workstation_id = $2
       FROM organisations o
       WHERE c.code_hash = $1 AND c.used_at IS NULL AND c.expires_at > now() AND o.organ_id = c.organ_id
       RETURNING c.organ_id, o.name`,
      [hashToken(normaliseCode(input.code)), workstationId],
    );
    if (!code) return null;
    await tx.query(
      'INSERT INTO workstations (id, organ_id, name, app_version, token_hash) VALUES ($1, $2, $3, $4, $5)',
      [workstationId, code.organ_id, input.workstationName, input.appVersion, hashToken(credential)],
    );
    await audit(tx, {
      workstationId,
      organId: code.organ_id,
      action: 'enroll',
      details: { name: input.workstationName, appVersion: input.appVersion },
    });
    return { organId: code.organ_id, organName: code.name };
  });
  if (!enrolled) {
    await audit(db, { action: 'enroll.refused', details: { name: input.workstationName } });
    throw new WireFailure('UNAUTHENTICATED', 'Mã đăng ký không đúng, đã dùng hoặc đã hết hạn. Hãy xin mã mới.');
  }
  return { workstationId, ...enrolled, credential };
}
