/**
 * Automatic local backups: one a day (when the app runs), into backups/auto/, rotated so the
 * last 7 days and one backup for each of the 4 weeks before stay. A failed backup is logged and
 * tried again at the next check; it never stops the clerk's work.
 */
import fs from 'node:fs';
import path from 'node:path';

const NAME = /^auto-(\d{4}-\d{2}-\d{2})\.vanthu-backup$/;
const DAY_MS = 86_400_000;

export interface Rotation {
  daily: number;
  weekly: number;
}

export const DEFAULT_ROTATION: Rotation = { daily: 7, weekly: 4 };

/** Monday of the week of an ISO day, as days since the epoch: the key of its week. */
function weekOf(day: string): number {
  const days = Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
  // 1970-01-01 was a Thursday: shift so weeks start on Monday.
  return Math.floor((days + 3) / 7);
}

/**
 * Which backups to delete: all but the newest `daily` days, and besides them the newest backup
 * of each of the `weekly` weeks before. Names that are not automatic backups are never touched.
 */
export function backupsToPrune(names: string[], rotation: Rotation = DEFAULT_ROTATION): string[] {
  const days = names
    .map((name) => NAME.exec(name)?.[1])
    .filter((d): d is string => d !== undefined)
    .sort()
    .reverse();
  const keep = new Set(days.slice(0, rotation.daily));
  const weeks = new Set<number>();
  for (const day of days.slice(rotation.daily)) {
    const week = weekOf(day);
    if (weeks.has(week) || weeks.size >= rotation.weekly) continue;
    weeks.add(week);
    keep.add(day);
  }
  return days.filter((d) => !keep.has(d)).map((d) => `auto-${d}.vanthu-backup`);
}

export interface AutoBackupDeps {
  dir: string;
  create: (out: string) => Promise<unknown>;
  /** Today in Vietnam, yyyy-mm-dd. */
  today: () => string;
  log?: (message: string) => void;
  rotation?: Rotation;
}

export function createAutoBackups(deps: AutoBackupDeps) {
  let running: Promise<string | null> | null = null;

  async function runIfDue(): Promise<string | null> {
    fs.mkdirSync(deps.dir, { recursive: true });
    const file = path.join(deps.dir, `auto-${deps.today()}.vanthu-backup`);
    if (fs.existsSync(file)) return null;
    await deps.create(file);
    for (const name of backupsToPrune(fs.readdirSync(deps.dir), deps.rotation)) {
      fs.rmSync(path.join(deps.dir, name), { force: true });
    }
    return file;
  }

  let timer: NodeJS.Timeout | null = null;
  return {
    /** Makes today's backup unless it exists; one at a time. */
    runIfDue(): Promise<string | null> {
      running ??= runIfDue()
        .catch((error: unknown) => {
          deps.log?.(`automatic backup failed: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        })
        .finally(() => {
          running = null;
        });
      return running;
    },
    /** Checks a while after start (the clerk's first minutes are busy) and then every hour. */
    start(firstAfterMs = 5 * 60_000, everyMs = 60 * 60_000): void {
      const tick = (next: number) => {
        timer = setTimeout(() => {
          void this.runIfDue().finally(() => tick(everyMs));
        }, next);
        timer.unref();
      };
      tick(firstAfterMs);
    },
    stop(): void {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
