import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSyncScheduler } from '../../../src-main/core/sync/scheduler';

afterEach(() => vi.useRealTimers());

describe('the sync scheduler', () => {
  it('gathers local edits behind its debounce, but goes at once for news and for a send', async () => {
    vi.useFakeTimers();
    const runs: number[] = [];
    const scheduler = createSyncScheduler({
      run: async () => {
        runs.push(Date.now());
        return { pushed: 0, rejected: 0, received: 0 };
      },
      debounceMs: 500,
      intervalMs: 60_000,
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0); // the first pass on start
    const started = runs.length;
    scheduler.changed();
    scheduler.changed();
    await vi.advanceTimersByTimeAsync(499);
    expect(runs.length).toBe(started);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs.length).toBe(started + 1); // one pass for the burst, after the debounce
    scheduler.soon();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs.length).toBe(started + 2); // no debounce
    scheduler.stop();
  });
});
