/**
 * Workstations of two organisations (and a second one of the first) through the real inbox
 * server: A sends an issued document to B; B receives it with its file, says "01", registers it
 * ("03"); A sees both on its recipient line. A's other workstation mirrors A's register, and
 * a directive typed there reaches A.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PortalResponse } from '../../src-shared/sync/protocol';
import { createServices, type Services } from '../../src-main/core/services';
import { createDispatcher, createHandlers, SessionSlot } from '../../src-main/core';
import { DocumentFields, DocumentQuery, SetupInput } from '../../src-shared/ipc/schemas';
import { createAdmin } from '../../src-server/admin';
import { startInboxServer, type InboxServer } from '../../src-server/server';
import { makeTestPdf } from '../fixtures/pdf';
import { freshInboxDir } from './harness';
import { APP_ROOT, STATE_SETUP, tempDir } from '../unit/core/helpers';

const opened: Services[] = [];
let server: InboxServer | null = null;
afterEach(async () => {
  for (const s of opened.splice(0)) s.close();
  await server?.close();
  server = null;
});

function workstation(organId: string, name: string, numbersHere = true): Services {
  const s = createServices({ dataDir: tempDir(), appRoot: APP_ROOT });
  opened.push(s);
  s.setup(
    SetupInput.parse({
      ...STATE_SETUP,
      organisation: { ...STATE_SETUP.organisation, organId, name, abbreviation: 'UBND', numbersHere },
    }),
  );
  return s;
}

/** A fresh inbox server whose directory holds the two communes of these tests. */
async function startServerWithTwoCommunes() {
  server = await startInboxServer({ dataDir: await freshInboxDir(), log: () => undefined });
  const admin = createAdmin(server.db);
  await admin.addOrganisation('000.00.00.H41', 'Ủy ban nhân dân xã Hòa Bình');
  await admin.addOrganisation('000.00.00.H43', 'Ủy ban nhân dân xã Hòa Lạc');
  return { admin, url: server.url, db: server.db };
}

