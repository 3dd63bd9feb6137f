/**
 * "Chữ ký số" on the document page: the stored evidence of the latest check of the main PDF —
 * the document's verdict, one coloured row per signature with its details — a re-check (clerks
 * and administrators), the report as JSON, and, for administrators, the trust anchors.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Document } from '../../../src-shared/ipc/schemas';
import type { DocumentReport } from '../../../src-shared/pdf/report';
import { useApi, usePlatform } from '../../app/services';
import { useWorkspace } from '../../app/workspaceContext';
import { messageOf } from '../../app/errors';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';
import { downloadText } from './format';
import { SignatureRow } from './SignatureRow';
import { TrustAnchors } from './TrustAnchors';

type Loaded =
  { state: 'loading' } | { state: 'ready'; report: DocumentReport | null } | { state: 'failed'; message: string };

function reportFileName(d: Document): string {
  const base = d.direction === 'in' && d.arrivalNumber ? `so-den-${d.arrivalNumber}` : `van-ban-${d.id}`;
  return `kiem-tra-chu-ky-${base}.json`;
}

export function SignaturesPanel({ document: d }: { document: Document }) {
  const t = useStrings();
  const api = useApi();
  const platform = usePlatform();
  const { session, registerChanged } = useWorkspace();
  const role = session.user.role;
  const mayCheck = role === 'clerk' || role === 'administrator';
  const isAdmin = role === 'administrator';
  const mainFile = d.files.find((f) => f.role === 'main')?.sha256;
  const hasPdf = mainFile !== undefined;
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [checking, setChecking] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error' | 'info'; text: string } | null>(null);

  const load = useCallback(() => {
    if (!hasPdf) return;
    setLoaded({ state: 'loading' });
    api
      .call('document.signatureReport', { id: d.id })
      .then((report) => setLoaded({ state: 'ready', report }))
      .catch((error: unknown) => setLoaded({ state: 'failed', message: messageOf(error) }));
  }, [api, d.id, hasPdf]);
  // A new main file (signed here) or a new verdict means new evidence to show.
  useEffect(load, [load, d.signatureVerdict, mainFile]);

  async function recheck() {
    if (checking) return;
    setChecking(true);
    setMessage(null);
    try {
      const report = await api.call('document.verifySignatures', { id: d.id });
      setLoaded({ state: 'ready', report });
      setMessage({ kind: 'success', text: t.signatures.checked });
      registerChanged();
    } catch (error) {
      setMessage({ kind: 'error', text: messageOf(error) });
    } finally {
      setChecking(false);
    }
  }

  async function exportPdf() {
    setMessage(null);
    try {
      const file = await api.call('document.signatureReportPdf', { id: d.id });
      const saved = await platform.saveFile(file.sha256, file.name);
      if (!saved.ok) setMessage({ kind: 'error', text: saved.error.message });
      else if (saved.value.saved) setMessage({ kind: 'info', text: t.signatures.exported(file.name) });
    } catch (error) {
      setMessage({ kind: 'error', text: messageOf(error) });
    }
  }

  function exportJson(report: DocumentReport) {
    const name = reportFileName(d);
    downloadText(`${JSON.stringify(report, null, 2)}\n`, name);
    setMessage({ kind: 'info', text: t.signatures.exported(name) });
  }

  if (!hasPdf) return null;
  const report = loaded.state === 'ready' ? loaded.report : null;
  const verdict = report?.verdict;
  const untrusted = report?.signatures.some((s) => s.reasons.some((r) => r.code === 'CHAIN_UNTRUSTED')) ?? false;

  return (
    <section
      className={`signatures-panel${verdict ? ` sig-doc-${verdict}` : ''}`}
      aria-labelledby="signatures-title"
      aria-busy={checking || loaded.state === 'loading'}
    >
      <div className="signatures-head">
        <h2 id="signatures-title">{t.signatures.title}</h2>
        {verdict && verdict !== 'unsigned' && (
          <span className={`sig-badge sig-badge-${verdict}`} data-testid="document-signature-verdict">
            {t.signatures.badge[verdict]}
          </span>
        )}
      </div>

      {loaded.state === 'loading' && <p className="muted">{t.signatures.loading}</p>}
      {loaded.state === 'failed' && (
        <Notice kind="error">
          {t.signatures.loadFailed} {loaded.message}
        </Notice>
      )}
      {loaded.state === 'ready' && report === null && <p className="muted">{t.signatures.notChecked}</p>}
      {report && verdict === 'unsigned' && <p className="sig-unsigned">{t.signatures.unsigned}</p>}
      {report && report.verdict !== 'unsigned' && (
        <>
          <p className={`sig-summary sig-${report.verdict}`}>
            <strong>{t.signatures.verdict[report.verdict]}.</strong> {report.explanation}
          </p>
          {untrusted && isAdmin && <p className="sig-hint">{t.signatures.trustHint}</p>}
          <ol className="sig-list">
            {report.signatures.map((s, i) => (
              <SignatureRow key={`${s.index}-${s.fieldName}`} signature={s} number={i + 1} />
            ))}
          </ol>
        </>
      )}
      {report && <p className="sig-checked-at muted">{t.signatures.checkedAt(t.formats.dateTime(report.checkedAt))}</p>}

      {checking && (
        <div className="progress progress-indeterminate" role="progressbar" aria-label={t.signatures.checking}>
          <div className="progress-fill" />
        </div>
      )}
      {message && (
        <Notice kind={message.kind} onClose={() => setMessage(null)}>
          {message.text}
        </Notice>
      )}

      <div className="signatures-actions">
        {mayCheck && d.status !== 'cancelled' && (
          <button
            type="button"
            onClick={() => void recheck()}
            aria-disabled={checking || undefined}
            className={checking ? 'busy' : undefined}
          >
            {checking ? t.signatures.checking : report ? t.signatures.recheck : t.signatures.check}
          </button>
        )}
        {report && (
          <button type="button" onClick={() => void exportPdf()}>
            {t.signatures.exportPdf}
          </button>
        )}
        {report && (
          <button type="button" onClick={() => exportJson(report)}>
            {t.signatures.exportJson}
          </button>
        )}
      </div>

      {isAdmin && (
        <details className="trust-section" open={untrusted || undefined}>
          <summary>{t.signatures.trust.title}</summary>
          <TrustAnchors />
        </details>
      )}
    </section>
  );
}
