/**
 * Push: each operation in its own transaction, applied once per (workstation, idempotency key).
 * The key is claimed first in the op's transaction, so a concurrent duplicate waits on it and
 * then finds it taken; a refusal rolls the whole op back, claim included, so nothing of it stays
 * and the same key may be applied once its cause is fixed.
 */
import { createHash } from 'node:crypto';
import { WireFile, type ChangeBody, type Op, type PushResult } from '../src-shared/sync/protocol';
import { audit } from './audit';
import type { Caller } from './auth';
import type { Db } from './db';
import { WireFailure } from './errors';
import { appendChange } from './feed';
import { savePublication } from './portal';

export interface PushOutcome {
  result: PushResult;
  /** Organisations whose feed got a change (their long-polls are woken). */
  touched: string[];
}

const opHash = (op: Op) => createHash('sha256').update(JSON.stringify(op)).digest('hex');

async function organName(tx: Db, organId: string): Promise<string | null> {
  const [row] = await tx.query<{ name: string }>('SELECT name FROM organisations WHERE organ_id = $1', [organId]);
  return row?.name ?? null;
}

async function requireRecipients(tx: Db, organIds: string[]): Promise<void> {
  const rows = await tx.query<{ organ_id: string }>('SELECT organ_id FROM organisations WHERE organ_id = ANY($1)', [
    organIds,
  ]);
  const known = new Set(rows.map((r) => r.organ_id));
  const unknown = organIds.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new WireFailure('UNKNOWN_RECIPIENT', `Cơ quan ${unknown.join(', ')} không có trong danh bạ liên thông.`);
  }
}

/** Every file must be complete on the server and readable by the sender's organisation. */
async function requireFiles(tx: Db, organId: string, files: WireFile[]): Promise<void> {
  for (const f of files) {
    const [row] = await tx.query<{ size: string | number }>(
      'SELECT b.size FROM blobs b JOIN blob_access a ON a.sha256 = b.sha256 WHERE b.sha256 = $1 AND a.organ_id = $2',
      [f.sha256, organId],
    );
    if (!row) throw new WireFailure('NOT_FOUND', `Máy chủ chưa có tệp "${f.name}": hãy tải tệp lên trước khi gửi.`);
    if (Number(row.size) !== f.size) {
      throw new WireFailure('BAD_REQUEST', `Tệp "${f.name}" có ${Number(row.size)} byte, không phải ${f.size} byte.`);
    }
  }
}

/** Defence in depth: a register entry marked secret never goes on the organisation channel. */
function refuseSecret(fields: Record<string, unknown>): void {
  const levels = [fields, ...Object.values(fields).filter((v): v is Record<string, unknown> => isRecord(v))];
  if (levels.some((l) => typeof l.secrecy === 'string' && l.secrecy !== 'none')) {
    throw new WireFailure('SECRET_REFUSED', 'Văn bản mật không được đưa lên máy chủ liên thông.');
  }
}
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

async function grant(tx: Db, sha256: string, organId: string, reason: 'upload' | 'received'): Promise<void> {
  await tx.query(
    'INSERT INTO blob_access (sha256, organ_id, reason) VALUES ($1, $2, $3) ON CONFLICT (sha256, organ_id) DO NOTHING',
    [sha256, organId, reason],
  );
}
export { grant as grantBlob };

/** Applies one op inside `tx`; returns the organisations whose feed got a change. */
async function apply(tx: Db, caller: Caller, op: Op): Promise<string[]> {
  const fromName = (await organName(tx, caller.organId)) ?? caller.organId;
  switch (op.kind) {
    case 'document.send': {
      if (op.header.secrecy !== 'none') {
        throw new WireFailure('SECRET_REFUSED', 'Văn bản mật không được gửi qua máy chủ liên thông.');
      }
      const recipients = [...new Set(op.to)];
      await requireRecipients(tx, recipients);
      await requireFiles(tx, caller.organId, op.files);
      for (const to of recipients) {
        for (const f of op.files) await grant(tx, f.sha256, to, 'received');
        const body: ChangeBody = {
          kind: 'document.received',
          from: caller.organId,
          fromName,
          header: op.header,
          files: op.files,
        };
        await appendChange(tx, to, body);
      }
      return recipients;
    }
    case 'status': {
      await requireRecipients(tx, [op.to]);
      await appendChange(tx, op.to, {
        kind: 'status.received',
        from: caller.organId,
        fromName,
        documentId: op.documentId,
        code: op.code,
        note: op.note,
        staff: op.staff,
        happenedAt: op.happenedAt,
      });
      return [op.to];
    }
    case 'org.change': {
      refuseSecret(op.fields);
      const listed = Array.isArray(op.fields.files) ? op.fields.files : [];
      const files = listed.flatMap((f) => {
        const parsed = WireFile.safeParse(f);
        return parsed.success ? [parsed.data] : [];
      });
      await requireFiles(tx, caller.organId, files);
      await appendChange(tx, caller.organId, {
        kind: 'org.change',
        workstationId: caller.workstationId,
        entity: op.entity,
        entityId: op.entityId,
        fields: op.fields,
        base: op.base,
        happenedAt: op.happenedAt,
      });
      return [caller.organId];
    }
    case 'portal.publish': {
      if (op.secrecy !== 'none') {
        throw new WireFailure('SECRET_REFUSED', 'Văn bản mật không bao giờ được đăng lên cổng thông tin.');
      }
      if (op.circulation !== 'public') {
        throw new WireFailure('FORBIDDEN', 'Văn bản lưu hành nội bộ không được đăng lên cổng thông tin.');
      }
      if (op.metadata.organ.organId !== caller.organId) {
        throw new WireFailure('FORBIDDEN', 'Chỉ đăng được văn bản của chính cơ quan mình.');
      }
      await requireFiles(tx, caller.organId, [op.file]);
      await savePublication(tx, caller.organId, op);
      return [];
    }
  }
}

export async function pushOne(db: Db, caller: Caller, op: Op): Promise<PushOutcome> {
  const hash = opHash(op);
  try {
    return await db.transaction(async (tx) => {
      const claimed = await tx.query(
        `INSERT INTO applied_ops (workstation_id, key, op_hash, result) VALUES ($1, $2, $3, '{"outcome":"applied"}')
         ON CONFLICT (workstation_id, key) DO NOTHING RETURNING key`,
        [caller.workstationId, op.key, hash],
      );
      if (claimed.length === 0) {
        const [before] = await tx.query<{ op_hash: string | null }>(
          'SELECT op_hash FROM applied_ops WHERE workstation_id = $1 AND key = $2',
          [caller.workstationId, op.key],
        );
        if (before?.op_hash && before.op_hash !== hash) {
          throw new WireFailure('CONFLICT', 'Mã giao dịch này đã được dùng cho một thao tác khác.');
        }
        await audit(tx, { ...caller, action: 'push', details: { kind: op.kind, key: op.key, outcome: 'duplicate' } });
        return { result: { key: op.key, outcome: 'duplicate' }, touched: [] };
      }
      const touched = await apply(tx, caller, op);
      await audit(tx, {
        ...caller,
        action: 'push',
        details: { kind: op.kind, key: op.key, outcome: 'applied' },
      });
      return { result: { key: op.key, outcome: 'applied' }, touched };
    });
  } catch (error) {
    if (!(error instanceof WireFailure)) throw error;
    await audit(db, {
      ...caller,
      action: 'push',
      details: { kind: op.kind, key: op.key, outcome: 'rejected', code: error.code },
    });
    return {
      result: { key: op.key, outcome: 'rejected', error: { code: error.code, message: error.message } },
      touched: [],
    };
  }
}
