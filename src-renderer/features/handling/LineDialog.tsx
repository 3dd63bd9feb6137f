/**
 * Finishing or returning a handling line: a note (required to return it, with the reason) and,
 * to finish, the outgoing document that answers it, if there is one.
 */
import { useEffect, useState } from 'react';
import type { DocumentHandling, LineStatus } from '../../../src-shared/ipc/handling';
import type { Document } from '../../../src-shared/ipc/schemas';
import { useApi } from '../../app/services';
import { useWorkspace } from '../../app/workspaceContext';
import { messageOf } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextAreaField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';

export interface LineDialogProps {
  lineId: number;
  status: Extract<LineStatus, 'done' | 'returned'>;
  onSaved: (handling: DocumentHandling) => void;
  onClose: () => void;
}

type Reply = Pick<Document, 'id' | 'numberNotation' | 'subject'>;

export function LineDialog({ lineId, status, onSaved, onClose }: LineDialogProps) {
  const t = useStrings();
  const api = useApi();
  const { organisation } = useWorkspace();
  const [note, setNote] = useState('');
  const [replyId, setReplyId] = useState('');
  const [replies, setReplies] = useState<Reply[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const returning = status === 'returned';

  useEffect(() => {
    if (returning) return;
    // The newest outgoing documents of the register: a reply is usually one of the last few.
    api
      .call('document.list', { organisationId: organisation.id, direction: 'out', limit: 50 })
      .then((page) => setReplies(page.items.filter((d) => d.status !== 'cancelled')))
      .catch(() => setReplies([]));
  }, [api, organisation.id, returning]);

  async function save() {
    setBusy(true);
    setFailure('');
    try {
      onSaved(
        await api.call('handling.updateLine', {
          lineId,
          status,
          note,
          ...(replyId ? { replyDocumentId: Number(replyId) } : {}),
        }),
      );
    } catch (error) {
      setFailure(messageOf(error));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={returning ? t.handling.returnTitle : t.handling.finishTitle}
      confirmLabel={returning ? t.handling.giveBack : t.handling.finish}
      danger={returning}
      busy={busy}
      confirmDisabled={returning && note.trim() === ''}
      onConfirm={() => void save()}
      onClose={onClose}
    >
      {failure && <Notice kind="error">{failure}</Notice>}
      <TextAreaField
        id="line-note"
        label={returning ? t.handling.returnReason : t.handling.note}
        value={note}
        onChange={setNote}
        rows={3}
        maxLength={2000}
        required={returning}
        autoFocus
      />
      {!returning && (
        <SelectField
          id="line-reply"
          label={t.handling.reply}
          value={replyId}
          onChange={setReplyId}
          options={[
            { value: '', label: t.handling.noReply },
            ...replies.map((d) => ({
              value: String(d.id),
              label: `${d.numberNotation || t.document.notNumbered} · ${d.subject}`.slice(0, 120),
            })),
          ]}
        />
      )}
    </Dialog>
  );
}
