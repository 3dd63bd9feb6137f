/**
 * The register's side of the exchange: sending an issued document, registering or refusing a
 * received one, and taking in what the server delivers. Each change writes its outbox row in
 * the same transaction as the change itself, so nothing done offline is lost or sent twice.
 * Secret (Mật) documents never leave the machine.
 */
import { randomUUID } from 'node:crypto';
import { URGENCIES, type Urgency } from '../../../src-shared/domain/enums';
import { padNumber } from '../../../src-shared/domain/notation';
import { todayInVietnam } from '../../../src-shared/domain/dates';
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { Document, DocumentFields } from '../../../src-shared/ipc/schemas';
import { DocumentHeader, WireFile, type ChangeBody, type Op, type StatusCode } from '../../../src-shared/sync/protocol';
import type { AuditLog } from '../audit';
import type { Sqlite } from '../db/open';
import type { Documents, Saved } from '../register';
import type { Organisations } from '../register';
import type { FileStore } from '../files';
import type { DocumentPackage } from './edxml';
import type { Handling } from '../handling';
import { compareVietnamese } from '../../../src-shared/domain/collate';

export const EXCHANGE_MESSAGES = {
  secret: 'Văn bản mật không được gửi qua mạng. Hãy chuyển bản giấy theo quy định về bảo vệ bí mật nhà nước.',
  notIssued: 'Chỉ gửi được văn bản đi đã phát hành (đã có số).',
  noPdf: 'Văn bản chưa có tệp PDF để gửi. Hãy đính kèm bản đã ký trước khi gửi.',
  noRecipients: 'Chưa có nơi nhận có mã định danh. Hãy chọn cơ quan nhận trong danh bạ liên thông.',
  alreadySent: 'Văn bản đã được gửi tới tất cả các nơi nhận đã chọn.',
  inboxGone: 'Văn bản này không còn chờ tiếp nhận (đã vào sổ, đã từ chối hoặc nơi gửi đã thu hồi).',
  notSent: 'Văn bản chưa được gửi liên thông nên không có gì để thu hồi.',
  alreadyRecalled: 'Văn bản đã được đề nghị thu hồi trước đó.',
  recallGone: 'Đề nghị thu hồi này đã được trả lời.',
} as const;

/** Urgent documents go first: Hỏa tốc hẹn giờ 4 … Thường 0. */
export function priorityOf(urgency: Urgency): number {
  return URGENCIES.indexOf(urgency);
}

/** The edXML DocumentId: `{senderOrganId},{yyyy/MM/dd},{CodeNumber}/{CodeNotation}`. */
export function exchangeIdOf(senderOrganId: string, d: Document): string {
  const date = (d.issuedDate ?? '').replaceAll('-', '/');
  return `${senderOrganId},${date},${padNumber(d.codeNumber ?? 0)}/${d.codeNotation}`;
}

export function headerOf(d: Document, exchangeId: string): DocumentHeader {
  return DocumentHeader.parse({
    documentId: exchangeId,
    codeNumber: d.codeNumber === null ? '' : padNumber(d.codeNumber),
    codeNotation: d.codeNotation,
    promulgationDate: d.issuedDate,
    typeName: d.typeName,
    subject: d.subject,
    signerName: d.signerFullName,
    signerPosition: d.signerPosition,
    dueDate: d.dueDate,
    toPlaces: d.toPlaces,
    urgency: d.urgency,
    secrecy: d.secrecy,
    pageAmount: d.pageAmount,
  });
}

/** A received document as the registration form shows it: the clerk checks, then registers. */
export function prefilledFields(header: DocumentHeader, from: { organId: string; name: string }): DocumentFields {
  const number = Number.parseInt(header.codeNumber, 10);
  return {
    direction: 'in',
    typeName: header.typeName,
    codeNumber: Number.isInteger(number) && number > 0 ? number : null,
    codeNotation: header.codeNotation,
    issuedDate: header.promulgationDate,
    organName: from.name,
    organId: from.organId,
    subject: header.subject.slice(0, 500),
    pageAmount: header.pageAmount && header.pageAmount > 0 ? header.pageAmount : null,
    language: 'vi',
    description: '',
    signerCompetence: '',
    signerPosition: header.signerPosition,
    signerFullName: header.signerName,
    to: [],
    toPlaces: '',
    issuedAmount: null,
    dueDate: header.dueDate,
    urgency: header.urgency,
    secrecy: 'none',
    circulation: 'public',
    fileCode: '',
    docOrdinal: null,
    arrivalNumber: null,
    arrivalDate: todayInVietnam(),
    receivedVia: 'electronic',
    draftingUnit: '',
  };
}

