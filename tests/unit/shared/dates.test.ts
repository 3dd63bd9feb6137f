import { describe, it, expect } from 'vitest';
import {
  formatDateEn,
  formatDateVi,
  formatLongDateEn,
  formatLongDateVi,
  isIsoDate,
  parseDateInput,
  todayInVietnam,
  yearOf,
} from '../../../src-shared/domain/dates';

describe('isIsoDate', () => {
  it.each(['2026-06-08', '2024-02-29', '2026-12-31', '2026-01-01'])('accepts %s', (s) => {
    expect(isIsoDate(s)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '2100-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-6-8',
    '08/06/2026',
    '2026-06-08T00:00',
    '',
  ])('rejects %s', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });
});

describe('parseDateInput', () => {
  it.each([
    ['2026-06-08', '2026-06-08'],
    ['08/06/2026', '2026-06-08'],
    ['8/6/2026', '2026-06-08'],
    ['08-06-2026', '2026-06-08'],
    ['08.06.2026', '2026-06-08'],
    [' 29/02/2024 ', '2024-02-29'],
    ['31/12/2026', '2026-12-31'],
  ])('%j -> %s', (input, expected) => {
    expect(parseDateInput(input)).toBe(expected);
  });

  it.each([
    '30/02/2026',
    '31/04/2026',
    '08/13/2026',
    '00/06/2026',
    '2026-02-30',
    '08/06-2026',
    '08/06/26',
    'hôm nay',
    '',
  ])('returns null for %j', (input) => {
    expect(parseDateInput(input)).toBeNull();
  });
});

describe('formatDateVi', () => {
  it('writes dd/mm/yyyy', () => {
    expect(formatDateVi('2026-06-08')).toBe('08/06/2026');
    expect(formatDateVi('2026-12-25')).toBe('25/12/2026');
  });
});

describe('formatLongDateVi', () => {
  it.each([
    ['2026-06-08', 'ngày 08 tháng 6 năm 2026'],
    ['2026-01-05', 'ngày 05 tháng 01 năm 2026'],
    ['2026-02-20', 'ngày 20 tháng 02 năm 2026'],
    ['2026-03-10', 'ngày 10 tháng 3 năm 2026'],
    ['2026-12-15', 'ngày 15 tháng 12 năm 2026'],
    ['2026-10-01', 'ngày 01 tháng 10 năm 2026'],
  ])('%s -> %s', (iso, expected) => {
    expect(formatLongDateVi(iso)).toBe(expected);
  });
});

describe('English dates (support staff)', () => {
  it.each([
    ['2026-06-08', '8 Jun 2026', '8 June 2026'],
    ['2026-01-31', '31 Jan 2026', '31 January 2026'],
    ['2026-12-01', '1 Dec 2026', '1 December 2026'],
    ['2026-09-15', '15 Sep 2026', '15 September 2026'],
  ])('%s -> %s, %s', (iso, short, long) => {
    expect(formatDateEn(iso)).toBe(short);
    expect(formatLongDateEn(iso)).toBe(long);
  });

  it('leaves what is not a date as it is', () => {
    expect(formatDateEn('2026-02-30')).toBe('2026-02-30');
    expect(formatLongDateEn('soon')).toBe('soon');
  });
});

describe('todayInVietnam', () => {
  it('is UTC+7: 17:00 UTC is already the next day in Vietnam', () => {
    expect(todayInVietnam(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
    expect(todayInVietnam(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(todayInVietnam(new Date('2026-06-08T00:00:00Z'))).toBe('2026-06-08');
  });

  it('defaults to now and returns an ISO date', () => {
    expect(isIsoDate(todayInVietnam())).toBe(true);
  });
});

describe('yearOf', () => {
  it('reads the year', () => {
    expect(yearOf('2026-06-08')).toBe(2026);
    expect(yearOf('2025-12-31')).toBe(2025);
  });

  it('throws on something that is not a date', () => {
    expect(() => yearOf('08/06/2026')).toThrow(RangeError);
  });
});
