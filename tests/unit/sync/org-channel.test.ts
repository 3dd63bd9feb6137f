/**
 * The organisation channel between the numbering workstation (A) and another workstation of the
 * same organisation (B): A's register entries reach B as mirrors with A's numbers; B adds notes
 * only; notes edited on both sides before either saw the other's are both kept as a conflict.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../src-main/core/services';
import { DocumentFields, DocumentQuery, SetupInput } from '../../../src-shared/ipc/schemas';
import { Op, type OrgChange } from '../../../src-shared/sync/protocol';
import type { z } from 'zod';
import { makeTestPdf } from '../../fixtures/pdf';
import { APP_ROOT, STATE_SETUP, tempDir } from '../core/helpers';

const opened: Services[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

/** A workstation "connected" to a server that never answers: ops stay in the outbox to inspect. */
async function workstation(numbersHere: boolean): Promise<Services> {
  const s = createServices({
    dataDir: tempDir(),
    appRoot: APP_ROOT,
    fetch: async (input) => {
      if (String(input).endsWith('/enroll')) {
        return new Response(
          JSON.stringify({
            workstationId: numbersHere ? 'ws-A' : 'ws-B',
            organId: '000.00.00.H41',
            organName: 'Ủy ban nhân dân xã Hòa Bình',
            credential: 'x'.repeat(40),
          }),
          { headers: { 'content-type': 'application/json' } },
        );
      }
      throw new TypeError('fetch failed');
    },
  });
  opened.push(s);
  s.setup(SetupInput.parse({ ...STATE_SETUP, organisation: { ...STATE_SETUP.organisation, numbersHere } }));
  await s.sync.enroll('http://inbox.test', 'MA-123456', undefined, { start: false });
  return s;
}

type Change = z.infer<typeof OrgChange>;

/** The org.change ops a workstation queued, as the server would deliver them to the others. */
function delivered(s: Services, from: string): Change[] {
  const rows = s.sqlite
    .prepare("SELECT payload FROM sync_outbox WHERE kind = 'org.change' AND state = 'pending' ORDER BY id")
    .pluck()
    .all() as string[];
  s.sqlite.prepare("UPDATE sync_outbox SET state = 'done' WHERE kind = 'org.change'").run();
  return rows.map((raw) => {
    const op = Op.parse(JSON.parse(raw));
    if (op.kind !== 'org.change') throw new Error('not org.change');
    return {
      kind: 'org.change',
      workstationId: from,
      entity: op.entity,
      entityId: op.entityId,
      fields: op.fields,
      base: op.base,
      happenedAt: op.happenedAt,
    };
  });
}

async function registerIncoming(s: Services) {
  const file = await s.files.putPdf(makeTestPdf([['CONG VAN DEN']]));
  return s.documents.create(
    DocumentFields.parse({
      direction: 'in',
      typeName: 'Công văn',
      subject: 'Về việc chuẩn bị Đại hội Đoàn xã',
      codeNumber: 12,
      codeNotation: 'CV-ĐTN',
      organName: 'Đoàn xã Hòa Bình',
      description: 'Chờ ý kiến chỉ đạo',
    }),
    [{ sha256: file.sha256, name: 'cv-12.pdf' }],
    'vanthu',
  ).document;
}

/** The signed-in person on a workstation, by username. */
function asUser(s: Services, username: string) {
  const id = s.sqlite.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as number;
  const u = s.accounts.snapshots().find((x) => x.username === username)!;
  return { id, username, fullName: u.fullName, role: u.role };
}

/** A numbering workstation with a leader and a handler, and a second one mirroring its register. */
async function leaderAndHandlerOnTwo() {
  const a = await workstation(true);
  const b = await workstation(false);
  for (const [username, fullName, role] of [
    ['lanhdao', 'Trần Văn Minh', 'leader'],
    ['chuyenvien', 'Nguyễn Thị Hoa', 'handler'],
  ] as const) {
    a.transaction(() => a.accounts.create({ username, fullName, role, password: 'MatKhau@2026' }, 'admin'));
  }
  const doc = await registerIncoming(a);
  await b.files.putPdf(a.files.read(doc.files[0]!.sha256));
  for (const change of delivered(a, 'ws-A')) b.sync.orgChannel.apply(change);
  return { a, b, doc };
}

