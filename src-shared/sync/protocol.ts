/**
 * The wire protocol between a workstation and the central inbox server, validated on both ends.
 *
 * - Enrollment: an administrator makes a one-time code for an organisation; a workstation trades
 *   it for its own credential (a bearer token), kept on the workstation, never shown again.
 * - Push: outbox operations, each with an idempotency key; the server applies each key once,
 *   whatever the retries, and answers per operation: applied, duplicate (applied before, the
 *   same answer again) or rejected (a 4xx-like refusal the clerk sees; the item is kept).
 * - Pull: the change feed of the workstation's organisation, by the server's sequence number
 *   (never by timestamps), with long-poll; "resync required" when the cursor is too old.
 * - Blobs: content-addressed (sha256), uploaded in resumable chunks and checked on completion.
 *
 * Secret documents never travel: the header carries the secrecy so the server refuses them too.
 *
 * Every request but POST /enroll carries `Authorization: Bearer <credential>` and acts within
 * the workstation's organisation; errors are an ErrorBody with the status WIRE_ERROR_STATUS gives.
 */
import { z } from 'zod';
import { Secrecy, Urgency } from '../domain/enums';
import { PortalMetadata } from '../ipc/portal';

export const PROTOCOL_VERSION = 1;
/**
 * Every request says which protocol it speaks. A server answers another version with 426
 * (VERSION) before reading anything else, so a workstation left behind by an update is told to
 * update instead of sending what the server would misread.
 */
export const PROTOCOL_HEADER = 'x-vanthu-protocol';
/** The workstation's VanThu version: a server may refuse versions below its minimum (VERSION). */
export const APP_VERSION_HEADER = 'x-vanthu-app-version';
export const API_PREFIX = '/v1';

/** Mã định danh cơ quan (QCVN 102): "000.00.00.H41" and the like. */
export const OrganId = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z.-]{2,39}$/, { message: 'Mã định danh cơ quan không hợp lệ' });
export type OrganId = z.infer<typeof OrganId>;

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { message: 'Mã băm SHA-256 không hợp lệ' });
export const IdempotencyKey = z.string().uuid();
const Instant = z.string().datetime({ offset: true });
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

// ---------------------------------------------------------------------------------------------
// Errors

export const WIRE_ERROR_CODES = [
  'BAD_REQUEST', // the body or a parameter failed its schema
  'UNAUTHENTICATED', // no or unknown credential, or a revoked workstation
  'FORBIDDEN', // outside the caller's organisation
  'NOT_FOUND',
  'CONFLICT',
  'SECRET_REFUSED', // a secret (Mật) document: never accepted by the server
  'UNKNOWN_RECIPIENT', // an OrganId not in the directory
  'CHECKSUM_MISMATCH', // an uploaded blob's bytes do not hash to its name
  'RESYNC_REQUIRED', // the cursor is older than the feed the server keeps
  'TOO_LARGE',
  'VERSION', // the workstation is too old for this server
  'INTERNAL',
] as const;
export const WireErrorCode = z.enum(WIRE_ERROR_CODES);
export type WireErrorCode = z.infer<typeof WireErrorCode>;

export const WireError = z.object({
  code: WireErrorCode,
  message: z.string(),
  /** RESYNC_REQUIRED: the oldest cursor the feed still serves. */
  resumeAfter: z.number().int().nonnegative().optional(),
});
export type WireError = z.infer<typeof WireError>;
export const ErrorBody = z.object({ error: WireError });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** The HTTP status the server answers with each code (a refused push op is inside a 200). */
export const WIRE_ERROR_STATUS: Record<WireErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RESYNC_REQUIRED: 410,
  TOO_LARGE: 413,
  SECRET_REFUSED: 422,
  UNKNOWN_RECIPIENT: 422,
  CHECKSUM_MISMATCH: 422,
  VERSION: 426,
  INTERNAL: 500,
};

// ---------------------------------------------------------------------------------------------
// Directory and enrollment (GET /organisations needs a credential too: the directory is not
// published to whoever asks)

export const DirectoryEntry = z.object({ organId: OrganId, name: z.string().min(1).max(300) });
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;
export const DirectoryResponse = z.object({ organisations: z.array(DirectoryEntry) });
export type DirectoryResponse = z.infer<typeof DirectoryResponse>;

/** A public holiday the server's administrators keep for every workstation (GET /holidays). */
export const ServerHoliday = z.object({
  date: IsoDay,
  name: z.string().trim().min(1).max(200),
});
export type ServerHoliday = z.infer<typeof ServerHoliday>;
export const HolidaysResponse = z.object({ holidays: z.array(ServerHoliday).max(5000) });
export type HolidaysResponse = z.infer<typeof HolidaysResponse>;

