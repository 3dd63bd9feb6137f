/**
 * Signature checks of stored PDFs, and their evidence kept with the register entry. Every check
 * adds a row (never overwriting an earlier one) and updates the entry's verdict column, so the
 * register shows it and a later re-check (when the network is back) leaves a trail.
 */
import { VanThuError } from '../../../src-shared/ipc/errors';
import { DocumentReport } from '../../../src-shared/pdf/report';
import type { Sqlite } from '../db/open';
import type { AuditLog } from '../audit';
import type { FileStore } from '../files';
import type { TrustStore } from '../keys/trust-store';
import { verifyPdf } from '../pdf/verify';

export function createSignatureChecks(sqlite: Sqlite, files: FileStore, trust: TrustStore, audit: AuditLog) {
  const insert = sqlite.prepare(
    'INSERT INTO signature_checks (document_id, sha256, verdict, report, checked_at, checked_by) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const setVerdict = sqlite.prepare('UPDATE documents SET signature_verdict = ? WHERE id = ?');
  const mainFile = sqlite
    .prepare("SELECT sha256 FROM document_files WHERE document_id = ? AND role = 'main' ORDER BY added_at LIMIT 1")
    .pluck();
  const latest = sqlite
    .prepare('SELECT report FROM signature_checks WHERE document_id = ? ORDER BY id DESC LIMIT 1')
    .pluck();

  /** Checks a stored PDF against the workstation's trust anchors; offline, revocation is unknown. */
  async function verifyFile(sha256: string): Promise<DocumentReport> {
    return verifyPdf(files.read(sha256), { trustAnchors: trust.certificates() });
  }

  return {
    verifyFile,

    /** Checks the entry's main PDF and keeps the evidence; null when the entry has no PDF. */
    async verifyDocument(documentId: number, actor: string): Promise<DocumentReport | null> {
      const sha256 = mainFile.get(documentId) as string | undefined;
      if (!sha256) return null;
      const report = await verifyFile(sha256);
      sqlite.transaction(() => {
        insert.run(documentId, sha256, report.verdict, JSON.stringify(report), report.checkedAt, actor);
        setVerdict.run(report.verdict, documentId);
        audit.append({
          actor,
          action: 'document.verifySignatures',
          entity: 'document',
          entityId: documentId,
          details: { sha256, verdict: report.verdict, signatures: report.signatures.length },
        });
      })();
      return report;
    },

    /** The evidence of the latest check, as it was stored. */
    latest(documentId: number): DocumentReport | null {
      const raw = latest.get(documentId) as string | undefined;
      if (!raw) return null;
      const parsed = DocumentReport.safeParse(JSON.parse(raw));
      if (!parsed.success) throw new VanThuError('INTERNAL', 'Kết quả kiểm tra chữ ký đã lưu không đọc được.');
      return parsed.data;
    },
  };
}

export type SignatureChecks = ReturnType<typeof createSignatureChecks>;
