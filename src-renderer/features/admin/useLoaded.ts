/**
 * What a tab shows, loaded when it opens and again on `reload` (after a change); a failure
 * becomes the tab's "could not load" line with the engine's reason.
 */
import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../../app/errors';
import { useStrings } from '../../i18n';

export function useLoaded<T>(load: () => Promise<T>) {
  const t = useStrings();
  const [value, setValue] = useState<T | null>(null);
  // The engine's reason; the words around it follow the language of the screen.
  const [reason, setReason] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setValue(await load());
      setReason(null);
    } catch (e) {
      setReason(messageOf(e));
    }
  }, [load]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const error = reason === null ? '' : `${t.admin.loadFailed} ${reason}`;
  return { value, error, reload, set: setValue };
}
