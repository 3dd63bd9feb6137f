import { describe, expect, it } from 'vitest';
import { PARALLEL_TRANSFERS, transferAll } from '../../../src-main/core/sync/transfers';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('moving a pass’s files', () => {
  it('moves a few at once and reports the whole batch’s progress', async () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ name: `tep-${i}.pdf` }));
    let running = 0;
    let most = 0;
    const reports: number[] = [];
    await transferAll(
      items,
      async (_item, progress) => {
        most = Math.max(most, ++running);
        await tick();
        progress(0.5);
        await tick();
        running--;
      },
      (done, total) => {
        expect(total).toBe(10);
        reports.push(done);
      },
    );
    expect(most).toBe(PARALLEL_TRANSFERS);
    expect(Math.max(...reports)).toBeGreaterThanOrEqual(9);
    expect(reports).toEqual([...reports].sort((a, b) => a - b));
  });

  it('starts nothing new after a failure, lets those under way finish, then throws it', async () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ name: `tep-${i}.pdf` }));
    const started: string[] = [];
    const finished: string[] = [];
    const moving = transferAll(items, async (item) => {
      started.push(item.name);
      await tick();
      if (item.name === 'tep-1.pdf') throw new Error('mất mạng');
      await tick();
      finished.push(item.name);
    });
    await expect(moving).rejects.toThrow('mất mạng');
    expect(started).toHaveLength(PARALLEL_TRANSFERS);
    expect(finished).toEqual(['tep-0.pdf', 'tep-2.pdf', 'tep-3.pdf']);
  });
});
