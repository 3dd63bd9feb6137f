/**
 * The shapes that travel in the contract, the CLI's JSON and imports. One source: the types
 * are inferred from these schemas everywhere (z.infer), never written twice.
 */
import { z } from 'zod';
import { Direction, DocumentStatus, PeriodKind, Regime, Role, Secrecy, Urgency } from '../domain/enums';
import { isIsoDate } from '../domain/dates';

// Default validation messages in Vietnamese: they reach the clerk next to the field.
z.config(z.locales.vi());

export const IsoDate = z
  .string()
  .refine(isIsoDate, { message: 'Ngày không hợp lệ (dạng yyyy-mm-dd, ví dụ 2026-06-08)' });

/** Mã định danh of an organ, e.g. 000.00.00.H41 (13 characters). */
export const OrganId = z
  .string()
  .trim()
  .regex(/^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[0-9A-Z]{3}$/, {
    message: 'Mã định danh gồm 13 ký tự, dạng 000.00.00.H41',
  });

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, { message: 'Mã băm SHA-256 không hợp lệ' });

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `Tối đa ${max} ký tự` });
const optionalInt = z.number().int().positive().nullable().default(null);

export const Term = z.object({
  id: z.number().int(),
  name: text(100).min(1, { message: 'Hãy nhập tên nhiệm kỳ' }),
  startDate: IsoDate,
  endDate: IsoDate.nullable(),
});
export type Term = z.infer<typeof Term>;

export const Organisation = z.object({
  id: z.number().int(),
  organId: z.string(),
  name: z.string(),
  abbreviation: z.string(),
  regime: Regime,
  numbersHere: z.boolean(),
  terms: z.array(Term),
});
export type Organisation = z.infer<typeof Organisation>;

export const DocumentType = z.object({
  id: z.number().int(),
  name: z.string(),
  code: z.string(),
  regime: z.enum(['party', 'state', 'both']),
  active: z.boolean(),
  /** From the standard list (DOMAIN.md): retired when unused, never deleted. */
  builtin: z.boolean(),
  /** Working days an ordinary document of this type gets to be handled (null: the general 10). */
  handlingDays: z.number().int().nullable().default(null),
});
export type DocumentType = z.infer<typeof DocumentType>;

export const Recipient = z.object({ organId: z.string().trim().default(''), organName: text(300) });
export type Recipient = z.infer<typeof Recipient>;

/**
 * The fields a clerk types (DOMAIN.md "Fields"). Outgoing drafts leave codeNumber empty: the
 * number is given when the document is issued. Incoming documents keep the sender's number and
 * notation and get an arrival number here.
 */
export const DocumentFields = z.object({
  direction: Direction,
  organisationId: z.number().int().positive().optional(),
  typeName: text(100).min(1, { message: 'Hãy chọn loại văn bản' }),
  codeNumber: optionalInt,
  codeNotation: text(100).default(''),
  issuedDate: IsoDate.nullable().default(null),
  organName: text(300).default(''),
  organId: z.string().trim().max(20).default(''),
  subject: text(500).min(1, { message: 'Hãy nhập trích yếu' }),
  pageAmount: optionalInt,
  language: text(20).default('vi'),
  description: text(2000).default(''),
  signerCompetence: text(20).default(''),
  signerPosition: text(200).default(''),
  signerFullName: text(200).default(''),
  to: z.array(Recipient).default([]),
  toPlaces: text(1000).default(''),
  issuedAmount: optionalInt,
  dueDate: IsoDate.nullable().default(null),
  urgency: Urgency.default('normal'),
  secrecy: Secrecy.default('none'),
  /** "Lưu hành nội bộ": for the organs it is sent to only, never published on the portal. */
  circulation: z.enum(['public', 'internal']).default('public'),
  fileCode: text(100).default(''),
  docOrdinal: optionalInt,
  arrivalNumber: optionalInt,
  arrivalDate: IsoDate.nullable().default(null),
  receivedVia: z.enum(['paper', 'electronic']).default('paper'),
  /** Abbreviation of the drafting unit; state công văn carry it ("05/UBND-VP"). */
  draftingUnit: text(30).default(''),
});
export type DocumentFields = z.infer<typeof DocumentFields>;
export type DocumentFieldsInput = z.input<typeof DocumentFields>;

type WithoutDefaults<T extends z.ZodRawShape> = {
  [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer Inner> ? Inner : T[K]>;
};

/**
 * An edit: only the fields given. Unlike `.partial()`, a missing field stays missing instead of
 * taking its default, so an edit of the subject never blanks the rest of the record.
 */
function changesOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>): z.ZodObject<WithoutDefaults<T>> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional(),
    ]),
  );
  return z.object(shape) as unknown as z.ZodObject<WithoutDefaults<T>>;
}

export const DocumentChanges = changesOf(DocumentFields);
export type DocumentChanges = z.infer<typeof DocumentChanges>;

export const FileInfo = z.object({
  sha256: Sha256,
  size: z.number().int(),
  mediaType: z.string(),
  pageCount: z.number().int().nullable(),
});
export type FileInfo = z.infer<typeof FileInfo>;

export const DocumentFile = FileInfo.extend({
  name: z.string(),
  /** 'earlier': the main file before a signature was added; kept, never rewritten. */
  role: z.enum(['main', 'attachment', 'earlier']),
});
export type DocumentFile = z.infer<typeof DocumentFile>;

