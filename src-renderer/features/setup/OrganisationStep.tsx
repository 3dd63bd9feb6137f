import { type Regime } from '../../../src-shared/domain/enums';
import { TextField } from '../../components/Field';
import { useStrings } from '../../i18n';
import type { StepProps } from './SetupWizard';

const REGIMES: readonly Regime[] = ['party', 'state'];

export function OrganisationStep({ draft, set, errors }: StepProps) {
  const t = useStrings();
  return (
    <div className="form-grid">
      <TextField
        id="setup-name"
        className="span-2"
        label={t.setup.organisationName}
        value={draft.name}
        onChange={(v) => set('name', v)}
        error={errors.name}
        hint={t.setup.organisationNameHint}
        required
        autoFocus
      />
      <TextField
        id="setup-organ-id"
        label={t.setup.organId}
        value={draft.organId}
        onChange={(v) => set('organId', v)}
        error={errors.organId}
        hint={t.setup.organIdHint}
        maxLength={13}
        required
      />
      <TextField
        id="setup-abbreviation"
        label={t.setup.abbreviation}
        value={draft.abbreviation}
        onChange={(v) => set('abbreviation', v)}
        error={errors.abbreviation}
        hint={t.setup.abbreviationHint}
        maxLength={30}
        required
      />
      <fieldset
        className={`field span-2 choice-group${errors.regime ? ' has-error' : ''}`}
        aria-describedby="setup-regime-note"
      >
        <legend>
          {t.setup.regime}
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        </legend>
        <div className="choices">
          {REGIMES.map((regime) => (
            <label key={regime} className="choice">
              <input
                type="radio"
                name="setup-regime"
                value={regime}
                checked={draft.regime === regime}
                onChange={() => set('regime', regime)}
              />
              <span>
                <strong>{t.labels.regime[regime]}</strong>
                <small>{regime === 'party' ? t.setup.regimeHintParty : t.setup.regimeHintState}</small>
              </span>
            </label>
          ))}
        </div>
        {errors.regime && (
          <p className="field-error" id="setup-regime-note">
            {errors.regime}
          </p>
        )}
      </fieldset>
    </div>
  );
}
