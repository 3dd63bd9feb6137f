/**
 * The web portal (cổng thông tin điện tử): the clerk chooses issued documents to publish and
 * makes each a package — metadata.json and the signed PDF, unchanged — for the portal's editors,
 * or sends it through the inbox server, where the portal fetches it. A secret document or one
 * for internal circulation is refused here, whatever the screen shows (and by the server too).
 */
import { randomUUID } from 'node:crypto';
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { Document } from '../../../src-shared/ipc/schemas';
import type { PortalMetadata, PortalState } from '../../../src-shared/ipc/portal';
import type { Op } from '../../../src-shared/sync/protocol';
import type { AuditLog } from '../audit';
import type { Sqlite } from '../db/open';
import type { FileStore } from '../files';
import type { Documents, Organisations } from '../register';
import { zip } from '../xlsx/zip';

export interface PortalDeps {
  documents: Documents;
  files: FileStore;
  organisations: Organisations;
  audit: AuditLog;
  /** The sync outbox (in the caller's transaction), and whether this machine is enrolled. */
  outbox: { enqueue: (op: Op, priority: number, documentId: number | null) => void; connected: () => boolean };
}

export function createPortal(sqlite: Sqlite, deps: PortalDeps) {
  const row = sqlite.prepare(
    `SELECT marked_at AS markedAt, exported_at AS exportedAt, queued_at AS queuedAt, sent_at AS sentAt
     FROM portal_publications WHERE document_id = ?`,
  );
  const queued = sqlite.prepare('UPDATE portal_publications SET queued_at = ?, sent_at = NULL WHERE document_id = ?');
  const insert = sqlite.prepare('INSERT OR IGNORE INTO portal_publications (document_id, marked_by) VALUES (?, ?)');
  const remove = sqlite.prepare('DELETE FROM portal_publications WHERE document_id = ?');
  const exported = sqlite.prepare('UPDATE portal_publications SET exported_at = ? WHERE document_id = ?');
  const recalled = sqlite.prepare("SELECT 1 FROM recalls WHERE document_id = ? AND direction = 'out'").pluck();

  /** Why the document may not go on the portal, in the clerk's words; null when it may. */
  function refusal(d: Document): string | null {
    if (d.secrecy !== 'none') return 'Văn bản mật không bao giờ được đăng lên cổng thông tin.';
    if (d.circulation === 'internal') return 'Văn bản lưu hành nội bộ không được đăng lên cổng thông tin.';
    if (d.direction !== 'out') return 'Chỉ văn bản đi của cơ quan mới đăng lên cổng thông tin.';
    if (d.status !== 'issued') return 'Văn bản chưa phát hành (hoặc đã hủy) nên chưa đăng được.';
    if (recalled.get(d.id)) return 'Văn bản đã bị thu hồi nên không đăng được.';
    if (!d.files.some((f) => f.role === 'main')) return 'Văn bản chưa có tệp PDF chính để đăng.';
    return null;
  }

  function state(id: number): PortalState {
    const d = deps.documents.get(id);
    const found = row.get(id) as
      { markedAt: string; exportedAt: string | null; queuedAt: string | null; sentAt: string | null } | undefined;
    return {
      documentId: id,
      marked: !!found,
      markedAt: found?.markedAt ?? null,
      exportedAt: found?.exportedAt ?? null,
      queuedAt: found?.queuedAt ?? null,
      sentAt: found?.sentAt ?? null,
      refusal: refusal(d),
    };
  }

  /** A marked, publishable document and what its package says. */
  function publishable(id: number, actor: string, now: Date) {
    const d = deps.documents.get(id);
    const reason = refusal(d);
    if (reason) throw new VanThuError('CONFLICT', reason);
    if (!row.get(id)) throw new VanThuError('CONFLICT', 'Hãy chọn "Đăng cổng thông tin" cho văn bản này trước.');
    const main = d.files.find((f) => f.role === 'main')!;
    const org = deps.organisations.get(d.organisationId);
    const metadata: PortalMetadata = {
      format: 'vanthu.portal/1',
      organ: { organId: org.organId, name: org.name },
      typeName: d.typeName,
      codeNumber: d.codeNumber,
      codeNotation: d.codeNotation,
      numberNotation: d.numberNotation,
      issuedDate: d.issuedDate,
      subject: d.subject,
      signer: { competence: d.signerCompetence, position: d.signerPosition, fullName: d.signerFullName },
      pageAmount: d.pageAmount,
      language: d.language,
      file: { name: main.name, sha256: main.sha256, size: main.size },
      publishedBy: actor,
      madeAt: now.toISOString(),
    };
    return { d, main, metadata };
  }

  return {
    state,

    mark(id: number, actor: string): PortalState {
      const reason = refusal(deps.documents.get(id));
      if (reason) throw new VanThuError('CONFLICT', reason);
      if (insert.run(id, actor).changes > 0)
        deps.audit.append({ actor, action: 'portal.mark', entity: 'document', entityId: id });
      return state(id);
    },

    unmark(id: number, actor: string): PortalState {
      if (remove.run(id).changes > 0)
        deps.audit.append({ actor, action: 'portal.unmark', entity: 'document', entityId: id });
      return state(id);
    },

    /**
     * Sends the package through the inbox server (the outbox row in this transaction); the
     * portal fetches it there. Sending again replaces what the portal had for the document.
     */
    send(id: number, actor: string, now: Date): PortalState {
      if (!deps.outbox.connected()) {
        throw new VanThuError(
          'CONFLICT',
          'Máy này chưa kết nối máy chủ liên thông: hãy dùng "Xuất gói đăng tải" và chuyển gói cho bộ phận quản trị cổng.',
        );
      }
      const { d, main, metadata } = publishable(id, actor, now);
      deps.outbox.enqueue(
        {
          kind: 'portal.publish',
          key: randomUUID(),
          happenedAt: now.toISOString(),
          documentUid: d.uid,
          secrecy: d.secrecy,
          circulation: d.circulation,
          metadata,
          file: { sha256: main.sha256, name: main.name, size: main.size, mediaType: main.mediaType },
        },
        0,
        id,
      );
      queued.run(now.toISOString(), id);
      deps.audit.append({ actor, action: 'portal.send', entity: 'document', entityId: id });
      return state(id);
    },

    /** The package: "<name>/metadata.json" and "<name>/<the PDF>", in one .zip. */
    package(id: number, actor: string, now: Date): { bytes: Buffer; name: string; mediaType: string } {
      const { d, main, metadata } = publishable(id, actor, now);
      // Plain letters for a name every portal and every disk accepts.
      const base = `cong-thong-tin-${d.codeNumber ?? d.id}-${(d.issuedDate ?? '').replace(/-/g, '')}`;
      const bytes = zip([
        { name: `${base}/metadata.json`, data: Buffer.from(`${JSON.stringify(metadata, null, 2)}\n`, 'utf8') },
        { name: `${base}/${main.name.replace(/[\\/:*?"<>|]/g, '_')}`, data: deps.files.read(main.sha256) },
      ]);
      exported.run(now.toISOString(), id);
      deps.audit.append({ actor, action: 'portal.export', entity: 'document', entityId: id, details: { base } });
      return { bytes, name: `${base}.zip`, mediaType: 'application/zip' };
    },
  };
}

export type Portal = ReturnType<typeof createPortal>;
