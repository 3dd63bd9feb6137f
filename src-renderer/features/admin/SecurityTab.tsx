/**
 * Bảo mật dữ liệu: the register is encrypted on this PC; how this workstation opens its key;
 * whether the administrator has a recovery key, and a new one on request, shown once.
 */
import { useCallback, useState } from 'react';
import { useApi } from '../../app/services';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';
import { RecoveryKeyCard } from '../setup/RecoveryKeyCard';
import { useAction } from './useAction';
import { useLoaded } from './useLoaded';

export function SecurityTab() {
  const t = useStrings();
  const api = useApi();
  const words = t.admin.security;
  const { value: status, error, reload } = useLoaded(useCallback(() => api.call('atRest.status', {}), [api]));
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  const [shown, setShown] = useState<string | null>(null);

  async function renew() {
    await action.run(async () => {
      const { recoveryKey } = await api.call('atRest.renewRecoveryKey', {});
      setShown(recoveryKey);
      setConfirming(false);
    }, '');
  }

  if (shown) {
    return (
      <RecoveryKeyCard
        recoveryKey={shown}
        onDone={() => {
          setShown(null);
          void reload();
        }}
      />
    );
  }

  return (
    <div className="admin-section">
      {error && <Notice kind="error">{error}</Notice>}
      {status && (
        <div className="card">
          <h2>{words.title}</h2>
          <p>{words.encrypted(status.keyId)}</p>
          <p className="muted">{words.openedBy(status.wrappedFor.map((k) => words.ways[k] ?? k).join('; '))}</p>
          {status.recoveryKeyCreatedAt ? (
            <p>{words.recoveryMade(t.formats.dateTime(status.recoveryKeyCreatedAt))}</p>
          ) : (
            <Notice kind="warning">{words.noRecovery}</Notice>
          )}
          {action.error && <Notice kind="error">{action.error}</Notice>}
          {confirming ? (
            <div className="confirm-line" role="group" aria-label={words.renew}>
              <Notice kind="warning">{words.renewWarning}</Notice>
              <div className="actions">
                <button type="button" onClick={() => setConfirming(false)} disabled={action.busy}>
                  {t.admin.cancel}
                </button>
                <button type="button" className="primary" onClick={() => void renew()} disabled={action.busy}>
                  {words.renewConfirm}
                </button>
              </div>
            </div>
          ) : (
            <div className="actions">
              <button
                type="button"
                className={status.recoveryKeyCreatedAt ? undefined : 'primary'}
                onClick={() => setConfirming(true)}
              >
                {words.renew}
              </button>
            </div>
          )}
          <h3>{words.backupsTitle}</h3>
          <p className="muted">{words.backups}</p>
        </div>
      )}
    </div>
  );
}
