/** "Thu hồi": ask every recipient to take a sent document back; it is frozen from then on. */
import { useState } from 'react';
import { useApi } from '../../app/services';
import { messageOf } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';

export function RecallDialog({ id, onDone, onClose }: { id: number; onDone: () => void; onClose: () => void }) {
  const t = useStrings();
  const api = useApi();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  async function recall() {
    setBusy(true);
    setFailure('');
    try {
      await api.call('document.recall', { id, reason });
      onDone();
    } catch (e) {
      setFailure(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t.recall.title}
      confirmLabel={t.recall.recall}
      danger
      busy={busy}
      confirmDisabled={!reason.trim()}
      onConfirm={() => void recall()}
      onClose={onClose}
    >
      <p>{t.recall.confirm}</p>
      <TextAreaField id="recall-reason" label={t.recall.reason} value={reason} onChange={setReason} required />
      {failure && <Notice kind="error">{failure}</Notice>}
    </Dialog>
  );
}
