/**
 * The table's columns for each direction (incoming: as the paper register of arrivals;
 * outgoing: number, date, type, subject, signer, status). Dates dd/MM/yyyy.
 */
import type { ReactNode } from 'react';
import type { Direction } from '../../../src-shared/domain/enums';
import { STATUS_LABELS, URGENCY_LABELS, isUrgent } from '../../../src-shared/domain/enums';
import { formatDateVi } from '../../../src-shared/domain/dates';
import type { DocumentPage } from '../../../src-shared/ipc/schemas';
import { t } from '../../i18n';
import { bareNumberNotation } from '../../app/format';
import { SignatureBadge } from '../signatures/SignatureBadge';

export type ListItem = DocumentPage['items'][number];

export interface Column {
  key: string;
  label: string;
  className?: string;
  render: (d: ListItem) => ReactNode;
}

function date(iso: string | null): string {
  return iso ? formatDateVi(iso) : '';
}

function subject(d: ListItem): ReactNode {
  return (
    <>
      <span className="subject-type">{d.direction === 'in' ? `${d.typeName} · ` : ''}</span>
      {d.subject}
    </>
  );
}

function urgency(d: ListItem): ReactNode {
  return isUrgent(d.urgency) ? <span className="urgency-tag">{URGENCY_LABELS[d.urgency]}</span> : '';
}

function status(d: ListItem): ReactNode {
  return <span className={`status-tag status-${d.status}`}>{STATUS_LABELS[d.status]}</span>;
}

const INCOMING: readonly Column[] = [
  {
    key: 'arrivalNumber',
    label: t.columns.arrivalNumber,
    className: 'col-number',
    render: (d) => d.arrivalNumber ?? '',
  },
  { key: 'arrivalDate', label: t.columns.arrivalDate, className: 'col-date', render: (d) => date(d.arrivalDate) },
  { key: 'organName', label: t.columns.organName, className: 'col-organ', render: (d) => d.organName },
  { key: 'numberNotation', label: t.columns.numberNotation, className: 'col-notation', render: bareNumberNotation },
  { key: 'subject', label: t.columns.subject, className: 'col-subject', render: subject },
  { key: 'urgency', label: t.columns.urgency, className: 'col-urgency', render: urgency },
  {
    key: 'signature',
    label: t.signatures.column,
    className: 'col-signature',
    render: (d) => <SignatureBadge verdict={d.signatureVerdict} />,
  },
];

const OUTGOING: readonly Column[] = [
  {
    key: 'numberNotation',
    label: t.columns.numberNotation,
    className: 'col-notation',
    render: (d) => bareNumberNotation(d) || <span className="muted">{t.list.notNumbered}</span>,
  },
  { key: 'issuedDate', label: t.columns.date, className: 'col-date', render: (d) => date(d.issuedDate) },
  { key: 'type', label: t.columns.type, className: 'col-type', render: (d) => d.typeName },
  { key: 'subject', label: t.columns.subject, className: 'col-subject', render: (d) => d.subject },
  { key: 'signer', label: t.columns.signer, className: 'col-signer', render: (d) => d.signerFullName },
  {
    key: 'status',
    label: t.columns.status,
    className: 'col-status',
    render: (d) => (
      <>
        {status(d)} {urgency(d)}
      </>
    ),
  },
];

export function columnsFor(direction: Direction): readonly Column[] {
  return direction === 'in' ? INCOMING : OUTGOING;
}
