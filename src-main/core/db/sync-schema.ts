/**
 * What the workstation keeps for the exchange with the inbox server: the outbox (written in the
 * same transaction as the change it carries), the server cursor and enrollment, the directory
 * of organisations, documents received and waiting to be registered, and the recipients of sent
 * documents with their status history (edXML TraceHeaderList).
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { documents } from './schema';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const syncOutbox = sqliteTable(
  'sync_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The idempotency key: the server applies it once, whatever the retries. */
    key: text('key').notNull().unique(),
    kind: text('kind').notNull(),
    /** The operation as sent (protocol.ts Op), JSON. */
    payload: text('payload').notNull(),
    /** Urgent documents first: Hỏa tốc 4 … Thường 0. */
    priority: integer('priority').notNull().default(0),
    documentId: integer('document_id').references(() => documents.id),
    createdAt: text('created_at').notNull().default(now),
    attempts: integer('attempts').notNull().default(0),
    state: text('state', { enum: ['pending', 'done', 'rejected'] })
      .notNull()
      .default('pending'),
    /** Why the server refused it (shown to the clerk), or the last network problem. */
    lastError: text('last_error'),
    doneAt: text('done_at'),
  },
  (t) => [index('sync_outbox_queue').on(t.state, t.priority, t.id)],
);

/** One row: where this workstation syncs, as whom, and how far it has read the feed. */
export const syncState = sqliteTable(
  'sync_state',
  {
    id: integer('id').primaryKey(),
    serverUrl: text('server_url').notNull(),
    organId: text('organ_id').notNull(),
    organName: text('organ_name').notNull(),
    workstationId: text('workstation_id').notNull(),
    cursor: integer('cursor').notNull().default(0),
    lastSyncAt: text('last_sync_at'),
    lastError: text('last_error'),
  },
  (t) => [check('sync_state_one_row', sql`${t.id} = 1`)],
);

export const syncDirectory = sqliteTable('sync_directory', {
  organId: text('organ_id').primaryKey(),
  name: text('name').notNull(),
});

/** Documents the server delivered, offered to the clerk as pre-filled registration forms. */
export const inboxItems = sqliteTable(
  'inbox_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The server's sequence number of the change: the same change is never kept twice. */
    seq: integer('seq').notNull().unique(),
    fromOrganId: text('from_organ_id').notNull(),
    fromName: text('from_name').notNull(),
    exchangeId: text('exchange_id').notNull(),
    header: text('header').notNull(),
    files: text('files').notNull(),
    receivedAt: text('received_at').notNull().default(now),
    /** 'recalled': taken back by the sender before registering; 'superseded': an update came. */
    state: text('state', { enum: ['waiting', 'registered', 'rejected', 'recalled', 'superseded'] })
      .notNull()
      .default('waiting'),
    documentId: integer('document_id').references(() => documents.id),
    rejectReason: text('reject_reason'),
    urgency: text('urgency').notNull(),
  },
  (t) => [index('inbox_items_state').on(t.state, t.id)],
);

/** An outgoing document sent through the server, under its edXML DocumentId. */
export const sentDocuments = sqliteTable('sent_documents', {
  documentId: integer('document_id')
    .primaryKey()
    .references(() => documents.id),
  exchangeId: text('exchange_id').notNull().unique(),
  sentAt: text('sent_at').notNull().default(now),
});

/** Where each sent document stands at each recipient: the latest status and its time. */
export const documentRecipients = sqliteTable(
  'document_recipients',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    organId: text('organ_id').notNull(),
    organName: text('organ_name').notNull(),
    /** 'queued' until the server took it, 'sent', then the edXML codes (01 arrived …). */
    status: text('status').notNull(),
    note: text('note').notNull().default(''),
    statusAt: text('status_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.organId] })],
);

/** Every status received, in order (the trace), never overwritten. */
export const statusHistory = sqliteTable(
  'status_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    organId: text('organ_id').notNull(),
    code: text('code').notNull(),
    note: text('note').notNull(),
    staff: text('staff').notNull(),
    happenedAt: text('happened_at').notNull(),
    receivedAt: text('received_at').notNull().default(now),
  },
  (t) => [index('status_history_document').on(t.documentId, t.id)],
);

/**
 * Two workstations changed the same field before seeing each other's change: both values are
 * kept — the local one stays in the register, the other waits here for the clerk to choose.
 */
export const syncConflicts = sqliteTable('sync_conflicts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  documentId: integer('document_id').references(() => documents.id),
  field: text('field').notNull(),
  localValue: text('local_value').notNull(),
  remoteValue: text('remote_value').notNull(),
  remoteWorkstation: text('remote_workstation').notNull(),
  at: text('at').notNull().default(now),
  resolvedAt: text('resolved_at'),
  resolution: text('resolution', { enum: ['local', 'remote'] }),
});

/**
 * Take-back (thu hồi): on the sender, a recalled outgoing document is frozen; on the receiver,
 * a request for a document already registered waits for the clerk's answer (15 agreed, 16
 * refused). Both stay on record.
 */
export const recalls = sqliteTable(
  'recalls',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    direction: text('direction', { enum: ['out', 'in'] }).notNull(),
    documentId: integer('document_id').references(() => documents.id),
    exchangeId: text('exchange_id').notNull(),
    /** The other side: the recipient asked (in), or the sender asking (out: empty). */
    organId: text('organ_id').notNull().default(''),
    reason: text('reason').notNull(),
    state: text('state', { enum: ['requested', 'agreed', 'refused'] })
      .notNull()
      .default('requested'),
    at: text('at').notNull().default(now),
    answeredAt: text('answered_at'),
  },
  (t) => [index('recalls_document').on(t.documentId)],
);
