/**
 * Handling an incoming document: a leader's directive names one main handler (chủ trì),
 * coordinating handlers (phối hợp) and people for information (để biết), each a line with its
 * own deadline and status; every change of a line is kept as an event. The document follows its
 * newest directive's main line: its deadline becomes the register's "Hạn xử lý", and it counts
 * as handled (Đã xử lý) once that line is done.
 */
import { uuidV7 } from '../db/uuid';
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { User } from '../../../src-shared/ipc/schemas';
import type {
  DirectiveView,
  DocumentHandling,
  HandlingLine,
  LinePart,
  LineStatus,
  LineUpdate,
  NewDirective,
  Person,
} from '../../../src-shared/ipc/handling';
import { addWorkingDays, deadlineState, handlingDays } from '../../../src-shared/domain/working-days';
import type { Urgency } from '../../../src-shared/domain/enums';
import { numberNotationOf } from '../../../src-shared/domain/notation';
import type { AuditLog } from '../audit';
import type { Sqlite } from '../db/open';
import type { Calendar } from './calendar';
import { createHandlingChannel, firstEventUid } from './channel';
import { directiveInForce } from './in-force';
import { compareVietnamese } from '../../../src-shared/domain/collate';

/** Which status a line may move to from which (a returned line waits for a new directive). */
const NEXT: Record<LineStatus, readonly LineStatus[]> = {
  waiting: ['in_progress', 'done', 'returned'],
  in_progress: ['done', 'returned'],
  done: ['in_progress'],
  returned: [],
};

const MESSAGES = {
  notIncoming: 'Chỉ văn bản đến đã vào sổ mới có ý kiến chỉ đạo và người xử lý.',
  leaderMissing: 'Hãy chọn lãnh đạo cho ý kiến chỉ đạo (văn thư ghi thay lãnh đạo).',
  notLeader: 'Người được ghi là lãnh đạo chỉ đạo phải có vai trò Lãnh đạo.',
  ownDirectiveOnly: 'Lãnh đạo chỉ ghi ý kiến chỉ đạo của chính mình.',
  personGone: 'Người được giao không còn trong danh sách tài khoản đang hoạt động.',
  twice: 'Mỗi người chỉ được giao một vai trò trong một ý kiến chỉ đạo.',
  dueBeforeArrival: 'Hạn xử lý không được trước ngày đến của văn bản.',
  lineGone: 'Không tìm thấy dòng xử lý này.',
  notYourLine: 'Chỉ người được giao (hoặc lãnh đạo) mới cập nhật được trạng thái xử lý này.',
  replyNotOutgoing: 'Văn bản trả lời phải là một văn bản đi trong sổ.',
  superseded: 'Ý kiến chỉ đạo này đã được thay bằng ý kiến mới; hãy xử lý theo ý kiến mới.',
  outOfUse: 'Văn bản đã bị hủy hoặc thu hồi nên không còn xử lý nữa; lịch sử xử lý vẫn được giữ.',
};

const STATUS_WORDS: Record<LineStatus, string> = {
  waiting: 'chờ xử lý',
  in_progress: 'đang xử lý',
  done: 'đã xử lý',
  returned: 'trả lại',
};

export type HandlingChange = { kind: 'directive'; id: number } | { kind: 'event'; id: number };

interface LineRow {
  id: number;
  directiveId: number;
  documentId: number;
  userId: number;
  part: LinePart;
  dueDate: string | null;
  status: LineStatus;
  replyDocumentId: number | null;
}

interface DocumentRow {
  id: number;
  direction: string;
  status: string;
  urgency: Urgency;
  typeName: string;
  registerDate: string;
}

