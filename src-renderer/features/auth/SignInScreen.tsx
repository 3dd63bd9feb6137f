/**
 * "Đăng nhập". As an overlay it unlocks a locked session: the workspace underneath keeps what
 * the clerk was typing.
 */
import { useState, type FormEvent } from 'react';
import type { Session } from '../../../src-shared/ipc/schemas';
import { useApi } from '../../app/services';
import { messageOf } from '../../app/errors';
import { TextField } from '../../components/Field';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';

export type LockReason = 'idle' | 'expired';

export interface SignInScreenProps {
  onSignedIn: (session: Session) => void;
  initialUsername?: string;
  notice?: string;
  overlay?: boolean;
  lockReason?: LockReason;
  idleMinutes?: number;
}

export function SignInScreen({
  onSignedIn,
  initialUsername = '',
  notice,
  overlay,
  lockReason,
  idleMinutes = 15,
}: SignInScreenProps) {
  const t = useStrings();
  const api = useApi();
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure('');
    try {
      onSignedIn(await api.call('auth.signIn', { username, password }));
    } catch (error) {
      setFailure(messageOf(error));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  const locked = lockReason !== undefined;
  const form = (
    <div className="sign-in-stack">
      <form className="card narrow sign-in" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
        <p className="brand">
          {t.app.name} <span>· {t.app.tagline}</span>
        </p>
        <h1 id="sign-in-title">{locked ? t.signIn.lockedTitle : t.signIn.title}</h1>
        {notice && <Notice kind="success">{notice}</Notice>}
        {lockReason === 'idle' && <Notice kind="info">{t.signIn.lockedNote(idleMinutes)}</Notice>}
        {lockReason === 'expired' && <Notice kind="info">{t.signIn.expiredNote}</Notice>}
        {failure && <Notice kind="error">{failure}</Notice>}
        <TextField
          id="sign-in-username"
          label={t.signIn.username}
          value={username}
          onChange={setUsername}
          autoComplete="username"
          autoFocus={!initialUsername}
          hint={locked ? t.signIn.otherUser : undefined}
        />
        <TextField
          id="sign-in-password"
          type="password"
          label={t.signIn.password}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          autoFocus={Boolean(initialUsername)}
        />
        <div className="actions">
          <button type="submit" className="primary wide" disabled={busy}>
            {busy ? t.app.working : t.signIn.submit}
          </button>
        </div>
      </form>
      <LanguageSwitch className="sign-in-language" />
    </div>
  );
  // Over a locked workspace it is a modal dialog; the workspace underneath is inert.
  return overlay ? (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-labelledby="sign-in-title">
      {form}
    </div>
  ) : (
    <main className="centered-page">{form}</main>
  );
}
