import { DateField } from '../../components/DateField';
import { TextField } from '../../components/Field';
import { useStrings } from '../../i18n';
import type { StepProps } from './SetupWizard';

export function TermStep({ draft, set, errors }: StepProps) {
  const t = useStrings();
  return (
    <div className="form-grid">
      <TextField
        id="setup-term-name"
        className="span-2"
        label={t.setup.termName}
        value={draft.termName}
        onChange={(v) => set('termName', v)}
        error={errors.termName}
        hint={t.setup.termNameHint}
        required
        autoFocus
      />
      <DateField
        id="setup-term-start"
        label={t.setup.termStart}
        value={draft.termStart}
        onChange={(v) => set('termStart', v)}
        error={errors.termStart}
        required
      />
      <DateField
        id="setup-term-end"
        label={t.setup.termEnd}
        value={draft.termEnd}
        onChange={(v) => set('termEnd', v)}
        error={errors.termEnd}
        hint={t.setup.termEndHint}
      />
      <fieldset className="field span-2 choice-group">
        <legend>{t.setup.sharedCounters}</legend>
        {draft.regime === 'party' ? (
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.shareDecisionCounter}
              onChange={(e) => set('shareDecisionCounter', e.target.checked)}
            />
            <span>
              <strong>{t.setup.sharedQdParty}</strong>
              <small>{t.setup.sharedQdPartyHint}</small>
            </span>
          </label>
        ) : (
          <p className="field-hint">
            {t.setup.regimeHintState} {t.setup.sharedStateNote}
          </p>
        )}
      </fieldset>
    </div>
  );
}
