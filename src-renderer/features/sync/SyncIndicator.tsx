/**
 * The exchange's state, always in the top bar (UI.md): online or offline, items waiting, the
 * last sync; a click opens the details — progress, errors with "Gửi lại", "Đồng bộ ngay", and
 * for an administrator on a workstation not yet connected, the enrollment form.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { SyncConflict, SyncStatus } from '../../../src-shared/ipc/sync';
import { useApi } from '../../app/services';
import { useWorkspace } from '../../app/workspaceContext';
import { fieldErrors, issuesOf, messageOf } from '../../app/errors';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { ProgressBar } from '../../components/ProgressBar';
import { useStrings, type Strings } from '../../i18n';

function headline(s: SyncStatus | null, t: Strings): { text: string; tone: 'ok' | 'warn' | 'off' | 'idle' } {
  if (!s) return { text: t.sync.unknown, tone: 'idle' };
  if (!s.configured) return { text: t.sync.notConfigured, tone: 'idle' };
  if (s.running) return { text: t.sync.running, tone: 'ok' };
  if (s.online === false) return { text: t.sync.offline, tone: 'off' };
  if (s.rejected.length > 0 || s.lastError) return { text: t.sync.online, tone: 'warn' };
  return { text: s.online ? t.sync.online : t.sync.unknown, tone: s.online ? 'ok' : 'idle' };
}

export function SyncIndicator({
  status,
  onChanged,
}: {
  status: SyncStatus | null;
  onChanged: (s: SyncStatus | null) => void;
}) {
  const t = useStrings();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const { text, tone } = headline(status, t);
  const detail = status?.configured
    ? [
        status.pending > 0 ? t.sync.pending(status.pending) : '',
        status.lastSyncAt ? t.sync.lastSync(t.formats.timeOf(status.lastSyncAt)) : t.sync.never,
      ]
        .filter(Boolean)
        .join(' · ')
    : '';
  return (
    <div className="sync-indicator">
      <button
        type="button"
        className={`sync-button sync-${tone}`}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`${t.sync.label}: ${text}${detail ? `, ${detail}` : ''}`}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="sync-dot" aria-hidden="true" />
        <span className="sync-text">
          <strong>{text}</strong>
          {detail && <small>{detail}</small>}
        </span>
      </button>
      {open && <SyncPanel id={panelId} status={status} onChanged={onChanged} onClose={() => setOpen(false)} />}
    </div>
  );
}

function SyncPanel({
  id,
  status,
  onChanged,
  onClose,
}: {
  id: string;
  status: SyncStatus | null;
  onChanged: (s: SyncStatus | null) => void;
  onClose: () => void;
}) {
  const t = useStrings();
  const api = useApi();
  const { session } = useWorkspace();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [conflicts, setConflicts] = useState<SyncConflict[]>([]);
  useEffect(() => {
    if (status?.configured) void api.call('sync.conflicts', {}).then(setConflicts, () => setConflicts([]));
  }, [api, status?.configured, status?.lastSyncAt]);

  async function resolve(id: number, keep: 'local' | 'remote') {
    try {
      setConflicts(await api.call('sync.resolveConflict', { id, keep }));
    } catch (error) {
      setMessage({ kind: 'error', text: messageOf(error) });
    }
  }

  async function act(work: () => Promise<SyncStatus>) {
    setBusy(true);
    setMessage(null);
    try {
      onChanged(await work());
    } catch (error) {
      setMessage({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }

  const progress = status?.progress;
  return (
    <section
      id={id}
      className="sync-panel card"
      aria-label={t.sync.details}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {!status?.configured ? (
        session.user.role === 'administrator' ? (
          <EnrollForm
            onEnrolled={(name) => {
              setMessage({ kind: 'success', text: t.sync.enrolled(name) });
              void api.call('sync.status', {}).then(onChanged);
            }}
          />
        ) : (
          <p>{t.sync.onlyAdmin}</p>
        )
      ) : (
        <>
          <dl className="sync-facts">
            <dt>{t.sync.server}</dt>
            <dd>{status.serverUrl}</dd>
            <dt>{t.sync.organisation}</dt>
            <dd>
              {status.organName} ({status.organId})
            </dd>
          </dl>
          {progress && (
            <div>
              <p>{t.sync.progress[progress.phase](progress.label)}</p>
              <ProgressBar label={t.sync.running} value={progress.done} max={Math.max(1, progress.total)} />
            </div>
          )}
          {status.lastError && (
            <Notice kind={status.online === false ? 'warning' : 'error'}>
              <p>{status.lastError}</p>
              {status.online === false && <p>{t.sync.retryLater}</p>}
              {status.nextAttemptAt && <p>{t.sync.nextAttempt(t.formats.dateTime(status.nextAttemptAt))}</p>}
            </Notice>
          )}
          {status.rejected.length > 0 && (
            <div className="sync-rejected">
              <h3>{t.sync.rejectedTitle}</h3>
              <ul>
                {status.rejected.map((r) => (
                  <li key={r.id}>
                    <span>
                      <strong>{t.sync.kinds[r.kind] ?? r.kind}</strong>: {r.error}
                    </span>
                    <button
                      type="button"
                      className="small"
                      disabled={busy}
                      onClick={() => void act(() => api.call('sync.retry', { id: r.id }))}
                    >
                      {t.sync.retry}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {conflicts.length > 0 && (
            <div className="sync-conflicts">
              <h3>{t.sync.conflictsTitle}</h3>
              <ul>
                {conflicts.map((c) => (
                  <li key={c.id}>
                    {c.field === 'account' ? (
                      <>
                        <p>{t.sync.accountClash(c.localValue, c.remoteValue)}</p>
                        <button type="button" className="small" onClick={() => void resolve(c.id, 'local')}>
                          {t.sync.acknowledge}
                        </button>
                      </>
                    ) : (
                      <>
                        <p>{t.sync.conflictLine(c.remoteWorkstation)}</p>
                        <div className="conflict-values">
                          <button type="button" className="small" onClick={() => void resolve(c.id, 'local')}>
                            {t.sync.keepLocal}: “{c.localValue}”
                          </button>
                          <button type="button" className="small" onClick={() => void resolve(c.id, 'remote')}>
                            {t.sync.keepRemote}: “{c.remoteValue}”
                          </button>
                        </div>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="actions-inline">
            <button
              type="button"
              className="primary"
              disabled={busy || status.running}
              onClick={() => void act(() => api.call('sync.now', {}))}
            >
              {busy ? t.sync.running : t.sync.syncNow}
            </button>
          </div>
        </>
      )}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
    </section>
  );
}

function EnrollForm({ onEnrolled }: { onEnrolled: (organName: string) => void }) {
  const t = useStrings();
  const api = useApi();
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);

  async function enroll(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure('');
    setErrors({});
    try {
      const enrolled = await api.call('sync.enroll', { serverUrl, code });
      onEnrolled(enrolled.organName);
    } catch (error) {
      const { byField } = fieldErrors(issuesOf(error), (path) =>
        path === 'serverUrl' || path === 'code' ? path : null,
      );
      setErrors(byField as Record<string, string>);
      if (Object.keys(byField).length === 0) setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="enroll-form" onSubmit={(e) => void enroll(e)} noValidate>
      <h3>{t.sync.enrollTitle}</h3>
      <p className="muted">{t.sync.enrollIntro}</p>
      <TextField
        id="sync-server"
        label={t.sync.serverUrl}
        value={serverUrl}
        onChange={setServerUrl}
        placeholder="https://lienthong.example.vn"
        error={errors.serverUrl}
        required
      />
      <TextField id="sync-code" label={t.sync.code} value={code} onChange={setCode} error={errors.code} required />
      {failure && <Notice kind="error">{failure}</Notice>}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t.app.working : t.sync.enroll}
      </button>
    </form>
  );
}
