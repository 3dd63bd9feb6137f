/**
 * The sender of a document registered here asks for it back (edXML 13): the clerk agrees (the
 * entry is cancelled, kept on record, 15 goes back) or refuses with a reason (16).
 */
import { useEffect, useState } from 'react';
import type { RecallRequest } from '../../../src-shared/ipc/sync';
import { useApi } from '../../app/services';
import { messageOf } from '../../app/errors';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';

export function RecallRequests({ documentId, onAnswered }: { documentId: number; onAnswered: () => void }) {
  const t = useStrings();
  const api = useApi();
  const [requests, setRequests] = useState<RecallRequest[]>([]);
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api
      .call('document.recallRequests', { id: documentId })
      .then(setRequests)
      .catch(() => setRequests([]));
  }, [api, documentId]);

  const open = requests.filter((r) => r.state === 'requested');
  if (open.length === 0) return null;

  async function answer(id: number, agree: boolean) {
    setBusy(true);
    setFailure('');
    try {
      await api.call('recall.answer', { id, agree, note });
      setRequests((list) => list.map((r) => (r.id === id ? { ...r, state: agree ? 'agreed' : 'refused' } : r)));
      onAnswered();
    } catch (e) {
      setFailure(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Notice kind="warning" title={t.recall.requestTitle}>
      {open.map((r) => (
        <div key={r.id} className="recall-request">
          <p>{t.recall.requestText(r.reason)}</p>
          <label className="field">
            <span className="label-row">{t.recall.answerNote}</span>
            <input value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="actions-inline">
            <button type="button" className="danger-outline" disabled={busy} onClick={() => void answer(r.id, true)}>
              {t.recall.agree}
            </button>
            <button type="button" disabled={busy} onClick={() => void answer(r.id, false)}>
              {t.recall.refuse}
            </button>
          </div>
        </div>
      ))}
      {failure && <p className="field-error">{failure}</p>}
    </Notice>
  );
}
