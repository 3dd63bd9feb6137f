import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, createHandlers, SessionSlot } from '../../../src-main/core';
import type { Services } from '../../../src-main/core/services';
import { DocumentFields, DocumentQuery, type DocumentQueryInput } from '../../../src-shared/ipc/schemas';
import type { DocumentHandling } from '../../../src-shared/ipc/handling';
import type { Result } from '../../../src-shared/ipc/errors';
import { freshServices, STATE_SETUP, tempDir } from './helpers';

// Wednesday 02/12/2026, 09:00 in Vietnam.
const NOW = new Date('2026-12-02T02:00:00Z');

let s: Services;
let dispatch: ReturnType<typeof createDispatcher>;
const sessions: Record<string, SessionSlot> = {};
const ids: Record<string, number> = {};

async function as<T>(who: string, name: string, input: unknown): Promise<T> {
  const result = (await dispatch(name, input, sessions[who]!)) as Result<T>;
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value;
}

async function refused(who: string, name: string, input: unknown): Promise<string> {
  const result = await dispatch(name, input, sessions[who]!);
  if (result.ok) throw new Error(`${name} by ${who} was accepted`);
  return result.error.code;
}

function incoming(fields: Partial<DocumentFields> = {}): number {
  return s.documents.create(
    DocumentFields.parse({
      direction: 'in',
      typeName: 'Công văn',
      subject: 'Về việc báo cáo kết quả chuyển đổi số',
      organName: 'UBND huyện Hòa Vang',
      arrivalDate: '2026-12-01',
      ...fields,
    }),
    [],
    'vanthu',
  ).document.id;
}

function count(q: DocumentQueryInput): number {
  return s.queries.list(DocumentQuery.parse({ direction: 'in', limit: 1, ...q })).total;
}

beforeEach(async () => {
  s = freshServices(STATE_SETUP, tempDir(), () => NOW);
  dispatch = createDispatcher(createHandlers(s), { accounts: s.accounts });
  const people = [
    ['vanthu', 'Lê Thị Văn Thư', 'clerk'],
    ['lanhdao', 'Trần Văn Chủ Tịch', 'leader'],
    ['phochu', 'Phạm Phó Chủ Tịch', 'leader'],
    ['chuyenvien', 'Nguyễn Chuyên Viên', 'handler'],
    ['phoihop', 'Đỗ Phối Hợp', 'handler'],
    ['debiet', 'Hoàng Để Biết', 'handler'],
  ] as const;
  for (const [username, fullName, role] of people) {
    ids[username] = s.transaction(() =>
      s.accounts.create({ username, fullName, role, password: 'matkhau123' }, 'admin'),
    ).id;
  }
  for (const who of ['admin', ...people.map((p) => p[0])]) {
    sessions[who] = new SessionSlot();
    const password = 'matkhau123';
    await as(who, 'auth.signIn', { username: who, password });
  }
});
afterEach(() => s.close());

