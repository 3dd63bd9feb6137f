/**
 * The exchange's state, asked for every few seconds (faster while a pass runs) so the top bar
 * and the "Chờ tiếp nhận" box stay current. `refresh` after an action that queued something.
 */
import { useCallback } from 'react';
import { useApi } from '../../app/services';
import { usePolled } from '../../app/usePolled';

const IDLE_MS = 5_000;
const BUSY_MS = 1_000;

export function useSyncStatus(active: boolean) {
  const api = useApi();
  const load = useCallback(() => api.call('sync.status', {}), [api]);
  const { value, refresh, setValue } = usePolled(load, active, (s) => (s?.running ? BUSY_MS : IDLE_MS));
  return { status: value, refresh, setStatus: setValue };
}
