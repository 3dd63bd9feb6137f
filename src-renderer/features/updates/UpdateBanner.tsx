/**
 * The app's own update, in one thin line under the top bar: the download with its progress bar,
 * then "restart to update" (the update is also installed when VanThu closes). Nothing at all
 * while there is no update, and never outside the installed app.
 */
import { useCallback, useState } from 'react';
import type { UpdateStatus } from '../../../src-shared/ipc/updates';
import { useApi } from '../../app/services';
import { usePolled } from '../../app/usePolled';
import { messageOf } from '../../app/errors';
import { useStrings } from '../../i18n';

const IDLE_MS = 60_000;
const DOWNLOADING_MS = 1_000;

export function UpdateBanner({ active }: { active: boolean }) {
  const t = useStrings();
  const api = useApi();
  const load = useCallback(() => api.call('update.status', {}), [api]);
  const polled = usePolled(load, active, (s) => (s?.kind === 'downloading' ? DOWNLOADING_MS : IDLE_MS));
  const status: UpdateStatus = polled.value ?? { kind: 'idle' };
  const [error, setError] = useState('');

  if (status.kind === 'idle') return null;
  const words = t.updates;
  return (
    <div className="update-banner" role="status">
      {status.kind === 'downloading' ? (
        <>
          <span>{words.downloading(status.version)}</span>
          <progress max={100} value={status.percent} aria-label={words.progress}>
            {status.percent}%
          </progress>
          <span className="update-percent">{status.percent}%</span>
        </>
      ) : (
        <>
          <span>{words.ready(status.version)}</span>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setError('');
              api.call('update.restart', {}).catch((e: unknown) => setError(messageOf(e)));
            }}
          >
            {words.restart}
          </button>
          {error && <span className="update-error">{error}</span>}
        </>
      )}
    </div>
  );
}
