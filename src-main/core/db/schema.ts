/**
 * The workstation's register, as a drizzle schema. drizzle-kit generates migrations/ from this
 * file; the full-text index lives in a hand-written migration (drizzle has no FTS5 tables).
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const organisations = sqliteTable('organisations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  organId: text('organ_id').notNull().unique(),
  name: text('name').notNull(),
  abbreviation: text('abbreviation').notNull(),
  regime: text('regime', { enum: ['party', 'state'] }).notNull(),
  /** Exactly one workstation per organisation gives out numbers (DOMAIN.md "Who works where"). */
  numbersHere: integer('numbers_here', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull().default(now),
});

export const terms = sqliteTable('terms', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  organisationId: integer('organisation_id')
    .notNull()
    .references(() => organisations.id),
  name: text('name').notNull(),
  startDate: text('start_date').notNull(),
  endDate: text('end_date'),
});

export const registers = sqliteTable('registers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  organisationId: integer('organisation_id')
    .notNull()
    .references(() => organisations.id),
  direction: text('direction', { enum: ['in', 'out', 'internal'] }).notNull(),
  name: text('name').notNull(),
});

/**
 * A counter's scope (a register and a group of types) and period kind. `typeCodes` is a JSON
 * array; an empty array means "every type not claimed by another sequence of the register".
 */
export const sequences = sqliteTable('sequences', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  registerId: integer('register_id')
    .notNull()
    .references(() => registers.id),
  name: text('name').notNull(),
  typeCodes: text('type_codes').notNull().default('[]'),
  secret: integer('secret', { mode: 'boolean' }).notNull().default(false),
  periodKind: text('period_kind', { enum: ['year', 'term'] }).notNull(),
  /**
   * A sequence whose types all moved to other counters: kept (its counters and the numbers it
   * gave stay on record) but never chosen again. An empty `typeCodes` would otherwise make it a
   * catch-all.
   */
  retired: integer('retired', { mode: 'boolean' }).notNull().default(false),
});

/** The last number given in each period of a sequence; numbers are never reused. */
export const counters = sqliteTable(
  'counters',
  {
    sequenceId: integer('sequence_id')
      .notNull()
      .references(() => sequences.id),
    periodKey: text('period_key').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sequenceId, t.periodKey] })],
);

/** Editable data, seeded with the standard list; a name may exist once per regime (Quy định). */
export const documentTypes = sqliteTable(
  'document_types',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    code: text('code').notNull(),
    regime: text('regime', { enum: ['party', 'state', 'both'] })
      .notNull()
      .default('both'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    builtin: integer('builtin', { mode: 'boolean' }).notNull().default(false),
    /** Working days an ordinary document of this type gets by default (null: the general 10). */
    handlingDays: integer('handling_days'),
  },
  (t) => [uniqueIndex('document_types_name_regime').on(t.name, t.regime)],
);

export const documents = sqliteTable(
  'documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    uid: text('uid').notNull().unique(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    status: text('status', {
      enum: ['draft', 'registered', 'issued', 'cancelled'],
    }).notNull(),
    sequenceId: integer('sequence_id').references(() => sequences.id),
    periodKey: text('period_key'),
    typeName: text('type_name').notNull(),
    codeNumber: integer('code_number'),
    codeNotation: text('code_notation').notNull().default(''),
    issuedDate: text('issued_date'),
    organName: text('organ_name').notNull().default(''),
    organId: text('organ_id').notNull().default(''),
    subject: text('subject').notNull(),
    pageAmount: integer('page_amount'),
    language: text('language').notNull().default('vi'),
    description: text('description').notNull().default(''),
    signerCompetence: text('signer_competence').notNull().default(''),
    signerPosition: text('signer_position').notNull().default(''),
    signerFullName: text('signer_full_name').notNull().default(''),
    toJson: text('to_json').notNull().default('[]'),
    toPlaces: text('to_places').notNull().default(''),
    issuedAmount: integer('issued_amount'),
    dueDate: text('due_date'),
    urgency: text('urgency').notNull().default('normal'),
    secrecy: text('secrecy').notNull().default('none'),
    circulation: text('circulation', { enum: ['public', 'internal'] })
      .notNull()
      .default('public'),
    fileCode: text('file_code').notNull().default(''),
    docOrdinal: integer('doc_ordinal'),
    arrivalNumber: integer('arrival_number'),
    arrivalDate: text('arrival_date'),
    receivedVia: text('received_via', { enum: ['paper', 'electronic'] })
      .notNull()
      .default('paper'),
    draftingUnit: text('drafting_unit').notNull().default(''),
    cancelReason: text('cancel_reason').notNull().default(''),
    /** Verdict of the latest check of the main PDF's signatures (null: not checked). */
    signatureVerdict: text('signature_verdict'),
    /** The date the register is sorted and filtered by: arrival date in, issue date out. */
    registerDate: text('register_date').notNull(),
    urgencyRank: integer('urgency_rank').notNull().default(0),
    /**
     * When the main handler of the latest directive finished (null: still to be handled). Kept
     * by the handling module from the lines, so the boxes are one indexed range.
     */
    handledAt: text('handled_at'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    index('documents_register_order').on(t.organisationId, t.direction, t.registerDate, t.id),
    // A box as the register shows it: urgent documents first, then newest first (UI.md).
    index('documents_box_order').on(t.organisationId, t.direction, t.urgencyRank, t.registerDate, t.id),
    // The handling boxes: still open (handled_at null) by deadline, and those done.
    index('documents_handling').on(t.organisationId, t.direction, t.handledAt, t.dueDate),
    // The counts beside the boxes of drafts and issued documents.
    index('documents_box_status').on(t.organisationId, t.direction, t.status),
    // "Already in the register?" (register/duplicates.ts). The issue date is in the index so the
    // same number of other years, ten of them in a ten-year register, is passed over in the index
    // instead of read from the table row by row.
    index('documents_duplicate_check').on(
      t.organisationId,
      t.direction,
      t.codeNumber,
      sql`code_notation COLLATE NOCASE`,
      t.issuedDate,
    ),
    // Our own numbers are unique within a sequence's period, arrival numbers within a year: the
    // database refuses a duplicate even if code elsewhere is wrong. (An incoming document's
    // code number is the sender's, so it is not covered.)
    uniqueIndex('documents_sequence_number')
      .on(t.sequenceId, t.periodKey, t.codeNumber)
      .where(sql`direction = 'out'`),
    uniqueIndex('documents_arrival_number')
      .on(t.organisationId, t.periodKey, t.arrivalNumber)
      .where(sql`direction = 'in'`),
  ],
);

