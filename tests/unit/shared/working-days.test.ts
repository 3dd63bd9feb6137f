import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  deadlineState,
  handlingDays,
  isWorkingDay,
  lateThrough,
  nearDeadlineLimit,
  timelyBy,
  workingDaysBetween,
} from '../../../src-shared/domain/working-days';
import { defaultHolidays } from '../../../src-shared/domain/holidays';

const holidays = new Set([...defaultHolidays(2026), ...defaultHolidays(2027)].map((h) => h.date));
const none = new Set<string>();

describe('working days', () => {
  it('skips the weekend', () => {
    // Friday 2026-12-04 + 1 working day is Monday.
    expect(addWorkingDays('2026-12-04', 1, none)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-04', 0, none)).toBe('2026-12-04');
    // Arriving on Saturday: Monday is day 0, Tuesday day 1.
    expect(addWorkingDays('2026-12-05', 0, none)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-05', 1, none)).toBe('2026-12-08');
    expect(addWorkingDays('2026-12-01', 10, none)).toBe('2026-12-15');
  });

  it('skips the five days of Tết 2026 and the weekends around them', () => {
    // Friday 13/02/2026, the last working day before Tết: the next one is Monday 23/02.
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
      expect(isWorkingDay(d, holidays)).toBe(false);
    }
    expect(addWorkingDays('2026-02-13', 1, holidays)).toBe('2026-02-23');
    expect(addWorkingDays('2026-02-12', 2, holidays)).toBe('2026-02-23');
    expect(workingDaysBetween('2026-02-13', '2026-02-23', holidays)).toBe(1);
  });

  it('crosses the year end and New Year’s Day', () => {
    // Thursday 31/12/2026; Friday 01/01/2027 is a holiday.
    expect(addWorkingDays('2026-12-31', 1, holidays)).toBe('2027-01-04');
    expect(addWorkingDays('2026-12-30', 3, holidays)).toBe('2027-01-05');
    expect(workingDaysBetween('2026-12-31', '2027-01-04', holidays)).toBe(1);
    expect(workingDaysBetween('2027-01-04', '2026-12-31', holidays)).toBe(-1);
  });

  it('makes up a holiday that falls on a weekend on the next working day', () => {
    // 10/3 âm lịch 2026 is Sunday 26/04: Monday 27/04 is off; 30/04 and 01/05 follow.
    expect(isWorkingDay('2026-04-27', holidays)).toBe(false);
    expect(addWorkingDays('2026-04-24', 1, holidays)).toBe('2026-04-28');
    expect(addWorkingDays('2026-04-29', 1, holidays)).toBe('2026-05-04');
  });

  it('gives the urgent documents their short times and the others their type’s', () => {
    expect(handlingDays('hoa_toc', 15)).toBe(0);
    expect(handlingDays('thuong_khan', 15)).toBe(1);
    expect(handlingDays('khan', null)).toBe(2);
    expect(handlingDays('normal', 15)).toBe(15);
    expect(handlingDays('normal', null)).toBe(10);
  });

  it('says near when two working days or fewer are left, overdue once the day has passed', () => {
    // Wednesday 02/12/2026: Thursday and Friday are near, the Monday after is not.
    expect(deadlineState('2026-12-04', '2026-12-02', none)).toBe('near');
    expect(deadlineState('2026-12-07', '2026-12-02', none)).toBe('onTime');
    expect(deadlineState('2026-12-02', '2026-12-02', none)).toBe('near');
    expect(deadlineState('2026-12-01', '2026-12-02', none)).toBe('overdue');
    expect(deadlineState(null, '2026-12-02', none)).toBe('none');
    // Thursday: Friday and Monday are the two working days left; Saturday and Sunday fall inside.
    expect(nearDeadlineLimit('2026-12-03', none)).toBe('2026-12-07');
    expect(deadlineState('2026-12-06', '2026-12-03', none)).toBe('near');
    // Friday 13/02/2026 before Tết: the two working days left are 23 and 24/02.
    expect(nearDeadlineLimit('2026-02-13', holidays)).toBe('2026-02-24');
  });

  it('gives registering and sending the same day or the next working day, urgent ones that day', () => {
    // Friday 04/12/2026: by Monday; a Hỏa tốc one that Friday.
    expect(timelyBy('2026-12-04', 'normal', none)).toBe('2026-12-07');
    expect(timelyBy('2026-12-04', 'hoa_toc', none)).toBe('2026-12-04');
    // Arriving on the last working day before Tết 2026: by Monday 23/02.
    expect(timelyBy('2026-02-13', 'normal', holidays)).toBe('2026-02-23');
    // On a Saturday: by Monday.
    expect(timelyBy('2026-12-05', 'normal', none)).toBe('2026-12-07');
  });

  it('says which issue days are late by today', () => {
    // Tuesday 08/12/2026: one issued Monday may still go today; one from Friday is late.
    expect(lateThrough('2026-12-08', none)).toBe('2026-12-06');
    // Monday 07/12: Friday's is still on time (its limit is today), Thursday's is late.
    expect(lateThrough('2026-12-07', none)).toBe('2026-12-03');
    // Tuesday 24/02/2026 after Tết: 13/02 was due Monday 23/02, so it is late; nothing later is.
    expect(lateThrough('2026-02-24', holidays)).toBe('2026-02-22');
    for (const today of ['2026-12-08', '2026-12-07', '2026-02-24']) {
      const day = lateThrough(today, holidays);
      expect(timelyBy(day, 'normal', holidays) < today).toBe(true);
      const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(timelyBy(next, 'normal', holidays) >= today).toBe(true);
    }
  });

  it('refuses a negative count and a date that is not one', () => {
    expect(() => addWorkingDays('2026-12-01', -1, none)).toThrow(RangeError);
    expect(() => addWorkingDays('01/12/2026', 1, none)).toThrow(RangeError);
  });
});
