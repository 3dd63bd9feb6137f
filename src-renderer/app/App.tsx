/**
 * The app shell: connect, then first-run setup, sign-in, and the workspace. A locked session
 * shows the sign-in above the workspace, which stays mounted, so a half-typed form survives.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Session } from '../../src-shared/ipc/schemas';
import { LanguageProvider, useStrings } from '../i18n';
import { connect, watchSignedOut, type Connection } from './connection';
import { messageOf } from './errors';
import { ServicesProvider } from './services';
import { useIdleLock } from './useIdleLock';
import { ConnectionProblem } from './ConnectionProblem';
import { SetupWizard } from '../features/setup/SetupWizard';
import { SignInScreen, type LockReason } from '../features/auth/SignInScreen';
import { Workspace } from './Workspace';

export function App() {
  return (
    <LanguageProvider>
      <Connecting />
    </LanguageProvider>
  );
}

function Connecting() {
  const t = useStrings();
  const [result] = useState(connect);
  if (!result.ok) return <ConnectionProblem message={t.connection.noToken} />;
  return <ConnectedApp base={result.connection} />;
}

type Boot = { kind: 'starting' } | { kind: 'problem'; message: string } | { kind: 'setup' } | { kind: 'ready' };

function ConnectedApp({ base }: { base: Connection }) {
  const t = useStrings();
  const [boot, setBoot] = useState<Boot>({ kind: 'starting' });
  const [session, setSession] = useState<Session | null>(null);
  const [lock, setLock] = useState<LockReason | null>(null);
  const [workspaceKey, setWorkspaceKey] = useState(0);
  const [suggestedUser, setSuggestedUser] = useState('');
  const [notice, setNotice] = useState('');

  const connection = useMemo(() => watchSignedOut(base, () => setLock((current) => current ?? 'expired')), [base]);
  const { client } = connection;

  const start = useCallback(async () => {
    setBoot({ kind: 'starting' });
    try {
      const info = await client.call('app.info', {});
      if (!info.setupDone) {
        setBoot({ kind: 'setup' });
        return;
      }
      setSession(await client.call('auth.session', {}));
      setBoot({ kind: 'ready' });
    } catch (error) {
      setBoot({ kind: 'problem', message: messageOf(error) });
    }
  }, [client]);

  useEffect(() => {
    void start();
  }, [start]);

  useIdleLock({
    minutes: session && !lock ? session.idleLockMinutes : null,
    onIdle: () => {
      setLock('idle');
      client.call('auth.lock', {}).catch(() => undefined);
    },
    onKeepAlive: () => {
      client
        .call('auth.session', {})
        .then((current) => {
          if (!current) setLock((l) => l ?? 'expired');
        })
        .catch(() => undefined);
    },
  });

  const signedIn = (next: Session) => {
    if (session && next.user.id !== session.user.id) setWorkspaceKey((k) => k + 1);
    setSession(next);
    setLock(null);
    setNotice('');
  };

  const signOut = () => {
    client.call('auth.signOut', {}).catch(() => undefined);
    setSuggestedUser(session?.user.username ?? '');
    setSession(null);
    setLock(null);
  };

  let screen;
  if (boot.kind === 'starting') screen = <div className="splash">{t.app.loading}</div>;
  else if (boot.kind === 'problem') screen = <ConnectionProblem message={boot.message} onRetry={() => void start()} />;
  else if (boot.kind === 'setup') {
    screen = (
      <SetupWizard
        onDone={(username) => {
          setSuggestedUser(username);
          setNotice(t.setup.done);
          setBoot({ kind: 'ready' });
        }}
      />
    );
  } else if (!session) {
    screen = <SignInScreen initialUsername={suggestedUser} notice={notice} onSignedIn={signedIn} />;
  } else {
    screen = (
      <>
        <Workspace key={workspaceKey} session={session} hidden={lock !== null} onSignOut={signOut} />
        {lock && (
          <SignInScreen
            overlay
            lockReason={lock}
            idleMinutes={session.idleLockMinutes}
            initialUsername={session.user.username}
            onSignedIn={signedIn}
          />
        )}
      </>
    );
  }
  return <ServicesProvider connection={connection}>{screen}</ServicesProvider>;
}
