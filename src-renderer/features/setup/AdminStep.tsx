import { TextField } from '../../components/Field';
import { useStrings } from '../../i18n';
import type { StepProps } from './SetupWizard';

export function AdminStep({ draft, set, errors }: StepProps) {
  const t = useStrings();
  return (
    <div className="form-grid">
      <TextField
        id="setup-username"
        label={t.setup.adminUsername}
        value={draft.username}
        onChange={(v) => set('username', v)}
        error={errors.username}
        hint={t.setup.adminUsernameHint}
        autoComplete="username"
        required
        autoFocus
      />
      <TextField
        id="setup-full-name"
        label={t.setup.adminFullName}
        value={draft.fullName}
        onChange={(v) => set('fullName', v)}
        error={errors.fullName}
        autoComplete="name"
        required
      />
      <TextField
        id="setup-password"
        type="password"
        label={t.setup.adminPassword}
        value={draft.password}
        onChange={(v) => set('password', v)}
        error={errors.password}
        hint={t.setup.adminPasswordHint}
        autoComplete="new-password"
        required
      />
      <TextField
        id="setup-password-again"
        type="password"
        label={t.setup.adminPasswordAgain}
        value={draft.passwordAgain}
        onChange={(v) => set('passwordAgain', v)}
        error={errors.passwordAgain}
        autoComplete="new-password"
        required
      />
    </div>
  );
}