export function createHandling(
  sqlite: Sqlite,
  deps: { calendar: Calendar; audit: AuditLog; transaction: <T>(work: () => T) => T },
) {
  const { calendar, audit, transaction } = deps;
  const people = sqlite.prepare(`
    SELECT u.id, u.full_name AS fullName, u.role, coalesce(n.name, '') AS unitName
    FROM users u LEFT JOIN units n ON n.id = u.unit_id
    WHERE u.disabled = 0 AND u.role != 'administrator' ORDER BY u.id`);
  const person = sqlite.prepare(`
    SELECT u.id, u.full_name AS fullName, u.role, coalesce(n.name, '') AS unitName, u.disabled
    FROM users u LEFT JOIN units n ON n.id = u.unit_id WHERE u.id = ?`);
  const documentRow = sqlite.prepare(`
    SELECT id, direction, status, urgency, type_name AS typeName, register_date AS registerDate
    FROM documents WHERE id = ?`);
  const typeDays = sqlite.prepare('SELECT max(handling_days) FROM document_types WHERE name = ?').pluck();
  const insertDirective = sqlite.prepare(
    'INSERT INTO directives (uid, document_id, text, leader_id, recorded_by, directed_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertLine = sqlite.prepare(
    'INSERT INTO handling_lines (uid, directive_id, document_id, user_id, part, due_date, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertEvent = sqlite.prepare(
    'INSERT INTO handling_events (uid, line_id, status, note, actor, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const directivesOf = sqlite.prepare(`
    SELECT d.id, d.text, d.directed_at AS directedAt, d.leader_id AS leaderId, d.recorded_by AS recordedBy,
      l.full_name AS leaderName, r.full_name AS recordedByName
    FROM directives d JOIN users l ON l.id = d.leader_id JOIN users r ON r.id = d.recorded_by
    WHERE d.document_id = ? ORDER BY d.directed_at DESC, d.uid DESC`);
  const linesOf = sqlite.prepare(`
    SELECT h.id, h.directive_id AS directiveId, h.document_id AS documentId, h.user_id AS userId, h.part,
      h.due_date AS dueDate, h.status, h.reply_document_id AS replyDocumentId,
      u.full_name AS handlerName, coalesce(n.name, '') AS unitName,
r.code_number AS replyNumber, r.code_notation AS replyNotation
    FROM handling_lines h JOIN users u ON u.id = h.user_id LEFT JOIN units n ON n.id = u.unit_id
      LEFT JOIN documents r ON r.id = h.reply_document_id
    WHERE h.document_id = ?
    ORDER BY h.directive_id DESC, CASE h.part WHEN 'main' THEN 0 WHEN 'coordinate' THEN 1 ELSE 2 END, h.id`);
  // The history names people as the screen does (full names); an account since removed keeps
  // the username it acted under.
  const eventsOf = sqlite.prepare(`
    SELECT e.status, e.note, coalesce(u.full_name, e.actor) AS actor, e.at
    FROM handling_events e LEFT JOIN users u ON u.username = e.actor WHERE e.line_id = ? ORDER BY e.id`);
  const lineById = sqlite.prepare(`
    SELECT id, directive_id AS directiveId, document_id AS documentId, user_id AS userId, part,
      due_date AS dueDate, status, reply_document_id AS replyDocumentId
    FROM handling_lines WHERE id = ?`);
  const latestDirective = sqlite.prepare(`SELECT ${directiveInForce('?')}`).pluck();
  const directiveById = sqlite.prepare(
    'SELECT text, leader_id AS leaderId, recorded_by AS recordedBy FROM directives WHERE id = ?',
  );
  const linesOfDirective = sqlite.prepare(`
    SELECT id, directive_id AS directiveId, document_id AS documentId, user_id AS userId, part,
      due_date AS dueDate, status, reply_document_id AS replyDocumentId
    FROM handling_lines WHERE directive_id = ? ORDER BY id`);
  const mainLine = sqlite.prepare(
    "SELECT due_date AS dueDate, status, updated_at AS updatedAt FROM handling_lines WHERE directive_id = ? AND part = 'main'",
  );
  const setLine = sqlite.prepare(
    'UPDATE handling_lines SET status = ?, reply_document_id = ?, updated_at = ? WHERE id = ?',
  );
  const setDocumentHandling = sqlite.prepare(
    "UPDATE documents SET due_date = ?, handled_at = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?",
  );
  const outgoing = sqlite.prepare("SELECT 1 FROM documents WHERE id = ? AND direction = 'out'").pluck();

  function requireDocument(id: number): DocumentRow {
    const doc = documentRow.get(id) as DocumentRow | undefined;
    if (!doc) throw new VanThuError('NOT_FOUND', 'Không tìm thấy văn bản này.');
    return doc;
  }

  function activePerson(id: number): Person {
    const p = person.get(id) as (Person & { disabled: number }) | undefined;
    if (!p || p.disabled || p.role === 'administrator') throw new VanThuError('VALIDATION', MESSAGES.personGone);
    const { disabled: _d, ...rest } = p;
    return rest;
  }

  function suggestedDue(doc: DocumentRow): string {
    const days = handlingDays(doc.urgency, typeDays.get(doc.typeName) as number | null);
    // Counted from the day it arrived, or from today for a document registered late.
    const start = doc.registerDate > calendar.today() ? doc.registerDate : calendar.today();
    return addWorkingDays(start, days, calendar.holidays());
  }

  function mayDirect(user: User): boolean {
    return user.role === 'leader' || user.role === 'clerk';
  }

  /**
   * The document's deadline and "handled" mark, from the main line of its directive in force.
   * A document out of use (cancelled, recalled) keeps the marks it had when it left.
   */
  function refreshDocument(documentId: number): void {
    const doc = documentRow.get(documentId) as DocumentRow | undefined;
    if (!doc || doc.direction !== 'in' || doc.status !== 'registered') return;
    const directiveId = latestDirective.get(documentId) as number | null;
    if (directiveId === null) return;
    const main = mainLine.get(directiveId) as { dueDate: string | null; status: LineStatus; updatedAt: string };
    // Done when the line was marked done (on whichever workstation), not when this one heard.
    const handledAt = main.status === 'done' ? main.updatedAt : null;
    setDocumentHandling.run(main.dueDate, handledAt, documentId);
  }

  /** Told of each directive and line change, inside its transaction (the organisation channel). */
  const listeners: ((change: HandlingChange) => void)[] = [];
  const channel = createHandlingChannel(sqlite, { refresh: refreshDocument });

  function view(documentId: number, user: User): DocumentHandling {
    const doc = requireDocument(documentId);
    const today = calendar.today();
    const holidays = calendar.holidays();
    const latest = latestDirective.get(documentId) as number | null;
    const lines = (
      linesOf.all(documentId) as (LineRow &
        Omit<HandlingLine, keyof LineRow> & { replyNumber: number | null; replyNotation: string | null })[]
    ).map((l): HandlingLine & { directiveId: number } => ({
      id: l.id,
      directiveId: l.directiveId,
      userId: l.userId,
      handlerName: l.handlerName,
      unitName: l.unitName,
      part: l.part,
      dueDate: l.dueDate,
      status: l.status,
      deadline:
        l.status === 'done' || l.status === 'returned' || l.part === 'inform'
          ? 'none'
          : deadlineState(l.dueDate, today, holidays),
      replyDocumentId: l.replyDocumentId,
      replyLabel: l.replyNotation === null ? null : `Số ${numberNotationOf(l.replyNumber, l.replyNotation)}`,
      canUpdate:
        doc.status === 'registered' &&
        l.directiveId === latest &&
        NEXT[l.status].length > 0 &&
        (l.userId === user.id || user.role === 'leader'),
      events: eventsOf.all(l.id) as HandlingLine['events'],
    }));
    const directives = (
      directivesOf.all(documentId) as (Omit<DirectiveView, 'lines' | 'onBehalf'> & {
        leaderId: number;
        recordedBy: number;
      })[]
    ).map(({ leaderId, recordedBy, ...d }) => ({
      ...d,
      onBehalf: leaderId !== recordedBy,
      lines: lines.filter((l) => l.directiveId === d.id).map(({ directiveId: _d, ...l }) => l),
    }));
    return {
      documentId,
      suggestedDue: suggestedDue(doc),
      directives,
      canDirect: doc.direction === 'in' && doc.status === 'registered' && mayDirect(user),
    };
  }

  return {
    observe(listener: (change: HandlingChange) => void): void {
      listeners.push(listener);
    },
    /** Snapshots to send and changes received, for the organisation channel. */
    channel,

    /** Who a directive may name: every active account but the administrators'. */
    people(): Person[] {
      return (people.all() as Person[]).sort((a, b) => compareVietnamese(a.fullName, b.fullName));
    },

    view,

    /** Recomputes the register's deadline and "handled" mark (after a mirrored register entry). */
    refresh: refreshDocument,

    record(input: NewDirective, user: User): DocumentHandling {
      return transaction(() => {
        const doc = requireDocument(input.documentId);
        if (doc.direction !== 'in' || doc.status !== 'registered')
          throw new VanThuError('CONFLICT', MESSAGES.notIncoming);
        if (!mayDirect(user)) throw new VanThuError('FORBIDDEN', 'Tài khoản của bạn không ghi được ý kiến chỉ đạo.');
        let leaderId: number;
        if (user.role === 'leader') {
          if (input.leaderId !== undefined && input.leaderId !== user.id)
            throw new VanThuError('FORBIDDEN', MESSAGES.ownDirectiveOnly);
          leaderId = user.id;
        } else {
          if (input.leaderId === undefined)
            throw new VanThuError('VALIDATION', MESSAGES.leaderMissing, [
              { path: 'leaderId', message: MESSAGES.leaderMissing },
            ]);
          if (activePerson(input.leaderId).role !== 'leader')
            throw new VanThuError('VALIDATION', MESSAGES.notLeader, [
              { path: 'leaderId', message: MESSAGES.notLeader },
            ]);
          leaderId = input.leaderId;
        }
        const mainDue = input.main.dueDate ?? suggestedDue(doc);
        const lines: { userId: number; part: LinePart; dueDate: string | null }[] = [
          { userId: input.main.userId, part: 'main', dueDate: mainDue },
          ...input.coordinate.map((c) => ({
            userId: c.userId,
            part: 'coordinate' as const,
            dueDate: c.dueDate ?? mainDue,
          })),
          ...input.inform.map((i) => ({ userId: i.userId, part: 'inform' as const, dueDate: null })),
        ];
        const seen = new Set<number>();
        for (const [i, line] of lines.entries()) {
          activePerson(line.userId);
          if (seen.has(line.userId)) throw new VanThuError('VALIDATION', MESSAGES.twice);
          seen.add(line.userId);
          if (line.dueDate !== null && line.dueDate < doc.registerDate) {
            const path = i === 0 ? 'main.dueDate' : `coordinate.${i - 1}.dueDate`;
            throw new VanThuError('VALIDATION', MESSAGES.dueBeforeArrival, [
              { path, message: MESSAGES.dueBeforeArrival },
            ]);
          }
        }
        const at = calendar.now().toISOString();
        const directiveId = Number(
          insertDirective.run(uuidV7(), doc.id, input.text, leaderId, user.id, at).lastInsertRowid,
        );
        for (const line of lines) {
          const lineUid = uuidV7();
          const lineId = Number(
            insertLine.run(lineUid, directiveId, doc.id, line.userId, line.part, line.dueDate, at).lastInsertRowid,
          );
          insertEvent.run(firstEventUid(lineUid), lineId, 'waiting', '', user.username, at);
        }
        refreshDocument(doc.id);
        audit.append({
          actor: user.username,
          action: 'directive.record',
          entity: 'document',
          entityId: doc.id,
          details: {
            directiveId,
            leaderId,
            onBehalf: leaderId !== user.id,
            lines: lines.map((l) => ({ userId: l.userId, part: l.part, dueDate: l.dueDate })),
          },
        });
        for (const listener of listeners) listener({ kind: 'directive', id: directiveId });
        return view(doc.id, user);
      });
    },

    /**
     * A registered document replaced (or updated) by its sender: the directive in force on the
     * earlier one goes on to the new one, the same leader, people, deadlines and statuses, so
     * nobody's work is lost; each line's history says where it came from. The earlier document
     * keeps its own history. Nothing to carry: false.
     */
    carryOver(fromDocumentId: number, toDocumentId: number, actor: string, note: string): boolean {
      return transaction(() => {
        const from = latestDirective.get(fromDocumentId) as number | null;
        if (from === null) return false;
        const directive = directiveById.get(from) as { text: string; leaderId: number; recordedBy: number };
        const at = calendar.now().toISOString();
        const directiveId = Number(
          insertDirective.run(uuidV7(), toDocumentId, directive.text, directive.leaderId, directive.recordedBy, at)
            .lastInsertRowid,
        );
        const events: number[] = [];
        for (const line of linesOfDirective.all(from) as LineRow[]) {
          const lineUid = uuidV7();
          const lineId = Number(
            insertLine.run(lineUid, directiveId, toDocumentId, line.userId, line.part, line.dueDate, at)
              .lastInsertRowid,
          );
          insertEvent.run(firstEventUid(lineUid), lineId, 'waiting', note, actor, at);
          if (line.status !== 'waiting') {
            events.push(Number(insertEvent.run(uuidV7(), lineId, line.status, note, actor, at).lastInsertRowid));
            setLine.run(line.status, line.replyDocumentId, at, lineId);
          }
        }
        refreshDocument(toDocumentId);
        audit.append({
          actor,
          action: 'directive.carryOver',
          entity: 'document',
          entityId: toDocumentId,
          details: { fromDocumentId, directiveId },
        });
        for (const listener of listeners) {
          listener({ kind: 'directive', id: directiveId });
          for (const id of events) listener({ kind: 'event', id });
        }
        return true;
      });
    },

    updateLine(input: LineUpdate, user: User): DocumentHandling {
      return transaction(() => {
        const line = lineById.get(input.lineId) as LineRow | undefined;
        if (!line) throw new VanThuError('NOT_FOUND', MESSAGES.lineGone);
        if (requireDocument(line.documentId).status !== 'registered')
          throw new VanThuError('CONFLICT', MESSAGES.outOfUse);
        if (line.userId !== user.id && user.role !== 'leader') throw new VanThuError('FORBIDDEN', MESSAGES.notYourLine);
        if (latestDirective.get(line.documentId) !== line.directiveId)
          throw new VanThuError('CONFLICT', MESSAGES.superseded);
        if (!NEXT[line.status].includes(input.status)) {
          throw new VanThuError(
            'CONFLICT',
            `Dòng xử lý đang ở trạng thái "${STATUS_WORDS[line.status]}", không chuyển sang "${STATUS_WORDS[input.status]}" được.`,
          );
        }
        let reply = line.replyDocumentId;
        if (input.replyDocumentId !== undefined) {
          if (input.replyDocumentId !== null && !outgoing.get(input.replyDocumentId))
            throw new VanThuError('VALIDATION', MESSAGES.replyNotOutgoing, [
              { path: 'replyDocumentId', message: MESSAGES.replyNotOutgoing },
            ]);
          reply = input.replyDocumentId;
        }
        const at = calendar.now().toISOString();
        const eventId = Number(
          insertEvent.run(uuidV7(), line.id, input.status, input.note, user.username, at).lastInsertRowid,
        );
        // The line shows its latest event by time, as on every other workstation: a change made
        // elsewhere under a clock that runs ahead still stands, and this one joins the history.
        const latest = channel.latestOf(line.id);
        setLine.run(latest.status, reply, latest.at, line.id);
        const onBehalf = line.userId !== user.id;
        if (line.part === 'main') refreshDocument(line.documentId);
        audit.append({
          actor: user.username,
          action: 'handling.update',
          entity: 'document',
          entityId: line.documentId,
          details: { lineId: line.id, from: line.status, to: input.status, onBehalf, replyDocumentId: reply },
        });
        for (const listener of listeners) listener({ kind: 'event', id: eventId });
        return view(line.documentId, user);
      });
    },
  };
}

export type Handling = ReturnType<typeof createHandling>;
