/**
 * The inbox server's HTTP API (src-shared/sync/protocol.ts): directory, enrollment, push with
 * idempotency keys applied exactly once, the per-organisation change feed by sequence number
 * with long-poll, and resumable content-addressed blobs. Every request but enrollment and the
 * directory is authenticated by a workstation's bearer credential and scoped to its
 * organisation. Bodies are validated with the protocol's schemas; errors are typed, never a
 * stack trace.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  API_PREFIX,
  BLOB_COMPLETE_HEADER,
  EnrollRequest,
  MAX_BLOB_BYTES,
  MAX_PULL,
  MAX_WAIT_SECONDS,
  PushRequest,
  UPLOAD_OFFSET_HEADER,
  type ChangeBody,
  type Op,
  type PushResult,
  type WireErrorCode,
} from '../src-shared/sync/protocol';
import type { BlobStore } from './blobs';
import type { Db } from './db';
import { createNotifier } from './notifier';

const STATUS: Record<WireErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SECRET_REFUSED: 422,
  UNKNOWN_RECIPIENT: 422,
  CHECKSUM_MISMATCH: 422,
  RESYNC_REQUIRED: 410,
  TOO_LARGE: 413,
  VERSION: 426,
  INTERNAL: 500,
};

export class WireFailure extends Error {
  constructor(
    readonly code: WireErrorCode,
    message: string,
    readonly resumeAfter?: number,
  ) {
    super(message);
  }
}

const MAX_JSON_BYTES = 8 * 1024 * 1024;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

interface Caller {
  workstationId: string;
  organId: string;
}

export function createInboxApp(deps: { db: Db; blobs: BlobStore; log?: (line: string) => void }) {
  const { db, blobs } = deps;
  const notifier = createNotifier();

  function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      'cache-control': 'no-store',
      ...headers,
    });
    res.end(text);
  }

  async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limit) throw new WireFailure('TOO_LARGE', 'Dữ liệu gửi lên quá lớn.');
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  async function readJson(req: IncomingMessage): Promise<unknown> {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new WireFailure('BAD_REQUEST', 'Cần nội dung JSON (Content-Type: application/json).');
    }
    try {
      return JSON.parse((await readBody(req, MAX_JSON_BYTES)).toString('utf8'));
    } catch (error) {
      if (error instanceof WireFailure) throw error;
      throw new WireFailure('BAD_REQUEST', 'Nội dung JSON không đọc được.');
    }
  }

  async function authenticate(req: IncomingMessage): Promise<Caller> {
    const header = String(req.headers.authorization ?? '');
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new WireFailure('UNAUTHENTICATED', 'Thiếu thông tin xác thực của máy trạm.');
    const [row] = await db.query<{ id: string; organ_id: string; revoked_at: string | null }>(
      'SELECT id, organ_id, revoked_at FROM workstations WHERE token_hash = $1',
      [hashToken(token)],
    );
    if (!row || row.revoked_at) {
      throw new WireFailure('UNAUTHENTICATED', 'Máy trạm chưa đăng ký hoặc đã bị thu hồi quyền kết nối.');
    }
    return { workstationId: row.id, organId: row.organ_id };
  }

  async function audit(tx: Db, workstationId: string, action: string, details: unknown): Promise<void> {
    await tx.query('INSERT INTO audit (workstation_id, action, details) VALUES ($1, $2, $3)', [
      workstationId,
      action,
      JSON.stringify(details),
    ]);
  }

  // ------------------------------------------------------------------------------------------
  // Push

  async function organName(tx: Db, organId: string): Promise<string | null> {
    const [row] = await tx.query<{ name: string }>('SELECT name FROM organisations WHERE organ_id = $1', [organId]);
    return row?.name ?? null;
  }

  async function appendChange(tx: Db, organId: string, body: ChangeBody): Promise<void> {
    await tx.query('INSERT INTO changes (organ_id, body) VALUES ($1, $2)', [organId, JSON.stringify(body)]);
  }

  async function canRead(tx: Db, sha256: string, organId: string): Promise<boolean> {
    const rows = await tx.query('SELECT 1 FROM blob_access WHERE sha256 = $1 AND organ_id = $2', [sha256, organId]);
    return rows.length > 0;
  }

  async function grant(tx: Db, sha256: string, organId: string): Promise<void> {
    await tx.query('INSERT INTO blob_access (sha256, organ_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      sha256,
      organId,
    ]);
  }

  /** Applies one op inside `tx`; returns the organisations whose feed got a change. */
  async function apply(tx: Db, caller: Caller, op: Op): Promise<string[]> {
    const fromName = (await organName(tx, caller.organId)) ?? caller.organId;
    switch (op.kind) {
      case 'document.send': {
        if (op.header.secrecy !== 'none') {
          throw new WireFailure('SECRET_REFUSED', 'Văn bản mật không được gửi qua máy chủ liên thông.');
        }
        for (const f of op.files) {
          if (!(await canRead(tx, f.sha256, caller.organId))) {
            throw new WireFailure('NOT_FOUND', `Máy chủ chưa có tệp ${f.name}; hãy gửi tệp trước.`);
          }
        }
        const recipients = [...new Set(op.to)];
        for (const to of recipients) {
          if ((await organName(tx, to)) === null) {
            throw new WireFailure('UNKNOWN_RECIPIENT', `Cơ quan ${to} không có trong danh bạ liên thông.`);
          }
        }
        for (const to of recipients) {
          for (const f of op.files) await grant(tx, f.sha256, to);
          await appendChange(tx, to, {
            kind: 'document.received',
            from: caller.organId,
            fromName,
            header: op.header,
            files: op.files,
          });
        }
        return recipients;
      }
      case 'status': {
        if ((await organName(tx, op.to)) === null) {
          throw new WireFailure('UNKNOWN_RECIPIENT', `Cơ quan ${op.to} không có trong danh bạ liên thông.`);
        }
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
        // A register entry names its files: the organisation's workstations must be able to fetch them.
        const files = (op.fields as { files?: { sha256?: unknown; name?: unknown }[] }).files ?? [];
        for (const f of Array.isArray(files) ? files : []) {
          if (typeof f?.sha256 !== 'string' || !(await canRead(tx, f.sha256, caller.organId))) {
            throw new WireFailure('NOT_FOUND', `Máy chủ chưa có tệp ${String(f?.name ?? '')}; hãy gửi tệp trước.`);
          }
        }
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
    }
  }

  async function pushOne(caller: Caller, op: Op): Promise<{ result: PushResult; touched: string[] }> {
    return db.transaction(async (tx) => {
      // Claiming the key first: a concurrent duplicate waits here, then finds it taken.
      const claimed = await tx.query(
        'INSERT INTO applied_ops (workstation_id, key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING key',
        [caller.workstationId, op.key],
      );
      if (claimed.length === 0) {
        const [before] = await tx.query<{ result: PushResult | string | null }>(
          'SELECT result FROM applied_ops WHERE workstation_id = $1 AND key = $2',
          [caller.workstationId, op.key],
        );
        const stored = typeof before?.result === 'string' ? (JSON.parse(before.result) as PushResult) : before?.result;
        const result: PushResult =
          stored?.outcome === 'rejected' ? stored : { key: op.key, outcome: 'duplicate' as const };
        return { result, touched: [] };
      }
      let result: PushResult;
      let touched: string[] = [];
      try {
        touched = await apply(tx, caller, op);
        result = { key: op.key, outcome: 'applied' };
      } catch (error) {
        if (!(error instanceof WireFailure)) throw error;
        result = { key: op.key, outcome: 'rejected', error: { code: error.code, message: error.message } };
      }
      await tx.query('UPDATE applied_ops SET result = $3 WHERE workstation_id = $1 AND key = $2', [
        caller.workstationId,
        op.key,
        JSON.stringify(result),
      ]);
      await audit(tx, caller.workstationId, 'push', { kind: op.kind, key: op.key, outcome: result.outcome });
      return { result, touched };
    });
  }

  // ------------------------------------------------------------------------------------------
  // Pull

  async function feed(caller: Caller, after: number) {
    const [pruned] = await db.query<{ value: string }>("SELECT value FROM settings WHERE key = 'pruned_through'");
    if (pruned && after < Number(pruned.value)) {
      throw new WireFailure(
        'RESYNC_REQUIRED',
        'Máy này lâu chưa đồng bộ: máy chủ đã xóa một số thay đổi cũ hơn thời hạn lưu giữ.',
        Number(pruned.value),
      );
    }
    const rows = await db.query<{ seq: string | number; created_at: string | Date; body: ChangeBody | string }>(
      'SELECT seq, created_at, body FROM changes WHERE organ_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [caller.organId, after, MAX_PULL + 1],
    );
    const more = rows.length > MAX_PULL;
    const changes = rows.slice(0, MAX_PULL).map((r) => ({
      seq: Number(r.seq),
      at: new Date(r.created_at).toISOString(),
      body: typeof r.body === 'string' ? (JSON.parse(r.body) as ChangeBody) : r.body,
    }));
    return { changes, cursor: changes.at(-1)?.seq ?? after, more };
  }

  // ------------------------------------------------------------------------------------------
  // Routes

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://inbox.local');
    const method = req.method ?? 'GET';
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) throw new WireFailure('NOT_FOUND', 'Không có đường dẫn này.');
    const path = url.pathname.slice(API_PREFIX.length);

    if (path === '/organisations' && method === 'GET') {
      const rows = await db.query<{ organ_id: string; name: string }>(
        'SELECT organ_id, name FROM organisations ORDER BY name',
      );
      return send(res, 200, { organisations: rows.map((r) => ({ organId: r.organ_id, name: r.name })) });
    }

    if (path === '/enroll' && method === 'POST') {
      const input = EnrollRequest.safeParse(await readJson(req));
      if (!input.success) throw new WireFailure('BAD_REQUEST', 'Yêu cầu đăng ký không hợp lệ.');
      const credential = randomBytes(32).toString('base64url');
      const workstationId = randomUUID();
      const enrolled = await db.transaction(async (tx) => {
        const [code] = await tx.query<{ organ_id: string }>(
          'UPDATE enrollment_codes SET used_at = now(), workstation_id = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING organ_id',
          [hashToken(input.data.code.toUpperCase()), workstationId],
        );
        if (!code) return null;
        await tx.query(
          'INSERT INTO workstations (id, organ_id, name, app_version, token_hash) VALUES ($1, $2, $3, $4, $5)',
          [workstationId, code.organ_id, input.data.workstationName, input.data.appVersion, hashToken(credential)],
        );
        await audit(tx, workstationId, 'enroll', { organId: code.organ_id, name: input.data.workstationName });
        return { organId: code.organ_id, organName: (await organName(tx, code.organ_id)) ?? code.organ_id };
      });
      if (!enrolled) {
        throw new WireFailure('UNAUTHENTICATED', 'Mã đăng ký không đúng, đã dùng hoặc đã hết hạn. Hãy xin mã mới.');
      }
      return send(res, 200, { workstationId, ...enrolled, credential });
    }

    const caller = await authenticate(req);

    if (path === '/push' && method === 'POST') {
      const input = PushRequest.safeParse(await readJson(req));
      if (!input.success) {
        const issue = input.error.issues[0];
        throw new WireFailure(
          'BAD_REQUEST',
          `Yêu cầu gửi không hợp lệ: ${issue?.path.join('.')} ${issue?.message ?? ''}`,
        );
      }
      const results: PushResult[] = [];
      const touched = new Set<string>();
      for (const op of input.data.ops) {
        const done = await pushOne(caller, op);
        results.push(done.result);
        for (const organ of done.touched) touched.add(organ);
      }
      for (const organ of touched) notifier.notify(organ);
      return send(res, 200, { results });
    }

    if (path === '/changes' && method === 'GET') {
      const after = Number(url.searchParams.get('after') ?? '0');
      const wait = Math.min(MAX_WAIT_SECONDS, Math.max(0, Number(url.searchParams.get('wait') ?? '0')));
      if (!Number.isSafeInteger(after) || after < 0 || !Number.isFinite(wait)) {
        throw new WireFailure('BAD_REQUEST', 'Tham số after/wait không hợp lệ.');
      }
      let page = await feed(caller, after);
      if (page.changes.length === 0 && wait > 0) {
        // Long-poll: woken by the first change for this organisation, or answered empty.
        await notifier.wait(caller.organId, wait * 1000, req);
        page = await feed(caller, after);
      }
      return send(res, 200, page);
    }

    const blob = /^\/blobs\/([0-9a-f]{64})$/.exec(path);
    if (blob) {
      const sha256 = blob[1]!;
      const owner = caller.organId;
      const complete = blobs.has(sha256) && (await canRead(db, sha256, owner));
      if (method === 'HEAD') {
        const offset = complete ? blobs.size(sha256) : blobs.partialSize(sha256, owner);
        res.writeHead(complete || offset > 0 ? 200 : 404, {
          [UPLOAD_OFFSET_HEADER]: String(offset),
          [BLOB_COMPLETE_HEADER]: String(complete),
        });
        return void res.end();
      }
      if (method === 'PUT') return putBlob(req, res, caller, sha256);
      if (method === 'GET') {
        if (!complete) throw new WireFailure('NOT_FOUND', 'Không có tệp này, hoặc máy này không được đọc tệp này.');
        return getBlob(req, res, sha256);
      }
    }
    throw new WireFailure('NOT_FOUND', 'Không có đường dẫn này.');
  }

  async function putBlob(req: IncomingMessage, res: ServerResponse, caller: Caller, sha256: string): Promise<void> {
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(req.headers['content-range'] ?? ''));
    if (!range) throw new WireFailure('BAD_REQUEST', 'Thiếu Content-Range (bytes start-end/total).');
    const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (total > MAX_BLOB_BYTES) throw new WireFailure('TOO_LARGE', 'Tệp quá lớn (trên 200 MB).');
    if (end < start || end >= total) throw new WireFailure('BAD_REQUEST', 'Content-Range không hợp lệ.');
    if (blobs.has(sha256) && (await canRead(db, sha256, caller.organId))) {
      await readBody(req, MAX_BLOB_BYTES); // already here: nothing to add
      res.writeHead(204, { [UPLOAD_OFFSET_HEADER]: String(blobs.size(sha256)), [BLOB_COMPLETE_HEADER]: 'true' });
      return void res.end();
    }
    const current = blobs.partialSize(sha256, caller.organId);
    if (start !== current) {
      await readBody(req, MAX_BLOB_BYTES).catch(() => undefined);
      return send(
        res,
        409,
        { error: { code: 'CONFLICT', message: `Tệp đang có ${current} byte; hãy gửi tiếp từ vị trí đó.` } },
        { [UPLOAD_OFFSET_HEADER]: String(current) },
      );
    }
    const bytes = await readBody(req, end - start + 1);
    if (bytes.length !== end - start + 1)
      throw new WireFailure('BAD_REQUEST', 'Độ dài dữ liệu không khớp Content-Range.');
    const offset = blobs.append(sha256, caller.organId, start, bytes);
    if (offset === total) {
      if (!blobs.complete(sha256, caller.organId)) {
        throw new WireFailure('CHECKSUM_MISMATCH', 'Tệp nhận được không khớp mã băm SHA-256; hãy gửi lại.');
      }
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO blobs (sha256, size) VALUES ($1, $2) ON CONFLICT DO NOTHING', [sha256, total]);
        await grant(tx, sha256, caller.organId);
      });
    }
    res.writeHead(204, { [UPLOAD_OFFSET_HEADER]: String(offset), [BLOB_COMPLETE_HEADER]: String(offset === total) });
    res.end();
  }

  function getBlob(req: IncomingMessage, res: ServerResponse, sha256: string): void {
    const size = blobs.size(sha256);
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''));
    if (range) {
      const start = Number(range[1]);
      const end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size || end < start) {
        res.writeHead(416, { 'content-range': `bytes */${size}` });
        return void res.end();
      }
      res.writeHead(206, {
        'content-type': 'application/octet-stream',
        'content-length': String(end - start + 1),
        'content-range': `bytes ${start}-${end}/${size}`,
      });
      blobs.read(sha256, start, end).pipe(res);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size) });
    blobs.read(sha256).pipe(res);
  }

  return {
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      try {
        await route(req, res);
      } catch (error) {
        if (res.headersSent) return void res.destroy();
        if (error instanceof WireFailure) {
          const body = { code: error.code, message: error.message };
          return send(res, STATUS[error.code], {
            error: error.resumeAfter === undefined ? body : { ...body, resumeAfter: error.resumeAfter },
          });
        }
        deps.log?.(`inbox server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        send(res, 500, { error: { code: 'INTERNAL', message: 'Máy chủ liên thông gặp lỗi ngoài dự kiến.' } });
      }
    },
    notifier,
  };
}
