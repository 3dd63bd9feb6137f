/**
 * Publication on the unit's web portal (cổng thông tin điện tử): which issued documents the
 * clerk chose to publish, when their package was last made and when it was sent.
 */
import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { documents } from './schema';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const portalPublications = sqliteTable('portal_publications', {
  documentId: integer('document_id')
    .primaryKey()
    .references(() => documents.id),
  markedBy: text('marked_by').notNull(),
  markedAt: text('marked_at').notNull().default(now),
  /** The last package made for it (null: none yet). */
  exportedAt: text('exported_at'),
  /** Put in the outbox for the inbox server, and when the server took it (null: not yet). */
  queuedAt: text('queued_at'),
  sentAt: text('sent_at'),
});
