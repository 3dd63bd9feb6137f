/**
 * A received document as a pre-filled registration form: the clerk checks the fields and
 * registers it ("03" goes back to the sender), or refuses it with a reason ("02").
 */
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { InboxItemWithFields } from '../../../src-shared/ipc/sync';
import type { Warning } from '../../../src-shared/ipc/schemas';
import type { DocumentReport } from '../../../src-shared/pdf/report';
import { useApi } from '../../app/services';
import { messageOf } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';
import { RegistrationForm } from '../registration/RegistrationForm';
import { valuesFromFields } from '../registration/formModel';

type Item = z.infer<typeof InboxItemWithFields>;

export interface InboxItemPageProps {
  id: number;
  onCancel: () => void;
  onRegistered: (saved: { id: number; warnings: Warning[] }, message: string) => void;
  onRejected: (message: string) => void;
}

export function InboxItemPage({ id, onCancel, onRegistered, onRejected }: InboxItemPageProps) {
  const t = useStrings();
  const api = useApi();
  const [item, setItem] = useState<Item | null>(null);
  const [error, setError] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [rejectFailure, setRejectFailure] = useState('');
  const [check, setCheck] = useState<DocumentReport | null>(null);

  useEffect(() => {
    api
      .call('inbox.get', { id })
      .then((got) => {
        setItem(got);
        // The signatures are checked before the clerk decides; the evidence is kept at registration.
        const main = got.files[0];
        if (main) void api.call('pdf.verify', { sha256: main.sha256 }).then(setCheck, () => setCheck(null));
      })
      .catch((e: unknown) => setError(messageOf(e)));
  }, [api, id]);

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!item) return <p className="empty">{t.document.loading}</p>;

  async function reject() {
    setBusy(true);
    setRejectFailure('');
    try {
      await api.call('inbox.reject', { id, reason });
      onRejected(t.inbox.rejected);
    } catch (e) {
      setRejectFailure(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {check && (
        <Notice
          kind={check.verdict === 'valid' ? 'success' : check.verdict === 'invalid' ? 'error' : 'warning'}
          title={t.inbox.signatureCheck}
        >
          {check.explanation}
        </Notice>
      )}
      <RegistrationForm
        direction="in"
        title={t.inbox.formTitle}
        intro={[
          t.inbox.formIntro(item.fromName),
          item.header.businessType === 2 ? t.inbox.updates : '',
          item.header.responseFor && item.header.businessType === 3 ? t.inbox.replaces(item.header.responseFor) : '',
        ]
          .filter(Boolean)
          .join(' ')}
        initial={{
          values: valuesFromFields(item.fields),
          files: item.files.map((f, i) => ({
            key: i + 1,
            name: f.name,
            size: f.size,
            sent: f.size,
            info: { sha256: f.sha256, size: f.size, mediaType: f.mediaType, pageCount: null },
          })),
        }}
        submit={async (input) => {
          const { files: _files, ...fields } = input;
          return api.call('inbox.register', { id, fields });
        }}
        onCancel={onCancel}
        onSaved={onRegistered}
        extraActions={
          <button type="button" className="danger-outline" onClick={() => setRejecting(true)}>
            {t.inbox.reject}
          </button>
        }
      />
      {rejecting && (
        <Dialog
          title={t.inbox.rejectTitle}
          confirmLabel={t.inbox.reject}
          danger
          busy={busy}
          confirmDisabled={!reason.trim()}
          onConfirm={() => void reject()}
          onClose={() => setRejecting(false)}
        >
          <p>{t.inbox.rejectConfirm}</p>
          <TextAreaField
            id="inbox-reject-reason"
            label={t.inbox.rejectReason}
            value={reason}
            onChange={setReason}
            required
          />
          {rejectFailure && <Notice kind="error">{rejectFailure}</Notice>}
        </Dialog>
      )}
    </>
  );
}
