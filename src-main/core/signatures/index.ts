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
import type { RevocationCallback } from '../pdf/revocation';

export interface SignatureCheckOptions {
  /** Revocation lookups (CRL/OCSP, with the offline cache); without it revocation stays unknown. */
  revocation?: RevocationCallback;
}

/** The actor named on checks the workstation runs by itself (re-checks when the network is back). */
export const RECHECK_ACTOR = 'system:revocation-recheck';

export interface RecheckResult {
  /** Documents whose latest check was undecided for want of revocation data. */
  checked: number;
  /** Of those, the ones whose new check learned something (a new evidence row was added). */
  updated: number[];
}

function revocationUnknown(report: DocumentReport): boolean {
  return report.signatures.some((s) => s.reasons.some((r) => r.code === 'REVOCATION_UNKNOWN'));
}

/** What a re-check can change: the verdict and each signature's revocation status. */
function outcome(report: DocumentReport): string {
  return JSON.stringify([report.verdict, report.signatures.map((s) => s.revocation)]);
}

export function createSignatureChecks(
  sqlite: Sqlite,
  files: FileStore,
  trust: TrustStore,
  audit: AuditLog,
  options: SignatureCheckOptions = {},
) {
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

  // The latest check of each entry, when it says revocation was unknown (a cheap text filter
  // first; the JSON decides).
  const undecided = sqlite.prepare(
    `SELECT c.document_id AS documentId, c.report AS report
       FROM signature_checks c
       JOIN (SELECT document_id, MAX(id) AS id FROM signature_checks
              WHERE document_id IS NOT NULL GROUP BY document_id) l ON l.id = c.id
      WHERE c.report LIKE '%REVOCATION_UNKNOWN%'
      ORDER BY c.document_id`,
  );

  /**
   * Checks a stored PDF against the workstation's trust anchors; revocation through the
   * checker given (online, or its offline cache), unknown without one.
   */
  async function verifyFile(sha256: string): Promise<DocumentReport> {
    return verifyPdf(files.read(sha256), {
      trustAnchors: trust.certificates(),
      ...(options.revocation ? { revocation: options.revocation } : {}),
    });
  }

  /** Checks the entry's main PDF and keeps the evidence; null when the entry has no PDF. */
  async function verifyDocument(
    documentId: number,
    actor: string,
    keepIf?: (report: DocumentReport) => boolean,
  ): Promise<DocumentReport | null> {
    const sha256 = mainFile.get(documentId) as string | undefined;
    if (!sha256) return null;
    const report = await verifyFile(sha256);
    if (keepIf && !keepIf(report)) return report;
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
  }

  async function recheck(actor: string): Promise<RecheckResult> {
    const result: RecheckResult = { checked: 0, updated: [] };
    const rows = undecided.all() as { documentId: number; report: string }[];
    for (const row of rows) {
      let before: DocumentReport;
      try {
        before = DocumentReport.parse(JSON.parse(row.report));
      } catch {
        continue; // an unreadable old report is left alone
      }
      if (!revocationUnknown(before)) continue;
      result.checked++;
      const after = await verifyDocument(row.documentId, actor, (r) => outcome(r) !== outcome(before));
      if (after && outcome(after) !== outcome(before)) result.updated.push(row.documentId);
    }
    return result;
  }

  let recheckRunning: Promise<RecheckResult> | null = null;

  return {
    verifyFile,

    verifyDocument: (documentId: number, actor: string) => verifyDocument(documentId, actor),

    /**
     * Re-verifies the entries whose latest check was undecided for want of revocation data
     * (run when the network is back). A check that learned something adds an evidence row, as
     * every check does; earlier rows stay. One that learned nothing new adds no row. Runs one
     * at a time: a call during a run waits for that run.
     */
    recheckUndecided(actor = RECHECK_ACTOR): Promise<RecheckResult> {
      recheckRunning ??= recheck(actor).finally(() => {
        recheckRunning = null;
      });
      return recheckRunning;
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
