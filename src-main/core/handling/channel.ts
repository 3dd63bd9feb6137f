/**
 * Directives and line changes as they travel between the workstations of one organisation
 * (src-shared/sync/handling-wire.ts): read out as wire snapshots where they are made, applied
 * once where they arrive. Every status change is an event kept in the line's history on every
 * workstation; the line shows the latest by the time it happened, so two people moving the same
 * line apart both stay on record, and the later one stands.
 */
import type { DirectiveWire, HandlingEventWire } from '../../../src-shared/sync/handling-wire';
import type { LineStatus } from '../../../src-shared/ipc/handling';
import type { Sqlite } from '../db/open';

/** The uid of the "waiting" event a line starts with: the same on every workstation. */
export const firstEventUid = (lineUid: string) => `${lineUid}:waiting`;

export type Applied =
  'applied' | 'same' | 'missing' | { conflict: { local: LineStatus; remote: LineStatus; documentId: number } };

export function createHandlingChannel(sqlite: Sqlite, deps: { refresh: (documentId: number) => void }) {
  const directiveRow = sqlite.prepare(`
    SELECT d.uid, doc.uid AS documentUid, d.text, l.username AS leader, r.username AS recordedBy, d.directed_at AS directedAt,
      doc.organisation_id AS organisationId, doc.secrecy
    FROM directives d JOIN documents doc ON doc.id = d.document_id
      JOIN users l ON l.id = d.leader_id JOIN users r ON r.id = d.recorded_by
    WHERE d.id = ?`);
  const directiveLines = sqlite.prepare(`
    SELECT h.uid, u.username AS user, h.part, h.due_date AS dueDate
    FROM handling_lines h JOIN users u ON u.id = h.user_id WHERE h.directive_id = ? ORDER BY h.id`);
  const eventRow = sqlite.prepare(`
    SELECT e.uid, h.uid AS lineUid, e.status, e.note, e.actor, e.at, r.uid AS replyUid,
      doc.organisation_id AS organisationId, doc.secrecy,
      coalesce((SELECT p.status FROM handling_events p WHERE p.line_id = e.line_id AND p.id < e.id ORDER BY p.id DESC LIMIT 1), 'waiting') AS "from"
    FROM handling_events e JOIN handling_lines h ON h.id = e.line_id JOIN documents doc ON doc.id = h.document_id
      LEFT JOIN documents r ON r.id = h.reply_document_id
    WHERE e.id = ?`);
  const documentByUid = sqlite.prepare('SELECT id FROM documents WHERE uid = ?').pluck();
  const userByName = sqlite.prepare('SELECT id FROM users WHERE username = ?').pluck();
  const directiveByUid = sqlite.prepare('SELECT id FROM directives WHERE uid = ?').pluck();
  const lineByUid = sqlite.prepare('SELECT id, document_id AS documentId, status FROM handling_lines WHERE uid = ?');
  const eventByUid = sqlite.prepare('SELECT id FROM handling_events WHERE uid = ?').pluck();
  const insertDirective = sqlite.prepare(
    'INSERT INTO directives (uid, document_id, text, leader_id, recorded_by, directed_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertLine = sqlite.prepare(
    'INSERT INTO handling_lines (uid, directive_id, document_id, user_id, part, due_date, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertEvent = sqlite.prepare(
    'INSERT INTO handling_events (uid, line_id, status, note, actor, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const latestEvent = sqlite.prepare(
    'SELECT status, at FROM handling_events WHERE line_id = ? ORDER BY at DESC, id DESC LIMIT 1',
  );
  const setLine = sqlite.prepare(
    'UPDATE handling_lines SET status = ?, updated_at = ?, reply_document_id = coalesce(?, reply_document_id) WHERE id = ?',
  );
  const directivesOfOrgan = sqlite
    .prepare(
      `SELECT d.id FROM directives d JOIN documents doc ON doc.id = d.document_id JOIN organisations o ON o.id = doc.organisation_id
       WHERE o.organ_id = ? AND doc.secrecy = 'none' ORDER BY d.id`,
    )
    .pluck();
  const eventsOfOrgan = sqlite
    .prepare(
      `SELECT e.id FROM handling_events e JOIN handling_lines h ON h.id = e.line_id JOIN documents doc ON doc.id = h.document_id
       JOIN organisations o ON o.id = doc.organisation_id
       WHERE o.organ_id = ? AND doc.secrecy = 'none' AND e.uid NOT LIKE '%:waiting' ORDER BY e.id`,
    )
    .pluck();

  type Located = { organisationId: number; secrecy: string };

  return {
    /** The status a line shows: its latest event by the time it happened. */
    latestOf(lineId: number): { status: LineStatus; at: string } {
      return latestEvent.get(lineId) as { status: LineStatus; at: string };
    },

    directive(id: number): (DirectiveWire & Located) | null {
      const row = directiveRow.get(id) as (Omit<DirectiveWire, 'lines'> & Located) | undefined;
      if (!row) return null;
      return { ...row, lines: directiveLines.all(id) as DirectiveWire['lines'] };
    },

    /** A status change; the first "waiting" of a line comes with its directive instead. */
    event(id: number): (HandlingEventWire & Located) | null {
      const row = eventRow.get(id) as (HandlingEventWire & Located) | undefined;
      if (!row || row.uid === firstEventUid(row.lineUid)) return null;
      return row;
    },

    /** Everything to publish for an organisation when a workstation first connects. */
    allOf(organId: string): { directives: number[]; events: number[] } {
      return {
        directives: directivesOfOrgan.all(organId) as number[],
        events: eventsOfOrgan.all(organId) as number[],
      };
    },

    applyDirective(w: DirectiveWire): Applied {
      if (directiveByUid.get(w.uid)) return 'same';
      const documentId = documentByUid.get(w.documentUid) as number | undefined;
      const leader = userByName.get(w.leader) as number | undefined;
      const recordedBy = userByName.get(w.recordedBy) as number | undefined;
      const users = w.lines.map((l) => userByName.get(l.user) as number | undefined);
      if (!documentId || !leader || !recordedBy || users.some((u) => u === undefined)) return 'missing';
      const directiveId = Number(
        insertDirective.run(w.uid, documentId, w.text, leader, recordedBy, w.directedAt).lastInsertRowid,
      );
      for (const [i, line] of w.lines.entries()) {
        const lineId = Number(
          insertLine.run(line.uid, directiveId, documentId, users[i], line.part, line.dueDate, w.directedAt)
            .lastInsertRowid,
        );
        insertEvent.run(firstEventUid(line.uid), lineId, 'waiting', '', w.recordedBy, w.directedAt);
      }
      deps.refresh(documentId);
      return 'applied';
    },

    applyEvent(w: HandlingEventWire): Applied {
      if (eventByUid.get(w.uid)) return 'same';
      const line = lineByUid.get(w.lineUid) as { id: number; documentId: number; status: LineStatus } | undefined;
      if (!line) return 'missing';
      const reply = w.replyUid === null ? null : ((documentByUid.get(w.replyUid) as number | undefined) ?? null);
      insertEvent.run(w.uid, line.id, w.status, w.note, w.actor, w.at);
      const latest = latestEvent.get(line.id) as { status: LineStatus; at: string };
      setLine.run(latest.status, latest.at, reply, line.id);
      deps.refresh(line.documentId);
      // Moved here too since the sender last saw it: both changes stay in the history.
      return line.status !== w.from
        ? { conflict: { local: line.status, remote: w.status, documentId: line.documentId } }
        : 'applied';
    },
  };
}

export type HandlingChannel = ReturnType<typeof createHandlingChannel>;
