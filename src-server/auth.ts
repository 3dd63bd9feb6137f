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

/** The organisation's numbering workstation still connected, if any. */
export async function numberingWorkstation(db: Db, organId: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM workstations WHERE organ_id = $1 AND numbering AND revoked_at IS NULL',
    [organId],
  );
  return row;
}

/** Said when an organisation already has its numbering workstation connected. */
export function oneNumberingWorkstation(organId: string, current: { id: string; name: string }): string {
  return `Cơ quan ${organId} đã có máy cấp số đang kết nối ("${current.name}", ${current.id}); mỗi cơ quan chỉ một máy cấp số. Thu hồi máy đó trước (workstation revoke ${current.id}) rồi đăng ký máy mới.`;
}

const ROLE_MISMATCH = {
  numbering:
    'Mã đăng ký này dành cho máy cấp số của cơ quan, nhưng máy này được thiết lập là máy không cấp số. Hãy xin mã cho máy không cấp số.',
  other:
    'Mã đăng ký này dành cho máy không cấp số, nhưng máy này là máy cấp số của cơ quan. Hãy xin mã cho máy cấp số (enroll-code --numbering).',
};

export async function enroll(db: Db, input: EnrollRequest): Promise<EnrollResponse> {
  const credential = randomBytes(32).toString('base64url');
  const workstationId = randomUUID();
  const codeHash = hashToken(normaliseCode(input.code));
  // A code for the other kind of workstation is refused before it is used up.
  const [intended] = await db.query<{ organ_id: string; role: 'numbering' | 'other' | null }>(
    'SELECT organ_id, role FROM enrollment_codes WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()',
    [codeHash],
  );
  if (intended?.role) {
    const numbers = input.numbers.includes(intended.organ_id);
    if (numbers !== (intended.role === 'numbering')) throw new WireFailure('CONFLICT', ROLE_MISMATCH[intended.role]);
  }
  const enrolled = await db.transaction(async (tx) => {
    // Used and marked in one statement: two workstations racing for one code cannot both win.
    const [code] = await tx.query<{ organ_id: string; name: string }>(
      `UPDATE enrollment_codes c SET used_at = now(), workstation_id = $2
       FROM organisations o
       WHERE c.code_hash = $1 AND c.used_at IS NULL AND c.expires_at > now() AND o.organ_id = c.organ_id
       RETURNING c.organ_id, o.name`,
      [codeHash, workstationId],
    );
    if (!code) return null;
    const numbering = input.numbers.includes(code.organ_id);
    if (numbering) {
      // The unique index would refuse it too; this says which workstation holds the place.
      const current = await numberingWorkstation(tx, code.organ_id);
      if (current) throw new WireFailure('CONFLICT', oneNumberingWorkstation(code.organ_id, current));
    }
    await tx.query(
      'INSERT INTO workstations (id, organ_id, name, app_version, token_hash, numbering) VALUES ($1, $2, $3, $4, $5, $6)',
      [workstationId, code.organ_id, input.workstationName, input.appVersion, hashToken(credential), numbering],
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
