/**
 * Working days (ngày làm việc): deadlines for handling a document are counted in them, skipping
 * Saturdays, Sundays and the public holidays (Tết included) an administrator keeps in the list.
 * Dates are ISO 'yyyy-mm-dd' strings; the arithmetic is done on UTC days, so the machine's time
 * zone never moves a date.
 */
import type { Urgency } from './enums';

const DAY_MS = 86_400_000;

function toDay(iso: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO date: ${iso}`);
  return ms / DAY_MS;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A set of holiday dates; anything with `has(iso)` will do. */
export interface HolidaySet {
  has(iso: string): boolean;
}

export function isWeekend(iso: string): boolean {
  const weekday = new Date(toDay(iso) * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isWorkingDay(iso: string, holidays: HolidaySet): boolean {
  return !isWeekend(iso) && !holidays.has(iso);
}

/** The first working day on or after `iso`. */
export function workingDayOnOrAfter(iso: string, holidays: HolidaySet): string {
  let day = toDay(iso);
  // A year holds at most a few dozen days off in a row (Tết and its weekends): the bound only
  // stops a calendar made entirely of holidays from looping for ever.
  for (let i = 0; i < 3660; i++, day++) {
    const date = fromDay(day);
    if (isWorkingDay(date, holidays)) return date;
  }
  throw new RangeError('Lịch ngày nghỉ không còn ngày làm việc nào trong mười năm tới.');
}

/**
 * `days` working days after `start`: 0 is the start itself when it is a working day (else the
 * next one), 1 the next working day, and so on. A document arriving on a Saturday with one
 * working day to handle it is due on Tuesday: Monday is its first working day.
 */
export function addWorkingDays(start: string, days: number, holidays: HolidaySet): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Not a count of working days: ${days}`);
  let date = workingDayOnOrAfter(start, holidays);
  for (let left = days; left > 0; left--) date = workingDayOnOrAfter(fromDay(toDay(date) + 1), holidays);
  return date;
}

/**
 * Working days from `from` to `to`: 0 on the same day, 1 when `to` is the next working day,
 * negative when `to` is earlier. Days off between them are not counted.
 */
export function workingDaysBetween(from: string, to: string, holidays: HolidaySet): number {
  const a = toDay(from);
  const b = toDay(to);
  if (b < a) return -workingDaysBetween(to, from, holidays);
  let count = 0;
  for (let day = a + 1; day <= b; day++) if (isWorkingDay(fromDay(day), holidays)) count++;
  return count;
}

/**
 * Working days a directive gives by default, from the urgency: Hỏa tốc is handled the day it
 * arrives, Thượng khẩn the next working day, Khẩn within two; an ordinary document takes its
 * type's time (the administrator sets it per type) or DEFAULT_HANDLING_DAYS.
 */
export const DEFAULT_HANDLING_DAYS = 10;
const URGENT_HANDLING_DAYS: Partial<Record<Urgency, number>> = {
  hoa_toc: 0,
  hoa_toc_hen_gio: 0,
  thuong_khan: 1,
  khan: 2,
};

export function handlingDays(urgency: Urgency, typeDays: number | null | undefined): number {
  return URGENT_HANDLING_DAYS[urgency] ?? typeDays ?? DEFAULT_HANDLING_DAYS;
}

/**
 * The last day a document may wait (DOMAIN.md "Registers and numbering"): an incoming one is
 * registered and handed on the day it arrives or the next working day, an outgoing one sent the
 * day it is issued or the next working day; urgent ones (Khẩn and above) at once, that day.
 */
export function timelyBy(day: string, urgency: Urgency, holidays: HolidaySet): string {
  if (urgency !== 'normal') return day;
  return workingDayOnOrAfter(fromDay(toDay(day) + 1), holidays);
}

/**
 * The last day a document of ordinary urgency could have been issued (or arrived) and be late
 * by `today`: its timelyBy is before today. Urgent ones are late from the day after.
 */
export function lateThrough(today: string, holidays: HolidaySet): string {
  let day = toDay(today) - 1;
  // timelyBy never goes back in time, so walk back to the first day whose limit has passed;
  // the longest run of days off (Tết and its weekends) is well under the bound.
  for (let i = 0; i < 60 && timelyBy(fromDay(day), 'normal', holidays) >= today; i++) day--;
  return fromDay(day);
}

/** A deadline this many working days away or fewer (and not passed) is "near" (Sắp đến hạn). */
export const NEAR_DEADLINE_DAYS = 2;

export type DeadlineState = 'none' | 'onTime' | 'near' | 'overdue';

/**
 * The last day of the "near" window from `today`: an open task due between today and this day
 * has NEAR_DEADLINE_DAYS working days or fewer left. It is the day before the next working day
 * past the window, so a deadline that falls on a day off inside the window is near too.
 */
export function nearDeadlineLimit(today: string, holidays: HolidaySet): string {
  const beyond = addWorkingDays(fromDay(toDay(today) + 1), NEAR_DEADLINE_DAYS, holidays);
  return fromDay(toDay(beyond) - 1);
}

/** Where an open task stands against its deadline on `today`. */
export function deadlineState(due: string | null, today: string, holidays: HolidaySet): DeadlineState {
  if (!due) return 'none';
  if (due < today) return 'overdue';
  return due <= nearDeadlineLimit(today, holidays) ? 'near' : 'onTime';
}
