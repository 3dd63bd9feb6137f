/**
 * Records a leader's directive: its text, one main handler with a deadline, and for each other
 * person "Phối hợp", "Để biết" or nothing. A clerk picks the leader it is recorded for. The
 * deadline left empty is the one the engine suggests (working days from urgency and type).
 */
import { useEffect, useState } from 'react';
import type { DocumentHandling, Person } from '../../../src-shared/ipc/handling';
import { useApi } from '../../app/services';
import { useWorkspace } from '../../app/workspaceContext';
import { messageOf } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { DateField, readDate } from '../../components/DateField';
import { SelectField, TextAreaField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';

type Share = '' | 'coordinate' | 'inform';

export interface DirectiveDialogProps {
  handling: DocumentHandling;
  onSaved: (handling: DocumentHandling) => void;
  onClose: () => void;
}

export function DirectiveDialog({ handling, onSaved, onClose }: DirectiveDialogProps) {
  const t = useStrings();
  const api = useApi();
  const { session } = useWorkspace();
  const me = session.user;
  const [people, setPeople] = useState<Person[]>([]);
  const [text, setText] = useState('');
  const [leaderId, setLeaderId] = useState('');
  const [mainId, setMainId] = useState('');
  const [dueText, setDueText] = useState('');
  const [shares, setShares] = useState<Record<number, Share>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  useEffect(() => {
    api
      .call('handling.people', {})
      .then(setPeople)
      .catch((error: unknown) => setFailure(messageOf(error)));
  }, [api]);

  const onBehalf = me.role !== 'leader';
  const leaders = people.filter((p) => p.role === 'leader');
  const due = readDate(dueText);
  const label = (p: Person) => (p.unitName ? `${p.fullName} (${p.unitName})` : p.fullName);
  const ready = text.trim() !== '' && mainId !== '' && (!onBehalf || leaderId !== '') && due !== 'invalid';

  async function save() {
    setBusy(true);
    setFailure('');
    try {
      const others = people.filter((p) => String(p.id) !== mainId);
      const saved = await api.call('directive.record', {
        documentId: handling.documentId,
        text,
        ...(onBehalf ? { leaderId: Number(leaderId) } : {}),
        main: { userId: Number(mainId), dueDate: due === null || due === 'invalid' ? null : due },
        coordinate: others.filter((p) => shares[p.id] === 'coordinate').map((p) => ({ userId: p.id })),
        inform: others.filter((p) => shares[p.id] === 'inform').map((p) => ({ userId: p.id })),
      });
      onSaved(saved);
    } catch (error) {
      setFailure(messageOf(error));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t.handling.dialogTitle}
      confirmLabel={t.handling.save}
      busy={busy}
      confirmDisabled={!ready}
      onConfirm={() => void save()}
      onClose={onClose}
      wide
    >
      {failure && <Notice kind="error">{failure}</Notice>}
      <div className="directive-form">
        {onBehalf && (
          <SelectField
            id="directive-leader"
            label={t.handling.leader}
            hint={t.handling.leaderHint}
            value={leaderId}
            onChange={setLeaderId}
            options={[
              { value: '', label: t.handling.chooseLeader },
              ...leaders.map((p) => ({ value: String(p.id), label: label(p) })),
            ]}
            required
            autoFocus
          />
        )}
        <TextAreaField
          id="directive-text"
          label={t.handling.text}
          value={text}
          onChange={setText}
          rows={3}
          maxLength={4000}
          required
          autoFocus={!onBehalf}
        />
        <div className="directive-main">
          <SelectField
            id="directive-main"
            label={t.handling.main}
            value={mainId}
            onChange={setMainId}
            options={[
              { value: '', label: t.handling.chooseMain },
              ...people.map((p) => ({ value: String(p.id), label: label(p) })),
            ]}
            required
          />
          <DateField
            id="directive-due"
            label={t.handling.due}
            value={dueText}
            onChange={setDueText}
            hint={t.handling.dueHint(t.formats.date(handling.suggestedDue))}
          />
        </div>
        <fieldset className="directive-shares">
          <legend>
            {t.handling.coordinate} / {t.handling.inform}
          </legend>
          <ul>
            {people
              .filter((p) => String(p.id) !== mainId)
              .map((p) => (
                <li key={p.id}>
                  <label htmlFor={`share-${p.id}`}>{label(p)}</label>
                  <select
                    id={`share-${p.id}`}
                    value={shares[p.id] ?? ''}
                    onChange={(e) => setShares((s) => ({ ...s, [p.id]: e.target.value as Share }))}
                  >
                    <option value="">—</option>
                    <option value="coordinate">{t.handling.coordinate}</option>
                    <option value="inform">{t.handling.inform}</option>
                  </select>
                </li>
              ))}
          </ul>
        </fieldset>
      </div>
    </Dialog>
  );
}
