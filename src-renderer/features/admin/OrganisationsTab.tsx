/**
 * Cơ quan và nhiệm kỳ: the organisation's name, abbreviation and OrganId; its terms (the next
 * one added, the running one ended); and another organisation kept on this workstation.
 * Changing what goes into notations or the exchange (abbreviation, OrganId) is confirmed first.
 */
import { useState, type FormEvent } from 'react';

import type { Organisation, Term } from '../../../src-shared/ipc/schemas';
import { useApi } from '../../app/services';
import { DateField, readDate } from '../../components/DateField';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';
import { AddOrganisation } from './AddOrganisation';
import { issueAt, useAction } from './useAction';

export interface OrganisationsTabProps {
  organisation: Organisation;
  onChanged: () => void;
  onAdded: (id: number) => void;
}

export function OrganisationsTab({ organisation, onChanged, onAdded }: OrganisationsTabProps) {
  const t = useStrings();
  const api = useApi();
  const words = t.admin.organisations;
  const [identity, setIdentity] = useState({
    name: organisation.name,
    abbreviation: organisation.abbreviation,
    organId: organisation.organId,
  });
  const [confirmIdentity, setConfirmIdentity] = useState(false);
  const [term, setTerm] = useState({ name: '', start: '', end: '' });
  const [termErrors, setTermErrors] = useState<{ start?: string; end?: string }>({});
  const [closing, setClosing] = useState<{ term: Term; end: string; error?: string } | null>(null);
  const saving = useAction();
  const terms = useAction();
  const closer = useAction();

  async function saveIdentity() {
    setConfirmIdentity(false);
    const ok = await saving.run(
      () => api.call('organisation.update', { id: organisation.id, ...identity }),
      words.saved,
    );
    if (ok) onChanged();
  }

  function submitIdentity(event: FormEvent) {
    event.preventDefault();
    if (saving.busy) return;
    const sensitive =
      identity.abbreviation.trim() !== organisation.abbreviation || identity.organId.trim() !== organisation.organId;
    if (sensitive) setConfirmIdentity(true);
    else void saveIdentity();
  }

  async function addTerm(event: FormEvent) {
    event.preventDefault();
    if (terms.busy) return;
    const startDate = readDate(term.start);
    const endDate = readDate(term.end);
    const errors = {
      ...(startDate === null || startDate === 'invalid' ? { start: words.needDate } : {}),
      ...(endDate === 'invalid' ? { end: words.needDate } : {}),
    };
    setTermErrors(errors);
    if (errors.start || errors.end || startDate === null || startDate === 'invalid' || endDate === 'invalid') return;
    const name = term.name.trim();
    const ok = await terms.run(
      () => api.call('term.add', { organisationId: organisation.id, name, startDate, endDate }),
      words.termAdded(name),
    );
    if (ok) {
      setTerm({ name: '', start: '', end: '' });
      onChanged();
    }
  }

  async function closeTerm() {
    if (!closing) return;
    const endDate = readDate(closing.end);
    if (endDate === null || endDate === 'invalid') {
      setClosing({ ...closing, error: words.needDate });
      return;
    }
    const ok = await closer.run(
      () => api.call('term.close', { organisationId: organisation.id, termId: closing.term.id, endDate }),
      words.closed(closing.term.name),
    );
    // On a refusal the dialog stays, with the date typed and the reason in it.
    if (ok) {
      setClosing(null);
      onChanged();
    }
  }

  return (
    <div className="admin-section">
      <form className="card" onSubmit={submitIdentity} noValidate>
        <h2>{words.identity}</h2>
        <div className="form-grid">
          <TextField
            id="org-name"
            className="span-2"
            label={words.name}
            value={identity.name}
            onChange={(name) => setIdentity((d) => ({ ...d, name }))}
            error={issueAt(saving.issues, 'name')}
            required
            maxLength={300}
          />
          <TextField
            id="org-abbreviation"
            label={words.abbreviation}
            value={identity.abbreviation}
            onChange={(abbreviation) => setIdentity((d) => ({ ...d, abbreviation }))}
            error={issueAt(saving.issues, 'abbreviation')}
            hint={words.abbreviationHint}
            required
            maxLength={30}
          />
          <TextField
            id="org-organ-id"
            label={words.organId}
            value={identity.organId}
            onChange={(organId) => setIdentity((d) => ({ ...d, organId }))}
            error={issueAt(saving.issues, 'organId')}
            hint={words.organIdHint}
            required
            maxLength={13}
          />
          <p className="admin-fact">
            <span>{words.regime}</span>
            <strong>{t.labels.regime[organisation.regime]}</strong>
          </p>
          <p className="admin-fact">
            <span>{words.numbering}</span>
            <strong>{organisation.numbersHere ? words.numbersHere : words.numbersElsewhere}</strong>
          </p>
        </div>
        {saving.notice(['name', 'abbreviation', 'organId']) && (
          <Notice kind="error">{saving.notice(['name', 'abbreviation', 'organId'])}</Notice>
        )}
        {saving.done && <Notice kind="success">{saving.done}</Notice>}
        <div className="actions">
          <button type="submit" className="primary" aria-disabled={saving.busy || undefined}>
            {saving.busy ? t.app.working : t.admin.save}
          </button>
        </div>
      </form>

      <section className="card" aria-labelledby="terms-title">
        <h2 id="terms-title">{words.terms}</h2>
        <p className="muted">{words.termsNote}</p>
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{words.termName}</th>
              <th scope="col">{words.start}</th>
              <th scope="col">{words.end}</th>
              <th scope="col" className="actions-col">
                {t.admin.actions}
              </th>
            </tr>
          </thead>
          <tbody>
            {organisation.terms.map((x) => (
              <tr key={x.id}>
                <td>{x.name}</td>
                <td>{t.formats.date(x.startDate)}</td>
                <td>{x.endDate ? t.formats.date(x.endDate) : <span className="status-tag">{words.running}</span>}</td>
                <td className="row-actions">
                  {x.endDate === null && (
                    <button
                      type="button"
                      className="small"
                      onClick={() => {
                        closer.clear();
                        setClosing({ term: x, end: '' });
                      }}
                    >
                      {words.closeTerm}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form className="admin-form-row" onSubmit={(e) => void addTerm(e)} noValidate>
          <TextField
            id="term-name"
            label={words.termName}
            value={term.name}
            onChange={(name) => setTerm((d) => ({ ...d, name }))}
            error={issueAt(terms.issues, 'name')}
            hint={words.termNameHint}
            required
            maxLength={100}
          />
          <DateField
            id="term-start"
            label={words.start}
            value={term.start}
            onChange={(start) => setTerm((d) => ({ ...d, start }))}
            error={termErrors.start ?? issueAt(terms.issues, 'startDate')}
            required
          />
          <DateField
            id="term-end"
            label={words.end}
            value={term.end}
            onChange={(end) => setTerm((d) => ({ ...d, end }))}
            error={termErrors.end ?? issueAt(terms.issues, 'endDate')}
            hint={words.endHint}
          />
          <button type="submit" aria-disabled={terms.busy || undefined}>
            {terms.busy ? t.app.working : words.addTerm}
          </button>
        </form>
        {terms.notice(['name', 'startDate', 'endDate']) && (
          <Notice kind="error">{terms.notice(['name', 'startDate', 'endDate'])}</Notice>
        )}
        {terms.done && <Notice kind="success">{terms.done}</Notice>}
        {closer.done && <Notice kind="success">{closer.done}</Notice>}
      </section>

      <AddOrganisation onAdded={onAdded} />

      {confirmIdentity && (
        <Dialog
          title={words.identityTitle}
          confirmLabel={t.admin.yes}
          onConfirm={() => void saveIdentity()}
          onClose={() => setConfirmIdentity(false)}
        >
          <p>{words.identityConfirm}</p>
        </Dialog>
      )}
      {closing && (
        <Dialog
          title={words.closeTitle(closing.term.name)}
          confirmLabel={words.closeTerm}
          busy={closer.busy}
          onConfirm={() => void closeTerm()}
          onClose={() => {
            setClosing(null);
            closer.clear();
          }}
        >
          <p>{words.closeNote}</p>
          <DateField
            id="term-close-end"
            label={words.end}
            value={closing.end}
            onChange={(end) => setClosing({ ...closing, end, error: undefined })}
            error={closing.error ?? issueAt(closer.issues, 'endDate')}
            required
          />
          {closer.notice(['endDate']) && <Notice kind="error">{closer.notice(['endDate'])}</Notice>}
        </Dialog>
      )}
    </div>
  );
}