describe('two organisations through the inbox server', () => {
  it('a document goes from A to B and its statuses come back', async () => {
    const { admin, url } = await startServerWithTwoCommunes();

    const a = workstation('000.00.00.H41', 'Ủy ban nhân dân xã Hòa Bình');
    const a2 = workstation('000.00.00.H41', 'Ủy ban nhân dân xã Hòa Bình', false);
    const b = workstation('000.00.00.H43', 'Ủy ban nhân dân xã Hòa Lạc');
    await a.sync.enroll(url, await admin.enrollmentCode('000.00.00.H41'), 'Máy văn thư', { start: false });
    await a2.sync.enroll(url, await admin.enrollmentCode('000.00.00.H41'), 'Máy lãnh đạo', { start: false });
    await b.sync.enroll(url, await admin.enrollmentCode('000.00.00.H43'), 'Máy văn thư', { start: false });
    expect(a.sync.directory().map((o) => o.organId)).toEqual(['000.00.00.H41', '000.00.00.H43']);

    const pdf = makeTestPdf([['CONG VAN 01/UBND-VP', 'Gui UBND xa Hoa Lac']]);
    const file = await a.files.putPdf(pdf);
    const draft = a.documents.create(
      DocumentFields.parse({
        direction: 'out',
        typeName: 'Công văn',
        subject: 'Về việc phối hợp tổ chức giải bóng đá liên xã',
        draftingUnit: 'VP',
        urgency: 'khan',
        to: [{ organId: '000.00.00.H43', organName: 'Ủy ban nhân dân xã Hòa Lạc' }],
      }),
      [{ sha256: file.sha256, name: 'cv-01.pdf' }],
      'vanthu',
    ).document;
    const issued = a.documents.issue(draft.id, '2026-11-20', 'vanthu').document;
    a.sync.send(issued.id, undefined, 'vanthu');
    expect(await a.sync.syncNow()).toMatchObject({ online: true, pending: 0, lastError: null, rejected: [] });
    expect(a.sync.exchange.recipients(issued.id)[0]).toMatchObject({ status: 'sent' });

    // B: received, with its file, waiting; "01" goes back; the clerk registers it: "03".
    expect(await b.sync.syncNow()).toMatchObject({ waitingToReceive: 1, lastError: null });
    const [item] = b.sync.exchange.inbox();
    expect(item).toMatchObject({ fromOrganId: '000.00.00.H41', urgency: 'khan' });
    expect(b.files.read(item!.files[0]!.sha256).equals(pdf)).toBe(true);
    const full = b.sync.exchange.inboxItem(item!.id);
    const saved = b.sync.register(item!.id, full.fields, 'vanthu');
    expect(saved.document).toMatchObject({ codeNumber: 1, codeNotation: 'UBND-VP', arrivalNumber: 1 });
    await b.sync.syncNow();

    await a.sync.syncNow();
    const [line] = a.sync.exchange.recipients(issued.id);
    expect(line).toMatchObject({ organId: '000.00.00.H43', status: '03', note: 'Số đến 1' });

    // An incoming document registered at A (never sent anywhere) reaches A's other workstation too.
    const scan = await a.files.putPdf(makeTestPdf([['BAN SCAN']]));
    a.documents.create(
      DocumentFields.parse({
        direction: 'in',
        typeName: 'Thông báo',
        subject: 'Thông báo lịch tiếp công dân tháng 12',
      }),
      [{ sha256: scan.sha256, name: 'tb.pdf' }],
      'vanthu',
    );
    expect(await a.sync.syncNow()).toMatchObject({ lastError: null, rejected: [] });

    // A's second workstation mirrors A's register (the entries and their files), and cannot number.
    await a2.sync.syncNow();
    const mirrored = a2.queries.list(DocumentQuery.parse({ text: 'giai bong da' }));
    expect(mirrored.total).toBe(1);
    const mirror = a2.documents.get(mirrored.items[0]!.id);
    expect(mirror).toMatchObject({ status: 'issued', numberNotation: issued.numberNotation });
    expect(a2.files.read(mirror.files[0]!.sha256).equals(pdf)).toBe(true);
    expect(a2.queries.list(DocumentQuery.parse({ text: 'tiep cong dan' })).total).toBe(1);
    expect(a2.sync.status()).toMatchObject({ lastError: null });

    // The leader, at A's second workstation, directs the incoming document; A's register has it.
    for (const [username, fullName, role] of [
      ['lanhdao', 'Trần Văn Minh', 'leader'],
      ['chuyenvien', 'Nguyễn Thị Hoa', 'handler'],
    ] as const) {
      a.transaction(() => a.accounts.create({ username, fullName, role, password: 'MatKhau@2026' }, 'admin'));
    }
    await a.sync.syncNow();
    await a2.sync.syncNow();
    const person = (s: Services, username: string) => {
      const id = s.sqlite.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as number;
      return s.accounts.info(id);
    };
    const onA2 = a2.queries.list(DocumentQuery.parse({ text: 'tiep cong dan' })).items[0]!;
    a2.handling.record(
      {
        documentId: onA2.id,
        text: 'Giao đồng chí Hoa tham mưu trả lời',
        main: { userId: person(a2, 'chuyenvien').id, dueDate: null },
        coordinate: [],
        inform: [],
      },
      person(a2, 'lanhdao'),
    );
    expect(await a2.sync.syncNow()).toMatchObject({ lastError: null, rejected: [] });
    await a.sync.syncNow();
    const onA = a.queries.list(DocumentQuery.parse({ text: 'tiep cong dan' })).items[0]!;
    const handling = a.handling.view(onA.id, person(a, 'chuyenvien'));
    expect(handling.directives[0]).toMatchObject({
      text: 'Giao đồng chí Hoa tham mưu trả lời',
      leaderName: 'Trần Văn Minh',
    });
    expect(handling.directives[0]!.lines[0]).toMatchObject({ handlerName: 'Nguyễn Thị Hoa', canUpdate: true });
  });

  it('an administrator takes the public holidays the server keeps into the workstation calendar', async () => {
    const { admin, url } = await startServerWithTwoCommunes();
    const a = workstation('000.00.00.H41', 'Ủy ban nhân dân xã Hòa Bình');
    const dispatch = createDispatcher(createHandlers(a), { accounts: a.accounts });
    const session = new SessionSlot();
    await dispatch('auth.signIn', { username: 'admin', password: 'matkhau123' }, session);
    const receive = () => dispatch('holiday.receive', {}, session);

    // Not connected yet: said plainly.
    expect(await receive()).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: /chưa kết nối/ } });
    await a.sync.enroll(url, await admin.enrollmentCode('000.00.00.H41'), 'Máy văn thư', { start: false });
    const seeded = a.calendar.list().find((h) => h.date.startsWith('2027-'))!;
    await admin.setHoliday('2027-02-12', 'Nghỉ Tết Nguyên đán (theo thông báo năm 2027)');
    await admin.setHoliday(seeded.date, `${seeded.name} (đổi tên)`);
    const first = await receive();
    expect(first).toMatchObject({ ok: true, value: { added: 1, renamed: 1 } });
    const days = a.calendar.list();
    expect(days.find((h) => h.date === '2027-02-12')).toMatchObject({ source: 'server' });
    expect(days.find((h) => h.date === seeded.date)).toMatchObject({
      name: `${seeded.name} (đổi tên)`,
      source: 'server',
    });
    expect(a.calendar.holidays().has('2027-02-12')).toBe(true);
    // Taken again: nothing changes; days kept only here stay.
    expect(await receive()).toMatchObject({ ok: true, value: { added: 0, renamed: 0 } });
    expect(a.calendar.list().length).toBe(days.length);
  });

  it('sends a portal package through the server, where the portal reads it with its PDF', async () => {
    const { admin, url } = await startServerWithTwoCommunes();
    const a = workstation('000.00.00.H41', 'Ủy ban nhân dân xã Hòa Bình');
    const pdf = makeTestPdf([['QUYET DINH CONG BO']]);
    const file = await a.files.putPdf(pdf);
    const draft = a.documents.create(
      DocumentFields.parse({ direction: 'out', typeName: 'Quyết định', subject: 'Về việc công bố thủ tục hành chính' }),
      [{ sha256: file.sha256, name: 'qd-cong-bo.pdf' }],
      'vanthu',
    ).document;
    const doc = a.documents.issue(draft.id, '2026-12-01', 'vanthu').document;
    a.transaction(() => a.portal.mark(doc.id, 'vanthu'));
    // Not connected: told to export the package instead.
    expect(() => a.transaction(() => a.portal.send(doc.id, 'vanthu', new Date()))).toThrow(/Xuất gói đăng tải/);

    await a.sync.enroll(url, await admin.enrollmentCode('000.00.00.H41'), 'Máy văn thư', { start: false });
    expect(a.transaction(() => a.portal.send(doc.id, 'vanthu', new Date()))).toMatchObject({ sentAt: null });
    expect(await a.sync.syncNow()).toMatchObject({ pending: 0, lastError: null, rejected: [] });
    expect(a.portal.state(doc.id).sentAt).not.toBeNull();

    // The portal, with a credential of the organisation, reads the package and its PDF.
    const credential = fs.readFileSync(path.join(a.paths.dataDir, 'sync-credential'), 'utf8').trim();
    const headers = { authorization: `Bearer ${credential}` };
    const page = PortalResponse.parse(await (await fetch(`${url}/v1/portal?after=0`, { headers })).json());
    expect(page.publications).toEqual([
      expect.objectContaining({
        documentUid: doc.uid,
        metadata: expect.objectContaining({ numberNotation: doc.numberNotation, issuedDate: '2026-12-01' }) as unknown,
      }),
    ]);
    const blob = await fetch(`${url}/v1/blobs/${page.publications[0]!.file.sha256}`, { headers });
    expect(Buffer.from(await blob.arrayBuffer()).equals(pdf)).toBe(true);
    expect(await admin.listPortal('000.00.00.H41')).toHaveLength(1);
  });

  it('a replacement registered at the recipient takes over the directive; the replaced one leaves use', async () => {
    const { admin, url } = await startServerWithTwoCommunes();
    const a = workstation('000.00.00.H41', 'Ủy ban nhân dân xã Hòa Bình');
    const b = workstation('000.00.00.H43', 'Ủy ban nhân dân xã Hòa Lạc');
    await a.sync.enroll(url, await admin.enrollmentCode('000.00.00.H41'), 'Máy văn thư', { start: false });
    await b.sync.enroll(url, await admin.enrollmentCode('000.00.00.H43'), 'Máy văn thư', { start: false });
    const issue = async (subject: string) => {
      const file = await a.files.putPdf(makeTestPdf([[subject]]));
      const draft = a.documents.create(
        DocumentFields.parse({
          direction: 'out',
          typeName: 'Công văn',
          subject,
          to: [{ organId: '000.00.00.H43', organName: 'Ủy ban nhân dân xã Hòa Lạc' }],
        }),
        [{ sha256: file.sha256, name: 'cv.pdf' }],
        'vanthu',
      ).document;
      return a.documents.issue(draft.id, undefined, 'vanthu').document;
    };
    const first = await issue('Về việc tổ chức tập huấn chuyển đổi số');
    a.sync.send(first.id, undefined, 'vanthu');
    await a.sync.syncNow();
    await b.sync.syncNow();
    const registerWaiting = () => {
      const [item] = b.sync.exchange.inbox();
      return b.sync.register(item!.id, b.sync.exchange.inboxItem(item!.id).fields, 'vanthu').document;
    };
    const earlier = registerWaiting();

    // Hòa Lạc's leader directs it; the handler has started.
    const people = Object.fromEntries(
      (
        [
          ['lanhdao', 'Trần Văn Minh', 'leader'],
          ['chuyenvien', 'Nguyễn Thị Hoa', 'handler'],
        ] as const
      ).map(([username, fullName, role]) => [
        username,
        b.transaction(() => b.accounts.create({ username, fullName, role, password: 'MatKhau@2026' }, 'admin')),
      ]),
    );
    const handling = b.handling.record(
      {
        documentId: earlier.id,
        text: 'Giao đồng chí Hoa chuẩn bị',
        main: { userId: people.chuyenvien!.id, dueDate: '2030-12-20' },
        coordinate: [],
        inform: [],
      },
      { ...people.lanhdao!, username: 'lanhdao' },
    );
    b.handling.updateLine(
      { lineId: handling.directives[0]!.lines[0]!.id, status: 'in_progress', note: 'Đang chuẩn bị' },
      { ...people.chuyenvien!, username: 'chuyenvien' },
    );

    // Hòa Bình sends a replacement; Hòa Lạc registers it.
    const second = await issue('Về việc tổ chức tập huấn chuyển đổi số (thay thế)');
    a.sync.send(second.id, undefined, 'vanthu', { replaces: first.id });
    await a.sync.syncNow();
    await b.sync.syncNow();
    const replacement = registerWaiting();

    expect(b.documents.get(earlier.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: `Đã được thay thế bằng văn bản số đến ${replacement.arrivalNumber}`,
    });
    const carried = b.handling.view(replacement.id, { ...people.chuyenvien!, username: 'chuyenvien' });
    expect(carried.directives[0]).toMatchObject({ text: 'Giao đồng chí Hoa chuẩn bị', leaderName: 'Trần Văn Minh' });
    expect(carried.directives[0]!.lines[0]).toMatchObject({
      handlerName: 'Nguyễn Thị Hoa',
      dueDate: '2030-12-20',
      status: 'in_progress',
      canUpdate: true,
    });
    expect(carried.directives[0]!.lines[0]!.events.at(-1)!.note).toMatch(/Chuyển từ văn bản số đến \d+/);
    expect(b.documents.get(replacement.id).dueDate).toBe('2030-12-20');
    // The earlier one keeps its history.
    expect(b.handling.view(earlier.id, { ...people.lanhdao!, username: 'lanhdao' }).directives).toHaveLength(1);
  });

  it('a workstation older than the server’s minimum version keeps working locally but is refused sync, and told why', async () => {
    const { admin, url } = await startServerWithTwoCommunes();
    const a = createServices({ dataDir: tempDir(), appRoot: APP_ROOT, version: '1.1.9' });
    opened.push(a);
    a.setup(SetupInput.parse(STATE_SETUP));
    await a.sync.enroll(url, await admin.enrollmentCode('000.00.00.H41'), 'Máy văn thư', { start: false });
    await expect(admin.setMinimumVersion('mới nhất')).rejects.toThrow(/1\.2\.3/);
    await admin.setMinimumVersion('1.2.0');
    a.documents.create(
      DocumentFields.parse({ direction: 'in', typeName: 'Công văn', subject: 'Vẫn vào sổ được' }),
      [],
      'vanthu',
    );
    const status = await a.sync.syncNow();
    expect(status.lastError).toMatch(/Phiên bản VanThu 1\.1\.9 đã cũ: máy chủ liên thông cần từ phiên bản 1\.2\.0/);
    expect(status.pending).toBeGreaterThan(0);
    expect(a.queries.list(DocumentQuery.parse({ text: 'van vao so' })).total).toBe(1);
    await admin.setMinimumVersion(null);
    expect(await a.sync.syncNow()).toMatchObject({ lastError: null, pending: 0 });
  });

  it('a workstation away longer than the server keeps changes goes on from what is left, and says so', async () => {
    const { admin, url, db } = await startServerWithTwoCommunes();
    const b = workstation('000.00.00.H43', 'Ủy ban nhân dân xã Hòa Lạc');
    await b.sync.enroll(url, await admin.enrollmentCode('000.00.00.H43'), 'Máy văn thư', { start: false });
    const a = workstation('000.00.00.H41', 'Ủy ban nhân dân xã Hòa Bình');
    await a.sync.enroll(url, await admin.enrollmentCode('000.00.00.H41'), 'Máy văn thư', { start: false });
    // Two statuses for B while B is away; the server then drops the first.
    for (const code of ['05', '06'] as const) {
      a.sync.exchange.enqueue(
        {
          kind: 'status',
          key: crypto.randomUUID(),
          happenedAt: new Date().toISOString(),
          documentId: `000.00.00.H43,2026/11/01,${code}/UBND-VP`,
          to: '000.00.00.H43',
          code,
          note: '',
          staff: '',
        },
        0,
        null,
      );
    }
    await a.sync.syncNow();
    const [first] = await db.query<{ seq: string }>(
      "SELECT seq FROM changes WHERE organ_id = '000.00.00.H43' ORDER BY seq",
    );
    await admin.prune(Number(first!.seq));
    const status = await b.sync.syncNow();
    expect(status.lastError).toMatch(/máy chủ đã xóa một số thay đổi cũ/);
    expect(b.sync.engine.state()!.cursor).toBeGreaterThan(Number(first!.seq));
  });

  it('delivers within seconds to a workstation that is running, without waiting for its timer', async () => {
    const { admin, url } = await startServerWithTwoCommunes();
    const a = workstation('000.00.00.H41', 'Ủy ban nhân dân xã Hòa Bình');
    const b = workstation('000.00.00.H43', 'Ủy ban nhân dân xã Hòa Lạc');
    await a.sync.enroll(url, await admin.enrollmentCode('000.00.00.H41'), 'Máy A', { start: false });
    // B runs as the app does: background passes and a long-poll.
    await b.sync.enroll(url, await admin.enrollmentCode('000.00.00.H43'), 'Máy B');
    await expect.poll(() => b.sync.status().lastSyncAt, { timeout: 10_000 }).not.toBeNull();

    const file = await a.files.putPdf(makeTestPdf([['HOA TOC']]));
    const draft = a.documents.create(
      DocumentFields.parse({
        direction: 'out',
        typeName: 'Công văn',
        subject: 'Về việc ứng phó bão khẩn cấp',
        draftingUnit: 'VP',
        urgency: 'hoa_toc',
        to: [{ organId: '000.00.00.H43', organName: 'Ủy ban nhân dân xã Hòa Lạc' }],
      }),
      [{ sha256: file.sha256, name: 'cv.pdf' }],
      'vanthu',
    ).document;
    a.sync.send(a.documents.issue(draft.id, '2026-11-20', 'vanthu').document.id, undefined, 'vanthu');
    const sentAt = Date.now();
    await a.sync.syncNow();
    await expect.poll(() => b.sync.status().waitingToReceive, { timeout: 10_000 }).toBe(1);
    // Well under the one-minute timer: the long-poll woke it.
    expect(Date.now() - sentAt).toBeLessThan(10_000);
    b.sync.stop();
  });
});
