/**
 * A value asked of the engine again and again while `active`: at once, then after the delay the
 * last answer calls for (shorter while something runs). A failed ask keeps the last value and
 * tries at the next tick; a lock brings back the sign-in by itself.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export function usePolled<T>(load: () => Promise<T>, active: boolean, delayAfter: (value: T | null) => number) {
  const [value, setValue] = useState<T | null>(null);
  const timer = useRef<number | null>(null);
  const delay = useRef(delayAfter);
  delay.current = delayAfter;

  const refresh = useCallback(async () => {
    try {
      const next = await load();
      setValue(next);
      return next;
    } catch {
      return null;
    }
  }, [load]);

  useEffect(() => {
    if (!active) return;
    let alive = true;
    const tick = async () => {
      const next = await refresh();
      if (alive) timer.current = window.setTimeout(() => void tick(), delay.current(next));
    };
    void tick();
    return () => {
      alive = false;
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, [active, refresh]);

  return { value, refresh, setValue };
}