export const EnrollRequest = z.object({
  code: z.string().trim().min(6).max(64),
  workstationName: z.string().trim().min(1).max(200),
  appVersion: z.string().max(50),
  /** The organisations this workstation numbers (set up as their numbering workstation). */
  numbers: z.array(OrganId).max(50).default([]),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  workstationId: z.string(),
  organId: OrganId,
  organName: z.string(),
  /** The bearer credential; shown once. */
  credential: z.string().min(32),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

// ---------------------------------------------------------------------------------------------
// Documents as they travel (the edXML header's fields, QCVN 102:2016)

/** 0 new, 1 recall, 2 update, 3 replace (edXML TraceHeaderList business type). */
export const BusinessType = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
export type BusinessType = z.infer<typeof BusinessType>;

export const WireFile = z.object({
  sha256: Sha256Hex,
  name: z.string().min(1).max(255),
  size: z.number().int().nonnegative(),
  mediaType: z.string().max(100),
});
export type WireFile = z.infer<typeof WireFile>;

export const DocumentHeader = z.object({
  /** `{senderOrganId},{yyyy/MM/dd},{CodeNumber}/{CodeNotation}` — stable across updates. */
  documentId: z.string().min(1).max(300),
  codeNumber: z.string().max(20),
  codeNotation: z.string().max(100),
  promulgationDate: IsoDay,
  place: z.string().max(200).default(''),
  typeName: z.string().min(1).max(100),
  subject: z.string().min(1).max(2000),
  signerName: z.string().max(200).default(''),
  signerPosition: z.string().max(200).default(''),
  dueDate: IsoDay.nullable().default(null),
  toPlaces: z.string().max(2000).default(''),
  urgency: Urgency,
  /** Always 'none' on the wire: anything else is refused on both ends. */
  secrecy: Secrecy,
  pageAmount: z.number().int().nonnegative().nullable().default(null),
  businessType: BusinessType.default(0),
  /** The document this one answers, updates or replaces. */
  responseFor: z.string().max(300).nullable().default(null),
});
export type DocumentHeader = z.infer<typeof DocumentHeader>;
export type DocumentHeaderInput = z.input<typeof DocumentHeader>;

/** edXML status codes: 01 arrived … 16 take-back refused. */
export const STATUS_CODES = ['01', '02', '03', '04', '05', '06', '13', '15', '16'] as const;
export const StatusCode = z.enum(STATUS_CODES);
export type StatusCode = z.infer<typeof StatusCode>;

// ---------------------------------------------------------------------------------------------
// Push

const OpBase = {
  key: IdempotencyKey,
  /** When it happened on the workstation (offline work keeps its own time). */
  happenedAt: Instant,
};

export const SendDocumentOp = z.object({
  ...OpBase,
  kind: z.literal('document.send'),
  to: z.array(OrganId).min(1).max(500),
  header: DocumentHeader,
  /** Uploaded first (blobs); the server checks it holds every one. */
  files: z.array(WireFile).min(1).max(50),
});

export const StatusOp = z.object({
  ...OpBase,
  kind: z.literal('status'),
  /** The document (its edXML DocumentId) and the organisation that sent it. */
  documentId: z.string().min(1).max(300),
  to: OrganId,
  code: StatusCode,
  note: z.string().max(2000).default(''),
  /** Who did it, for the sender's follow-up (name, unit). */
  staff: z.string().max(300).default(''),
});

/**
 * The organisation channel: a record changed on one workstation, for the others. Files named in
 * `fields.files` (WireFile[]) must be on the server first, like a document's; a `secrecy` other
 * than 'none' in `fields` or one level down is refused (SECRET_REFUSED).
 */
export const OrgChangeOp = z.object({
  ...OpBase,
  kind: z.literal('org.change'),
  entity: z.string().min(1).max(50),
  entityId: z.string().min(1).max(200),
  /** Field values after the change, and the values the workstation had before (to catch conflicts). */
  fields: z.record(z.string(), z.unknown()),
  base: z.record(z.string(), z.unknown()).default({}),
});

/**
 * A document for the organisation's web portal: its package's metadata and the signed PDF
 * (uploaded first). The server keeps the latest per document for the portal to fetch (GET
 * /portal); a secret or internal document is refused there too.
 */
export const PortalPublishOp = z.object({
  ...OpBase,
  kind: z.literal('portal.publish'),
  documentUid: z.string().min(1).max(64),
  secrecy: Secrecy,
  circulation: z.enum(['public', 'internal']),
  metadata: PortalMetadata,
  file: WireFile,
});

export const Op = z.discriminatedUnion('kind', [SendDocumentOp, StatusOp, OrgChangeOp, PortalPublishOp]);
export type Op = z.infer<typeof Op>;
export type OpInput = z.input<typeof Op>;

export const MAX_OPS_PER_PUSH = 100;
export const PushRequest = z.object({ ops: z.array(Op).min(1).max(MAX_OPS_PER_PUSH) });
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * Per op: 'applied' the first time, 'duplicate' for every replay of an applied key (the same
 * effect, nothing done again; a key replayed with a different op is rejected as CONFLICT).
 * A rejected op leaves nothing behind, its key included: sent again after the cause is fixed
 * (the recipient added to the directory, the file uploaded) it is applied.
 */
export const PushResult = z.object({
  key: IdempotencyKey,
  outcome: z.enum(['applied', 'duplicate', 'rejected']),
  error: WireError.optional(),
});
export type PushResult = z.infer<typeof PushResult>;
export const PushResponse = z.object({ results: z.array(PushResult) });
export type PushResponse = z.infer<typeof PushResponse>;

// ---------------------------------------------------------------------------------------------
// Pull

export const MAX_PULL = 200;
/** Long-poll: the server holds a pull with nothing new for up to this long. */
export const MAX_WAIT_SECONDS = 30;

export const ReceivedDocument = z.object({
  kind: z.literal('document.received'),
  from: OrganId,
  fromName: z.string(),
  header: DocumentHeader,
  files: z.array(WireFile),
});

export const ReceivedStatus = z.object({
  kind: z.literal('status.received'),
  from: OrganId,
  fromName: z.string(),
  documentId: z.string(),
  code: StatusCode,
  note: z.string(),
  staff: z.string(),
  happenedAt: Instant,
});

export const OrgChange = z.object({
  kind: z.literal('org.change'),
  /** The workstation that made it (its own changes come back too, and are skipped). */
  workstationId: z.string(),
  entity: z.string(),
  entityId: z.string(),
  fields: z.record(z.string(), z.unknown()),
  base: z.record(z.string(), z.unknown()),
  happenedAt: Instant,
});

export const ChangeBody = z.discriminatedUnion('kind', [ReceivedDocument, ReceivedStatus, OrgChange]);
export type ChangeBody = z.infer<typeof ChangeBody>;

export const Change = z.object({ seq: z.number().int().positive(), at: Instant, body: ChangeBody });
export type Change = z.infer<typeof Change>;

/** GET /changes?after=N&wait=S: the query, as the server reads it (wait is capped, not refused). */
export const PullQuery = z.object({
  after: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  wait: z.coerce
    .number()
    .nonnegative()
    .default(0)
    .transform((s) => Math.min(s, MAX_WAIT_SECONDS)),
});
export type PullQuery = z.infer<typeof PullQuery>;

/**
 * The organisation's changes with seq > after, in order, at most MAX_PULL. RESYNC_REQUIRED (410,
 * with resumeAfter) when changes of this organisation after `after` were pruned, or when `after`
 * is beyond anything this server ever numbered (a cursor from another or a restored server).
 */
export const PullResponse = z.object({
  changes: z.array(Change),
  /**
   * Pass back as `after` next time; save it with the changes, in one transaction. It may be past
   * the last change returned: when nothing more is waiting it moves up to the server's newest
   * sequence number (other organisations' changes are skipped once, not scanned again).
   */
  cursor: z.number().int().nonnegative(),
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

// ---------------------------------------------------------------------------------------------
// Blobs: HEAD /v1/blobs/:sha256 answers `Upload-Offset` (bytes held so far) and whether it is
// complete (404 when this organisation has nothing of it); PUT with `Content-Range: bytes
// start-end/total` appends from that offset only (409 CONFLICT with the current Upload-Offset
// otherwise; bytes that arrived before a dropped connection are kept); the chunk that completes
// it is checked against the sha256 (422 CHECKSUM_MISMATCH, the upload discarded). Over
// MAX_BLOB_BYTES: 413. GET supports `Range` for resuming.
// Who reads a blob: an organisation whose workstation uploaded it (all of that organisation's
// workstations), or one a document naming it was sent to. Anyone else gets 404, as if absent;
// bytes already held for another organisation are not shared before they are uploaded again.

export const UPLOAD_OFFSET_HEADER = 'upload-offset';
export const BLOB_COMPLETE_HEADER = 'blob-complete';
export const MAX_BLOB_BYTES = 200 * 1024 * 1024;
export const BLOB_CHUNK_BYTES = 4 * 1024 * 1024;

export const BlobState = z.object({ sha256: Sha256Hex, offset: z.number().int().nonnegative(), complete: z.boolean() });
export type BlobState = z.infer<typeof BlobState>;

// ---------------------------------------------------------------------------------------------
// The web portal's side (GET /portal?after=SEQ): the organisation's publications, latest per
// document, in the order they were last sent.

export const PortalPublication = z.object({
  seq: z.number().int().positive(),
  documentUid: z.string(),
  metadata: PortalMetadata,
  file: WireFile,
  publishedAt: Instant,
});
export type PortalPublication = z.infer<typeof PortalPublication>;
export const PortalQuery = z.object({
  after: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(0),
});
export const MAX_PORTAL_PAGE = 100;
export const PortalResponse = z.object({ publications: z.array(PortalPublication), more: z.boolean() });
export type PortalResponse = z.infer<typeof PortalResponse>;
