/**
 * Wakes long-polls in this process: a pull with nothing new subscribes to its organisation before
 * reading the feed, then waits until a change for it is appended, its time runs out, or the client
 * goes away. (Several server processes on one PostgreSQL would relay this with LISTEN/NOTIFY.)
 */
export function createNotifier() {
  const waiting = new Map<string, Set<() => void>>();
  let closed = false;

  function subscribe(organId: string) {
    let woken = closed;
    let resolveWait: (() => void) | null = null;
    const wake = () => {
      woken = true;
      resolveWait?.();
    };
    const set = waiting.get(organId) ?? new Set();
    waiting.set(organId, set);
    set.add(wake);
    const cancel = () => {
      set.delete(wake);
      if (set.size === 0 && waiting.get(organId) === set) waiting.delete(organId);
    };
    return {
      /** Resolves when woken (or already woken since subscribing), after `ms`, or on abort. */
      wait(ms: number, signal?: AbortSignal): Promise<void> {
        if (woken || signal?.aborted) return Promise.resolve();
        return new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolveWait = null;
            resolve();
          };
          const timer = setTimeout(done, ms);
          signal?.addEventListener('abort', done, { once: true });
          resolveWait = done;
        });
      },
      cancel,
    };
  }

  return {
    subscribe,
    notify(organId: string): void {
      for (const wake of [...(waiting.get(organId) ?? [])]) wake();
    },
    /** Ends every wait, now and later (shutdown). */
    close(): void {
      closed = true;
      for (const set of waiting.values()) for (const wake of [...set]) wake();
    },
    get closed(): boolean {
      return closed;
    },
    /** Long-polls waiting now (for tests and the log). */
    get waiting(): number {
      let n = 0;
      for (const set of waiting.values()) n += set.size;
      return n;
    },
  };
}
