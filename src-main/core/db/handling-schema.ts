/**
 * Handling an incoming document (DOMAIN.md "Handling an incoming document"): the units of the
 * organisation, the leader's directives, one line per person named in a directive with its own
 * deadline and status, each line's history, and the calendar of days off deadlines skip.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { documents, organisations, users } from './schema';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** Phòng, ban, chi bộ: where handlers work; reports count backlog per unit. */
export const units = sqliteTable('units', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  uid: text('uid').notNull().unique(),
  organisationId: integer('organisation_id')
    .notNull()
    .references(() => organisations.id),
  name: text('name').notNull(),
  createdAt: text('created_at').notNull().default(now),
});

/**
 * A leader's directive (ý kiến chỉ đạo), typed: the official one. `recordedBy` differs from
 * `leaderId` when a clerk typed it on the leader's behalf, which the screen and the audit say.
 */
export const directives = sqliteTable(
  'directives',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    uid: text('uid').notNull().unique(),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    text: text('text').notNull(),
    leaderId: integer('leader_id')
      .notNull()
      .references(() => users.id),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    directedAt: text('directed_at').notNull().default(now),
  },
  (t) => [index('directives_in_force').on(t.documentId, t.directedAt, t.uid)],
);

/** One person named by a directive: chủ trì (main), phối hợp (coordinate) or để biết (inform). */
export const handlingLines = sqliteTable(
  'handling_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    uid: text('uid').notNull().unique(),
    directiveId: integer('directive_id')
      .notNull()
      .references(() => directives.id),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    part: text('part', { enum: ['main', 'coordinate', 'inform'] }).notNull(),
    dueDate: text('due_date'),
    status: text('status', { enum: ['waiting', 'in_progress', 'done', 'returned'] })
      .notNull()
      .default('waiting'),
    /** The document that answers it (an outgoing reply), once the handler links one. */
    replyDocumentId: integer('reply_document_id').references(() => documents.id),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    index('handling_lines_document').on(t.documentId, t.id),
    index('handling_lines_handler').on(t.userId, t.status),
  ],
);

/** Every status a line went through, with who and when (the trace); never changed. */
export const handlingEvents = sqliteTable(
  'handling_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The same event on every workstation of the organisation (the channel applies it once). */
    uid: text('uid').notNull().unique(),
    lineId: integer('line_id')
      .notNull()
      .references(() => handlingLines.id),
    status: text('status').notNull(),
    note: text('note').notNull().default(''),
    actor: text('actor').notNull(),
    at: text('at').notNull().default(now),
  },
  (t) => [index('handling_events_line').on(t.lineId, t.id)],
);

/** Days off besides weekends; `source` says who put them there. */
export const holidays = sqliteTable('holidays', {
  date: text('date').primaryKey(),
  name: text('name').notNull(),
  source: text('source', { enum: ['seed', 'admin', 'server'] }).notNull(),
});