describe('directives and handling lines', () => {
  it('a leader directs, the handler completes, the boxes follow', async () => {
    const id = incoming();
    expect(count({ handling: 'open' })).toBe(1);
    const before = await as<DocumentHandling>('lanhdao', 'handling.get', { id });
    // Ordinary Công văn: ten working days from 02/12/2026 is 16/12/2026.
    expect(before).toMatchObject({ canDirect: true, directives: [], suggestedDue: '2026-12-16' });

    const directed = await as<DocumentHandling>('lanhdao', 'directive.record', {
      documentId: id,
      text: 'Giao đồng chí Chuyên Viên chủ trì tham mưu báo cáo; đồng chí Phối Hợp phối hợp.',
      main: { userId: ids.chuyenvien, dueDate: '2026-12-04' },
      coordinate: [{ userId: ids.phoihop }],
      inform: [{ userId: ids.debiet }],
    });
    const [directive] = directed.directives;
    expect(directive).toMatchObject({ leaderName: 'Trần Văn Chủ Tịch', onBehalf: false });
    expect(directive!.lines.map((l) => [l.handlerName, l.part, l.dueDate, l.status, l.deadline])).toEqual([
      ['Nguyễn Chuyên Viên', 'main', '2026-12-04', 'waiting', 'near'],
      ['Đỗ Phối Hợp', 'coordinate', '2026-12-04', 'waiting', 'near'],
      ['Hoàng Để Biết', 'inform', null, 'waiting', 'none'],
    ]);
    // The main line's deadline is the register's "Hạn xử lý".
    expect(s.documents.get(id).dueDate).toBe('2026-12-04');
    expect(count({ handling: 'near' })).toBe(1);
    expect(count({ handling: 'open', handlerId: ids.chuyenvien })).toBe(1);
    expect(count({ handling: 'open', handlerId: ids.vanthu })).toBe(0);

    const main = directive!.lines[0]!;
    // Someone else's line: refused by the engine, not only hidden on the screen.
    expect(await refused('phoihop', 'handling.updateLine', { lineId: main.id, status: 'done' })).toBe('FORBIDDEN');
    await as('chuyenvien', 'handling.updateLine', { lineId: main.id, status: 'in_progress' });
    const done = await as<DocumentHandling>('chuyenvien', 'handling.updateLine', {
      lineId: main.id,
      status: 'done',
      note: 'Đã báo cáo',
    });
    expect(done.directives[0]!.lines[0]!.events.map((e) => [e.status, e.actor])).toEqual([
      ['waiting', 'Trần Văn Chủ Tịch'],
      ['in_progress', 'Nguyễn Chuyên Viên'],
      ['done', 'Nguyễn Chuyên Viên'],
    ]);
    expect(count({ handling: 'open' })).toBe(0);
    expect(count({ handling: 'near' })).toBe(0);
    expect(count({ handling: 'done' })).toBe(1);
    expect(count({ handling: 'done', handlerId: ids.chuyenvien })).toBe(1);
    // The coordinating line is still the coordinator's to close.
    expect(count({ handling: 'open', handlerId: ids.phoihop })).toBe(1);
    expect(s.audit.recent(5).map((e) => [e.actor, e.action])).toContainEqual(['chuyenvien', 'handling.update']);
  });

  it('a clerk records a directive on a leader’s behalf, and it says so', async () => {
    const id = incoming({ urgency: 'thuong_khan' });
    const missing = await dispatch(
      'directive.record',
      { documentId: id, text: 'Giao xử lý', main: { userId: ids.chuyenvien } },
      sessions.vanthu!,
    );
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // A leader's name is required, and it must be a leader's.
    expect(
      await refused('vanthu', 'directive.record', {
        documentId: id,
        text: 'Giao xử lý',
        leaderId: ids.phoihop,
        main: { userId: ids.chuyenvien },
      }),
    ).toBe('VALIDATION');
    const h = await as<DocumentHandling>('vanthu', 'directive.record', {
      documentId: id,
      text: 'Giao xử lý gấp',
      leaderId: ids.lanhdao,
      main: { userId: ids.chuyenvien },
    });
    // Thượng khẩn: the next working day; the directive names who typed it.
    expect(h.directives[0]).toMatchObject({ onBehalf: true, recordedByName: 'Lê Thị Văn Thư' });
    expect(h.directives[0]!.lines[0]!.dueDate).toBe('2026-12-03');
    const entry = s.audit.recent(1)[0]!;
    expect([entry.actor, entry.action, JSON.parse(entry.details).onBehalf]).toEqual([
      'vanthu',
      'directive.record',
      true,
    ]);
  });

  it('refuses directives from roles that do not direct, and bad lines, changing nothing', async () => {
    const id = incoming();
    const input = { documentId: id, text: 'Giao xử lý', main: { userId: ids.chuyenvien } };
    expect(await refused('chuyenvien', 'directive.record', input)).toBe('FORBIDDEN');
    expect(await refused('admin', 'directive.record', input)).toBe('FORBIDDEN');
    expect(await refused('lanhdao', 'directive.record', { ...input, leaderId: ids.phochu })).toBe('FORBIDDEN');
    expect(await refused('lanhdao', 'directive.record', { ...input, coordinate: [{ userId: ids.chuyenvien }] })).toBe(
      'VALIDATION',
    );
    expect(
      await refused('lanhdao', 'directive.record', {
        ...input,
        main: { userId: ids.chuyenvien, dueDate: '2026-11-30' },
      }),
    ).toBe('VALIDATION');
    expect(await refused('lanhdao', 'directive.record', { ...input, main: { userId: ids.admin } })).toBe('VALIDATION');
    expect(await refused('lanhdao', 'directive.record', { ...input, text: '  ' })).toBe('VALIDATION');
    const out = s.documents.create(
      DocumentFields.parse({ direction: 'out', typeName: 'Công văn', subject: 'Trả lời' }),
      [],
      'vanthu',
    ).document.id;
    expect(await refused('lanhdao', 'directive.record', { ...input, documentId: out })).toBe('CONFLICT');
    expect((await as<DocumentHandling>('lanhdao', 'handling.get', { id })).directives).toEqual([]);
    expect(s.documents.get(id).dueDate).toBeNull();
  });

  it('keeps each line’s own status: returned needs a reason, a new directive supersedes', async () => {
    const id = incoming({ arrivalDate: '2026-11-20' });
    const first = await as<DocumentHandling>('lanhdao', 'directive.record', {
      documentId: id,
      text: 'Giao chủ trì',
      main: { userId: ids.chuyenvien, dueDate: '2026-12-01' },
    });
    expect(first.directives[0]!.lines[0]!.deadline).toBe('overdue');
    expect(count({ handling: 'overdue' })).toBe(1);
    expect(count({ handling: 'overdue', handlerId: ids.chuyenvien })).toBe(1);
    const line = first.directives[0]!.lines[0]!.id;
    expect(await refused('chuyenvien', 'handling.updateLine', { lineId: line, status: 'returned' })).toBe('VALIDATION');
    await as('chuyenvien', 'handling.updateLine', { lineId: line, status: 'returned', note: 'Không thuộc lĩnh vực' });
    expect(await refused('chuyenvien', 'handling.updateLine', { lineId: line, status: 'done' })).toBe('CONFLICT');

    const second = await as<DocumentHandling>('lanhdao', 'directive.record', {
      documentId: id,
      text: 'Giao lại',
      main: { userId: ids.phoihop, dueDate: '2026-12-10' },
    });
    expect(second.directives.map((d) => d.text)).toEqual(['Giao lại', 'Giao chủ trì']);
    expect(second.directives[1]!.lines[0]).toMatchObject({ status: 'returned', canUpdate: false });
    expect(count({ handling: 'overdue' })).toBe(0);
    expect(count({ handling: 'open', handlerId: ids.chuyenvien })).toBe(0);
    expect(s.documents.get(id).dueDate).toBe('2026-12-10');
    // A leader may move anyone's line (the event names the leader).
    const next = second.directives[0]!.lines[0]!.id;
    const after = await as<DocumentHandling>('phochu', 'handling.updateLine', { lineId: next, status: 'done' });
    expect(after.directives[0]!.lines[0]!.events.at(-1)).toMatchObject({ status: 'done', actor: 'Phạm Phó Chủ Tịch' });
  });

  it('links an outgoing reply, and refuses an incoming one', async () => {
    const id = incoming();
    const h = await as<DocumentHandling>('lanhdao', 'directive.record', {
      documentId: id,
      text: 'Giao trả lời',
      main: { userId: ids.chuyenvien },
    });
    const line = h.directives[0]!.lines[0]!.id;
    const reply = s.documents.create(
      DocumentFields.parse({ direction: 'out', typeName: 'Công văn', subject: 'Trả lời', codeNotation: 'UBND-VP' }),
      [],
      'vanthu',
    ).document.id;
    expect(
      await refused('chuyenvien', 'handling.updateLine', { lineId: line, status: 'done', replyDocumentId: id }),
    ).toBe('VALIDATION');
    const done = await as<DocumentHandling>('chuyenvien', 'handling.updateLine', {
      lineId: line,
      status: 'done',
      replyDocumentId: reply,
    });
    expect(done.directives[0]!.lines[0]!.replyDocumentId).toBe(reply);
  });

  it('takes a cancelled (recalled) document out of everyone’s boxes, keeping its history', async () => {
    const id = incoming();
    const h = await as<DocumentHandling>('lanhdao', 'directive.record', {
      documentId: id,
      text: 'Giao xử lý',
      main: { userId: ids.chuyenvien },
    });
    expect(count({ handling: 'open', handlerId: ids.chuyenvien })).toBe(1);
    s.documents.cancel(id, 'Thu hồi theo đề nghị của nơi gửi', 'vanthu');
    expect(count({ handling: 'open', handlerId: ids.chuyenvien })).toBe(0);
    expect(count({ handling: 'open' })).toBe(0);
    const line = h.directives[0]!.lines[0]!.id;
    expect(await refused('chuyenvien', 'handling.updateLine', { lineId: line, status: 'done' })).toBe('CONFLICT');
    const after = await as<DocumentHandling>('chuyenvien', 'handling.get', { id });
    expect(after.directives[0]!.lines[0]).toMatchObject({ status: 'waiting', canUpdate: false });
    expect(after.canDirect).toBe(false);
  });
});

