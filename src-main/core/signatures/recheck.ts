/**
 * Re-checks undecided signatures when the network comes back. A cheap probe runs every
 * `intervalMs`; the re-check fires once on each offline → online transition (the workstation
 * counts as offline until the first probe says otherwise, so undecided entries are retried once
 * after start). The sync engine, which learns about the network first, can call
 * `networkRestored()` instead of waiting for the next probe.
 */

export interface RecheckSchedulerOptions {
  /** Re-verifies the undecided entries. */
  recheck: () => Promise<unknown>;
  /** Whether the network (the revocation sources) can be reached now. */
  probe: () => Promise<boolean>;
  /** Called before a re-check the network hook triggered (e.g. to forget unreachable hosts). */
  onRestored?: () => void;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

export interface RecheckState {
  online: boolean;
  running: boolean;
  runs: number;
  lastError: string | null;
}

export const RECHECK_INTERVAL_MS = 60_000;

export function createRecheckScheduler(options: RecheckSchedulerOptions) {
  const intervalMs = options.intervalMs ?? RECHECK_INTERVAL_MS;
  const state: RecheckState = { online: false, running: false, runs: 0, lastError: null };
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  /** stop() was called: no further runs, even for a trigger during the last one. */
  let halted = false;
  let current: Promise<void> | null = null;
  let again = false;

  /** One re-check at a time; a trigger during one runs one more after it. */
  function fire(): Promise<void> {
    if (current) {
      again = true;
      return current;
    }
    current = (async () => {
      do {
        again = false;
        state.running = true;
        try {
          await options.recheck();
          state.lastError = null;
        } catch (error) {
          state.lastError = error instanceof Error ? error.message : String(error);
          options.onError?.(error);
        } finally {
          state.running = false;
          state.runs++;
        }
      } while (again && !halted);
    })().finally(() => {
      current = null;
    });
    return current;
  }

  async function tick(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    let online = false;
    try {
      online = await options.probe();
    } catch {
      online = false;
    }
    if (stopped) return;
    const wasOnline = state.online;
    state.online = online;
    if (online && !wasOnline) await fire();
    schedule();
  }

  function schedule(): void {
    if (stopped || timer) return;
    timer = setTimeout(() => void tick(), intervalMs);
    timer.unref();
  }

  return {
    state: (): RecheckState => ({ ...state }),
    start(): void {
      if (!stopped) return;
      stopped = false;
      halted = false;
      schedule();
    },
    /** No more probes or re-checks are started (one under way finishes). */
    stop(): void {
      stopped = true;
      halted = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    /** The network is back (the sync engine saw it): re-check now. Resolves when done. */
    networkRestored(): Promise<void> {
      state.online = true;
      options.onRestored?.();
      return fire();
    },
    /** Probes once now, as the timer would (for tests and a "check now" button). */
    probeNow: (): Promise<void> => tick(),
  };
}

export type RecheckScheduler = ReturnType<typeof createRecheckScheduler>;
