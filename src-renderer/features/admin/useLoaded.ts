/**
 * What a tab shows, loaded when it opens and again on `reload` (after a change); a failure
 * becomes the tab's "could not load" line with the engine's reason.
 */
import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../../app/errors';
import { t } from '../../i18n';

export function useLoaded<T>(load: () => Promise<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState('');

  const reload = useCallback(async () => {
    try {
      setValue(await load());
      setError('');
    } catch (e) {
      setError(`${t.admin.loadFailed} ${messageOf(e)}`);
    }
  }, [load]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { value, error, reload, set: setValue };
}