describe('deadlines by type', () => {
  it('give an ordinary document its type’s working days, set by the administrator', async () => {
    const id = incoming({ typeName: 'Thông báo' });
    const type = s.types.list().find((x) => x.name === 'Thông báo' && x.regime !== 'party')!;
    expect(
      await refused('vanthu', 'documentType.update', {
        id: type.id,
        name: type.name,
        code: type.code,
        handlingDays: 3,
      }),
    ).toBe('FORBIDDEN');
    await as('admin', 'documentType.update', { id: type.id, name: type.name, code: type.code, handlingDays: 3 });
    // Three working days from Wednesday 02/12/2026.
    expect((await as<DocumentHandling>('lanhdao', 'handling.get', { id })).suggestedDue).toBe('2026-12-07');
    expect(
      await refused('admin', 'documentType.update', {
        id: type.id,
        name: type.name,
        code: type.code,
        handlingDays: 200,
      }),
    ).toBe('VALIDATION');
    await as('admin', 'documentType.update', { id: type.id, name: type.name, code: type.code, handlingDays: null });
    expect((await as<DocumentHandling>('lanhdao', 'handling.get', { id })).suggestedDue).toBe('2026-12-16');
  });
});

describe('the calendar of days off', () => {
  it('starts with the legal holidays and is the administrator’s to edit', async () => {
    const list = await as<{ date: string; name: string }[]>('vanthu', 'holiday.list', {});
    expect(list.find((h) => h.date === '2026-02-17')?.name).toContain('Tết Nguyên đán');
    expect(await refused('vanthu', 'holiday.set', { date: '2026-12-03', name: 'Nghỉ' })).toBe('FORBIDDEN');
    expect(await refused('lanhdao', 'holiday.remove', { date: '2026-02-17' })).toBe('FORBIDDEN');
    // Thursday 03/12/2026 made a day off: ten working days from today move by one.
    await as('admin', 'holiday.set', { date: '2026-12-03', name: 'Ngày nghỉ của tỉnh' });
    const id = incoming();
    expect((await as<DocumentHandling>('lanhdao', 'handling.get', { id })).suggestedDue).toBe('2026-12-17');
    await as('admin', 'holiday.remove', { date: '2026-12-03' });
    expect((await as<DocumentHandling>('lanhdao', 'handling.get', { id })).suggestedDue).toBe('2026-12-16');
    expect(await refused('admin', 'holiday.remove', { date: '2026-12-03' })).toBe('NOT_FOUND');
  });
});
