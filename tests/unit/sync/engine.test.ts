/**
 * The workstation's sync engine against a scripted server (a fetch that answers like the inbox
 * server would, or fails like a dead network): the outbox is written with the change, urgent
 * first, sent once; refusals are kept and shown; network failures retried; received documents
 * wait for the clerk with "01" sent back; the cursor moves only with the changes it brought.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DocumentFields } from '../../../src-shared/ipc/schemas';
import { PushRequest, type Change, type DocumentHeaderInput, type PushResult } from '../../../src-shared/sync/protocol';
import type { Services } from '../../../src-main/core/services';
import { createServices } from '../../../src-main/core/services';
import { SetupInput } from '../../../src-shared/ipc/schemas';
import { backoffDelay } from '../../../src-main/core/sync';
import { makeTestPdf } from '../../fixtures/pdf';
import { APP_ROOT, STATE_SETUP, tempDir } from '../core/helpers';

/** A fake inbox server: enough state to answer as the real one does. */
function fakeServer() {
  const blobs = new Map<string, Buffer>();
  const pushes: PushRequest[] = [];
  const applied = new Map<string, PushResult>();
  let feed: Change[] = [];
  let down = false;
  let refuse: ((op: PushRequest['ops'][number]) => string | null) | null = null;
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  const fetchImpl: typeof fetch = async (input, init) => {
    if (down) throw new TypeError('fetch failed');
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const path = url.pathname.replace(/^\/v1/, '');
    if (path === '/enroll') {
      return json(200, {
        workstationId: 'ws-1',
        organId: '000.00.00.H41',
        organName: 'Ủy ban nhân dân xã Hòa Bình',
        credential: 'c'.repeat(48),
      });
    }
    if ((init?.headers as Record<string, string>)?.authorization !== `Bearer ${'c'.repeat(48)}`) {
      return json(401, { error: { code: 'UNAUTHENTICATED', message: 'Máy chưa đăng ký.' } });
    }
    if (path === '/organisations') {
      return json(200, {
        organisations: [
          { organId: '000.00.00.H41', name: 'Ủy ban nhân dân xã Hòa Bình' },
          { organId: '000.00.00.H42', name: 'Đảng ủy xã Hòa Bình' },
        ],
      });
    }
    if (path.startsWith('/blobs/')) {
      const sha = path.slice('/blobs/'.length);
      if (method === 'HEAD') {
        const held = blobs.get(sha);
        return new Response(null, {
          status: held ? 200 : 404,
          headers: { 'upload-offset': String(held?.length ?? 0), 'blob-complete': held ? 'true' : 'false' },
        });
      }
      if (method === 'PUT') {
        const bytes = Buffer.from(init!.body as Uint8Array);
        blobs.set(sha, bytes);
        return new Response(null, { status: 204 });
      }
      const held = blobs.get(sha);
      return held
        ? new Response(new Uint8Array(held), { status: 200 })
        : json(404, { error: { code: 'NOT_FOUND', message: '' } });
    }
    if (path === '/push') {
      const body = PushRequest.parse(JSON.parse(String(init!.body)));
      pushes.push(body);
      const results = body.ops.map((op): PushResult => {
        const before = applied.get(op.key);
        if (before) return { ...before, outcome: before.outcome === 'rejected' ? 'rejected' : 'duplicate' };
        const why = refuse?.(op) ?? null;
        const r: PushResult = why
          ? { key: op.key, outcome: 'rejected', error: { code: 'SECRET_REFUSED', message: why } }
          : { key: op.key, outcome: 'applied' };
        applied.set(op.key, r);
        return r;
      });
      return json(200, { results });
    }
    if (path === '/changes') {
      const after = Number(url.searchParams.get('after'));
      const changes = feed.filter((c) => c.seq > after).slice(0, 2);
      const last = changes.at(-1)?.seq ?? after;
      return json(200, { changes, cursor: last, more: feed.some((c) => c.seq > last) });
    }
    return json(404, { error: { code: 'NOT_FOUND', message: 'không có' } });
  };

  return {
    fetch: fetchImpl,
    blobs,
    pushes,
    setDown: (v: boolean) => (down = v),
    setRefuse: (f: typeof refuse) => (refuse = f),
    addChanges: (c: Change[]) => (feed = [...feed, ...c]),
  };
}

let s: Services | null = null;
afterEach(() => {
  s?.close();
  s = null;
});

function services(server: ReturnType<typeof fakeServer>) {
  s = createServices({ dataDir: tempDir(), appRoot: APP_ROOT, fetch: server.fetch });
  s.setup(SetupInput.parse(STATE_SETUP));
  return s;
}

