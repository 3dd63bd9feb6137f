/**
 * A desktop notification when an urgent document (Khẩn, Thượng khẩn, Hỏa tốc) arrives in
 * "Chờ tiếp nhận": the clerk may be in another window. Each document is announced once.
 */
import { useEffect, useRef } from 'react';

import { useApi, usePlatform } from '../../app/services';
import { useStrings } from '../../i18n';

export function useUrgentArrivals(waiting: number | undefined): void {
  const t = useStrings();
  const api = useApi();
  const platform = usePlatform();
  const announced = useRef<Set<number> | null>(null);

  useEffect(() => {
    if (waiting === undefined) return;
    let alive = true;
    void api.call('inbox.list', {}).then(
      (items) => {
        if (!alive) return;
        const first = announced.current === null;
        announced.current ??= new Set();
        for (const item of items) {
          if (announced.current.has(item.id)) continue;
          announced.current.add(item.id);
          // What was already waiting when the app opened is in the box; only news is announced.
          if (!first && item.urgency !== 'normal') {
            platform.notify(
              t.inbox.urgentTitle(t.labels.urgency[item.urgency]),
              `${item.fromName}: ${item.header.subject}`,
            );
          }
        }
      },
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [api, platform, waiting]);
}
