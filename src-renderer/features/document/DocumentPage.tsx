/**
 * A document: its fields on one side, the PDF on the other, the files below the fields. An
 * outgoing draft can be issued ("Phát hành", confirmed first); any entry can be voided with a
 * reason. Esc or the back button returns to the list.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { Document, Warning } from '../../../src-shared/ipc/schemas';
import { useApi, usePlatform } from '../../app/services';
import { useWorkspace } from '../../app/workspaceContext';
import { useWindowKeydown } from '../../app/useWindowKeydown';
import { messageOf } from '../../app/errors';
import { dialogIsOpen } from '../../components/Dialog';
import { Kbd } from '../../components/Kbd';
import { Notice } from '../../components/Notice';
import { useStrings, type Strings } from '../../i18n';
import { Attachments } from './Attachments';
import { CancelDialog } from './CancelDialog';
import { IssueDialog } from './IssueDialog';
import { MetadataPanel } from './MetadataPanel';
import { SignaturesPanel } from '../signatures/SignaturesPanel';
import { SignDialog } from '../signing/SignDialog';
import { SendDialog } from './SendDialog';
import { RecipientsPanel } from './RecipientsPanel';
import { RecallDialog } from './RecallDialog';
import { RecallRequests } from './RecallRequests';
import { HandlingPanel } from '../handling/HandlingPanel';
import { PortalPanel } from './PortalPanel';
import type { KeyUse } from '../../../src-shared/ipc/signing';

export interface DocumentPageProps {
  id: number;
  flash?: { message: string; warnings: Warning[] } | undefined;
  onBack: () => void;
}

// pdf.js is large: it loads with the first document opened, not at start-up.
const PdfViewer = lazy(() => import('./PdfViewer').then((m) => ({ default: m.PdfViewer })));

type Action = 'issue' | 'cancel' | 'sign' | 'send' | 'recall' | null;
type Message = { kind: 'success' | 'error'; text: string };

function heading(d: Document, t: Strings): string {
  if (d.direction === 'in') return `${t.document.incoming} · ${t.document.arrivalNumber} ${d.arrivalNumber ?? ''}`;
  return `${t.document.outgoing} · ${d.numberNotation || t.document.notNumbered}`;
}

export function DocumentPage({ id, flash, onBack }: DocumentPageProps) {
  const t = useStrings();
  const api = useApi();
  const platform = usePlatform();
  const { registerChanged } = useWorkspace();
  const [doc, setDoc] = useState<Document | null>(null);
  const [loadError, setLoadError] = useState('');
  const [viewing, setViewing] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(flash ? { kind: 'success', text: flash.message } : null);
  const [warnings, setWarnings] = useState<Warning[]>(flash?.warnings ?? []);
  const [action, setAction] = useState<Action>(null);
  const [busy, setBusy] = useState(false);
  const [actionFailure, setActionFailure] = useState('');
  const [sentVersion, setSentVersion] = useState(0);
  const [sentTo, setSentTo] = useState(0);

  const load = useCallback(() => {
    setLoadError('');
    api
      .call('document.get', { id })
      .then((d) => {
        setDoc(d);
        setViewing((v) => v ?? d.files.find((f) => f.role === 'main')?.sha256 ?? d.files[0]?.sha256 ?? null);
      })
      .catch((error: unknown) => setLoadError(messageOf(error)));
  }, [api, id]);

  useEffect(load, [load]);

  useWindowKeydown((event) => {
    if (event.key === 'Escape' && !dialogIsOpen() && !event.defaultPrevented) {
      event.preventDefault();
      onBack();
    }
  });

  async function run(work: () => Promise<{ document: Document; text: string }>) {
    setBusy(true);
    setActionFailure('');
    try {
      const { document, text } = await work();
      setDoc(document);
      // Issuing with the organisation's signature makes a new main file: show that one.
      setViewing((v) => document.files.find((f) => f.role === 'main')?.sha256 ?? v);
      setMessage({ kind: 'success', text });
      setWarnings([]);
      setAction(null);
      registerChanged();
    } catch (error) {
      setActionFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  const issue = (issuedDate: string, seal: KeyUse | null) =>
    run(async () => {
      const saved = await api.call('document.issue', { id, issuedDate, ...(seal ? { seal } : {}) });
      return { document: saved.document, text: t.document.issued(saved.document.numberNotation) };
    });

  const cancel = (reason: string) =>
    run(async () => ({ document: await api.call('document.cancel', { id, reason }), text: t.document.cancelled }));

  const closeAction = () => {
    setAction(null);
    setActionFailure('');
  };

  const viewedFile = doc?.files.find((f) => f.sha256 === viewing);
  return (
    <article className="document-page" aria-labelledby="document-title">
      <header className="view-header">
        <div className="title-with-back">
          <button type="button" className="back" onClick={onBack} aria-keyshortcuts="Escape">
            ← {t.document.back} <Kbd>Esc</Kbd>
          </button>
          <h1 id="document-title">{doc ? heading(doc, t) : t.document.loading}</h1>
        </div>
        {doc && (
          <div className="view-actions">
            {doc.status !== 'cancelled' && doc.files.some((f) => f.role === 'main') && (
              <button type="button" onClick={() => setAction('sign')}>
                {t.signing.sign}
              </button>
            )}
            {doc.direction === 'out' && doc.status === 'issued' && doc.secrecy === 'none' && (
              <button type="button" onClick={() => setAction('send')}>
                {t.sending.send}
              </button>
            )}
            {doc.direction === 'out' && doc.status === 'issued' && sentTo > 0 && (
              <button type="button" className="danger-outline" onClick={() => setAction('recall')}>
                {t.recall.recall}
              </button>
            )}
            {doc.direction === 'out' && doc.status === 'draft' && (
              <button type="button" className="primary" onClick={() => setAction('issue')}>
                {t.document.issue}
              </button>
            )}
            {doc.status !== 'cancelled' && (
              <button type="button" className="danger-outline" onClick={() => setAction('cancel')}>
                {t.document.cancelDocument}
              </button>
            )}
          </div>
        )}
      </header>

      {message && (
        <Notice kind={message.kind} onClose={() => setMessage(null)}>
          {message.text}
        </Notice>
      )}
      {warnings.length > 0 && (
        <Notice kind="warning" title={t.form.warningsTitle} onClose={() => setWarnings([])}>
          <ul>
            {warnings.map((w) => (
              <li key={w.message}>{w.message}</li>
            ))}
          </ul>
        </Notice>
      )}
      {loadError && <Notice kind="error">{loadError}</Notice>}
      {doc?.direction === 'in' && doc.status !== 'cancelled' && (
        <RecallRequests
          documentId={doc.id}
          onAnswered={() => {
            load();
            registerChanged();
          }}
        />
      )}

      {doc && (
        <div className="document-body">
          <aside className="card metadata-card" aria-label={t.document.metadata}>
            {doc.numberNotation && doc.direction === 'out' && <p className="number-badge">{doc.numberNotation}</p>}
            <MetadataPanel document={doc} />
            <Attachments
              document={doc}
              viewing={viewing}
              onView={setViewing}
              onChanged={(d, text) => {
                setDoc(d);
                setMessage({ kind: 'success', text });
              }}
              onFailed={(text) => setMessage({ kind: 'error', text })}
            />
            <SignaturesPanel document={doc} />
            {doc.direction === 'in' && doc.status === 'registered' && (
              <HandlingPanel
                documentId={doc.id}
                onChanged={(text) => {
                  // The deadline of the main line is the register's Hạn xử lý: show it.
                  load();
                  setMessage({ kind: 'success', text });
                  registerChanged();
                }}
              />
            )}
            {doc.direction === 'out' && doc.status === 'issued' && <PortalPanel documentId={doc.id} />}
            {doc.direction === 'out' && (
              <RecipientsPanel documentId={doc.id} version={sentVersion} onLoaded={setSentTo} />
            )}
          </aside>
          <div className="card viewer-card">
            {viewedFile ? (
              <Suspense fallback={<p className="empty">{t.pdf.loading}</p>}>
                <PdfViewer key={viewedFile.sha256} url={platform.blobUrl(viewedFile.sha256)} title={viewedFile.name} />
              </Suspense>
            ) : (
              <p className="empty">{t.pdf.none}</p>
            )}
          </div>
        </div>
      )}

      {action === 'issue' && (
        <IssueDialog
          busy={busy}
          failure={actionFailure}
          onIssue={(date, seal) => void issue(date, seal)}
          onClose={closeAction}
        />
      )}
      {action === 'sign' && doc && (
        <SignDialog
          document={doc}
          onSigned={(signed, report) => {
            setDoc(signed);
            setViewing(signed.files.find((f) => f.role === 'main')?.sha256 ?? null);
            setMessage({
              kind: report.verdict === 'invalid' ? 'error' : 'success',
              text: t.signing.signed(report.explanation),
            });
            setWarnings([]);
            setAction(null);
            registerChanged();
          }}
          onClose={closeAction}
        />
      )}
      {action === 'send' && doc && (
        <SendDialog
          document={doc}
          onSent={(count) => {
            setAction(null);
            setSentVersion((v) => v + 1);
            setMessage({ kind: 'success', text: t.sending.queued(count) });
          }}
          onClose={closeAction}
        />
      )}
      {action === 'recall' && doc && (
        <RecallDialog
          id={doc.id}
          onDone={() => {
            setAction(null);
            setSentVersion((v) => v + 1);
            setMessage({ kind: 'success', text: t.recall.done });
          }}
          onClose={closeAction}
        />
      )}
      {action === 'cancel' && (
        <CancelDialog
          busy={busy}
          failure={actionFailure}
          onCancelDocument={(reason) => void cancel(reason)}
          onClose={closeAction}
        />
      )}
    </article>
  );
}