async function issuedDocument(
  svc: Services,
  urgency: 'normal' | 'hoa_toc' = 'normal',
  secrecy: 'none' | 'mat' = 'none',
) {
  const file = await svc.files.putPdf(makeTestPdf([[`CONG VAN ${urgency}`]]));
  const draft = svc.documents.create(
    DocumentFields.parse({
      direction: 'out',
      typeName: 'Công văn',
      subject: `Về việc gửi thử (${urgency})`,
      urgency,
      secrecy,
      draftingUnit: 'VP',
      to: [{ organId: '000.00.00.H42', organName: 'Đảng ủy xã Hòa Bình' }],
    }),
    [{ sha256: file.sha256, name: 'cv.pdf' }],
    'admin',
  ).document;
  return svc.documents.issue(draft.id, '2026-11-20', 'admin').document;
}

function receivedChange(seq: number, pdf: Buffer, header: Partial<DocumentHeaderInput> = {}): Change {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  return {
    seq,
    at: new Date().toISOString(),
    body: {
      kind: 'document.received',
      from: '000.00.00.H42',
      fromName: 'Đảng ủy xã Hòa Bình',
      header: {
        documentId: `000.00.00.H42,2026/11/19,${seq}/CV-ĐU`,
        codeNumber: String(seq),
        codeNotation: 'CV-ĐU',
        promulgationDate: '2026-11-19',
        place: '',
        typeName: 'Công văn',
        subject: `Về việc phối hợp số ${seq}`,
        signerName: 'Trần Văn Bình',
        signerPosition: 'Bí thư',
        dueDate: null,
        toPlaces: '',
        urgency: 'normal',
        secrecy: 'none',
        pageAmount: 1,
        businessType: 0,
        responseFor: null,
        ...header,
      },
      files: [{ sha256, name: `cv-${seq}.pdf`, size: pdf.length, mediaType: 'application/pdf' }],
    },
  };
}

const sent = (server: ReturnType<typeof fakeServer>) =>
  server.pushes.flatMap((p) => p.ops).filter((o) => o.kind === 'document.send');
const pendingSends = (svc: Services) =>
  svc.sqlite
    .prepare("SELECT COUNT(*) FROM sync_outbox WHERE kind = 'document.send' AND state = 'pending'")
    .pluck()
    .get();