/** Immutable, content-addressed blobs (name = sha256); the bytes live on disk. */
export const files = sqliteTable('files', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  mediaType: text('media_type').notNull(),
  pageCount: integer('page_count'),
  createdAt: text('created_at').notNull().default(now),
  /** 1: the bytes are kept encrypted (a file of a secret document), as <sha256>.sealed. */
  sealed: integer('sealed').notNull().default(0),
});

export const documentFiles = sqliteTable(
  'document_files',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    sha256: text('sha256')
      .notNull()
      .references(() => files.sha256),
    name: text('name').notNull(),
    // 'earlier': a main file superseded by its signed version, kept untouched beside it.
    role: text('role', { enum: ['main', 'attachment', 'earlier'] }).notNull(),
    addedAt: text('added_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.sha256] })],
);

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  fullName: text('full_name').notNull(),
  role: text('role', {
    enum: ['clerk', 'leader', 'handler', 'administrator'],
  }).notNull(),
  passwordHash: text('password_hash').notNull(),
  /** The unit (phòng, ban, chi bộ) the person works in; a units row (handling-schema.ts). */
  unitId: integer('unit_id'),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull().default(now),
});

/** Append-only and hash-chained: each entry's hash covers the previous entry's hash. */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  details: text('details').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * The evidence of each signature check: the full report (certificates, revocation, result,
 * time) kept with the register entry, never overwritten — a new check adds a row.
 */
export const signatureChecks = sqliteTable(
  'signature_checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: integer('document_id').references(() => documents.id),
    sha256: text('sha256')
      .notNull()
      .references(() => files.sha256),
    verdict: text('verdict').notNull(),
    report: text('report').notNull(),
    checkedAt: text('checked_at').notNull(),
    checkedBy: text('checked_by').notNull(),
  },
  (t) => [index('signature_checks_document').on(t.documentId, t.id)],
);

/**
 * The offline cache of revocation data: CRLs and OCSP responses as fetched (DER), one row per
 * source and subject (a CRL per distribution point and issuer, an OCSP response per certificate),
 * replaced only by a newer one. Rows are verified again each time they are used.
 */
export const revocationCache = sqliteTable(
  'revocation_cache',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['crl', 'ocsp'] }).notNull(),
    sourceUrl: text('source_url').notNull(),
    /** SHA-256 (hex) of the issuer's public key. */
    issuerKeyHash: text('issuer_key_hash').notNull(),
    /** OCSP: the certificate's serial (hex); '' for a CRL. */
    serial: text('serial').notNull().default(''),
    thisUpdate: text('this_update').notNull(),
    nextUpdate: text('next_update').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    sha256: text('sha256').notNull(),
    fetchedAt: text('fetched_at').notNull(),
  },
  (t) => [
    uniqueIndex('revocation_cache_source').on(t.kind, t.sourceUrl, t.issuerKeyHash, t.serial),
    index('revocation_cache_issuer').on(t.issuerKeyHash, t.kind, t.serial),
  ],
);
