/**
 * The shapes of handling an incoming document (DOMAIN.md "Handling an incoming document"): the
 * people a directive can name, the directive itself with one line per person, each line's
 * status and history, and the calendar of days off that deadlines skip.
 */
import { z } from 'zod';
import { Role } from '../domain/enums';
import { IsoDate } from './schemas';

const Id = z.number().int().positive();

/** Chủ trì, phối hợp, để biết. */
export const LinePart = z.enum(['main', 'coordinate', 'inform']);
export type LinePart = z.infer<typeof LinePart>;

/** Per line, not per document: waiting (chờ xử lý), in progress, done, returned (trả lại). */
export const LineStatus = z.enum(['waiting', 'in_progress', 'done', 'returned']);
export type LineStatus = z.infer<typeof LineStatus>;

export const DeadlineState = z.enum(['none', 'onTime', 'near', 'overdue']);

/** Someone a directive may name, or the leader it is recorded for. */
export const Person = z.object({
  id: z.number().int(),
  fullName: z.string(),
  role: Role,
  unitName: z.string(),
});
export type Person = z.infer<typeof Person>;

const Assignee = z.object({ userId: Id, dueDate: IsoDate.nullable().default(null) });

export const NewDirective = z.object({
  documentId: Id,
  text: z.string().trim().min(1, { message: 'Hãy nhập ý kiến chỉ đạo' }).max(4000, { message: 'Tối đa 4000 ký tự' }),
  /** The leader whose directive it is; a leader recording their own may leave it out. */
  leaderId: Id.optional(),
  main: Assignee,
  coordinate: z.array(Assignee).max(50).default([]),
  inform: z
    .array(z.object({ userId: Id }))
    .max(100)
    .default([]),
});
export type NewDirective = z.infer<typeof NewDirective>;
export type NewDirectiveInput = z.input<typeof NewDirective>;

export const HandlingEvent = z.object({
  status: LineStatus,
  note: z.string(),
  actor: z.string(),
  at: z.string(),
});

export const HandlingLine = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  handlerName: z.string(),
  unitName: z.string(),
  part: LinePart,
  dueDate: IsoDate.nullable(),
  status: LineStatus,
  /** Against today, for an open line ('none' once done or without a deadline). */
  deadline: DeadlineState,
  replyDocumentId: z.number().int().nullable(),
  /** "Số 12/UBND-VP" of the reply, when one is linked. */
  replyLabel: z.string().nullable(),
  /** Whether the signed-in user may change this line's status. */
  canUpdate: z.boolean(),
  events: z.array(HandlingEvent),
});
export type HandlingLine = z.infer<typeof HandlingLine>;

export const DirectiveView = z.object({
  id: z.number().int(),
  text: z.string(),
  leaderName: z.string(),
  recordedByName: z.string(),
  /** Typed by a clerk on the leader's behalf. */
  onBehalf: z.boolean(),
  directedAt: z.string(),
  lines: z.array(HandlingLine),
});
export type DirectiveView = z.infer<typeof DirectiveView>;

export const DocumentHandling = z.object({
  documentId: z.number().int(),
  /** The main handler's default deadline: working days from the urgency and the type. */
  suggestedDue: IsoDate,
  /** Newest first; the first one is in force. */
  directives: z.array(DirectiveView),
  /** Whether the signed-in user may record a directive on this document. */
  canDirect: z.boolean(),
});
export type DocumentHandling = z.infer<typeof DocumentHandling>;

export const LineUpdate = z
  .object({
    lineId: Id,
    status: LineStatus,
    note: z.string().trim().max(2000, { message: 'Tối đa 2000 ký tự' }).default(''),
    /** An outgoing document of the register that answers it. */
    replyDocumentId: Id.nullable().optional(),
  })
  .refine((u) => u.status !== 'returned' || u.note.length > 0, {
    message: 'Hãy ghi lý do trả lại',
    path: ['note'],
  });
export type LineUpdate = z.infer<typeof LineUpdate>;

export const Holiday = z.object({
  date: IsoDate,
  name: z.string().trim().min(1, { message: 'Hãy nhập tên ngày nghỉ' }).max(200),
  source: z.enum(['seed', 'admin', 'server']),
});
export type Holiday = z.infer<typeof Holiday>;

/** What taking the server's holiday list changed, and the calendar after it. */
export const HolidaysReceived = z.object({
  added: z.number().int(),
  renamed: z.number().int(),
  holidays: z.array(Holiday),
});
