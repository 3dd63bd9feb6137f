/**
 * The table's columns for each direction (incoming: as the paper register of arrivals;
 * outgoing: number, date, type, subject, signer, status). Dates dd/MM/yyyy.
 */
import type { ReactNode } from 'react';
import type { Direction } from '../../../src-shared/domain/enums';
import { isUrgent } from '../../../src-shared/domain/enums';
import type { DocumentPage, SortColumn } from '../../../src-shared/ipc/schemas';
import { stringsFor, type Strings } from '../../i18n';
import { bareNumberNotation } from '../../app/format';
import { SignatureBadge } from '../signatures/SignatureBadge';

export type ListItem = DocumentPage['items'][number];

export interface Column {
  key: string;
  label: string;
  className?: string;
  render: (d: ListItem) => ReactNode;
  /** The full text on hover, for cells cut to one line. */
  title?: (d: ListItem) => string;
  /** The query's column when the table sorts by this one. */
  sort?: SortColumn;
}

function date(iso: string | null, t: Strings): string {
  return iso ? t.formats.date(iso) : '';
}

/** A secret document says so before its subject (a column always shown), in every box. */
function secrecy(d: ListItem, t: Strings): ReactNode {
  return d.secrecy === 'none' ? null : <span className="secret-tag">{t.labels.secrecy[d.secrecy]}</span>;
}

function subject(d: ListItem, t: Strings): ReactNode {
  return (
    <>
      {secrecy(d, t)}
      <span className="subject-type">{d.direction === 'in' ? `${d.typeName} · ` : ''}</span>
      {d.subject}
    </>
  );
}

function urgency(d: ListItem, t: Strings): ReactNode {
  return isUrgent(d.urgency) ? <span className="urgency-tag">{t.labels.urgency[d.urgency]}</span> : '';
}

function status(d: ListItem, t: Strings): ReactNode {
  return <span className={`status-tag status-${d.status}`}>{t.labels.status[d.status]}</span>;
}

const subjectTitle = (d: ListItem) => d.subject;

const incoming = (t: Strings): readonly Column[] => [
  {
    key: 'arrivalNumber',
    label: t.columns.arrivalNumber,
    className: 'col-number',
    render: (d) => d.arrivalNumber ?? '',
    sort: 'number',
  },
  {
    key: 'arrivalDate',
    label: t.columns.arrivalDate,
    className: 'col-date',
    render: (d) => date(d.arrivalDate, t),
    sort: 'registerDate',
  },
  {
    key: 'organName',
    label: t.columns.organName,
    className: 'col-organ',
    render: (d) => d.organName,
    title: (d) => d.organName,
    sort: 'organName',
  },
  { key: 'numberNotation', label: t.columns.numberNotation, className: 'col-notation', render: bareNumberNotation },
  { key: 'issuedDate', label: t.columns.issuedDate, className: 'col-date', render: (d) => date(d.issuedDate, t) },
  { key: 'type', label: t.columns.type, className: 'col-type', render: (d) => d.typeName, sort: 'typeName' },
  {
    key: 'subject',
    label: t.columns.subject,
    className: 'col-subject',
    render: (d) => subject(d, t),
    title: subjectTitle,
    sort: 'subject',
  },
  {
    key: 'dueDate',
    label: t.columns.dueDate,
    className: 'col-date',
    render: (d) => date(d.dueDate, t),
    sort: 'dueDate',
  },
  { key: 'urgency', label: t.columns.urgency, className: 'col-urgency', render: (d) => urgency(d, t), sort: 'urgency' },
  {
    key: 'signature',
    label: t.signatures.column,
    className: 'col-signature',
    render: (d) => <SignatureBadge verdict={d.signatureVerdict} />,
  },
];

const outgoing = (t: Strings): readonly Column[] => [
  {
    key: 'numberNotation',
    label: t.columns.numberNotation,
    className: 'col-notation',
    render: (d) => bareNumberNotation(d) || <span className="muted">{t.list.notNumbered}</span>,
    sort: 'number',
  },
  {
    key: 'issuedDate',
    label: t.columns.date,
    className: 'col-date',
    render: (d) => date(d.issuedDate, t),
    sort: 'registerDate',
  },
  { key: 'type', label: t.columns.type, className: 'col-type', render: (d) => d.typeName, sort: 'typeName' },
  {
    key: 'subject',
    label: t.columns.subject,
    className: 'col-subject',
    render: (d) => subject(d, t),
    title: subjectTitle,
    sort: 'subject',
  },
  { key: 'signer', label: t.columns.signer, className: 'col-signer', render: (d) => d.signerFullName },
  {
    key: 'toPlaces',
    label: t.columns.toPlaces,
    className: 'col-organ',
    render: (d) => d.toPlaces,
    title: (d) => d.toPlaces,
  },
  {
    key: 'dueDate',
    label: t.columns.dueDate,
    className: 'col-date',
    render: (d) => date(d.dueDate, t),
    sort: 'dueDate',
  },
  {
    key: 'status',
    label: t.columns.status,
    className: 'col-status',
    render: (d) => (
      <>
        {status(d, t)} {urgency(d, t)}
      </>
    ),
  },
];

/** Columns hidden until the clerk chooses them (the paper register does not have them). */
const OPTIONAL = new Set(['in:issuedDate', 'in:type', 'in:dueDate', 'out:toPlaces', 'out:dueDate']);

// One set of columns per language table, so the table sees the same columns between renders.
const made = new WeakMap<Strings, { in: readonly Column[]; out: readonly Column[] }>();

export function columnsFor(direction: Direction, t: Strings): readonly Column[] {
  let both = made.get(t);
  if (!both) {
    both = { in: incoming(t), out: outgoing(t) };
    made.set(t, both);
  }
  return both[direction];
}

/** The column every table keeps: the subject names the document and carries its secrecy. */
export const ALWAYS_SHOWN = 'subject';

/** The keys to show from a choice, in the table's order, the subject always among them. */
export function shownColumns(direction: Direction, chosen: readonly string[]): string[] {
  return columnsFor(direction, stringsFor('vi'))
    .filter((c) => c.key === ALWAYS_SHOWN || chosen.includes(c.key))
    .map((c) => c.key);
}

export function shownByDefault(direction: Direction): string[] {
  // Only the keys matter here, which are the same in every language.
  return columnsFor(direction, stringsFor('vi'))
    .filter((c) => !OPTIONAL.has(`${direction}:${c.key}`))
    .map((c) => c.key);
}