describe('the organisation channel', () => {
  it("carries only the enrolled organisation's register, not another one kept on the machine", async () => {
    const a = await workstation(true);
    a.transaction(() =>
      a.organisations.add(
        SetupInput.omit({ admin: true }).parse({
          organisation: { name: 'Đảng ủy xã Hòa Bình', organId: '000.00.00.H42', abbreviation: 'ĐU', regime: 'party' },
          term: { name: '2025-2030', startDate: '2025-10-01', endDate: null },
        }),
        'admin',
      ),
    );
    const party = a.organisations.list().find((o) => o.organId === '000.00.00.H42')!;
    const ubnd = await registerIncoming(a);
    a.documents.create(
      DocumentFields.parse({
        direction: 'in',
        typeName: 'Công văn',
        subject: 'Về việc chuẩn bị đại hội chi bộ',
        organisationId: party.id,
      }),
      [],
      'vanthu',
    );
    const sent = delivered(a, 'ws-A').filter((c) => c.entity === 'document');
    expect(sent.map((c) => c.entityId)).toEqual([ubnd.uid]);
    // Publishing the whole register again (as after enrolling) leaves the Đảng ủy's out too.
    expect(a.sync.orgChannel.publishAll()).toBeGreaterThan(0);
    expect(
      delivered(a, 'ws-A')
        .filter((c) => c.entity === 'document')
        .map((c) => c.entityId),
    ).toEqual([ubnd.uid]);
  });

  it('mirrors the numbering workstation register with its numbers and files', async () => {
    const a = await workstation(true);
    const b = await workstation(false);
    const doc = await registerIncoming(a);
    // B fetches the files the snapshot names (the engine does this before applying).
    await b.files.putPdf(a.files.read(doc.files[0]!.sha256));
    for (const change of delivered(a, 'ws-A')) b.sync.orgChannel.apply(change);

    const mirrorId = b.documents.idByUid(doc.uid)!;
    const mirror = b.documents.get(mirrorId);
    expect(mirror).toMatchObject({ arrivalNumber: doc.arrivalNumber, subject: doc.subject, status: 'registered' });
    expect(mirror.files.map((f) => f.sha256)).toEqual(doc.files.map((f) => f.sha256));
    // Found by search on B too, and counted in B's incoming box.
    expect(b.queries.list(DocumentQuery.parse({ text: 'dai hoi doan' })).total).toBe(1);
    expect(b.queries.list(DocumentQuery.parse({ direction: 'in' })).total).toBe(1);

    // B cannot number or change the register's fields; it can add a note.
    expect(() => b.documents.update(mirrorId, { subject: 'Sửa trích yếu' }, 'lanhdao')).toThrow(/chỉ ghi chú được/);
    expect(() =>
      b.documents.create(
        DocumentFields.parse({ direction: 'in', typeName: 'Công văn', subject: 'Văn bản mới' }),
        [],
        'lanhdao',
      ),
    ).toThrow();
  });

  it('brings notes back, and keeps both when two were made apart', async () => {
    const a = await workstation(true);
    const b = await workstation(false);
    const doc = await registerIncoming(a);
    await b.files.putPdf(a.files.read(doc.files[0]!.sha256));
    for (const change of delivered(a, 'ws-A')) b.sync.orgChannel.apply(change);
    const mirrorId = b.documents.idByUid(doc.uid)!;

    // A note from B reaches A, and A's new snapshot goes out again.
    b.documents.update(mirrorId, { description: 'Đồng chí Chủ tịch đã xem' }, 'lanhdao');
    for (const change of delivered(b, 'ws-B')) a.sync.orgChannel.apply(change);
    expect(a.documents.get(doc.id).description).toBe('Đồng chí Chủ tịch đã xem');
    for (const change of delivered(a, 'ws-A')) b.sync.orgChannel.apply(change);
    expect(b.documents.get(mirrorId).description).toBe('Đồng chí Chủ tịch đã xem');

    // Both change the note before seeing each other's change: nothing is lost.
    a.documents.update(doc.id, { description: 'Giao Văn phòng chủ trì' }, 'vanthu');
    delivered(a, 'ws-A');
    b.documents.update(mirrorId, { description: 'Giao Phòng Văn hóa' }, 'lanhdao');
    for (const change of delivered(b, 'ws-B')) a.sync.orgChannel.apply(change);
    expect(a.documents.get(doc.id).description).toBe('Giao Văn phòng chủ trì');
    const [conflict] = a.sync.orgChannel.conflicts().filter((c) => c.field === 'description');
    expect(conflict).toMatchObject({
      documentId: doc.id,
      field: 'description',
      localValue: 'Giao Văn phòng chủ trì',
      remoteValue: 'Giao Phòng Văn hóa',
      remoteWorkstation: 'ws-B',
    });
    a.sync.orgChannel.resolveConflict(conflict!.id, 'remote', 'vanthu');
    expect(a.documents.get(doc.id).description).toBe('Giao Phòng Văn hóa');
    expect(a.sync.orgChannel.conflicts().filter((c) => c.field === 'description')).toEqual([]);
  });

  it('carries a directive typed on the leader’s workstation, and the handler’s progress back', async () => {
    const a = await workstation(true);
    const b = await workstation(false);
    const account = (username: string, fullName: string, role: 'leader' | 'handler') =>
      a.transaction(() => a.accounts.create({ username, fullName, role, password: 'MatKhau@2026' }, 'admin'));
    const leader = account('lanhdao', 'Trần Văn Minh', 'leader');
    const handler = account('chuyenvien', 'Nguyễn Thị Hoa', 'handler');
    const doc = await registerIncoming(a);
    await b.files.putPdf(a.files.read(doc.files[0]!.sha256));
    for (const change of delivered(a, 'ws-A')) b.sync.orgChannel.apply(change);
    const mirrorId = b.documents.idByUid(doc.uid)!;

    // The leader, on B, directs; A (the clerk's register) receives it.
    b.handling.record(
      {
        documentId: mirrorId,
        text: 'Giao đồng chí Hoa chủ trì',
        main: { userId: asUser(b, 'chuyenvien').id, dueDate: '2030-12-20' },
        coordinate: [],
        inform: [],
      },
      asUser(b, 'lanhdao'),
    );
    const sentFromB = delivered(b, 'ws-B');
    expect(sentFromB.filter((c) => c.entity === 'directive')).toHaveLength(1);
    for (const change of sentFromB) a.sync.orgChannel.apply(change);
    const onA = a.handling.view(doc.id, { ...asUser(a, 'chuyenvien') });
    expect(onA.directives[0]).toMatchObject({ text: 'Giao đồng chí Hoa chủ trì', leaderName: 'Trần Văn Minh' });
    expect(onA.directives[0]!.lines[0]).toMatchObject({ handlerName: 'Nguyễn Thị Hoa', dueDate: '2030-12-20' });
    expect(a.documents.get(doc.id).dueDate).toBe('2030-12-20');
    expect(leader.id).toBeGreaterThan(0);

    // The handler finishes on A; B sees the line done, with its history, and the document handled.
    a.handling.updateLine(
      { lineId: onA.directives[0]!.lines[0]!.id, status: 'done', note: 'Đã báo cáo' },
      { id: handler.id, username: 'chuyenvien', fullName: 'Nguyễn Thị Hoa', role: 'handler' },
    );
    for (const change of delivered(a, 'ws-A')) b.sync.orgChannel.apply(change);
    const line = b.handling.view(mirrorId, asUser(b, 'lanhdao')).directives[0]!.lines[0]!;
    expect(line.status).toBe('done');
    expect(line.events.map((e) => [e.status, e.note])).toEqual([
      ['waiting', ''],
      ['done', 'Đã báo cáo'],
    ]);
    expect(b.queries.list(DocumentQuery.parse({ direction: 'in', handling: 'done' })).total).toBe(1);
    // Applied once: the same change delivered again changes nothing.
    const before = b.handling.view(mirrorId, asUser(b, 'lanhdao'));
    a.sync.orgChannel.publishAll();
    for (const change of delivered(a, 'ws-A')) b.sync.orgChannel.apply(change);
    expect(b.handling.view(mirrorId, asUser(b, 'lanhdao'))).toEqual(before);

    // The leader reopens on B while the handler, on A, had not seen it: both stay, shown to the clerk.
    b.handling.updateLine({ lineId: line.id, status: 'in_progress', note: 'Bổ sung số liệu' }, asUser(b, 'lanhdao'));
    const reopen = delivered(b, 'ws-B');
    const lineOnA = a.handling.view(doc.id, asUser(a, 'lanhdao')).directives[0]!.lines[0]!;
    a.handling.updateLine({ lineId: lineOnA.id, status: 'in_progress', note: 'Tôi làm tiếp' }, asUser(a, 'lanhdao'));
    delivered(a, 'ws-A');
    for (const change of reopen) a.sync.orgChannel.apply(change);
    const events = a.handling.view(doc.id, asUser(a, 'lanhdao')).directives[0]!.lines[0]!.events;
    expect(events.map((e) => e.note)).toEqual(expect.arrayContaining(['Bổ sung số liệu', 'Tôi làm tiếp']));
    expect(a.sync.orgChannel.conflicts()).toContainEqual(
      expect.objectContaining({
        documentId: doc.id,
        field: 'status',
        localValue: 'in_progress',
        remoteWorkstation: 'ws-B',
      }),
    );
  });

  it('puts the same directive in force on every workstation, whatever order they arrived in', async () => {
    const { a, b, doc } = await leaderAndHandlerOnTwo();
    const mirrorId = b.documents.idByUid(doc.uid)!;
    const direct = (s: Services, documentId: number, text: string, dueDate: string) =>
      s.handling.record(
        { documentId, text, main: { userId: asUser(s, 'chuyenvien').id, dueDate }, coordinate: [], inform: [] },
        asUser(s, 'lanhdao'),
      );

    // Given apart: first on B (offline), then on A; each arrives at the other afterwards.
    direct(b, mirrorId, 'Ý kiến trên máy B', '2030-12-10');
    await new Promise((r) => setTimeout(r, 5));
    direct(a, doc.id, 'Ý kiến trên máy A', '2030-12-20');
    const fromA = delivered(a, 'ws-A');
    for (const change of delivered(b, 'ws-B')) a.sync.orgChannel.apply(change);
    for (const change of fromA) b.sync.orgChannel.apply(change);

    // Both hold both, newest first, and both follow A's, the later one.
    for (const [s, id] of [
      [a, doc.id],
      [b, mirrorId],
    ] as const) {
      const view = s.handling.view(id, asUser(s, 'chuyenvien'));
      expect(view.directives.map((d) => d.text)).toEqual(['Ý kiến trên máy A', 'Ý kiến trên máy B']);
      expect(view.directives.map((d) => d.lines[0]!.canUpdate)).toEqual([true, false]);
      expect(s.documents.get(id).dueDate).toBe('2030-12-20');
    }

    // A register entry mirrored again from A keeps B's deadline following the directives.
    a.documents.update(doc.id, { description: 'Đã trình lãnh đạo' }, 'vanthu');
    for (const change of delivered(a, 'ws-A')) b.sync.orgChannel.apply(change);
    expect(b.documents.get(mirrorId)).toMatchObject({ description: 'Đã trình lãnh đạo', dueDate: '2030-12-20' });

    // A cancels the document while the handler, on B, finishes the line: the line's history
    // keeps it, but a document out of use is not counted as handled.
    a.documents.cancel(doc.id, 'Văn bản gửi nhầm cơ quan', 'vanthu');
    const lineOnB = b.handling.view(mirrorId, asUser(b, 'chuyenvien')).directives[0]!.lines[0]!;
    b.handling.updateLine({ lineId: lineOnB.id, status: 'done', note: 'Đã xong' }, asUser(b, 'chuyenvien'));
    for (const change of delivered(b, 'ws-B')) a.sync.orgChannel.apply(change);
    expect(a.handling.view(doc.id, asUser(a, 'lanhdao')).directives[0]!.lines[0]!.status).toBe('done');
    expect(a.sqlite.prepare('SELECT handled_at FROM documents WHERE id = ?').pluck().get(doc.id)).toBeNull();
    expect(a.queries.list(DocumentQuery.parse({ direction: 'in', handling: 'done' })).total).toBe(0);
  });

  it('a line shows its latest change by time, even when made under a clock that runs ahead', async () => {
    const { a, b, doc } = await leaderAndHandlerOnTwo();
    const userId = (s: Services, username: string) => asUser(s, username).id;
    const leaderOn = (s: Services) => asUser(s, 'lanhdao');
    a.handling.record(
      {
        documentId: doc.id,
        text: 'Giao xử lý',
        main: { userId: userId(a, 'chuyenvien'), dueDate: null },
        coordinate: [],
        inform: [],
      },
      leaderOn(a),
    );
    for (const change of delivered(a, 'ws-A')) b.sync.orgChannel.apply(change);
    const mirrorId = b.documents.idByUid(doc.uid)!;
    const lineB = b.handling.view(mirrorId, leaderOn(b)).directives[0]!.lines[0]!;
    b.handling.updateLine({ lineId: lineB.id, status: 'in_progress', note: 'Đang làm' }, leaderOn(b));
    // B's clock runs two hours ahead: its change is the later one wherever it lands.
    const ahead = delivered(b, 'ws-B').map((c) => {
      if (c.entity !== 'handling.event') return c;
      const at = new Date(Date.parse(String(c.fields.at)) + 2 * 3600_000).toISOString();
      return { ...c, fields: { ...c.fields, at } };
    });
    for (const change of ahead) a.sync.orgChannel.apply(change);
    const lineA = a.handling.view(doc.id, leaderOn(a)).directives[0]!.lines[0]!;
    a.handling.updateLine({ lineId: lineA.id, status: 'done', note: 'Xong' }, leaderOn(a));
    const after = a.handling.view(doc.id, leaderOn(a)).directives[0]!.lines[0]!;
    expect(after.events.map((e) => e.note)).toEqual(expect.arrayContaining(['Đang làm', 'Xong']));
    expect(after.status).toBe('in_progress');
  });

  it('keeps units and who works in them in step', async () => {
    const a = await workstation(true);
    const b = await workstation(false);
    const person = a.transaction(() =>
      a.accounts.create(
        { username: 'an', fullName: 'Nguyễn Văn An', role: 'handler', password: 'MatKhau@2026' },
        'admin',
      ),
    );
    const [unit] = a.transaction(() => a.units.add(1, 'Văn phòng', 'admin'));
    a.transaction(() => a.units.placeUser(person.id, unit!.id, 'admin'));
    a.transaction(() => a.units.rename(unit!.id, 'Văn phòng - Thống kê', 'admin'));
    for (const change of delivered(a, 'ws-A')) b.sync.orgChannel.apply(change);
    expect(b.units.list()).toEqual([expect.objectContaining({ name: 'Văn phòng - Thống kê', people: 1 })]);
    expect(b.handling.people().find((p) => p.fullName === 'Nguyễn Văn An')?.unitName).toBe('Văn phòng - Thống kê');
    // A workstation connecting later receives them with the rest.
    const c = await workstation(false);
    a.sync.orgChannel.publishAll();
    for (const change of delivered(a, 'ws-A')) c.sync.orgChannel.apply(change);
    expect(c.units.list().map((u) => u.name)).toEqual(['Văn phòng - Thống kê']);
  });

  it("keeps another organisation's units, and places in them, off the channel", async () => {
    const a = await workstation(true);
    const party = a.transaction(() =>
      a.organisations.add(
        SetupInput.omit({ admin: true }).parse({
          organisation: { name: 'Đảng ủy xã Hòa Bình', organId: '000.00.00.H42', abbreviation: 'ĐU', regime: 'party' },
          term: { name: '2025-2030', startDate: '2025-10-01', endDate: null },
        }),
        'admin',
      ),
    );
    const partyId = a.organisations.list().find((o) => o.organId === '000.00.00.H42')!.id;
    expect(party).toBeTruthy();
    const person = a.transaction(() =>
      a.accounts.create(
        { username: 'an', fullName: 'Nguyễn Văn An', role: 'handler', password: 'MatKhau@2026' },
        'admin',
      ),
    );
    delivered(a, 'ws-A');
    const units = a.transaction(() => a.units.add(partyId, 'Ban Tuyên giáo', 'admin'));
    a.transaction(() => a.units.placeUser(person.id, units[0]!.id, 'admin'));
    expect(delivered(a, 'ws-A')).toEqual([]);
    a.sync.orgChannel.publishAll();
    expect(delivered(a, 'ws-A').filter((c) => c.entity === 'unit' || c.entity === 'placement')).toEqual([]);
  });

  it('keeps directives on secret documents on the machine', async () => {
    const a = await workstation(true);
    const info = a.transaction(() =>
      a.accounts.create(
        { username: 'lanhdao', fullName: 'Trần Văn Minh', role: 'leader', password: 'MatKhau@2026' },
        'admin',
      ),
    );
    const secret = a.documents.create(
      DocumentFields.parse({ direction: 'in', typeName: 'Công văn', subject: 'Văn bản mật', secrecy: 'mat' }),
      [],
      'vanthu',
    ).document;
    delivered(a, 'ws-A');
    a.handling.record(
      {
        documentId: secret.id,
        text: 'Giao xử lý',
        main: { userId: info.id, dueDate: null },
        coordinate: [],
        inform: [],
      },
      { id: info.id, username: 'lanhdao', fullName: 'Trần Văn Minh', role: 'leader' },
    );
    expect(delivered(a, 'ws-A')).toEqual([]);
  });

  it('brings accounts to the other workstations; a same-named different account is kept as a conflict', async () => {
    const a = await workstation(true);
    const b = await workstation(false);
    a.transaction(() =>
      a.accounts.create(
        { username: 'lanhdao', fullName: 'Trần Văn Minh', role: 'leader', password: 'MatKhau@2026' },
        'admin',
      ),
    );
    for (const change of delivered(a, 'ws-A')) b.sync.orgChannel.apply(change);
    // The leader signs in on B with the password set on A.
    expect(b.accounts.signIn('lanhdao', 'MatKhau@2026')).toMatchObject({ fullName: 'Trần Văn Minh', role: 'leader' });
    expect(() => b.accounts.signIn('lanhdao', 'sai')).toThrow();
    // Both workstations were set up with their own "admin": B keeps its own, the clash is shown.
    expect(b.accounts.signIn('admin', 'matkhau123')).toMatchObject({ username: 'admin' });
    expect(b.sync.orgChannel.conflicts()).toEqual([
      expect.objectContaining({
        field: 'account',
        localValue: 'Nguyễn Văn An (administrator)',
        remoteWorkstation: 'ws-A',
      }),
    ]);
  });
});
