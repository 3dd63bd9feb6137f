/**
 * The reference inbox server over HTTP, against embedded PGlite and a real PostgreSQL: every
 * answer checked with the protocol's schemas. Enrollment, scoping, exactly-once push under
 * retries and concurrent duplicates, refusals, the feed (order, paging, long-poll, resync),
 * resumable blobs with their checksum, and data that survives a restart.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  EnrollResponse,
  ErrorBody,
  PullResponse,
  PushResponse,
  type DocumentHeaderInput,
  type OpInput,
} from '../../src-shared/sync/protocol';
import { createAdmin } from '../../src-server/admin';
import { startInboxServer, type InboxServer } from '../../src-server/server';
import { startPostgres, type TestPostgres } from './postgres';

const A = '000.00.00.H41';
const B = '000.00.00.H42';
const C = '000.00.00.H43';

let postgres: TestPostgres | null = null;
let databases = 0;
const running: InboxServer[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});
afterAll(() => postgres?.stop());

async function freshEnv(kind: 'pglite' | 'postgres'): Promise<NodeJS.ProcessEnv> {
  if (kind === 'pglite') return {};
  const name = `inbox_${process.pid}_${++databases}`;
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: postgres!.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return { DATABASE_URL: postgres!.url.replace(/\/postgres$/, `/${name}`) };
}

function header(n: number, extra: Partial<DocumentHeaderInput> = {}): DocumentHeaderInput {
  return {
    documentId: `${A},2026/11/20,${n}/UBND-VP`,
    codeNumber: String(n),
    codeNotation: 'UBND-VP',
    promulgationDate: '2026-11-20',
    typeName: 'Công văn',
    subject: `Về việc thử liên thông số ${n}`,
    urgency: 'normal',
    secrecy: 'none',
    ...extra,
  };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(['pglite', 'postgres'] as const)('the inbox server on %s', (kind) => {
  async function fresh(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-inbox-')), env?: NodeJS.ProcessEnv) {
    const serverEnv = env ?? (await freshEnv(kind));
    const server = await startInboxServer({ dataDir, env: serverEnv, log: () => undefined });
    running.push(server);
    const admin = createAdmin(server.db);
    const http = async (
      method: string,
      url: string,
      init: { token?: string; body?: unknown; raw?: Buffer; headers?: Record<string, string> } = {},
    ) => {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      let body: BodyInit | undefined;
      if (init.raw) body = new Uint8Array(init.raw);
      else if (init.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      }
      return fetch(server.url + url, { method, headers, ...(body !== undefined ? { body } : {}) });
    };
    const enroll = async (organId: string) => {
      const code = await admin.enrollmentCode(organId);
      const res = await http('POST', '/v1/enroll', {
        body: { code, workstationName: `máy ${organId}`, appVersion: '0.1.0' },
      });
      expect(res.status).toBe(200);
      return EnrollResponse.parse(await res.json());
    };
    const push = async (token: string, ops: OpInput[]) => {
      const res = await http('POST', '/v1/push', { token, body: { ops } });
      expect(res.status).toBe(200);
      return PushResponse.parse(await res.json()).results;
    };
    const pull = async (token: string, after = 0, wait = 0) => {
      const res = await http('GET', `/v1/changes?after=${after}&wait=${wait}`, { token });
      return {
        status: res.status,
        body: res.status === 200 ? PullResponse.parse(await res.json()) : ErrorBody.parse(await res.json()),
      };
    };
    const upload = async (token: string, bytes: Buffer) => {
      const res = await http('PUT', `/v1/blobs/${sha(bytes)}`, {
        token,
        raw: bytes,
        headers: { 'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
      });
      expect(res.status).toBe(204);
    };
    await admin.addOrganisation(A, 'Ủy ban nhân dân xã Hòa Bình');
    await admin.addOrganisation(B, 'Đảng ủy xã Hòa Bình');
    await admin.addOrganisation(C, 'Hội Nông dân xã Hòa Bình');
    return { server, admin, http, enroll, push, pull, upload, dataDir, env: serverEnv };
  }

  const sendOp = (pdf: Buffer, to: string[], extra: Partial<DocumentHeaderInput> = {}, n = 1): OpInput => ({
    kind: 'document.send',
    key: randomUUID(),
    happenedAt: new Date().toISOString(),
    to,
    header: header(n, extra),
    files: [{ sha256: sha(pdf), name: 'cv.pdf', size: pdf.length, mediaType: 'application/pdf' }],
  });

  it('enrolls with a one-time code, refuses it twice, and refuses a revoked workstation', async () => {
    const s = await fresh();
    const code = await s.admin.enrollmentCode(A);
    const body = { code, workstationName: 'Máy văn thư', appVersion: '0.1.0' };
    const first = EnrollResponse.parse(await (await s.http('POST', '/v1/enroll', { body })).json());
    expect(first).toMatchObject({ organId: A, organName: 'Ủy ban nhân dân xã Hòa Bình' });
    const again = await s.http('POST', '/v1/enroll', { body });
    expect(again.status).toBe(401);
    expect(ErrorBody.parse(await again.json()).error.message).toMatch(/đã dùng hoặc đã hết hạn/);
    expect((await s.pull(first.credential)).status).toBe(200);
    await s.admin.revokeWorkstation(first.workstationId);
    expect((await s.pull(first.credential)).status).toBe(401);
    expect((await s.http('GET', '/v1/changes?after=0')).status).toBe(401);
    expect((await s.http('GET', '/v1/changes?after=0', { token: 'khong-phai-ma-that' })).status).toBe(401);
  });

  it('delivers a document once to each recipient, whatever the retries, and scopes everything', async () => {
    const s = await fresh();
    const a = await s.enroll(A);
    const b = await s.enroll(B);
    const c = await s.enroll(C);
    const pdf = Buffer.from('%PDF-1.7 văn bản thử\n%%EOF\n');
    await s.upload(a.credential, pdf);
    const op = sendOp(pdf, [B]);
    // Two identical pushes at once and a retry later: applied once.
    const [one, two] = await Promise.all([s.push(a.credential, [op]), s.push(a.credential, [op])]);
    expect([one[0]!.outcome, two[0]!.outcome].sort()).toEqual(['applied', 'duplicate']);
    expect((await s.push(a.credential, [op]))[0]!.outcome).toBe('duplicate');

    const feedB = (await s.pull(b.credential)).body as PullResponse;
    expect(feedB.changes).toHaveLength(1);
    expect(feedB.changes[0]!.body).toMatchObject({
      kind: 'document.received',
      from: A,
      fromName: 'Ủy ban nhân dân xã Hòa Bình',
    });
    expect(((await s.pull(c.credential)).body as PullResponse).changes).toEqual([]);
    // B may read the file now; C may not.
    const got = await s.http('GET', `/v1/blobs/${sha(pdf)}`, { token: b.credential });
    expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await s.http('GET', `/v1/blobs/${sha(pdf)}`, { token: c.credential })).status).toBe(404);
    const ranged = await s.http('GET', `/v1/blobs/${sha(pdf)}`, {
      token: b.credential,
      headers: { range: 'bytes=5-' },
    });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(pdf.subarray(5))).toBe(true);
  });

  it('refuses secret documents, unknown recipients and files it does not hold, per operation', async () => {
    const s = await fresh();
    const a = await s.enroll(A);
    const pdf = Buffer.from('%PDF-1.7 mật\n');
    await s.upload(a.credential, pdf);
    const missing = Buffer.from('%PDF-1.7 chưa gửi\n');
    const results = await s.push(a.credential, [
      sendOp(pdf, [B], { secrecy: 'mat' }),
      sendOp(pdf, ['999.99.99.X99']),
      sendOp(missing, [B]),
      sendOp(pdf, [B], {}, 2),
    ]);
    expect(results.map((r) => [r.outcome, r.error?.code])).toEqual([
      ['rejected', 'SECRET_REFUSED'],
      ['rejected', 'UNKNOWN_RECIPIENT'],
      ['rejected', 'NOT_FOUND'],
      ['applied', undefined],
    ]);
    const bad = await s.http('POST', '/v1/push', { token: a.credential, body: '{"ops": [' });
    expect(bad.status).toBe(400);
    expect(ErrorBody.parse(await bad.json()).error.code).toBe('BAD_REQUEST');
    const wrong = await s.http('POST', '/v1/push', { token: a.credential, body: { ops: [{ kind: 'document.send' }] } });
    expect(wrong.status).toBe(400);
  });

  it('pages the feed in order, wakes a long-poll at once, and asks for a resync after pruning', async () => {
    const s = await fresh();
    const a = await s.enroll(A);
    const b = await s.enroll(B);
    const statuses = Array.from({ length: 205 }, (_, i) => ({
      kind: 'status' as const,
      key: randomUUID(),
      happenedAt: new Date(Date.UTC(2026, 10, 20, 8, 0, i)).toISOString(),
      documentId: `${B},2026/11/19,${i}-CV/ĐU`,
      to: B,
      code: '01' as const,
    }));
    await s.push(a.credential, statuses.slice(0, 100));
    await s.push(a.credential, statuses.slice(100, 200));
    await s.push(a.credential, statuses.slice(200));
    const first = (await s.pull(b.credential)).body as PullResponse;
    expect(first.changes).toHaveLength(200);
    expect(first.more).toBe(true);
    const second = (await s.pull(b.credential, first.cursor)).body as PullResponse;
    expect(second.changes).toHaveLength(5);
    expect(second.more).toBe(false);
    const seqs = [...first.changes, ...second.changes].map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));

    // Long-poll: answered as soon as something arrives, not after the wait.
    const started = Date.now();
    const waiting = s.pull(b.credential, second.cursor, 20);
    await new Promise((r) => setTimeout(r, 200));
    await s.push(a.credential, [{ ...statuses[0]!, key: randomUUID(), code: '03' as const }]);
    const woke = (await waiting).body as PullResponse;
    expect(woke.changes.map((c) => c.body.kind === 'status.received' && c.body.code)).toEqual(['03']);
    expect(Date.now() - started).toBeLessThan(10_000);
    // With nothing new, the wait runs out and the answer is empty.
    const empty = (await s.pull(b.credential, woke.cursor, 1)).body as PullResponse;
    expect(empty).toEqual({ changes: [], cursor: woke.cursor, more: false });

    await s.admin.prune(second.cursor);
    const stale = await s.pull(b.credential, first.cursor);
    expect(stale.status).toBe(410);
    expect((stale.body as { error: { code: string } }).error.code).toBe('RESYNC_REQUIRED');
    expect((await s.pull(b.credential, woke.cursor)).status).toBe(200);
  });

  it('resumes an upload from the last byte and refuses one whose bytes do not match the name', async () => {
    const s = await fresh();
    const a = await s.enroll(A);
    const bytes = Buffer.alloc(300_000, 7);
    bytes.write('%PDF-1.7');
    const name = sha(bytes);
    const put = (from: number, to: number) =>
      s.http('PUT', `/v1/blobs/${name}`, {
        token: a.credential,
        raw: bytes.subarray(from, to),
        headers: { 'content-range': `bytes ${from}-${to - 1}/${bytes.length}` },
      });
    expect((await put(0, 100_000)).status).toBe(204);
    // The connection dropped; the client asks where to continue.
    const head = await s.http('HEAD', `/v1/blobs/${name}`, { token: a.credential });
    expect(head.headers.get('upload-offset')).toBe('100000');
    expect(head.headers.get('blob-complete')).toBe('false');
    expect((await put(50_000, 150_000)).status).toBe(409);
    expect((await put(100_000, bytes.length)).status).toBe(204);
    const done = await s.http('HEAD', `/v1/blobs/${name}`, { token: a.credential });
    expect(done.headers.get('blob-complete')).toBe('true');

    const other = Buffer.from('%PDF-1.7 khác');
    const lie = await s.http('PUT', `/v1/blobs/${sha(Buffer.from('tên khác'))}`, {
      token: a.credential,
      raw: other,
      headers: { 'content-range': `bytes 0-${other.length - 1}/${other.length}` },
    });
    expect(lie.status).toBe(422);
    expect(ErrorBody.parse(await lie.json()).error.code).toBe('CHECKSUM_MISMATCH');
  });

  it('keeps its data and the applied operations across a restart', async () => {
    const s = await fresh();
    const a = await s.enroll(A);
    const b = await s.enroll(B);
    const pdf = Buffer.from('%PDF-1.7 giữ lại\n');
    await s.upload(a.credential, pdf);
    const op = sendOp(pdf, [B]);
    expect((await s.push(a.credential, [op]))[0]!.outcome).toBe('applied');
    await running.pop()!.close();

    const again = await fresh(s.dataDir, s.env);
    expect((await again.push(a.credential, [op]))[0]!.outcome).toBe('duplicate');
    expect(((await again.pull(b.credential)).body as PullResponse).changes).toHaveLength(1);
  });
});
