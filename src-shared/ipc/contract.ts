/**
 * The one contract between the UI and the main process (ARCHITECTURE.md "The one contract").
 * Electron's IPC binding, the development host and the renderer's client are all derived from
 * this list: a call added here is bound everywhere or the build fails.
 */
import { z } from 'zod';
import { Role } from '../domain/enums';
import {
  AppInfo,
  Document,
  DocumentChanges,
  DocumentFields,
  DocumentPage,
  DocumentQuery,
  DocumentType,
  FileInfo,
  NumberSequence,
  NewUser,
  Organisation,
  Session,
  SetupInput,
  Sha256,
  Warning,
  IsoDate,
  TrustAnchorInfo,
} from './schemas';
import { DocumentReport } from '../pdf/report';
import { BookExportInput, BookFile, BookPreview, BookQuery } from './books';
import { UpdateStatus } from './updates';
import {
  AccountDisabled,
  AccountInfo,
  AccountPassword,
  AccountRole,
  AccountUnit,
  NewUnit,
  Unit,
  UnitRename,
  AssignType,
  AtRestStatus,
  AuditEntryView,
  CloseTerm,
  DocumentTypeEdit,
  NewDocumentType,
  NewOrganisation,
  NewTerm,
  OrganisationEdit,
  SequenceOverview,
} from './admin';
import { CertificateChoice, KeyRef, KeySecret, KeyUse, SignAppearance, TokenModule } from './signing';
import {
  DirectoryOrganisation,
  DocumentRecipientStatus,
  EnrollInput,
  InboxItem,
  InboxItemWithFields,
  RecallRequest,
  SendInput,
  SyncConflict,
  SyncStatus,
} from './sync';
import { DocumentHandling, Holiday, HolidaysReceived, LineUpdate, NewDirective, Person } from './handling';
import { Report, ReportExportInput, ReportQuery } from './reports';
import { PortalState } from './portal';

/** Who may make a call: anyone (before sign-in), any signed-in user, or only these roles. */
export type Access = 'public' | 'signedIn' | readonly Role[];

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
}

function call<I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> {
  return spec;
}

const Empty = z.object({}).strict().default({});
const ById = z.object({ id: z.number().int().positive() });
const Ok = z.object({ ok: z.literal(true) });
const Saved = z.object({ document: Document, warnings: z.array(Warning) });

const registers = ['clerk', 'administrator'] as const;
const administrators = ['administrator'] as const;
// The registers are the clerk's; leaders read them (they list secret documents too).
const bookReaders = ['clerk', 'leader', 'administrator'] as const;

