/**
 * A keyboard shortcut for the whole window (Esc back to the list, Alt+N, Ctrl+K…), live from the
 * moment its screen is shown.
 *
 * The listener is attached in a layout effect, in the same task as the DOM it belongs to. A
 * passive effect (useEffect) would run later, in a task of its own, when the screen came from an
 * answer of the engine (the document page shown after saving): the browser handles input before
 * such tasks, so a key pressed as soon as the screen appeared was lost. The handler is read from
 * a ref, so the listener is attached once and always sees the latest render's state.
 */
import { useLayoutEffect, useRef } from 'react';

export function useWindowKeydown(handler: (event: KeyboardEvent) => void, enabled = true): void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useLayoutEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => latest.current(event);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
