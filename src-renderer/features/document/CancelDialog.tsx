/** Confirms voiding a register entry; a reason is required and kept with it. */
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';

export interface CancelDialogProps {
  busy: boolean;
  failure: string;
  onCancelDocument: (reason: string) => void;
  onClose: () => void;
}

export function CancelDialog({ busy, failure, onCancelDocument, onClose }: CancelDialogProps) {
  const t = useStrings();
  const [reason, setReason] = useState('');
  return (
    <Dialog
      title={t.document.cancelTitle}
      confirmLabel={t.document.cancelDocument}
      danger
      busy={busy}
      confirmDisabled={reason.trim() === ''}
      onConfirm={() => onCancelDocument(reason.trim())}
      onClose={onClose}
    >
      <p>{t.document.cancelConfirm}</p>
      {failure && <Notice kind="error">{failure}</Notice>}
      <TextAreaField
        id="cancel-reason"
        label={t.document.cancelReason2}
        value={reason}
        onChange={setReason}
        rows={3}
        maxLength={500}
        required
        autoFocus
      />
    </Dialog>
  );
}