export interface InboxItem {
  id: number;
  fromOrganId: string;
  fromName: string;
  exchangeId: string;
  header: DocumentHeader;
  files: WireFile[];
  receivedAt: string;
  state: 'waiting' | 'registered' | 'rejected';
  documentId: number | null;
  urgency: Urgency;
}

interface InboxRow extends Omit<InboxItem, 'header' | 'files'> {
  header: string;
  files: string;
  seq: number;
}

interface RecallRequestRow {
  id: number;
  documentId: number | null;
  exchangeId: string;
  organId: string;
  reason: string;
  state: 'requested' | 'agreed' | 'refused';
  at: string;
}

/** Packages imported from edXML files wait in the same box, under negative numbers. */
const lowestSeq = 'SELECT MIN(0, COALESCE(MIN(seq), 0)) - 1 FROM inbox_items';

export function createExchange(
  sqlite: Sqlite,
  deps: {
    files: FileStore;
    documents: Documents;
    organisations: Organisations;
    audit: AuditLog;
    /** The services' IMMEDIATE transaction (a savepoint when nested). */
    transaction: <T>(work: () => T) => T;
    /** Carries a replaced document's directive over to its replacement. */
    handling?: Pick<Handling, 'carryOver'>;
  },
) {
  const { documents, organisations, audit } = deps;
  const tx = deps.transaction;

  const insertOutbox = sqlite.prepare(
    'INSERT INTO sync_outbox (key, kind, payload, priority, document_id) VALUES (?, ?, ?, ?, ?)',
  );
  const insertSent = sqlite.prepare('INSERT OR IGNORE INTO sent_documents (document_id, exchange_id) VALUES (?, ?)');
  const sentExchangeId = sqlite.prepare('SELECT exchange_id FROM sent_documents WHERE document_id = ?').pluck();
  const sentDocument = sqlite.prepare('SELECT document_id FROM sent_documents WHERE exchange_id = ?').pluck();
  const insertRecipient = sqlite.prepare(
    "INSERT OR IGNORE INTO document_recipients (document_id, organ_id, organ_name, status, status_at) VALUES (?, ?, ?, 'queued', ?)",
  );
  const recipientsOf = sqlite.prepare(
    'SELECT organ_id AS organId, organ_name AS organName, status, note, status_at AS statusAt FROM document_recipients WHERE document_id = ?',
  );
  const markRecipientSent = sqlite.prepare(
    "UPDATE document_recipients SET status = 'sent', status_at = ? WHERE document_id = ? AND organ_id = ? AND status = 'queued'",
  );
  // A package for the web portal that the server took (portal/index.ts sends it).
  const markPortalSent = sqlite.prepare(
    'UPDATE portal_publications SET sent_at = ? WHERE document_id = (SELECT id FROM documents WHERE uid = ?)',
  );
  const dropRecipient = sqlite.prepare('DELETE FROM document_recipients WHERE document_id = ? AND organ_id = ?');
  // A recipient's statuses are ordered by its own clock; our "sent" (by ours, which may be hours
  // apart) always gives way to the first word from the recipient.
  const updateRecipient = sqlite.prepare(
    "UPDATE document_recipients SET status = ?, note = ?, status_at = ? WHERE document_id = ? AND organ_id = ? AND (status IN ('queued', 'sent') OR status_at <= ?)",
  );
  const insertHistory = sqlite.prepare(
    'INSERT INTO status_history (document_id, organ_id, code, note, staff, happened_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const directoryName = sqlite.prepare('SELECT name FROM sync_directory WHERE organ_id = ?').pluck();
  const insertInbox = sqlite.prepare(
    'INSERT OR IGNORE INTO inbox_items (seq, from_organ_id, from_name, exchange_id, header, files, urgency) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const inboxColumns =
    'id, seq, from_organ_id AS fromOrganId, from_name AS fromName, exchange_id AS exchangeId, header, files, received_at AS receivedAt, state, document_id AS documentId, urgency';
  const inboxById = sqlite.prepare(`SELECT ${inboxColumns} FROM inbox_items WHERE id = ?`);
  const waitingInbox = sqlite.prepare(
    `SELECT ${inboxColumns} FROM inbox_items WHERE state = 'waiting' ORDER BY CASE urgency WHEN 'normal' THEN 1 ELSE 0 END, id`,
  );
  const insertRecall = sqlite.prepare(
    'INSERT INTO recalls (direction, document_id, exchange_id, organ_id, reason) VALUES (?, ?, ?, ?, ?)',
  );
  const outgoingRecall = sqlite.prepare("SELECT 1 FROM recalls WHERE document_id = ? AND direction = 'out'").pluck();
  const openRecallFor = sqlite.prepare(
    "SELECT id FROM recalls WHERE direction = 'in' AND exchange_id = ? AND organ_id = ? AND state = 'requested'",
  );
  const recallColumns =
    'id, document_id AS documentId, exchange_id AS exchangeId, organ_id AS organId, reason, state, at FROM recalls';
  const recallById = sqlite.prepare(`SELECT ${recallColumns} WHERE id = ? AND direction = 'in'`);
  const recallsOf = sqlite.prepare(`SELECT ${recallColumns} WHERE document_id = ? AND direction = 'in' ORDER BY id`);
  const answerRecall = sqlite.prepare(
    "UPDATE recalls SET state = ?, answered_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ? AND state = 'requested'",
  );
  const receivedBy = sqlite.prepare(
    "SELECT id, state, document_id AS documentId FROM inbox_items WHERE exchange_id = ? AND from_organ_id = ? AND state IN ('waiting', 'registered') ORDER BY id DESC",
  );
  const setInboxState = sqlite.prepare('UPDATE inbox_items SET state = ? WHERE id = ?');
  const settleInbox = sqlite.prepare(
    "UPDATE inbox_items SET state = ?, document_id = ?, reject_reason = ? WHERE id = ? AND state = 'waiting'",
  );

  function enqueue(op: Op, priority: number, documentId: number | null): void {
    insertOutbox.run(op.key, op.kind, JSON.stringify(op), priority, documentId);
  }

  function status(to: string, documentId: string, code: StatusCode, note = '', staff = ''): Op {
    return {
      kind: 'status',
      key: randomUUID(),
      happenedAt: new Date().toISOString(),
      documentId,
      to,
      code,
      note,
      staff,
    };
  }

  /**
   * An update (2) or a replacement (3) of a document already registered here: the new entry
   * takes over the handling (the directive in force, its people, deadlines and statuses) and
   * the earlier one leaves use, cancelled with the reason, its history kept.
   */
  function takeOver(item: InboxItem, registered: Document, actor: string): void {
    const { businessType, responseFor } = item.header;
    const earlierId = businessType === 2 ? item.exchangeId : businessType === 3 ? responseFor : null;
    if (!earlierId) return;
    const earlier = (
      receivedBy.all(earlierId, item.fromOrganId) as { id: number; state: string; documentId: number | null }[]
    ).find((r) => r.id !== item.id && r.state === 'registered' && r.documentId !== null);
    if (!earlier?.documentId) return;
    const old = documents.get(earlier.documentId);
    if (old.status !== 'registered') return;
    const word = businessType === 2 ? 'cập nhật' : 'thay thế';
    const reason = `Đã được ${word} bằng văn bản số đến ${registered.arrivalNumber ?? ''}`.trim();
    deps.handling?.carryOver(
      old.id,
      registered.id,
      actor,
      `Chuyển từ văn bản số đến ${old.arrivalNumber ?? ''} (${reason.toLowerCase()})`,
    );
    documents.cancel(old.id, reason, actor);
  }

  function parseInbox(row: InboxRow | undefined): (InboxItem & { viaServer: boolean }) | null {
    if (!row) return null;
    const { seq, ...rest } = row;
    return {
      ...rest,
      header: JSON.parse(row.header) as DocumentHeader,
      files: JSON.parse(row.files) as WireFile[],
      viaServer: seq > 0,
    };
  }
  const nextImportSeq = sqlite.prepare(lowestSeq).pluck();

  /**
   * The sender asks for a document back (13). Still waiting here: it leaves the box and the
   * answer is "agreed" at once (15). Already registered: the clerk decides (15 or 16).
   */
  function takeBackRequested(from: string, exchangeId: string, reason: string): void {
    const [item] = receivedBy.all(exchangeId, from) as { id: number; state: string; documentId: number | null }[];
    if (!item) return;
    if (item.state === 'waiting') {
      setInboxState.run('recalled', item.id);
      const recall = insertRecall.run('in', null, exchangeId, from, reason);
      answerRecall.run('agreed', Number(recall.lastInsertRowid));
      enqueue(status(from, exchangeId, '15', 'Chưa vào sổ; đã gỡ khỏi hộp chờ tiếp nhận.'), 3, null);
      return;
    }
    if (!openRecallFor.get(exchangeId, from)) insertRecall.run('in', item.documentId, exchangeId, from, reason);
  }

  return {
    /** Writes an op to the outbox; call inside the transaction of the change it carries. */
    enqueue,

    /**
     * Queues an issued document for its recipients (by OrganId), in one transaction with the
     * recipients' "queued" lines. Recipients it was already sent to are left out.
     */
    send(
      id: number,
      recipients: { organId: string; name?: string }[] | undefined,
      actor: string,
      options: { update?: boolean; replaces?: number } = {},
    ) {
      return tx(() => {
        const d = documents.get(id);
        if (outgoingRecall.get(id)) throw new VanThuError('CONFLICT', 'Văn bản đã bị thu hồi nên không gửi được nữa.');
        if (d.secrecy !== 'none') throw new VanThuError('FORBIDDEN', EXCHANGE_MESSAGES.secret);
        if (d.direction !== 'out' || d.status !== 'issued')
          throw new VanThuError('CONFLICT', EXCHANGE_MESSAGES.notIssued);
        const files = d.files.filter((f) => f.role !== 'earlier');
        if (!files.some((f) => f.role === 'main')) throw new VanThuError('VALIDATION', EXCHANGE_MESSAGES.noPdf);
        const wanted = (recipients ?? d.to.map((r) => ({ organId: r.organId, name: r.organName })))
          .map((r) => ({ organId: r.organId.trim(), name: r.name ?? '' }))
          .filter((r) => r.organId);
        if (wanted.length === 0) throw new VanThuError('VALIDATION', EXCHANGE_MESSAGES.noRecipients);
        const org = organisations.get(d.organisationId);
        const exchangeId = (sentExchangeId.get(id) as string | undefined) ?? exchangeIdOf(org.organId, d);
        // An update (2) goes again to those who have it; a first sending skips them.
        const already = options.update
          ? new Set<string>()
          : new Set((recipientsOf.all(id) as { organId: string }[]).map((r) => r.organId));
        const replaced =
          options.replaces === undefined
            ? null
            : ((sentExchangeId.get(options.replaces) as string | undefined) ?? null);
        if (options.replaces !== undefined && !replaced) throw new VanThuError('CONFLICT', EXCHANGE_MESSAGES.notSent);
        const fresh = [...new Map(wanted.filter((r) => !already.has(r.organId)).map((r) => [r.organId, r])).values()];
        if (fresh.length === 0) throw new VanThuError('CONFLICT', EXCHANGE_MESSAGES.alreadySent);

        const now = new Date().toISOString();
        insertSent.run(id, exchangeId);
        for (const r of fresh) {
          if (options.update) {
            dropRecipient.run(id, r.organId);
          }
          insertRecipient.run(
            id,
            r.organId,
            r.name || (directoryName.get(r.organId) as string | undefined) || r.organId,
            now,
          );
        }
        const op: Op = {
          kind: 'document.send',
          key: randomUUID(),
          happenedAt: now,
          to: fresh.map((r) => r.organId),
          header: {
            ...headerOf(d, exchangeId),
            businessType: options.update ? 2 : replaced ? 3 : 0,
            responseFor: replaced,
          },
          files: files.map((f) =>
            WireFile.parse({ sha256: f.sha256, name: f.name, size: f.size, mediaType: f.mediaType }),
          ),
        };
        enqueue(op, priorityOf(d.urgency), id);
        audit.append({
          actor,
          action: 'document.send',
          entity: 'document',
          entityId: id,
          details: { to: op.to, exchangeId },
        });
        return { recipients: this.recipients(id) };
      });
    },

    /** An issued document as an edXML package (for systems not on the inbox server). */
    exportPackage(id: number): DocumentPackage {
      const d = documents.get(id);
      if (d.secrecy !== 'none') throw new VanThuError('FORBIDDEN', EXCHANGE_MESSAGES.secret);
      if (d.direction !== 'out' || d.status !== 'issued')
        throw new VanThuError('CONFLICT', EXCHANGE_MESSAGES.notIssued);
      const files = d.files.filter((f) => f.role !== 'earlier');
      if (!files.some((f) => f.role === 'main')) throw new VanThuError('VALIDATION', EXCHANGE_MESSAGES.noPdf);
      const org = organisations.get(d.organisationId);
      const exchangeId = (sentExchangeId.get(id) as string | undefined) ?? exchangeIdOf(org.organId, d);
      return {
        from: { organId: org.organId, name: org.name },
        to: d.to.filter((r) => r.organId).map((r) => ({ organId: r.organId, name: r.organName })),
        header: headerOf(d, exchangeId),
        files: files.map((f) => ({ name: f.name, mediaType: f.mediaType, bytes: deps.files.read(f.sha256) })),
        sentAt: new Date().toISOString(),
      };
    },

    /**
     * Asks every recipient to take the document back (13); it is frozen here from now on, and
     * the recall stays on record. Recipients answer 15 (agreed) or 16 (refused).
     */
    recall(id: number, reason: string, actor: string) {
      return tx(() => {
        const exchangeId = sentExchangeId.get(id) as string | undefined;
        if (!exchangeId) throw new VanThuError('CONFLICT', EXCHANGE_MESSAGES.notSent);
        if (outgoingRecall.get(id)) throw new VanThuError('CONFLICT', EXCHANGE_MESSAGES.alreadyRecalled);
        const d = documents.get(id);
        insertRecall.run('out', id, exchangeId, '', reason);
        for (const r of recipientsOf.all(id) as { organId: string }[]) {
          enqueue(status(r.organId, exchangeId, '13', reason), priorityOf(d.urgency) + 1, id);
        }
        audit.append({
          actor,
          action: 'document.recall',
          entity: 'document',
          entityId: id,
          details: { reason, exchangeId },
        });
        return this.recipients(id);
      });
    },

    recallRequests(documentId: number) {
      return recallsOf.all(documentId) as RecallRequestRow[];
    },

    /** The receiving clerk's answer to a take-back request for a registered document. */
    answerRecall(recallId: number, agree: boolean, note: string, actor: string) {
      tx(() => {
        const request = recallById.get(recallId) as RecallRequestRow | undefined;
        if (!request || request.state !== 'requested') throw new VanThuError('CONFLICT', EXCHANGE_MESSAGES.recallGone);
        const { exchangeId } = request;
        answerRecall.run(agree ? 'agreed' : 'refused', recallId);
        if (agree && request.documentId !== null) {
          // Removed from use, never deleted: the entry keeps its arrival number, marked cancelled.
          documents.cancel(request.documentId, `Thu hồi theo đề nghị của nơi gửi: ${request.reason}`, actor);
        }
        enqueue(status(request.organId, exchangeId, agree ? '15' : '16', note), 3, request.documentId);
        audit.append({
          actor,
          action: agree ? 'recall.agree' : 'recall.refuse',
          entity: 'document',
          entityId: request.documentId ?? exchangeId,
          details: { note },
        });
      });
    },

    recipients(id: number) {
      return (
        recipientsOf.all(id) as {
          organId: string;
          organName: string;
          status: string;
          note: string;
          statusAt: string;
        }[]
      ).sort((a, b) => compareVietnamese(a.organName, b.organName));
    },

    /** The server took a document.send: its recipients move from "queued" to "sent". */
    markSent(op: Op): void {
      if (op.kind === 'portal.publish') {
        markPortalSent.run(new Date().toISOString(), op.documentUid);
        return;
      }
      if (op.kind !== 'document.send') return;
      const documentId = sentDocument.get(op.header.documentId) as number | undefined;
      if (documentId === undefined) return;
      const now = new Date().toISOString();
      for (const organId of op.to) markRecipientSent.run(now, documentId, organId);
    },

    /**
     * One change from the feed, applied inside the caller's transaction (with the cursor). A
     * received document waits to be registered and is acknowledged "01 arrived" at once.
     */
    applyChange(seq: number, body: ChangeBody, myWorkstationId: string): void {
      switch (body.kind) {
        case 'document.received': {
          // An update (2) of a document still waiting takes its place; a registered one stays,
          // and the update waits beside it, saying what it updates (the form shows it).
          if (body.header.businessType === 2) {
            for (const earlier of receivedBy.all(body.header.documentId, body.from) as {
              id: number;
              state: string;
            }[]) {
              if (earlier.state === 'waiting') setInboxState.run('superseded', earlier.id);
            }
          }
          const added = insertInbox.run(
            seq,
            body.from,
            body.fromName,
            body.header.documentId,
            JSON.stringify(body.header),
            JSON.stringify(body.files),
            body.header.urgency,
          );
          if (added.changes > 0)
            enqueue(status(body.from, body.header.documentId, '01'), priorityOf(body.header.urgency), null);
          return;
        }
        case 'status.received': {
          if (body.code === '13') {
            takeBackRequested(body.from, body.documentId, body.note);
            return;
          }
          const documentId = sentDocument.get(body.documentId) as number | undefined;
          if (documentId === undefined) return; // not ours (or sent before this workstation kept track)
          insertHistory.run(documentId, body.from, body.code, body.note, body.staff, body.happenedAt);
          // Statuses may arrive out of order: the latest by the time it happened wins.
          updateRecipient.run(body.code, body.note, body.happenedAt, documentId, body.from, body.happenedAt);
          return;
        }
        case 'org.change':
          // Applied by the organisation channel (org-channel.ts), which the engine calls.
          void myWorkstationId;
          return;
      }
    },

    inbox(): InboxItem[] {
      return (waitingInbox.all() as InboxRow[]).map((r) => {
        const { viaServer: _viaServer, ...item } = parseInbox(r)!;
        return item;
      });
    },

    /** An edXML package read from a file (its files already stored) waits to be registered. */
    importPackage(
      pkg: { from: { organId: string; name: string }; header: DocumentHeader; files: WireFile[] },
      actor: string,
    ) {
      return tx(() => {
        const seq = nextImportSeq.get() as number;
        const added = insertInbox.run(
          seq,
          pkg.from.organId,
          pkg.from.name,
          pkg.header.documentId,
          JSON.stringify(pkg.header),
          JSON.stringify(pkg.files),
          pkg.header.urgency,
        );
        const id = Number(added.lastInsertRowid);
        audit.append({
          actor,
          action: 'inbox.importEdxml',
          entity: 'inbox',
          entityId: id,
          details: { exchangeId: pkg.header.documentId },
        });
        return id;
      });
    },

    inboxItem(id: number): InboxItem & { fields: DocumentFields; viaServer: boolean } {
      const item = parseInbox(inboxById.get(id) as InboxRow | undefined);
      if (!item) throw new VanThuError('NOT_FOUND', 'Không tìm thấy văn bản chờ tiếp nhận.');
      return { ...item, fields: prefilledFields(item.header, { organId: item.fromOrganId, name: item.fromName }) };
    },

    /** Registers a received document (the clerk may have corrected fields) and says "03" back. */
    register(id: number, fields: DocumentFields, actor: string): Saved {
      return tx(() => {
        const item = this.inboxItem(id);
        if (item.state !== 'waiting') throw new VanThuError('CONFLICT', EXCHANGE_MESSAGES.inboxGone);
        const refs = item.files.map((f) => ({ sha256: f.sha256, name: f.name }));
        const saved = documents.create(
          { ...fields, direction: 'in', receivedVia: 'electronic', organId: fields.organId || item.fromOrganId },
          refs,
          actor,
        );
        settleInbox.run('registered', saved.document.id, null, id);
        takeOver(item, saved.document, actor);
        // A package imported from a file did not come through the server: no status goes back.
        if (item.viaServer)
          enqueue(
            status(
              item.fromOrganId,
              item.exchangeId,
              '03',
              saved.document.arrivalNumber ? `Số đến ${saved.document.arrivalNumber}` : '',
            ),
            priorityOf(item.urgency),
            saved.document.id,
          );
        return saved;
      });
    },

    /** Refuses a received document with a reason ("02"), which the sender sees. */
    reject(id: number, reason: string, actor: string): void {
      tx(() => {
        const item = this.inboxItem(id);
        if (item.state !== 'waiting') throw new VanThuError('CONFLICT', EXCHANGE_MESSAGES.inboxGone);
        settleInbox.run('rejected', null, reason, id);
        if (item.viaServer)
          enqueue(status(item.fromOrganId, item.exchangeId, '02', reason), priorityOf(item.urgency), null);
        audit.append({
          actor,
          action: 'inbox.reject',
          entity: 'inbox',
          entityId: id,
          details: { reason, exchangeId: item.exchangeId },
        });
      });
    },
  };
}

export type Exchange = ReturnType<typeof createExchange>;
