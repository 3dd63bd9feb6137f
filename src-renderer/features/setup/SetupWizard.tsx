/**
 * "Thiết lập lần đầu": organisation, term and counters, administrator account. Each step is
 * checked before moving on; the engine's answer is mapped back to the step that holds the field.
 */
import { useState, type FormEvent } from 'react';
import { useApi } from '../../app/services';
import { fieldErrors, issuesOf, messageOf } from '../../app/errors';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';
import {
  checkDraft,
  EMPTY_DRAFT,
  errorsOfStep,
  fieldOfPath,
  firstStepWithError,
  toSetupInput,
  type DraftField,
  type SetupDraft,
} from './setupDraft';
import { OrganisationStep } from './OrganisationStep';
import { TermStep } from './TermStep';
import { AdminStep } from './AdminStep';
import { RecoveryKeyCard } from './RecoveryKeyCard';

export interface StepProps {
  draft: SetupDraft;
  set: <K extends DraftField>(field: K, value: SetupDraft[K]) => void;
  errors: Partial<Record<DraftField, string>>;
}

const STEPS = [OrganisationStep, TermStep, AdminStep];

export function SetupWizard({ onDone }: { onDone: (username: string) => void }) {
  const t = useStrings();
  const api = useApi();
  const [draft, setDraft] = useState<SetupDraft>(EMPTY_DRAFT);
  const [step, setStep] = useState(0);
  const [errors, setErrors] = useState<Partial<Record<DraftField, string>>>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const last = step === STEPS.length - 1;

  const set: StepProps['set'] = (field, value) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  async function finish() {
    setBusy(true);
    setFailure('');
    try {
      const { recoveryKey } = await api.call('setup.run', toSetupInput(draft));
      setRecoveryKey(recoveryKey);
    } catch (error) {
      const { byField, unplaced } = fieldErrors(issuesOf(error), fieldOfPath);
      setErrors(byField);
      setFailure(unplaced.length > 0 || Object.keys(byField).length === 0 ? messageOf(error) : t.errors.fixFields);
      if (Object.keys(byField).length > 0) setStep(firstStepWithError(byField));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const all = checkDraft(draft, t);
    const here = errorsOfStep(all, step);
    if (Object.keys(here).length > 0) {
      setErrors(here);
      return;
    }
    setErrors({});
    if (!last) {
      setStep(step + 1);
      return;
    }
    if (Object.keys(all).length > 0) {
      setErrors(all);
      setStep(firstStepWithError(all));
      return;
    }
    void finish();
  }

  if (recoveryKey) {
    return (
      <main className="centered-page setup-page">
        <RecoveryKeyCard recoveryKey={recoveryKey} onDone={() => onDone(draft.username.trim().toLowerCase())} />
      </main>
    );
  }

  const Step = STEPS[step] ?? OrganisationStep;
  return (
    <main className="centered-page setup-page">
      <form className="card setup-card" onSubmit={submit} noValidate aria-labelledby="setup-title">
        <header className="setup-header">
          <p className="brand">
            {t.app.name} <span>· {t.app.tagline}</span>
          </p>
          <h1 id="setup-title">{t.setup.title}</h1>
          <p className="lead">{t.setup.intro}</p>
          <ol className="steps" aria-label={t.setup.stepOf(step + 1, STEPS.length)}>
            {t.setup.steps.map((name, i) => (
              <li
                key={name}
                className={i === step ? 'current' : i < step ? 'done' : ''}
                aria-current={i === step ? 'step' : undefined}
              >
                <span className="step-number">{i + 1}</span> {name}
              </li>
            ))}
          </ol>
        </header>
        <h2 className="step-title">
          {t.setup.stepOf(step + 1, STEPS.length)}: {t.setup.steps[step]}
        </h2>
        {failure && <Notice kind="error">{failure}</Notice>}
        <Step key={step} draft={draft} set={set} errors={errors} />
        <div className="actions">
          {step > 0 && (
            <button type="button" onClick={() => setStep(step - 1)} disabled={busy}>
              {t.setup.back}
            </button>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.app.working : last ? t.setup.finish : t.setup.next}
          </button>
        </div>
      </form>
    </main>
  );
}
