/**
 * The workstation's calendar of days off (besides weekends) and "today" in Vietnam: what every
 * deadline and every handling box is computed against. A new workstation starts with the legal
 * holidays of the years we know (src-shared/domain/holidays.ts); the administrator edits them.
 */
import { todayInVietnam } from '../../../src-shared/domain/dates';
import { defaultHolidays, SEEDED_YEARS } from '../../../src-shared/domain/holidays';
import type { Holiday } from '../../../src-shared/ipc/handling';
import { lateThrough, nearDeadlineLimit, type HolidaySet } from '../../../src-shared/domain/working-days';
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { AuditLog } from '../audit';
import type { Sqlite } from '../db/open';

export function createCalendar(sqlite: Sqlite, deps: { audit: AuditLog; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  const count = sqlite.prepare('SELECT COUNT(*) FROM holidays').pluck();
  const insert = sqlite.prepare('INSERT OR IGNORE INTO holidays (date, name, source) VALUES (?, ?, ?)');
  const upsert = sqlite.prepare(
    'INSERT INTO holidays (date, name, source) VALUES (?, ?, ?) ON CONFLICT(date) DO UPDATE SET name = excluded.name, source = excluded.source',
  );
  const remove = sqlite.prepare('DELETE FROM holidays WHERE date = ?');
  const all = sqlite.prepare('SELECT date, name, source FROM holidays ORDER BY date');
  const dates = sqlite.prepare('SELECT date FROM holidays').pluck();
  // Data version and own changes: the set is read again only after someone changed the table.
  const mark = sqlite.prepare('SELECT (SELECT data_version FROM pragma_data_version), total_changes()').raw();
  let cached: { mark: string; set: Set<string> } | null = null;

  function holidaySet(): HolidaySet {
    const m = JSON.stringify(mark.get());
    if (!cached || cached.mark !== m) cached = { mark: m, set: new Set(dates.all() as string[]) };
    return cached.set;
  }

  return {
    /** A new register gets the legal holidays of the years we know; an edited list is kept. */
    seedIfEmpty(): void {
      if ((count.get() as number) > 0) return;
      sqlite.transaction(() => {
        for (const year of SEEDED_YEARS) for (const h of defaultHolidays(year)) insert.run(h.date, h.name, 'seed');
      })();
    },
    list(): Holiday[] {
      return all.all() as Holiday[];
    },
    set(holiday: Omit<Holiday, 'source'>, actor: string): void {
      upsert.run(holiday.date, holiday.name, 'admin');
      deps.audit.append({ actor, action: 'holiday.set', entity: 'holiday', entityId: holiday.date, details: holiday });
    },
    /**
     * Takes the server's list: days it has that this calendar lacks are added, names it gives
     * differently are taken; days kept here that the server does not list stay (the
     * administrator removes them by hand, if they should go).
     */
    receive(list: readonly { date: string; name: string }[], actor: string): { added: number; renamed: number } {
      const known = new Map((all.all() as Holiday[]).map((h) => [h.date, h.name]));
      let added = 0;
      let renamed = 0;
      for (const h of list) {
        const name = known.get(h.date);
        if (name === h.name) continue;
        if (name === undefined) added++;
        else renamed++;
        upsert.run(h.date, h.name, 'server');
      }
      deps.audit.append({
        actor,
        action: 'holiday.receive',
        entity: 'holiday',
        entityId: '',
        details: { added, renamed },
      });
      return { added, renamed };
    },
    remove(date: string, actor: string): void {
      if (remove.run(date).changes === 0) throw new VanThuError('NOT_FOUND', 'Ngày này không có trong lịch ngày nghỉ.');
      deps.audit.append({ actor, action: 'holiday.remove', entity: 'holiday', entityId: date });
    },
    holidays: holidaySet,
    /** The engine's clock for handling: when a line changed, when a document was handled. */
    now,
    /** Today's date in Vietnam (UTC+7), whatever the machine's zone. */
    today(): string {
      return todayInVietnam(now());
    },
    /** Today and the last day of the "near the deadline" window. */
    window(): { today: string; nearLimit: string; lateThrough: string } {
      const today = todayInVietnam(now());
      const holidays = holidaySet();
      return { today, nearLimit: nearDeadlineLimit(today, holidays), lateThrough: lateThrough(today, holidays) };
    },
  };
}

export type Calendar = ReturnType<typeof createCalendar>;
