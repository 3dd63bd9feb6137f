/**
 * The reference inbox server over HTTP, against embedded PGlite and a real PostgreSQL (a
 * throwaway cluster, postgres.ts), every answer checked with the protocol's schemas: enrollment,
 * scoping, exactly-once push under retries and concurrent duplicates, refusals, the feed (order,
 * paging, long-poll, resync after pruning), resumable blobs with their checksum, bad requests,
 * and data that survives a restart.
 */
import { randomUUID } from 'node:crypto';
import nodeHttp from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  EnrollResponse,
  ErrorBody,
  HolidaysResponse,
  MAX_PULL,
  PortalResponse,
  type Change,
  type ChangeBody,
  type OpInput,
} from '../../src-shared/sync/protocol';
import { hashToken } from '../../src-server/auth';
import { appendChange, pruneByRetention } from '../../src-server/feed';
import { A, B, C, NAMES, createHarness, sendOp, sha, statusOp, type DbKind } from './harness';
import { startPostgres, type TestPostgres } from './postgres';

let postgres: TestPostgres | null = null;
beforeAll(() => {
  postgres = startPostgres();
}, 90_000);
afterAll(() => postgres?.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);

describe.each(['pglite', 'postgres'] as DbKind[])('the inbox server on %s', (kind) => {
  const h = createHarness(kind, () => postgres);
  afterEach(() => h.closeAll());

  it('trades a one-time code for a credential kept hashed, and refuses used, expired and revoked ones', async () => {
    const s = await h.start();
    const code = await s.admin.enrollmentCode(A);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // Typed as heard over the phone: lower case, no dashes.
    const typed = code.replace(/-/g, '').toLowerCase();
    const body = { code: typed, workstationName: 'Máy văn thư', appVersion: '0.1.0' };
    const first = await s.http('POST', '/v1/enroll', { body });
    expect(first.status).toBe(200);
    const ws = (await import('../../src-shared/sync/protocol')).EnrollResponse.parse(await first.json());
    expect(ws).toMatchObject({ organId: A, organName: NAMES[A] });
    const stored = await s.server.db.query<{ token_hash: string }>('SELECT token_hash FROM workstations');
    expect(stored).toEqual([{ token_hash: hashToken(ws.credential) }]);
    const codes = await s.server.db.query<{ code_hash: string }>('SELECT code_hash FROM enrollment_codes');
    expect(JSON.stringify(codes)).not.toContain(code.replace(/-/g, ''));

    expect((await s.fails(await s.http('POST', '/v1/enroll', { body }), 401)).message).toMatch(/đã dùng/);

    const late = await s.admin.enrollmentCode(B);
    await s.server.db.query(
      "UPDATE enrollment_codes SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL",
    );
    const expired = await s.http('POST', '/v1/enroll', { body: { ...body, code: late } });
    expect((await s.fails(expired, 401)).code).toBe('UNAUTHENTICATED');
    await expect(s.admin.enrollmentCode('999.99.99.X99')).rejects.toThrow(/không có cơ quan/i);

    expect((await s.pull(ws.credential)).changes).toEqual([]);
    expect(await s.admin.revokeWorkstation(ws.workstationId)).toBe(true);
    const token = ws.credential;
    for (const [method, url] of [
      ['GET', '/v1/changes?after=0'],
      ['GET', '/v1/organisations'],
      ['POST', '/v1/push'],
      ['GET', `/v1/blobs/${sha('x')}`],
    ] as const) {
      const body = method === 'POST' ? { ops: [] } : undefined;
      expect((await s.fails(await s.http(method, url, { token, body }), 401)).code).toBe('UNAUTHENTICATED');
    }
    expect((await s.http('HEAD', `/v1/blobs/${sha('x')}`, { token })).status).toBe(401);
    await s.fails(await s.http('GET', '/v1/changes?after=0'), 401);
    await s.fails(await s.http('GET', '/v1/changes?after=0', { token: 'khong-phai-ma-that' }), 401);

    const trail = (await s.admin.audit()).map((a) => a.action);
    expect(trail).toEqual(expect.arrayContaining(['enroll', 'enroll.refused', 'revoke', 'enroll.code']));
  });

  it('keeps one numbering workstation per organisation, and codes for the kind of workstation they name', async () => {
    const s = await h.start();
    const enrollAs = async (code: string, numbers: string[], name = 'máy') =>
      s.http('POST', '/v1/enroll', { body: { code, workstationName: name, appVersion: '0.1.0', numbers } });
    const numberingCode = await s.admin.enrollmentCode(A, 24, 'numbering');
    // Set up as a non-numbering workstation: refused, and the code is not used up.
    const wrong = await enrollAs(numberingCode, []);
    expect(wrong.status).toBe(409);
    expect(ErrorBody.parse(await wrong.json()).error.message).toMatch(/dành cho máy cấp số/);
    const first = await enrollAs(numberingCode, [A], 'Máy văn thư');
    expect(first.status).toBe(200);
    const firstId = EnrollResponse.parse(await first.json()).workstationId;
    // A second numbering workstation: refused when the code is made, and at enrollment.
    await expect(s.admin.enrollmentCode(A, 24, 'numbering')).rejects.toThrow(/đã có máy cấp số đang kết nối/);
    const second = await enrollAs(await s.admin.enrollmentCode(A), [A], 'Máy thứ hai');
    expect(second.status).toBe(409);
    expect(ErrorBody.parse(await second.json()).error.message).toMatch(/mỗi cơ quan chỉ một máy cấp số/);
    const otherCode = await s.admin.enrollmentCode(A, 24, 'other');
    expect((await enrollAs(otherCode, [A])).status).toBe(409);
    expect((await enrollAs(otherCode, [], 'Máy lãnh đạo')).status).toBe(200);
    // Revoked, the place is free again.
    await s.admin.revokeWorkstation(firstId);
    expect((await enrollAs(await s.admin.enrollmentCode(A, 24, 'numbering'), [A], 'Máy văn thư mới')).status).toBe(200);
  });

  it('serves the directory to enrolled workstations only', async () => {
    const s = await h.start();
    const a = await s.enroll(A);
    expect(await s.directory(a.credential)).toEqual([A, B, C].map((organId) => ({ organId, name: NAMES[organId]! })));
    await s.fails(await s.http('GET', '/v1/organisations'), 401);
  });

  it('keeps the public holidays for every workstation, and refuses a date that is not one', async () => {
    const s = await h.start();
    const a = await s.enroll(A);
    await s.admin.setHoliday('2027-02-08', '  Nghỉ Tết   Nguyên đán ');
    await s.admin.setHoliday('2027-02-05', 'Nghỉ Tết');
    await s.admin.setHoliday('2027-02-05', 'Nghỉ Tết Nguyên đán (bù)');
    await expect(s.admin.setHoliday('2027-13-45', 'Sai')).rejects.toThrow(/NĂM-THÁNG-NGÀY/);
    await expect(s.admin.setHoliday('08/02/2027', 'Sai')).rejects.toThrow(/NĂM-THÁNG-NGÀY/);
    await expect(s.admin.setHoliday('2027-02-09', '')).rejects.toThrow(/NĂM-THÁNG-NGÀY/);
    const answer = await s.http('GET', '/v1/holidays', { token: a.credential });
    expect(answer.status).toBe(200);
    expect(HolidaysResponse.parse(await answer.json()).holidays).toEqual([
      { date: '2027-02-05', name: 'Nghỉ Tết Nguyên đán (bù)' },
      { date: '2027-02-08', name: 'Nghỉ Tết Nguyên đán' },
    ]);
    await s.fails(await s.http('GET', '/v1/holidays'), 401);
    expect(await s.admin.removeHoliday('2027-02-05')).toBe(true);
    expect(await s.admin.removeHoliday('2027-02-05')).toBe(false);
    expect((await s.admin.audit()).map((e) => e.action)).toContain('holiday.set');
  });

  it('applies a document once to each recipient, under concurrent duplicates and retries', async () => {
    const s = await h.start();
    const a = await s.enroll(A);
    const b = await s.enroll(B);
    const c = await s.enroll(C);
    const file = pdf('văn bản thử');
    await s.upload(a.credential, file);
    const op = sendOp([file], [B, C, B]);
    const answers = await Promise.all(Array.from({ length: 5 }, () => s.push(a.credential, [op])));
    const outcomes = answers.map((r) => r[0]!.outcome).sort();
    expect(outcomes).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(await s.push(a.credential, [op])).toEqual([{ key: op.key, outcome: 'duplicate' }]);

    for (const ws of [b, c]) {
      const feed = await s.pull(ws.credential);
      expect(feed.changes).toHaveLength(1);
      expect(feed.changes[0]!.body).toMatchObject({
        kind: 'document.received',
        from: A,
        fromName: NAMES[A],
        header: { subject: 'Về việc thử liên thông số 1', secrecy: 'none' },
        files: [{ sha256: sha(file) }],
      });
    }
    expect((await s.pull(a.credential)).changes).toEqual([]);

    // The same key for another operation is a client bug: refused, the first one stands.
    const reused = await s.push(a.credential, [{ ...statusOp(B), key: op.key }]);
    expect(reused[0]).toMatchObject({ outcome: 'rejected', error: { code: 'CONFLICT' } });
    // Keys are per workstation: another workstation's op with the same key is its own.
    const a2 = await s.enroll(A, 'máy thứ hai');
    expect((await s.push(a2.credential, [op]))[0]!.outcome).toBe('applied');

    const pushes = (await s.admin.audit()).filter((e) => e.action === 'push' && e.details.key === op.key);
    expect(pushes.map((e) => e.details.outcome).sort()).toEqual([
      'applied',
      'applied',
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
      'rejected',
    ]);
    expect(pushes.every((e) => e.details.kind && e.workstationId && e.organId === A)).toBe(true);
  });

  it('keeps the latest portal package per document for the organisation’s portal, and refuses what may not go there', async () => {
    const s = await h.start();
    const a = await s.enroll(A);
    const b = await s.enroll(B);
    const file = pdf('quyết định công bố');
    await s.upload(a.credential, file);
    const wire = { sha256: sha(file), name: 'qd.pdf', size: file.length, mediaType: 'application/pdf' };
    const publish = (extra: Record<string, unknown> = {}, subject = 'Về việc công bố thủ tục hành chính') =>
      ({
        kind: 'portal.publish',
        key: randomUUID(),
        happenedAt: new Date().toISOString(),
        documentUid: 'doc-1',
        secrecy: 'none',
        circulation: 'public',
        metadata: {
          format: 'vanthu.portal/1',
          organ: { organId: A, name: NAMES[A]! },
          typeName: 'Quyết định',
          codeNumber: 5,
          codeNotation: 'QĐ-UBND',
          numberNotation: '5/QĐ-UBND',
          issuedDate: '2026-12-01',
          subject,
          signer: { competence: '', position: 'Chủ tịch', fullName: 'Lê Văn Cường' },
          pageAmount: 1,
          language: 'vi',
          file: { name: 'qd.pdf', sha256: sha(file), size: file.length },
          publishedBy: 'vanthu',
          madeAt: new Date().toISOString(),
        },
        file: wire,
        ...extra,
      }) as unknown as OpInput;
    const results = await s.push(a.credential, [
      publish({ secrecy: 'mat' }),
      publish({ circulation: 'internal' }),
      publish({ file: { ...wire, sha256: sha(pdf('không có')) } }),
      publish(),
      publish({}, 'Về việc công bố thủ tục hành chính (bản sửa)'),
    ]);
    expect(results.map((r) => [r.outcome, r.error?.code])).toEqual([
      ['rejected', 'SECRET_REFUSED'],
      ['rejected', 'FORBIDDEN'],
      ['rejected', 'NOT_FOUND'],
      ['applied', undefined],
      ['applied', undefined],
    ]);
    // Another organisation cannot publish in A's name, nor read A's portal.
    expect((await s.push(b.credential, [publish()]))[0]).toMatchObject({ outcome: 'rejected' });
    const read = async (token: string, after = 0) => {
      const answer = await s.http('GET', `/v1/portal?after=${after}`, { token });
      expect(answer.status).toBe(200);
      return PortalResponse.parse(await answer.json());
    };
    const page = await read(a.credential);
    expect(page.publications).toHaveLength(1);
    expect(page.publications[0]).toMatchObject({
      documentUid: 'doc-1',
      metadata: { subject: 'Về việc công bố thủ tục hành chính (bản sửa)', numberNotation: '5/QĐ-UBND' },
      file: { sha256: sha(file) },
    });
    expect((await read(a.credential, page.publications[0]!.seq)).publications).toEqual([]);
    expect((await read(b.credential)).publications).toEqual([]);
    await s.fails(await s.http('GET', '/v1/portal?after=-1', { token: a.credential }), 400);
  });

  it('refuses secret documents, unknown recipients and missing files per op, and applies the op once fixed', async () => {
    const s = await h.start();
    const a = await s.enroll(A);
    const file = pdf('thường');
    await s.upload(a.credential, file);
    const missing = pdf('chưa tải lên');
    const unknown = sendOp([file], [B, '999.99.99.X99'], {}, 2);
    const notUploaded = sendOp([missing], [B], {}, 3);
    const wrongSize = sendOp([file], [B], {}, 4);
    wrongSize.files[0]!.size += 1;
    const results = await s.push(a.credential, [
      sendOp([file], [B], { secrecy: 'mat' }),
      unknown,
      notUploaded,
      wrongSize,
      sendOp([file], [B], {}, 5),
    ]);
    expect(results.map((r) => [r.outcome, r.error?.code])).toEqual([
      ['rejected', 'SECRET_REFUSED'],
      ['rejected', 'UNKNOWN_RECIPIENT'],
      ['rejected', 'NOT_FOUND'],
      ['rejected', 'BAD_REQUEST'],
      ['applied', undefined],
    ]);
    expect(results[1]!.error!.message).toContain('999.99.99.X99');
    expect(results[2]!.error!.message).toContain('tep-0.pdf');
    // Nothing of a refused op stayed: not even a grant to B for the first file.
    const b = await s.enroll(B);
    expect((await s.pull(b.credential)).changes).toHaveLength(1);

    // The cause fixed, the same ops (same keys) go through.
    await s.admin.addOrganisation('999.99.99.X99', 'Cơ quan mới');
    await s.upload(a.credential, missing);
    expect((await s.push(a.credential, [unknown, notUploaded])).map((r) => r.outcome)).toEqual(['applied', 'applied']);
    expect((await s.pull(b.credential)).changes).toHaveLength(3);
  });

  it('routes statuses to the sender and organisation changes to every workstation of the organisation', async () => {
    const s = await h.start();
    const a1 = await s.enroll(A, 'văn thư');
    const a2 = await s.enroll(A, 'lãnh đạo');
    const b = await s.enroll(B);
    const status = statusOp(B, '03', 7);
    expect((await s.push(a1.credential, [{ ...status, note: 'Số đến 12', staff: 'Nguyễn Văn A' }]))[0]!.outcome).toBe(
      'applied',
    );
    const [received] = (await s.pull(b.credential)).changes;
    expect(received!.body).toEqual({
      kind: 'status.received',
      from: A,
      fromName: NAMES[A],
      documentId: status.documentId,
      code: '03',
      note: 'Số đến 12',
      staff: 'Nguyễn Văn A',
      happenedAt: status.happenedAt,
    });

    const scan = pdf('bản quét');
    await s.upload(a1.credential, scan);
    const change = {
      kind: 'org.change' as const,
      key: randomUUID(),
      happenedAt: new Date().toISOString(),
      entity: 'document',
      entityId: 'uid-1',
      fields: {
        fields: { subject: 'Thông báo', secrecy: 'none' },
        files: [{ sha256: sha(scan), name: 'tb.pdf', size: scan.length, mediaType: 'application/pdf' }],
      },
      base: {},
    };
    expect((await s.push(a1.credential, [change]))[0]!.outcome).toBe('applied');
    for (const ws of [a1, a2]) {
      const [got] = (await s.pull(ws.credential)).changes;
      expect(got!.body).toMatchObject({ kind: 'org.change', workstationId: a1.workstationId, entityId: 'uid-1' });
    }
    expect((await s.pull(b.credential, received!.seq)).changes).toEqual([]);
    // Its files are readable by the organisation's other workstation.
    expect((await s.http('GET', `/v1/blobs/${sha(scan)}`, { token: a2.credential })).status).toBe(200);

    const secret = { ...change, key: randomUUID(), fields: { fields: { subject: 'Mật', secrecy: 'toi_mat' } } };
    const unseen = pdf('không có trên máy chủ');
    const withMissing = {
      ...change,
      key: randomUUID(),
      fields: { files: [{ sha256: sha(unseen), name: 'x.pdf', size: unseen.length, mediaType: 'application/pdf' }] },
    };
    const refused = await s.push(a2.credential, [secret, withMissing]);
    expect(refused.map((r) => r.error?.code)).toEqual(['SECRET_REFUSED', 'NOT_FOUND']);
  });

  it('lets an organisation read only blobs it uploaded or was sent', async () => {
    const s = await h.start();
    const a = await s.enroll(A);
    const b = await s.enroll(B);
    const c = await s.enroll(C);
    const file = pdf('chỉ gửi B');
    const name = sha(file);
    await s.upload(a.credential, file);
    // C knows the hash but not the bytes: for C the blob does not exist.
    await s.fails(await s.http('GET', `/v1/blobs/${name}`, { token: c.credential }), 404);
    const headC = await s.http('HEAD', `/v1/blobs/${name}`, { token: c.credential });
    expect([headC.status, headC.headers.get('upload-offset'), headC.headers.get('blob-complete')]).toEqual([
      404,
      '0',
      'false',
    ]);
    await s.fails(await s.http('GET', `/v1/blobs/${name}`, { token: b.credential }), 404);
    // Sending it to B lets B read it; C still may not, and cannot send it on either.
    expect((await s.push(a.credential, [sendOp([file], [B])]))[0]!.outcome).toBe('applied');
    const got = await s.http('GET', `/v1/blobs/${name}`, { token: b.credential });
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe(`"${name}"`);
    expect(Buffer.from(await got.arrayBuffer()).equals(file)).toBe(true);
    await s.fails(await s.http('GET', `/v1/blobs/${name}`, { token: c.credential }), 404);
    expect((await s.push(c.credential, [sendOp([file], [A])]))[0]!.error?.code).toBe('NOT_FOUND');
    // B may forward what it received without uploading it again.
    expect((await s.push(b.credential, [sendOp([file], [C])]))[0]!.outcome).toBe('applied');
    expect((await s.http('GET', `/v1/blobs/${name}`, { token: c.credential })).status).toBe(200);
    // A fourth organisation that has the very same bytes proves it by uploading them.
    await s.admin.addOrganisation('000.00.00.H44', 'Đoàn Thanh niên xã');
    const d = await s.enroll('000.00.00.H44');
    await s.fails(await s.http('GET', `/v1/blobs/${name}`, { token: d.credential }), 404);
    await s.upload(d.credential, file);
    expect((await s.http('GET', `/v1/blobs/${name}`, { token: d.credential })).status).toBe(200);
  });

  it('pages the feed in order, wakes a long-poll at once, and answers an idle one empty when its time is up', async () => {
    const s = await h.start();
    const a = await s.enroll(A);
    const b = await s.enroll(B);
    const c = await s.enroll(C);
    const ops = Array.from({ length: MAX_PULL + 5 }, (_, i) => statusOp(B, '01', i));
    for (let i = 0; i < ops.length; i += 100) await s.push(a.credential, ops.slice(i, i + 100));
    const first = await s.pull(b.credential);
    expect(first.changes).toHaveLength(MAX_PULL);
    expect(first.more).toBe(true);
    expect(first.cursor).toBe(first.changes.at(-1)!.seq);
    const second = await s.pull(b.credential, first.cursor);
    expect(second).toMatchObject({ more: false });
    expect(second.changes).toHaveLength(5);
    const seqs = [...first.changes, ...second.changes].map((x) => x.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
    const docs = [...first.changes, ...second.changes].map(
      (x) => x.body.kind === 'status.received' && x.body.documentId,
    );
    expect(docs).toEqual(ops.map((o) => o.documentId));

    // An organisation with nothing new still moves its cursor up to the newest sequence number.
    const idle = await s.pull(c.credential);
    expect(idle).toEqual({ changes: [], cursor: second.cursor, more: false });

    // Long-poll: answered as soon as something arrives for B, not for C.
    const started = Date.now();
    const waiting = s.pull(b.credential, second.cursor, 20);
    const waitingC = s.pull(c.credential, idle.cursor, 1);
    await sleep(300);
    await s.push(a.credential, [statusOp(B, '03', 999)]);
    const woke = await waiting;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(woke.changes.map((x) => x.body.kind === 'status.received' && x.body.code)).toEqual(['03']);
    // C's wait ran out: empty, its cursor past B's change.
    const emptyC = await waitingC;
    expect(emptyC.changes).toEqual([]);
    expect(emptyC.cursor).toBe(woke.cursor);
    // With nothing new the wait runs its time, then answers empty.
    const t0 = Date.now();
    expect(await s.pull(b.credential, woke.cursor, 1)).toEqual({ changes: [], cursor: woke.cursor, more: false });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    // A wait longer than the protocol allows is capped, not refused.
    const capped = s.pull(b.credential, woke.cursor, 3600);
    await sleep(200);
    await s.push(a.credential, [statusOp(B, '05', 1000)]);
    expect((await capped).changes).toHaveLength(1);
  });

  it('never lets a cursor pass a change still being written', async () => {
    const s = await h.start();
    const a = await s.enroll(A);
    const b = await s.enroll(B);
    const body: ChangeBody = {
      kind: 'status.received',
      from: A,
      fromName: NAMES[A]!,
      documentId: 'chậm',
      code: '01',
      note: '',
      staff: '',
      happenedAt: new Date().toISOString(),
    };
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const appended = new Promise<void>((r) => (inside = r));
    // A slow transaction holds seq N; a fast one comes after it.
    const slow = s.server.db.transaction(async (tx) => {
      const seq = await appendChange(tx, B, body);
      inside();
      await gate;
      return seq;
    });
    await appended;
    const fast = s.push(a.credential, [statusOp(B, '03')]);
    await sleep(300);
    setTimeout(release, 300);
    const first = await s.pull(b.credential);
    const [slowSeq] = await Promise.all([slow, fast]);
    const rest = await s.pull(b.credential, first.cursor);
    const seen = [...first.changes, ...rest.changes].map((x: Change) => x.seq);
    expect(seen).toHaveLength(2);
    expect(seen).toContain(slowSeq);
  });

  it('asks for a resync when changes the cursor had not seen were pruned, by sequence or by age', async () => {
    const s = await h.start();
    const a = await s.enroll(A);
    const b = await s.enroll(B);
    const c = await s.enroll(C);
    await s.push(
      a.credential,
      [1, 2, 3, 4].map((n) => statusOp(B, '01', n)),
    );
    const all = (await s.pull(b.credential)).changes.map((x) => x.seq);
    const marker = (await s.pull(c.credential)).cursor;
    await s.admin.prune(all[1]!);

    const stale = await s.fails(await s.http('GET', '/v1/changes?after=0', { token: b.credential }), 410);
    expect(stale).toMatchObject({ code: 'RESYNC_REQUIRED', resumeAfter: all[1] });
    expect(stale.message).toMatch(/máy chủ đã xóa một số thay đổi cũ/);
    const resumed = await s.pull(b.credential, stale.resumeAfter);
    expect(resumed.changes.map((x) => x.seq)).toEqual(all.slice(2));
    expect((await s.pull(b.credential, all[1]!)).changes).toHaveLength(2);
    // C lost nothing: an old cursor of C's is still good.
    expect((await s.pull(c.credential, 0)).changes).toEqual([]);
    expect((await s.pull(c.credential, marker)).cursor).toBe(marker);
    // A cursor this server never gave out (a restored server): start over from what is kept.
    const future = await s.fails(await s.http('GET', '/v1/changes?after=999999', { token: b.credential }), 410);
    expect(future.resumeAfter).toBe(all[1]);

    // Retention: changes older than the setting go, newer ones stay.
    await s.server.db.query("UPDATE changes SET created_at = now() - interval '400 days' WHERE seq <= $1", [all[2]]);
    expect(await pruneByRetention(s.server.db, 365)).toEqual({ throughSeq: all[2], deleted: 1 });
    expect(await pruneByRetention(s.server.db, 0)).toEqual({ throughSeq: 0, deleted: 0 });
    expect(
      (await s.fails(await s.http('GET', `/v1/changes?after=${all[1]}`, { token: b.credential }), 410)).resumeAfter,
    ).toBe(all[2]);
    expect((await s.pull(b.credential, all[2]!)).changes.map((x) => x.seq)).toEqual([all[3]]);
  });

  it('resumes an upload after a dropped connection and refuses bytes that do not match the name', async () => {
    const s = await h.start();
    const a = await s.enroll(A);
    const bytes = Buffer.alloc(600_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
    const name = sha(bytes);
    const head = async () => {
      const res = await s.http('HEAD', `/v1/blobs/${name}`, { token: a.credential });
      return {
        status: res.status,
        offset: Number(res.headers.get('upload-offset')),
        done: res.headers.get('blob-complete'),
      };
    };
    expect(await head()).toEqual({ status: 404, offset: 0, done: 'false' });
    expect((await s.putChunk(a.credential, name, bytes, 0, 100_000)).status).toBe(204);
    expect(await head()).toEqual({ status: 200, offset: 100_000, done: 'false' });
    // A chunk from the wrong offset: 409, with where to go on from.
    const wrong = await s.putChunk(a.credential, name, bytes, 50_000, 150_000);
    expect(wrong.headers.get('upload-offset')).toBe('100000');
    expect((await s.fails(wrong, 409)).code).toBe('CONFLICT');

    // The rest is sent in one request that drops after 200 000 more bytes.
    await new Promise<void>((resolve) => {
      const req = nodeHttp.request(`${s.server.url}/v1/blobs/${name}`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${a.credential}`,
          'content-range': `bytes 100000-${bytes.length - 1}/${bytes.length}`,
          'content-length': String(bytes.length - 100_000),
        },
      });
      req.on('error', () => resolve());
      req.write(bytes.subarray(100_000, 300_000), () =>
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 200),
      );
    });
    // What arrived is kept: the client asks where it stands and goes on from there.
    let offset = -1;
    for (let i = 0; i < 50; i++) {
      const now = (await head()).offset;
      if (now === offset) break;
      offset = now;
      await sleep(100);
    }
    expect(offset).toBeGreaterThan(100_000);
    expect(offset).toBeLessThanOrEqual(300_000);
    let last: Response | null = null;
    for (let i = 0; i < 20; i++) {
      last = await s.putChunk(a.credential, name, bytes, offset, bytes.length);
      if (last.status !== 409) break;
      offset = Number(last.headers.get('upload-offset'));
      await sleep(100);
    }
    expect(last!.status).toBe(204);
    expect(last!.headers.get('blob-complete')).toBe('true');
    expect(await head()).toEqual({ status: 200, offset: bytes.length, done: 'true' });
    const back = await s.http('GET', `/v1/blobs/${name}`, { token: a.credential });
    expect(sha(Buffer.from(await back.arrayBuffer()))).toBe(name);
    // Sending it again is a no-op.
    expect((await s.putChunk(a.credential, name, bytes, 0, 10)).headers.get('blob-complete')).toBe('true');

    // Bytes that do not hash to the name: refused and discarded.
    const other = pdf('khác');
    const liar = sha('tên khác');
    const lie = await s.putChunk(a.credential, liar, other, 0, other.length);
    expect((await s.fails(lie, 422)).code).toBe('CHECKSUM_MISMATCH');
    expect((await s.http('HEAD', `/v1/blobs/${liar}`, { token: a.credential })).status).toBe(404);
    expect((await s.admin.audit()).some((e) => e.action === 'blob.mismatch')).toBe(true);
  });

  it('serves byte ranges and refuses blobs too large or badly described', async () => {
    const s = await h.start();
    const a = await s.enroll(A);
    const file = Buffer.from('0123456789abcdefghij');
    await s.upload(a.credential, file);
    const range = async (r: string) => {
      const res = await s.http('GET', `/v1/blobs/${sha(file)}`, { token: a.credential, headers: { range: r } });
      return {
        status: res.status,
        range: res.headers.get('content-range'),
        body: Buffer.from(await res.arrayBuffer()).toString(),
      };
    };
    expect(await range('bytes=5-')).toEqual({ status: 206, range: 'bytes 5-19/20', body: '56789abcdefghij' });
    expect(await range('bytes=0-3')).toEqual({ status: 206, range: 'bytes 0-3/20', body: '0123' });
    expect(await range('bytes=-4')).toEqual({ status: 206, range: 'bytes 16-19/20', body: 'ghij' });
    expect(await range('bytes=10-999')).toEqual({ status: 206, range: 'bytes 10-19/20', body: 'abcdefghij' });
    const outside = await s.http('GET', `/v1/blobs/${sha(file)}`, {
      token: a.credential,
      headers: { range: 'bytes=20-' },
    });
    expect(outside.headers.get('content-range')).toBe('bytes */20');
    await s.fails(outside, 416);

    const name = sha('lớn');
    const big = await s.http('PUT', `/v1/blobs/${name}`, {
      token: a.credential,
      raw: Buffer.from('x'),
      headers: { 'content-range': `bytes 0-0/${300 * 1024 * 1024}` },
    });
    expect((await s.fails(big, 413)).code).toBe('TOO_LARGE');
    const noRange = await s.http('PUT', `/v1/blobs/${name}`, { token: a.credential, raw: Buffer.from('x') });
    expect((await s.fails(noRange, 400)).code).toBe('BAD_REQUEST');
    const short = await s.http('PUT', `/v1/blobs/${name}`, {
      token: a.credential,
      raw: Buffer.from('xy'),
      headers: { 'content-range': 'bytes 0-9/10' },
    });
    await s.fails(short, 400);
    await s.fails(await s.http('GET', '/v1/blobs/not-a-hash', { token: a.credential }), 400);
  });

  it('answers bad requests with a typed 400, unknown routes with 404, and failures with a bare 500', async () => {
    const s = await h.start();
    const a = await s.enroll(A);
    const token = a.credential;
    const badJson = await s.fails(await s.http('POST', '/v1/push', { token, body: '{"ops": [' }), 400);
    expect(badJson).toEqual({ code: 'BAD_REQUEST', message: 'Nội dung JSON không đọc được.' });
    const wrongSchema = await s.fails(
      await s.http('POST', '/v1/push', { token, body: { ops: [{ kind: 'document.send', key: randomUUID() }] } }),
      400,
    );
    expect(wrongSchema.message).toMatch(/ops\.0/);
    await s.fails(await s.http('POST', '/v1/push', { token, body: { ops: [] } }), 400);
    await s.fails(
      await s.http('POST', '/v1/push', { token, body: '{}', headers: { 'content-type': 'text/plain' } }),
      400,
    );
    await s.fails(await s.http('POST', '/v1/enroll', { body: { code: 'x' } }), 400);
    await s.fails(await s.http('GET', '/v1/changes?after=abc', { token }), 400);
    await s.fails(await s.http('GET', '/v1/changes', { token }), 400);
    await s.fails(await s.http('GET', '/v1/changes?after=-1', { token }), 400);
    await s.fails(await s.http('GET', '/v1/nowhere', { token }), 404);
    await s.fails(await s.http('GET', '/v2/changes', { token }), 404);
    await s.fails(await s.http('DELETE', '/v1/changes', { token }), 405);
    // A workstation speaking another protocol version is told to update, before anything else.
    const other = await s.fails(
      await s.http('GET', '/v1/changes?after=0', { token, headers: { 'x-vanthu-protocol': '2' } }),
      426,
    );
    expect(other).toMatchObject({
      code: 'VERSION',
      message: expect.stringContaining('Hãy cập nhật VanThu') as unknown,
    });
    expect((await s.http('GET', '/v1/changes?after=0', { token, headers: { 'x-vanthu-protocol': '1' } })).status).toBe(
      200,
    );

    // Something unexpected: 500 INTERNAL, the details in the server's log only.
    await s.server.db.query('ALTER TABLE changes RENAME TO changes_gone');
    const broken = await s.fails(await s.http('GET', '/v1/changes?after=0', { token }), 500);
    expect(broken.code).toBe('INTERNAL');
    expect(s.logs.join('\n')).toMatch(/changes/);
    await s.server.db.query('ALTER TABLE changes_gone RENAME TO changes');
  });

  it('keeps its data, credentials and applied operations across a restart, and prunes by its retention', async () => {
    const s = await h.start();
    const a = await s.enroll(A);
    const b = await s.enroll(B);
    const file = pdf('giữ lại');
    await s.upload(a.credential, file);
    const op = sendOp([file], [B]);
    expect((await s.push(a.credential, [op]))[0]!.outcome).toBe('applied');
    const older = statusOp(B, '01', 1);
    await s.push(a.credential, [older]);
    await s.server.db.query(
      "UPDATE changes SET created_at = now() - interval '30 days' WHERE body->>'kind' = 'document.received'",
    );
    await h.stop(s.server);

    const again = await h.start({ dataDir: s.dataDir, env: s.env }, { retentionDays: 7 });
    expect(await again.push(a.credential, [op, older])).toEqual([
      { key: op.key, outcome: 'duplicate' },
      { key: older.key, outcome: 'duplicate' },
    ]);
    const gone = await again.fails(await again.http('GET', '/v1/changes?after=0', { token: b.credential }), 410);
    const feed = await again.pull(b.credential, gone.resumeAfter);
    expect(feed.changes.map((x) => x.body.kind)).toEqual(['status.received']);
    const blob = await again.http('GET', `/v1/blobs/${sha(file)}`, { token: b.credential });
    expect(Buffer.from(await blob.arrayBuffer()).equals(file)).toBe(true);
  });
});
