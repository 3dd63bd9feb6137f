/**
 * When to sync: soon after a local change, on a timer, and when the network comes back; after
 * a failure, again after a jittered exponential backoff ("full jitter": a random wait up to
 * base × 2^failures, capped), so a hundred workstations coming back online do not all knock at
 * once. One pass at a time; a trigger during a pass runs one more pass after it.
 */
import { SyncRefused, SyncUnavailable } from './transport';
import type { RunResult } from './engine';

export interface SchedulerOptions {
  run: () => Promise<RunResult>;
  /** Regular pass while all is well. */
  intervalMs?: number;
  /** Delay after a local change, to gather a burst of changes into one pass. */
  debounceMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
  onState?: (state: SchedulerState) => void;
}

export interface SchedulerState {
  online: boolean | null;
  running: boolean;
  failures: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  /** The server refused the credential or the request: a human must act; retried slowly. */
  needsAttention: boolean;
  lastResult: RunResult | null;
  /** A pass is due within the debounce (a change was just queued). */
  nextAttemptSoon: boolean;
}

export function backoffDelay(failures: number, base: number, max: number, random: () => number): number {
  const ceiling = Math.min(max, base * 2 ** Math.max(0, failures - 1));
  return Math.round(random() * ceiling);
}

export function createSyncScheduler(options: SchedulerOptions) {
  const intervalMs = options.intervalMs ?? 60_000;
  const debounceMs = options.debounceMs ?? 500;
  const base = options.baseBackoffMs ?? 2_000;
  const max = options.maxBackoffMs ?? 5 * 60_000;
  const random = options.random ?? Math.random;
  const state: SchedulerState = {
    online: null,
    running: false,
    failures: 0,
    nextAttemptAt: null,
    lastError: null,
    needsAttention: false,
    lastResult: null,
    nextAttemptSoon: false,
  };
  let timer: NodeJS.Timeout | null = null;
  let again = false;
  let stopped = true;
  let current: Promise<void> | null = null;

  const publish = () => options.onState?.({ ...state });

  function schedule(delay: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    state.nextAttemptAt = new Date(Date.now() + delay).toISOString();
    state.nextAttemptSoon = delay <= debounceMs;
    timer = setTimeout(() => void pass(), delay);
    timer.unref();
    publish();
  }

  async function pass(): Promise<void> {
    if (state.running) {
      again = true;
      return current ?? undefined;
    }
    timer = null;
    state.running = true;
    state.nextAttemptSoon = false;
    publish();
    current = (async () => {
      try {
        state.lastResult = await options.run();
        state.online = true;
        state.failures = 0;
        state.lastError = null;
        state.needsAttention = false;
      } catch (error) {
        state.failures++;
        state.lastError = error instanceof Error ? error.message : String(error);
        state.online = error instanceof SyncUnavailable ? false : state.online;
        state.needsAttention = error instanceof SyncRefused;
      } finally {
        state.running = false;
      }
      if (again) {
        again = false;
        schedule(0);
      } else if (state.failures > 0) {
        schedule(backoffDelay(state.failures, base, max, random));
      } else {
        schedule(intervalMs);
      }
    })();
    await current;
    current = null;
  }

  return {
    state: (): SchedulerState => ({ ...state }),
    start(): void {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    /** A local change was queued: sync soon. */
    changed(): void {
      if (state.running) again = true;
      else schedule(debounceMs);
    },
    /**
     * Go without the debounce: the server said it has news, or the clerk sent a document. The
     * debounce only gathers a burst of local edits (an import) into one pass.
     */
    soon(): void {
      if (state.running) again = true;
      else schedule(0);
    },
    /** The network is back (or the clerk pressed "Thử lại"): forget the backoff, go now. */
    networkRestored(): void {
      state.failures = 0;
      if (state.running) again = true;
      else schedule(0);
    },
    /** Runs a pass now and waits for it (the "Đồng bộ ngay" button, the CLI). */
    async now(): Promise<SchedulerState> {
      if (timer) clearTimeout(timer);
      timer = null;
      await pass();
      if (current) await current;
      return { ...state };
    },
  };
}

export type SyncScheduler = ReturnType<typeof createSyncScheduler>;
