/**
 * "Cổng thông tin điện tử" on an issued outgoing document: choose it for publication, then save
 * its package (metadata and the PDF) for the portal's editors or send it through the inbox
 * server for the portal to fetch. A secret or internal document says why it cannot be published.
 */
import { useCallback, useEffect, useState } from 'react';
import type { PortalState } from '../../../src-shared/ipc/portal';
import { useApi, usePlatform } from '../../app/services';
import { useWorkspace } from '../../app/workspaceContext';
import { messageOf } from '../../app/errors';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';

export function PortalPanel({ documentId }: { documentId: number }) {
  const t = useStrings();
  const api = useApi();
  const platform = usePlatform();
  // Sync passes bump the register's version: "taken by the server" shows without a reload.
  const { session, registerVersion } = useWorkspace();
  const [state, setState] = useState<PortalState | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const mayChange = session.user.role === 'clerk' || session.user.role === 'administrator';

  const load = useCallback(() => {
    api
      .call('portal.state', { id: documentId })
      .then(setState)
      .catch((e: unknown) => setMessage({ kind: 'error', text: messageOf(e) }));
  }, [api, documentId]);
  useEffect(load, [load, registerVersion]);

  async function act(work: () => Promise<string | null>) {
    setBusy(true);
    setMessage(null);
    try {
      const text = await work();
      if (text) setMessage({ kind: 'success', text });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  /** A call that answers with the new state, and what to tell the clerk. */
  const change = (call: 'portal.mark' | 'portal.unmark' | 'portal.send', done: string) =>
    act(async () => {
      setState(await api.call(call, { id: documentId }));
      return done;
    });

  if (!state) return null;
  return (
    <section className="portal-panel" aria-labelledby="portal-title">
      <h2 id="portal-title">{t.portal.title}</h2>
      {state.refusal ? (
        <p className="muted">{state.refusal}</p>
      ) : state.marked ? (
        <p>
          {t.portal.marked(t.formats.dateTime(state.markedAt ?? ''))}
          {state.exportedAt && ` · ${t.portal.exported(t.formats.dateTime(state.exportedAt))}`}
          {state.sentAt
            ? ` · ${t.portal.sent(t.formats.dateTime(state.sentAt))}`
            : state.queuedAt && ` · ${t.portal.queued}`}
        </p>
      ) : (
        <p className="muted">{t.portal.notMarked}</p>
      )}
      {message && (
        <Notice kind={message.kind} onClose={() => setMessage(null)}>
          {message.text}
        </Notice>
      )}
      {mayChange && !state.refusal && (
        <div className="panel-actions">
          {!state.marked ? (
            <ActionButton
              busy={busy}
              label={t.portal.mark}
              onClick={() => void change('portal.mark', t.portal.markedDone)}
            />
          ) : (
            <>
              <ActionButton
                busy={busy}
                primary
                label={t.portal.export}
                onClick={() =>
                  void act(async () => {
                    const file = await api.call('portal.export', { id: documentId });
                    load();
                    const saved = await platform.saveFile(file.sha256, file.name);
                    if (!saved.ok) throw new Error(saved.error.message);
                    return saved.value.saved ? t.portal.saved(file.name) : null;
                  })
                }
              />
              <ActionButton
                busy={busy}
                label={t.portal.send}
                onClick={() => void change('portal.send', t.portal.sendDone)}
              />
              <ActionButton
                busy={busy}
                label={t.portal.unmark}
                onClick={() => void change('portal.unmark', t.portal.unmarkedDone)}
              />
            </>
          )}
        </div>
      )}
    </section>
  );
}

function ActionButton(props: { label: string; busy: boolean; primary?: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      className={props.primary ? 'primary' : undefined}
      disabled={props.busy}
      onClick={props.onClick}
    >
      {props.label}
    </button>
  );
}
