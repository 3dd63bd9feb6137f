/**
 * The exchange's state, asked for every few seconds (faster while a pass runs) so the top bar
 * and the "Chờ tiếp nhận" box stay current. `refresh` after an action that queued something.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncStatus } from '../../../src-shared/ipc/sync';
import { useApi } from '../../app/services';

const IDLE_MS = 5_000;
const BUSY_MS = 1_000;

export function useSyncStatus(active: boolean) {
  const api = useApi();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const timer = useRef<number | null>(null);

  const refresh = useCallback(async () => {
    try {
      const next = await api.call('sync.status', {});
      setStatus(next);
      return next;
    } catch {
      return null; // the next tick tries again; a lock brings back the sign-in by itself
    }
  }, [api]);

  useEffect(() => {
    if (!active) return;
    let alive = true;
    const tick = async () => {
      const next = await refresh();
      if (alive) timer.current = window.setTimeout(() => void tick(), next?.running ? BUSY_MS : IDLE_MS);
    };
    void tick();
    return () => {
      alive = false;
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, [active, refresh]);

  return { status, refresh, setStatus };
}
