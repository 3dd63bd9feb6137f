/**
 * "Gửi liên thông": the recipients, ticked from the inbox server's directory (the document's
 * own recipients with an OrganId come pre-ticked). Queued at once, sent when the network allows.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { foldVietnamese as fold } from '../../../src-shared/domain/fold';
import type { Document } from '../../../src-shared/ipc/schemas';
import { useApi } from '../../app/services';
import { useWorkspace } from '../../app/workspaceContext';
import { messageOf } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';

export function SendDialog({
  document: d,
  onSent,
  onClose,
}: {
  document: Document;
  onSent: (count: number) => void;
  onClose: () => void;
}) {
  const t = useStrings();
  const api = useApi();
  const uid = useId();
  const { organisation } = useWorkspace();
  const [directory, setDirectory] = useState<{ organId: string; name: string }[] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(
    () => new Set(d.to.map((r) => r.organId).filter((id) => id.length > 0)),
  );
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  useEffect(() => {
    api
      .call('directory.list', {})
      .then((list) => setDirectory(list.filter((o) => o.organId !== organisation.organId)))
      .catch((e: unknown) => setFailure(messageOf(e)));
  }, [api, organisation.organId]);

  const shown = useMemo(() => {
    const wanted = fold(filter.trim());
    return (directory ?? []).filter((o) => !wanted || fold(`${o.name} ${o.organId}`).includes(wanted));
  }, [directory, filter]);

  async function send() {
    if (chosen.size === 0) return setFailure(t.sending.noneChosen);
    setBusy(true);
    setFailure('');
    try {
      const recipients = [...chosen].map((organId) => ({
        organId,
        name: directory?.find((o) => o.organId === organId)?.name,
      }));
      await api.call('document.send', { id: d.id, recipients });
      onSent(recipients.length);
    } catch (e) {
      setFailure(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t.sending.title}
      confirmLabel={t.sending.send}
      busy={busy}
      onConfirm={() => void send()}
      onClose={onClose}
    >
      <p>{t.sending.intro}</p>
      {directory && directory.length === 0 && <Notice kind="warning">{t.sending.noDirectory}</Notice>}
      {directory && directory.length > 0 && (
        <>
          <input
            type="search"
            aria-label={t.sending.search}
            placeholder={t.sending.search}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <fieldset className="recipient-choices">
            <legend>{t.sending.recipients}</legend>
            {shown.map((o) => (
              <label key={o.organId} className="checkbox-line">
                <input
                  type="checkbox"
                  name={`${uid}-recipient`}
                  checked={chosen.has(o.organId)}
                  onChange={(e) =>
                    setChosen((old) => {
                      const next = new Set(old);
                      if (e.target.checked) next.add(o.organId);
                      else next.delete(o.organId);
                      return next;
                    })
                  }
                />
                <span>
                  {o.name} <small className="muted">{o.organId}</small>
                </span>
              </label>
            ))}
          </fieldset>
        </>
      )}
      {failure && <Notice kind="error">{failure}</Notice>}
    </Dialog>
  );
}
