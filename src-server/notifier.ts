/**
 * Wakes long-polls: a pull with nothing new waits here until a change for its organisation is
 * appended, the wait runs out, or the client goes away.
 */
import type { IncomingMessage } from 'node:http';

export function createNotifier() {
  const waiting = new Map<string, Set<() => void>>();
  return {
    wait(organId: string, ms: number, req?: IncomingMessage): Promise<void> {
      return new Promise((resolve) => {
        const set = waiting.get(organId) ?? new Set();
        waiting.set(organId, set);
        const done = () => {
          clearTimeout(timer);
          set.delete(done);
          req?.off('close', done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        set.add(done);
        req?.once('close', done);
      });
    },
    notify(organId: string): void {
      for (const wake of [...(waiting.get(organId) ?? [])]) wake();
    },
    /** Ends every wait (shutdown). */
    wakeAll(): void {
      for (const set of waiting.values()) for (const wake of [...set]) wake();
    },
  };
}
