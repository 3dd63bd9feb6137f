/** Confirms issuing a draft: the next number is given for good, with the date chosen here. */
import { useState } from 'react';
import { formatDateVi, todayInVietnam } from '../../../src-shared/domain/dates';
import { DateField, readDate } from '../../components/DateField';
import { Dialog } from '../../components/Dialog';
import { Notice } from '../../components/Notice';
import { t } from '../../i18n';

export interface IssueDialogProps {
  busy: boolean;
  failure: string;
  onIssue: (issuedDate: string) => void;
  onClose: () => void;
}

export function IssueDialog({ busy, failure, onIssue, onClose }: IssueDialogProps) {
  const [dateText, setDateText] = useState(() => formatDateVi(todayInVietnam()));
  const date = readDate(dateText);
  const valid = typeof date === 'string' && date !== 'invalid';
  return (
    <Dialog
      title={t.document.issueTitle}
      confirmLabel={t.document.issue}
      busy={busy}
      confirmDisabled={!valid}
      onConfirm={() => valid && onIssue(date)}
      onClose={onClose}
    >
      <p>{t.document.issueConfirm}</p>
      {failure && <Notice kind="error">{failure}</Notice>}
      <DateField id="issue-date" label={t.document.issueDate} value={dateText} onChange={setDateText} required />
    </Dialog>
  );
}