export const contract = {
  'app.info': call({ input: Empty, output: AppInfo, access: 'public' }),
  // The recovery key is in this answer once and nowhere else: the wizard shows it to the administrator.
  'setup.run': call({
    input: SetupInput,
    output: z.object({ organisationId: z.number().int(), recoveryKey: z.string() }),
    access: 'public',
  }),

  'auth.signIn': call({
    input: z.object({
      username: z.string().trim().min(1, { message: 'Hãy nhập tên đăng nhập' }),
      password: z.string().min(1, { message: 'Hãy nhập mật khẩu' }),
    }),
    output: Session,
    access: 'public',
  }),
  'auth.session': call({ input: Empty, output: Session.nullable(), access: 'public' }),
  'auth.lock': call({ input: Empty, output: Ok, access: 'public' }),
  'auth.signOut': call({ input: Empty, output: Ok, access: 'public' }),

  'organisation.list': call({ input: Empty, output: z.array(Organisation), access: 'signedIn' }),
  'sequence.list': call({
    input: z.object({ organisationId: z.number().int() }),
    output: z.array(NumberSequence),
    access: 'signedIn',
  }),
  'documentType.list': call({ input: Empty, output: z.array(DocumentType), access: 'signedIn' }),

  // Administration (Quản trị). Every change is audited with its actor.
  'documentType.add': call({ input: NewDocumentType, output: DocumentType, access: administrators }),
  /** Renames a type no entry uses yet, or changes its abbreviation outside a running period. */
  'documentType.update': call({ input: DocumentTypeEdit, output: DocumentType, access: administrators }),
  /** Retires a type (no longer offered for new entries) or restores it. */
  'documentType.setActive': call({
    input: z.object({ id: z.number().int().positive(), active: z.boolean() }),
    output: DocumentType,
    access: administrators,
  }),
  /** Deletes a type added by mistake; a standard type or one in use is retired instead. */
  'documentType.remove': call({ input: ById, output: Ok, access: administrators }),
  'organisation.update': call({ input: OrganisationEdit, output: Organisation, access: administrators }),
  /** Another organisation whose registers this workstation keeps (a commune's Đảng ủy and UBND). */
  'organisation.add': call({
    input: NewOrganisation,
    output: z.object({ organisationId: z.number().int() }),
    access: administrators,
  }),
  /** Adds a term; terms never overlap. Only on the organisation's numbering workstation. */
  'term.add': call({ input: NewTerm, output: Organisation, access: administrators }),
  'term.close': call({ input: CloseTerm, output: Organisation, access: administrators }),
  /** Every sequence with its counter per period, and the sequence each type's numbers come from. */
  'sequence.overview': call({
    input: z.object({ organisationId: z.number().int().positive() }),
    output: SequenceOverview,
    access: administrators,
  }),
  /** Moves a type to a shared counter or its own; refused if a number could be given twice. */
  'sequence.assignType': call({ input: AssignType, output: SequenceOverview, access: administrators }),
  'account.list': call({ input: Empty, output: z.array(AccountInfo), access: administrators }),
  'account.create': call({ input: NewUser, output: AccountInfo, access: administrators }),
  'account.setRole': call({ input: AccountRole, output: AccountInfo, access: administrators }),
  'account.resetPassword': call({ input: AccountPassword, output: AccountInfo, access: administrators }),
  'account.setDisabled': call({ input: AccountDisabled, output: AccountInfo, access: administrators }),
  'atRest.status': call({ input: Empty, output: AtRestStatus, access: administrators }),
  /** A new recovery key, in this answer once; the old one stops opening what is made from now. */
  'atRest.renewRecoveryKey': call({
    input: Empty,
    output: z.object({ recoveryKey: z.string() }),
    access: administrators,
  }),
  /** The latest entries of the audit log, newest first. */
  'audit.recent': call({
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(AuditEntryView),
    access: administrators,
  }),

  'document.list': call({ input: DocumentQuery, output: DocumentPage, access: 'signedIn' }),
  'document.get': call({ input: ById, output: Document, access: 'signedIn' }),
  'document.create': call({
    input: DocumentFields.extend({
      files: z.array(z.object({ sha256: Sha256, name: z.string().max(255) })).default([]),
    }),
    output: Saved,
    access: registers,
  }),
  'document.update': call({
    input: z.object({ id: z.number().int().positive(), fields: DocumentChanges }),
    output: Saved,
    access: registers,
  }),
  'document.attachFile': call({
    input: z.object({ id: z.number().int().positive(), sha256: Sha256, name: z.string().max(255) }),
    output: Document,
    access: registers,
  }),
  /**
   * Gives a draft its number. With `seal`, the organisation signs the already signed PDF first,
   * writing number and date in the same update; no number is taken if that fails.
   */
  'document.issue': call({
    input: z.object({ id: z.number().int().positive(), issuedDate: IsoDate.optional(), seal: KeyUse.optional() }),
    output: Saved,
    access: registers,
  }),
  'document.cancel': call({
    input: z.object({
      id: z.number().int().positive(),
      reason: z.string().trim().min(1, { message: 'Hãy ghi lý do hủy' }).max(500),
    }),
    output: Document,
    access: registers,
  }),

  'file.info': call({ input: z.object({ sha256: Sha256 }), output: FileInfo, access: 'signedIn' }),

  /** Checks the signatures of a stored PDF (e.g. before registering it); keeps nothing. */
  'pdf.verify': call({ input: z.object({ sha256: Sha256 }), output: DocumentReport, access: 'signedIn' }),
  /** Checks the entry's main PDF again and keeps the evidence with the entry. */
  'document.verifySignatures': call({ input: ById, output: DocumentReport.nullable(), access: registers }),
  /** The evidence of the latest check, as stored. */
  'document.signatureReport': call({ input: ById, output: DocumentReport.nullable(), access: 'signedIn' }),
  /** PKCS#11 libraries of known Vietnamese tokens found on this workstation. */
  'keys.modules': call({ input: Empty, output: z.array(TokenModule), access: 'signedIn' }),
  /** The certificates a key offers; a .p12 needs its password to show them, a token does not. */
  'keys.certificates': call({
    input: z.object({ key: KeyRef, secret: KeySecret.optional() }),
    output: z.array(CertificateChoice),
    access: 'signedIn',
  }),
  /**
   * Signs the entry's main PDF as an incremental update; the signed file becomes the main file
   * (the earlier one stays attached) and is verified at once.
   */
  'document.sign': call({
    input: z.object({ id: z.number().int().positive(), use: KeyUse, appearance: SignAppearance }),
    output: z.object({ document: Document, report: DocumentReport }),
    access: 'signedIn',
  }),
  /** The latest check's report as a PDF (stored like any file), to save or print. */
  'document.signatureReportPdf': call({
    input: ById,
    output: z.object({ sha256: Sha256, name: z.string() }),
    access: 'signedIn',
  }),
  /** A register for a period (sổ đăng ký đến / đi): its cover and first rows, for the preview. */
  'book.preview': call({ input: BookQuery, output: BookPreview, access: bookReaders }),
  /** The whole register as PDF (to print and bind) or spreadsheet, stored like any file, to save. */
  'book.export': call({ input: BookExportInput, output: BookFile, access: bookReaders }),
  'trust.list': call({ input: Empty, output: z.array(TrustAnchorInfo), access: 'signedIn' }),
  /** Adds a trust anchor only when its SHA-256 fingerprint matches the one published. */
  'trust.add': call({
    input: z.object({ certificateBase64: z.string().min(1).max(200_000), sha256: z.string().min(64).max(200) }),
    output: TrustAnchorInfo,
    access: ['administrator'],
  }),
  /** Removes a trust anchor; signatures that led to it are undecided at their next check. */
  'trust.remove': call({ input: z.object({ sha256: Sha256 }), output: Ok, access: ['administrator'] }),

  /** The exchange with the inbox server: its state, always visible in the top bar. */
  'sync.status': call({ input: Empty, output: SyncStatus, access: 'signedIn' }),
  /** The app's own update: downloading (with progress) or ready to install at a restart. */
  'update.status': call({ input: Empty, output: UpdateStatus, access: 'signedIn' }),
  'update.restart': call({ input: Empty, output: Ok, access: 'signedIn' }),
  /** Connects this workstation to the inbox server with an administrator's one-time code. */
  'sync.enroll': call({
    input: EnrollInput,
    output: z.object({ organId: z.string(), organName: z.string() }),
    access: ['administrator'],
  }),
  'sync.now': call({ input: Empty, output: SyncStatus, access: 'signedIn' }),
  /** Puts an item the server refused back in the queue. */
  'sync.retry': call({ input: ById, output: SyncStatus, access: registers }),
  /** Notes changed on two workstations before either saw the other's change. */
  'sync.conflicts': call({ input: Empty, output: z.array(SyncConflict), access: 'signedIn' }),
  'sync.resolveConflict': call({
    input: z.object({ id: z.number().int().positive(), keep: z.enum(['local', 'remote']) }),
    output: z.array(SyncConflict),
    access: registers,
  }),
  'directory.list': call({ input: Empty, output: z.array(DirectoryOrganisation), access: 'signedIn' }),
  /** Queues an issued document for its recipients; sent when the network allows. */
  'document.send': call({
    input: SendInput,
    output: z.object({ recipients: z.array(DocumentRecipientStatus) }),
    access: registers,
  }),
  /** Asks the recipients to take a sent document back (13); it is frozen from now on. */
  'document.recall': call({
    input: z.object({
      id: z.number().int().positive(),
      reason: z.string().trim().min(1, { message: 'Hãy ghi lý do thu hồi' }).max(500),
    }),
    output: z.array(DocumentRecipientStatus),
    access: registers,
  }),
  /** Take-back requests from the sender of a document registered here. */
  'document.recallRequests': call({ input: ById, output: z.array(RecallRequest), access: 'signedIn' }),
  'recall.answer': call({
    input: z.object({
      id: z.number().int().positive(),
      agree: z.boolean(),
      note: z.string().trim().max(500).default(''),
    }),
    output: Ok,
    access: registers,
  }),
  'document.recipients': call({ input: ById, output: z.array(DocumentRecipientStatus), access: 'signedIn' }),
  /** Received documents waiting to be registered (Chờ tiếp nhận). */
  'inbox.list': call({ input: Empty, output: z.array(InboxItem), access: 'signedIn' }),
  'inbox.get': call({ input: ById, output: InboxItemWithFields, access: 'signedIn' }),
  'inbox.register': call({
    input: z.object({ id: z.number().int().positive(), fields: DocumentFields }),
    output: Saved,
    access: registers,
  }),
  'inbox.reject': call({
    input: z.object({
      id: z.number().int().positive(),
      reason: z.string().trim().min(1, { message: 'Hãy ghi lý do từ chối' }).max(500),
    }),
    output: Ok,
    access: registers,
  }),

  // Handling an incoming document: directives, lines, deadlines (DOMAIN.md).
  'handling.people': call({ input: Empty, output: z.array(Person), access: 'signedIn' }),
  'handling.get': call({ input: ById, output: DocumentHandling, access: 'signedIn' }),
  /** A leader's own directive, or a clerk's on a leader's behalf (recorded as such). */
  'directive.record': call({ input: NewDirective, output: DocumentHandling, access: ['leader', 'clerk'] }),
  /** The engine checks the line is the caller's own (a leader may move any). */
  'handling.updateLine': call({ input: LineUpdate, output: DocumentHandling, access: ['leader', 'handler', 'clerk'] }),
  // Báo cáo: for those who keep or read the registers.
  'report.overview': call({ input: ReportQuery, output: Report, access: bookReaders }),
  'report.export': call({ input: ReportExportInput, output: BookFile, access: bookReaders }),
  // The web portal: issued, not secret, not internal (the engine checks).
  'portal.state': call({ input: ById, output: PortalState, access: 'signedIn' }),
  'portal.mark': call({ input: ById, output: PortalState, access: registers }),
  'portal.unmark': call({ input: ById, output: PortalState, access: registers }),
  'portal.export': call({ input: ById, output: BookFile, access: registers }),
  'portal.send': call({ input: ById, output: PortalState, access: registers }),
  'unit.list': call({ input: Empty, output: z.array(Unit), access: 'signedIn' }),
  'unit.add': call({ input: NewUnit, output: z.array(Unit), access: administrators }),
  'unit.rename': call({ input: UnitRename, output: z.array(Unit), access: administrators }),
  'account.setUnit': call({ input: AccountUnit, output: AccountInfo, access: administrators }),
  'holiday.list': call({ input: Empty, output: z.array(Holiday), access: 'signedIn' }),
  'holiday.set': call({
    input: Holiday.pick({ date: true, name: true }),
    output: z.array(Holiday),
    access: administrators,
  }),
  'holiday.remove': call({ input: Holiday.pick({ date: true }), output: z.array(Holiday), access: administrators }),
  'holiday.receive': call({ input: Empty, output: HolidaysReceived, access: administrators }),
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export const CALL_NAMES = Object.keys(contract) as CallName[];

/** What a caller passes (defaults may be omitted) and what a handler receives (parsed). */
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Contract[K]['output']>;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** The IPC channel of a call; the preload and the main binding both use this. */
export function channelOf(name: CallName): string {
  return `vanthu:${name}`;
}