describe('the sync engine', () => {
  it('sends an issued document once, urgent first, with its file uploaded before it', async () => {
    const server = fakeServer();
    const svc = services(server);
    await svc.sync.enroll('http://inbox.test', 'MA-DANG-KY-1');
    const normal = await issuedDocument(svc, 'normal');
    const urgent = await issuedDocument(svc, 'hoa_toc');
    svc.sync.send(normal.id, undefined, 'admin');
    svc.sync.send(urgent.id, undefined, 'admin');
    expect(svc.sync.exchange.recipients(normal.id)).toEqual([
      expect.objectContaining({ organId: '000.00.00.H42', organName: 'Đảng ủy xã Hòa Bình', status: 'queued' }),
    ]);
    expect(pendingSends(svc)).toBe(2);

    const status = await svc.sync.syncNow();
    expect(status).toMatchObject({ online: true, pending: 0, lastError: null });
    const ops = server.pushes.flatMap((p) => p.ops).filter((o) => o.kind === 'document.send');
    expect(ops.map((o) => (o.kind === 'document.send' ? o.header.urgency : o.kind))).toEqual(['hoa_toc', 'normal']);
    for (const op of ops) {
      if (op.kind === 'document.send') for (const f of op.files) expect(server.blobs.has(f.sha256)).toBe(true);
    }
    expect(svc.sync.exchange.recipients(urgent.id)[0]?.status).toBe('sent');

    // Nothing is sent twice, and sending again to the same recipients is refused clearly.
    await svc.sync.syncNow();
    expect(sent(server)).toHaveLength(2);
    expect(() => svc.sync.send(normal.id, undefined, 'admin')).toThrow(/đã được gửi/);
  });

  it('never lets a secret document out, and keeps what the server refuses', async () => {
    const server = fakeServer();
    const svc = services(server);
    await svc.sync.enroll('http://inbox.test', 'MA-DANG-KY-1');
    const secret = await issuedDocument(svc, 'normal', 'mat');
    expect(() => svc.sync.send(secret.id, undefined, 'admin')).toThrow(/mật không được gửi/);
    expect(pendingSends(svc)).toBe(0);
    // Not even its register entry goes to the organisation's other workstations.
    expect(svc.sqlite.prepare('SELECT COUNT(*) FROM sync_outbox WHERE document_id = ?').pluck().get(secret.id)).toBe(0);

    server.setRefuse((op) => (op.kind === 'document.send' ? 'Cơ quan nhận đã ngừng hoạt động.' : null));
    const doc = await issuedDocument(svc);
    svc.sync.send(doc.id, undefined, 'admin');
    const status = await svc.sync.syncNow();
    expect(status.rejected).toEqual([
      expect.objectContaining({ documentId: doc.id, error: 'Cơ quan nhận đã ngừng hoạt động.' }),
    ]);
    expect(status.pending).toBe(0);
  });

  it('keeps everything done offline and delivers it when the network returns', async () => {
    const server = fakeServer();
    const svc = services(server);
    await svc.sync.enroll('http://inbox.test', 'MA-DANG-KY-1');
    server.setDown(true);
    const doc = await issuedDocument(svc);
    svc.sync.send(doc.id, undefined, 'admin');
    const offline = await svc.sync.syncNow();
    expect(offline).toMatchObject({ online: false });
    expect(pendingSends(svc)).toBe(1);
    expect(offline.lastError).toMatch(/Không kết nối được/);
    expect(server.pushes).toHaveLength(0);

    server.setDown(false);
    const restored = vi.spyOn(svc.revocationRecheck, 'networkRestored');
    const back = await svc.sync.syncNow();
    expect(back).toMatchObject({ online: true, pending: 0 });
    expect(sent(server)).toHaveLength(1);
    // Signatures undecided for want of revocation data are checked again now.
    expect(restored).toHaveBeenCalledTimes(1);
  });

  it('takes in received documents with their files, says "01", and registers with "03"', async () => {
    const server = fakeServer();
    const svc = services(server);
    await svc.sync.enroll('http://inbox.test', 'MA-DANG-KY-1');
    const pdfs = [1, 2, 3].map((n) => makeTestPdf([[`CONG VAN DEN ${n}`]]));
    pdfs.forEach((pdf) => server.blobs.set(createHash('sha256').update(pdf).digest('hex'), pdf));
    server.addChanges(pdfs.map((pdf, i) => receivedChange(i + 1, pdf)));

    const status = await svc.sync.syncNow();
    expect(status.waitingToReceive).toBe(3);
    expect(svc.sync.engine.state()?.cursor).toBe(3);
    const inbox = svc.sync.exchange.inbox();
    expect(inbox.map((i) => i.header.subject)).toEqual([1, 2, 3].map((n) => `Về việc phối hợp số ${n}`));
    expect(svc.files.has(inbox[0]!.files[0]!.sha256)).toBe(true);
    // "01 arrived" is queued for each and goes out on the next pass.
    await svc.sync.syncNow();
    const statuses = server.pushes.flatMap((p) => p.ops).filter((o) => o.kind === 'status');
    expect(statuses.map((o) => o.kind === 'status' && o.code)).toEqual(['01', '01', '01']);

    // The clerk registers the first from its pre-filled form; "03" goes back.
    const item = svc.sync.exchange.inboxItem(inbox[0]!.id);
    expect(item.fields).toMatchObject({
      direction: 'in',
      organName: 'Đảng ủy xã Hòa Bình',
      codeNumber: 1,
      receivedVia: 'electronic',
    });
    const saved = svc.sync.register(item.id, item.fields, 'admin');
    expect(saved.document.arrivalNumber).toBe(1);
    expect(saved.document.files[0]?.sha256).toBe(item.files[0]!.sha256);
    expect(() => svc.sync.register(item.id, item.fields, 'admin')).toThrow(/không còn chờ tiếp nhận/);
    svc.sync.reject(inbox[1]!.id, 'Gửi nhầm cơ quan', 'admin');
    await svc.sync.syncNow();
    const later = server.pushes
      .flatMap((p) => p.ops)
      .filter((o) => o.kind === 'status')
      .slice(3);
    expect(later.map((o) => o.kind === 'status' && [o.code, o.note])).toEqual([
      ['03', 'Số đến 1'],
      ['02', 'Gửi nhầm cơ quan'],
    ]);
    expect(svc.sync.status().waitingToReceive).toBe(1);
  });

  it('a change whose file cannot be fetched leaves the cursor before it', async () => {
    const server = fakeServer();
    const svc = services(server);
    await svc.sync.enroll('http://inbox.test', 'MA-DANG-KY-1');
    const ok = makeTestPdf([['CO TEP']]);
    server.blobs.set(createHash('sha256').update(ok).digest('hex'), ok);
    server.addChanges([receivedChange(1, ok), receivedChange(2, makeTestPdf([['TEP CHUA CO']]))]);
    const status = await svc.sync.syncNow();
    expect(status.lastError).not.toBeNull();
    expect(svc.sync.engine.state()?.cursor).toBe(1);
    expect(status.waitingToReceive).toBe(1);
  });

  it('recalls: frozen at the sender; taken back at once while waiting, by the clerk once registered', async () => {
    const server = fakeServer();
    const svc = services(server);
    await svc.sync.enroll('http://inbox.test', 'MA-DANG-KY-1');
    // The sender's side.
    const doc = await issuedDocument(svc);
    expect(() => svc.sync.recall(doc.id, 'Sai số liệu', 'admin')).toThrow(/chưa được gửi/);
    svc.sync.send(doc.id, undefined, 'admin');
    svc.sync.recall(doc.id, 'Sai số liệu ở mục 2', 'admin');
    expect(() => svc.documents.update(doc.id, { description: 'sửa' }, 'admin')).toThrow(/đã bị thu hồi/);
    expect(() => svc.sync.send(doc.id, undefined, 'admin', { update: true })).toThrow(/đã bị thu hồi/);
    await svc.sync.syncNow();
    const asks = server.pushes.flatMap((p) => p.ops).filter((o) => o.kind === 'status');
    expect(asks.map((o) => o.kind === 'status' && [o.code, o.to, o.note])).toEqual([
      ['13', '000.00.00.H42', 'Sai số liệu ở mục 2'],
    ]);

    // The receiver's side: one still waiting, one registered.
    const pdfs = [7, 8].map((n) => makeTestPdf([[`CONG VAN ${n}`]]));
    pdfs.forEach((pdf) => server.blobs.set(createHash('sha256').update(pdf).digest('hex'), pdf));
    server.addChanges(pdfs.map((pdf, i) => receivedChange(i + 1, pdf)));
    await svc.sync.syncNow();
    const [first, second] = svc.sync.exchange.inbox();
    const registered = svc.sync.register(second!.id, svc.sync.exchange.inboxItem(second!.id).fields, 'admin').document;
    const ask = (seq: number, documentId: string): Change => ({
      seq,
      at: new Date().toISOString(),
      body: {
        kind: 'status.received',
        from: '000.00.00.H42',
        fromName: 'Đảng ủy xã Hòa Bình',
        documentId,
        code: '13',
        note: 'Gửi nhầm',
        staff: '',
        happenedAt: new Date().toISOString(),
      },
    });
    server.addChanges([ask(3, first!.exchangeId), ask(4, second!.exchangeId)]);
    await svc.sync.syncNow();
    expect(svc.sync.exchange.inbox()).toEqual([]);
    expect(svc.sync.exchange.recallRequests(registered.id)).toEqual([
      expect.objectContaining({ state: 'requested', reason: 'Gửi nhầm', organId: '000.00.00.H42' }),
    ]);
    const [request] = svc.sync.exchange.recallRequests(registered.id);
    svc.sync.answerRecall(request!.id, true, 'Đồng ý', 'admin');
    expect(svc.documents.get(registered.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: expect.stringMatching(/Thu hồi theo đề nghị/),
    });
    expect(() => svc.sync.answerRecall(request!.id, false, '', 'admin')).toThrow(/đã được trả lời/);
    await svc.sync.syncNow();
    const answers = server.pushes
      .flatMap((p) => p.ops)
      .filter((o) => o.kind === 'status' && (o.code === '15' || o.code === '16'));
    expect(answers.map((o) => o.kind === 'status' && [o.code, o.documentId])).toEqual([
      ['15', first!.exchangeId],
      ['15', second!.exchangeId],
    ]);
  });

  it('an update of a document still waiting takes its place', async () => {
    const server = fakeServer();
    const svc = services(server);
    await svc.sync.enroll('http://inbox.test', 'MA-DANG-KY-1');
    const pdfs = [1, 2].map((n) => makeTestPdf([[`BAN ${n}`]]));
    pdfs.forEach((pdf) => server.blobs.set(createHash('sha256').update(pdf).digest('hex'), pdf));
    const original = receivedChange(1, pdfs[0]!);
    const update = receivedChange(2, pdfs[1]!, {
      documentId: original.body.kind === 'document.received' ? original.body.header.documentId : '',
      subject: 'Về việc phối hợp (bản cập nhật)',
      businessType: 2,
    });
    server.addChanges([original, update]);
    await svc.sync.syncNow();
    const inbox = svc.sync.exchange.inbox();
    expect(inbox.map((i) => [i.header.subject, i.header.businessType])).toEqual([
      ['Về việc phối hợp (bản cập nhật)', 2],
    ]);
  });

  it('waits a random, growing, capped time between failed attempts', () => {
    expect(backoffDelay(1, 2000, 300_000, () => 1)).toBe(2000);
    expect(backoffDelay(4, 2000, 300_000, () => 1)).toBe(16_000);
    expect(backoffDelay(30, 2000, 300_000, () => 1)).toBe(300_000);
    expect(backoffDelay(4, 2000, 300_000, () => 0.25)).toBe(4000);
  });
});
