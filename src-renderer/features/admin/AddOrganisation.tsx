/**
 * Another organisation whose registers this workstation keeps (a commune's Đảng ủy beside its
 * UBND): the same questions as the first-run setup, without the administrator account.
 */
import { useState, type FormEvent } from 'react';
import { type Regime } from '../../../src-shared/domain/enums';
import { useApi } from '../../app/services';
import { DateField, readDate } from '../../components/DateField';
import { SelectField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';
import { issueAt, useAction } from './useAction';

/** The issues shown beside their fields. */
const PLACED = [
  'organisation.name',
  'organisation.organId',
  'organisation.abbreviation',
  'term.name',
  'term.startDate',
];
const EMPTY = { name: '', organId: '', abbreviation: '', regime: '', numbersHere: true, termName: '', termStart: '' };

export function AddOrganisation({ onAdded }: { onAdded: (id: number) => void }) {
  const t = useStrings();
  const api = useApi();
  const words = t.admin.organisations;
  const [draft, setDraft] = useState(EMPTY);
  const [local, setLocal] = useState<{ regime?: string; termStart?: string }>({});
  const action = useAction();
  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (action.busy) return;
    const startDate = readDate(draft.termStart);
    const errors = {
      ...(draft.regime === '' ? { regime: t.setup.chooseRegime } : {}),
      ...(startDate === null || startDate === 'invalid' ? { termStart: words.needDate } : {}),
    };
    setLocal(errors);
    if (errors.regime || errors.termStart || startDate === null || startDate === 'invalid') return;
    const name = draft.name.trim();
    let id = 0;
    const ok = await action.run(async () => {
      const added = await api.call('organisation.add', {
        organisation: {
          name,
          organId: draft.organId,
          abbreviation: draft.abbreviation,
          regime: draft.regime as Regime,
          numbersHere: draft.numbersHere,
        },
        term: { name: draft.termName, startDate, endDate: null },
      });
      id = added.organisationId;
    }, words.organisationAdded(name));
    if (ok) {
      setDraft(EMPTY);
      onAdded(id);
    }
  }

  return (
    <details className="card admin-details">
      <summary>{words.addOrganisation}</summary>
      <p className="muted">{words.addOrganisationNote}</p>
      <form className="form-grid" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="new-org-name"
          className="span-2"
          label={words.name}
          value={draft.name}
          onChange={(v) => set('name', v)}
          error={issueAt(action.issues, 'organisation.name')}
          hint={t.setup.organisationNameHint}
          required
          maxLength={300}
        />
        <TextField
          id="new-org-organ-id"
          label={words.organId}
          value={draft.organId}
          onChange={(v) => set('organId', v)}
          error={issueAt(action.issues, 'organisation.organId')}
          hint={words.organIdHint}
          required
          maxLength={13}
        />
        <TextField
          id="new-org-abbreviation"
          label={words.abbreviation}
          value={draft.abbreviation}
          onChange={(v) => set('abbreviation', v)}
          error={issueAt(action.issues, 'organisation.abbreviation')}
          hint={words.abbreviationHint}
          required
          maxLength={30}
        />
        <SelectField
          id="new-org-regime"
          label={words.regime}
          value={draft.regime}
          onChange={(v) => set('regime', v)}
          error={local.regime}
          required
          options={[
            { value: '', label: words.chooseRegime },
            ...(['party', 'state'] as const).map((r) => ({ value: r, label: t.labels.regime[r] })),
          ]}
        />
        <label className="checkbox-line">
          <input type="checkbox" checked={draft.numbersHere} onChange={(e) => set('numbersHere', e.target.checked)} />
          {words.numbersHere}
        </label>
        <TextField
          id="new-org-term-name"
          label={`${words.firstTerm}: ${words.termName.toLowerCase()}`}
          value={draft.termName}
          onChange={(v) => set('termName', v)}
          error={issueAt(action.issues, 'term.name')}
          hint={words.termNameHint}
          required
          maxLength={100}
        />
        <DateField
          id="new-org-term-start"
          label={words.start}
          value={draft.termStart}
          onChange={(v) => set('termStart', v)}
          error={local.termStart ?? issueAt(action.issues, 'term.startDate')}
          required
        />
        <div className="span-2">
          {action.notice(PLACED) && <Notice kind="error">{action.notice(PLACED)}</Notice>}
          {action.done && <Notice kind="success">{action.done}</Notice>}
          <div className="actions">
            <button type="submit" className="primary" aria-disabled={action.busy || undefined}>
              {action.busy ? t.app.working : words.addOrganisationButton}
            </button>
          </div>
        </div>
      </form>
    </details>
  );
}
