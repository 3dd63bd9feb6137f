import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsToPrune, createAutoBackups } from '../../../src-main/core/db/auto-backup';
import { freshServices, tempDir } from '../core/helpers';

const name = (day: string) => `auto-${day}.vanthu-backup`;

function daysBack(from: string, count: number): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start - i * 86_400_000).toISOString().slice(0, 10));
}

describe('rotation of automatic backups', () => {
  it('keeps the last 7 days and the newest of each of the 4 weeks before', () => {
    // Sunday 2026-11-22 back 60 days, one backup a day.
    const days = daysBack('2026-11-22', 60);
    const pruned = new Set(backupsToPrune(days.map(name)));
    const kept = days.filter((d) => !pruned.has(name(d)));
    expect(kept).toEqual([
      ...daysBack('2026-11-22', 7),
      // 2026-11-15 is the Sunday ending the week before; then the three Sundays before it.
      '2026-11-15',
      '2026-11-08',
      '2026-11-01',
      '2026-10-25',
    ]);
  });

  it('keeps everything while there are few, and never touches other files', () => {
    expect(backupsToPrune(daysBack('2026-11-22', 5).map(name))).toEqual([]);
    expect(backupsToPrune(['before-migration-x.sqlite', 'notes.txt', ...daysBack('2026-11-22', 3).map(name)])).toEqual(
      [],
    );
  });

  it('keeps the newest backup of a week when days were missed (the PC was off)', () => {
    const days = ['2026-11-22', '2026-11-20', '2026-11-03', '2026-11-02', '2026-10-29', '2026-10-28', '2026-09-01'];
    expect(backupsToPrune(days.map(name), { daily: 2, weekly: 2 }).sort()).toEqual(
      ['2026-11-02', '2026-10-28', '2026-09-01'].map(name).sort(),
    );
  });
});

describe('automatic backups', () => {
  it('make one a day of the real register, rotate, and survive a failure', async () => {
    const s = freshServices();
    try {
      const dir = path.join(tempDir(), 'auto');
      let today = '2026-11-01';
      const logged: string[] = [];
      let fail = false;
      const auto = createAutoBackups({
        dir,
        create: (out) => (fail ? Promise.reject(new Error('disk full')) : s.backups.create(out)),
        today: () => today,
        log: (m) => logged.push(m),
        rotation: { daily: 2, weekly: 0 },
      });
      expect(await auto.runIfDue()).toBe(path.join(dir, name('2026-11-01')));
      expect(await auto.runIfDue()).toBeNull();
      for (const day of ['2026-11-02', '2026-11-03']) {
        today = day;
        await auto.runIfDue();
      }
      expect(fs.readdirSync(dir).sort()).toEqual([name('2026-11-02'), name('2026-11-03')]);
      fail = true;
      today = '2026-11-04';
      expect(await auto.runIfDue()).toBeNull();
      expect(logged).toEqual(['automatic backup failed: disk full']);
      expect(fs.readdirSync(dir).sort()).toEqual([name('2026-11-02'), name('2026-11-03')]);
      fail = false;
      expect(await auto.runIfDue()).toBe(path.join(dir, name('2026-11-04')));
    } finally {
      s.close();
    }
  });
});
