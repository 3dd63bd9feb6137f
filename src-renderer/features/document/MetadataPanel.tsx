/** The register entry's fields, as read-only lines beside the PDF. */
import type { ReactNode } from 'react';
import { isSecret, isUrgent } from '../../../src-shared/domain/enums';
import type { Document } from '../../../src-shared/ipc/schemas';
import { useStrings, type Strings } from '../../i18n';
import { bareNumberNotation } from '../../app/format';

function date(iso: string | null, t: Strings): string {
  return iso ? t.formats.date(iso) : '';
}

function signer(d: Document): string {
  return [d.signerCompetence, d.signerPosition, d.signerFullName].filter(Boolean).join(' ');
}

export function MetadataPanel({ document: d }: { document: Document }) {
  const t = useStrings();
  const incoming = d.direction === 'in';
  const rows: [string, ReactNode][] = [];
  const add = (label: string, value: ReactNode) => {
    if (value !== '' && value !== null && value !== undefined) rows.push([label, value]);
  };

  if (incoming) {
    add(t.document.arrivalNumber, <strong className="big-number">{d.arrivalNumber}</strong>);
    add(t.document.arrivalDate, date(d.arrivalDate, t));
    add(t.document.numberNotation, bareNumberNotation(d));
  } else {
    const notation = bareNumberNotation(d);
    add(
      t.document.numberNotation,
      notation ? <strong>{notation}</strong> : <span className="muted">{t.document.notNumbered}</span>,
    );
  }
  add(t.document.issuedDate, date(d.issuedDate, t));
  add(t.document.type, d.typeName);
  if (incoming) add(t.document.organName, d.organName);
  add(t.document.subject, d.subject);
  add(t.document.signer, signer(d));
  add(t.document.toPlaces, d.toPlaces && <span className="pre-line">{d.toPlaces}</span>);
  add(
    t.document.urgency,
    isUrgent(d.urgency) ? (
      <span className="urgency-tag">{t.labels.urgency[d.urgency]}</span>
    ) : (
      t.labels.urgency[d.urgency]
    ),
  );
  add(
    t.document.secrecy,
    isSecret(d.secrecy) ? (
      <span className="secret-tag">{t.labels.secrecy[d.secrecy]}</span>
    ) : (
      t.labels.secrecy[d.secrecy]
    ),
  );
  add(t.document.dueDate, date(d.dueDate, t));
  if (incoming) add(t.document.receivedVia, d.receivedVia === 'electronic' ? t.form.viaElectronic : t.form.viaPaper);
  add(t.document.pageAmount, d.pageAmount);
  add(t.document.description, d.description && <span className="pre-line">{d.description}</span>);
  add(t.document.status, <span className={`status-tag status-${d.status}`}>{t.labels.status[d.status]}</span>);
  if (d.status === 'cancelled') add(t.document.cancelReason, d.cancelReason);
  add(t.document.createdBy, d.createdBy);

  return (
    <dl className="metadata">
      {rows.map(([label, value]) => (
        <div key={label} className="metadata-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