export const Document = DocumentFields.extend({
  id: z.number().int(),
  uid: z.string(),
  organisationId: z.number().int(),
  status: DocumentStatus,
  /** "Số: 15/QĐ-UBND" or "Số 25-CV/BCĐ", empty for a draft. */
  numberNotation: z.string(),
  cancelReason: z.string(),
  files: z.array(DocumentFile),
  /** The latest check of the main PDF's signatures; null when never checked. */
  signatureVerdict: z.enum(['valid', 'invalid', 'indeterminate', 'unsigned']).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
});
export type Document = z.infer<typeof Document>;

export const Warning = z.object({
  code: z.enum(['DUPLICATE', 'TYPE_ADDED', 'SIGNATURE']),
  message: z.string(),
});
export type Warning = z.infer<typeof Warning>;

export const SortOrder = z.enum(['newest', 'ranked']);
export const HandlingBox = z.enum(['open', 'near', 'overdue', 'done']);
export type HandlingBox = z.infer<typeof HandlingBox>;
/** Columns the register table sorts by (a click on its heading). */
export const SortColumn = z.enum(['registerDate', 'number', 'subject', 'organName', 'typeName', 'dueDate', 'urgency']);
export type SortColumn = z.infer<typeof SortColumn>;

export const DocumentQuery = z.object({
  organisationId: z.number().int().optional(),
  text: z.string().max(200).default(''),
  direction: Direction.optional(),
  year: z.number().int().min(1900).max(2999).optional(),
  typeName: z.string().optional(),
  urgency: Urgency.optional(),
  secrecy: Secrecy.optional(),
  status: DocumentStatus.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /**
   * A handling box of the incoming register: still to be handled, near the deadline (two working
   * days or fewer), overdue, or done (DOMAIN.md "Handling an incoming document").
   */
  handling: HandlingBox.optional(),
  /**
   * Issued outgoing documents not yet sent to every recipient that has an OrganId (secret ones
   * go on paper): all of them ('waiting'), or those past the same-or-next-working-day limit.
   */
  sending: z.enum(['waiting', 'late']).optional(),
  /** Only documents with a line for this person; `handling` then reads that person's lines. */
  handlerId: z.number().int().positive().optional(),
  sort: SortOrder.default('newest'),
  /** A column chosen by the clerk; overrides `sort`. */
  orderBy: z.object({ column: SortColumn, descending: z.boolean() }).optional(),
  /** Hỏa tốc, Thượng khẩn, Khẩn before the rest, then `sort` (the UI's boxes; UI.md). */
  urgentFirst: z.boolean().default(false),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type DocumentQuery = z.infer<typeof DocumentQuery>;
export type DocumentQueryInput = z.input<typeof DocumentQuery>;

export const DocumentPage = z.object({
  total: z.number().int(),
  /**
   * false when a search matched more than was counted: `total` is then a lower bound ("more
   * than N"), raised as the clerk pages further (counting every match of a common word costs
   * more than showing the first page).
   */
  totalExact: z.boolean().default(true),
  items: z.array(Document.omit({ files: true })),
});
export type DocumentPage = z.infer<typeof DocumentPage>;

export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  fullName: z.string(),
  role: Role,
});
export type User = z.infer<typeof User>;

export const Session = z.object({
  user: User,
  idleLockMinutes: z.number().int(),
});
export type Session = z.infer<typeof Session>;

export const Username = z
  .string()
  .trim()
  .min(3, { message: 'Tên đăng nhập ít nhất 3 ký tự' })
  .max(40)
  .regex(/^[a-z0-9._-]+$/, { message: 'Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch' });
export const NewPassword = z.string().min(8, { message: 'Mật khẩu ít nhất 8 ký tự' }).max(200);

export const NewUser = z.object({
  username: Username,
  fullName: text(200).min(1, { message: 'Hãy nhập họ tên' }),
  role: Role,
  password: NewPassword,
});
export type NewUser = z.infer<typeof NewUser>;

export const SetupInput = z.object({
  organisation: z.object({
    name: text(300).min(1, { message: 'Hãy nhập tên cơ quan' }),
    organId: OrganId,
    abbreviation: text(30).min(1, { message: 'Hãy nhập tên viết tắt' }),
    regime: Regime,
    numbersHere: z.boolean().default(true),
  }),
  term: z.object({
    name: text(100).min(1, { message: 'Hãy nhập tên nhiệm kỳ' }),
    startDate: IsoDate,
    endDate: IsoDate.nullable().default(null),
  }),
  /** Groups of type codes that share one counter, e.g. [["QĐ","QĐi"]]. Others get their own. */
  sharedCounters: z.array(z.array(z.string().min(1)).min(2)).default([]),
  admin: z.object({
    username: Username,
    fullName: text(200).min(1, { message: 'Hãy nhập họ tên' }),
    password: NewPassword,
  }),
});
export type SetupInput = z.infer<typeof SetupInput>;
export type SetupInputRaw = z.input<typeof SetupInput>;

export const NumberSequence = z.object({
  id: z.number().int(),
  organisationId: z.number().int(),
  direction: Direction,
  name: z.string(),
  typeCodes: z.array(z.string()),
  secret: z.boolean(),
  periodKind: PeriodKind,
});
export type NumberSequence = z.infer<typeof NumberSequence>;

export const TrustAnchorInfo = z.object({ sha256: z.string(), subject: z.string(), notAfter: z.string() });
export type TrustAnchorInfo = z.infer<typeof TrustAnchorInfo>;

export const AppInfo = z.object({
  version: z.string(),
  setupDone: z.boolean(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;
