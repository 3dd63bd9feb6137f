/**
 * Locks the session after `minutes` without keyboard or mouse activity. While the clerk is busy
 * (typing a long form makes no calls) the engine's session is kept alive, so it does not lock
 * on its side under the clerk's hands.
 */
import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart', 'pointerdown'] as const;
const CHECK_EVERY_MS = 10_000;
const KEEP_ALIVE_EVERY_MS = 60_000;

export interface IdleLockOptions {
  /** Minutes of inactivity before locking; null turns the watch off. */
  minutes: number | null;
  onIdle: () => void;
  onKeepAlive: () => void;
}

export function useIdleLock({ minutes, onIdle, onKeepAlive }: IdleLockOptions): void {
  const handlers = useRef({ onIdle, onKeepAlive });
  handlers.current = { onIdle, onKeepAlive };

  useEffect(() => {
    if (minutes === null) return;
    let lastActivity = Date.now();
    let lastKeepAlive = Date.now();
    const markActive = () => {
      lastActivity = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, markActive, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      const now = Date.now();
      if (now - lastActivity >= minutes * 60_000) {
        handlers.current.onIdle();
        return;
      }
      if (lastActivity > lastKeepAlive && now - lastKeepAlive >= KEEP_ALIVE_EVERY_MS) {
        lastKeepAlive = now;
        handlers.current.onKeepAlive();
      }
    }, CHECK_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, markActive, { capture: true });
    };
  }, [minutes]);
}
