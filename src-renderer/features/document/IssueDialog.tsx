/** Confirms issuing a draft: the next number is given for good, with the date chosen here. */
import { useCallback, useState } from 'react';
import type { KeyUse } from '../../../src-shared/ipc/signing';
import { formatDateVi, todayInVietnam } from '../../../src-shared/domain/dates';
import { DateField, readDate } from '../../components/DateField';
import { Dialog } from '../../components/Dialog';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';
import { KeyChooser, type KeyChoice } from '../signing/KeyChooser';

export interface IssueDialogProps {
  busy: boolean;
  failure: string;
  /** `seal`: the organisation's key, when it signs as it issues. */
  onIssue: (issuedDate: string, seal: KeyUse | null) => void;
  onClose: () => void;
}

export function IssueDialog({ busy, failure, onIssue, onClose }: IssueDialogProps) {
  const t = useStrings();
  const [dateText, setDateText] = useState(() => formatDateVi(todayInVietnam()));
  const date = readDate(dateText);
  const valid = typeof date === 'string' && date !== 'invalid';
  const [withSeal, setWithSeal] = useState(false);
  const [key, setKey] = useState<KeyChoice>({ use: null, missing: '' });
  const [missing, setMissing] = useState('');
  const onKey = useCallback((choice: KeyChoice) => setKey(choice), []);
  const confirm = () => {
    if (!valid) return;
    if (withSeal && !key.use) return setMissing(key.missing);
    setMissing('');
    onIssue(date, withSeal ? key.use : null);
  };
  return (
    <Dialog
      title={t.document.issueTitle}
      confirmLabel={t.document.issue}
      busy={busy}
      confirmDisabled={!valid}
      onConfirm={confirm}
      wide={withSeal}
      onClose={onClose}
    >
      <p>{t.document.issueConfirm}</p>
      <DateField id="issue-date" label={t.document.issueDate} value={dateText} onChange={setDateText} required />
      <label className="checkbox-line">
        <input type="checkbox" checked={withSeal} onChange={(e) => setWithSeal(e.target.checked)} />
        {t.signing.sealOnIssue}
      </label>
      {withSeal && (
        <>
          <p className="field-hint">{t.signing.sealOnIssueHint}</p>
          <KeyChooser idPrefix="issue-key" onChange={onKey} />
        </>
      )}
      {(missing || failure) && <Notice kind="error">{missing || failure}</Notice>}
    </Dialog>
  );
}
