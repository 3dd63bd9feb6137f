/**
 * Dates are stored as ISO 'yyyy-mm-dd' and shown the Vietnamese way. Vietnam is UTC+7 all
 * year (no daylight saving), so "today" is a fixed offset from UTC.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Clerks type day first: 08/06/2026, 8/6/2026, 08-06-2026, 08.06.2026.
const DAY_FIRST_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids local-zone surprises.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function toIso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function isoParts(s: string): DateParts | null {
  const match = ISO_DATE.exec(s);
  if (!match) return null;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isRealDate(parts.year, parts.month, parts.day) ? parts : null;
}

/** A real calendar date in ISO form: 2026-02-30 is not one. */
export function isIsoDate(s: string): boolean {
  return isoParts(s) !== null;
}

export function parseDateInput(s: string): string | null {
  const text = s.trim();
  if (isIsoDate(text)) return text;
  const match = DAY_FIRST_DATE.exec(text);
  if (!match) return null;
  const day = Number(match[1]);
  const month = Number(match[3]);
  const year = Number(match[4]);
  return isRealDate(year, month, day) ? toIso(year, month, day) : null;
}

/** "08/06/2026". Anything that is not an ISO date is returned as is, so bad data stays visible. */
export function formatDateVi(iso: string): string {
  const parts = isoParts(iso);
  if (!parts) return iso;
  return `${String(parts.day).padStart(2, '0')}/${String(parts.month).padStart(2, '0')}/${parts.year}`;
}

/**
 * "ngày 08 tháng 6 năm 2026", as under the place name of a document. ND30 appendix I: days
 * under 10 and the months 1 and 2 take a leading zero, other months do not.
 */
export function formatLongDateVi(iso: string): string {
  const parts = isoParts(iso);
  if (!parts) return iso;
  const day = String(parts.day).padStart(2, '0');
  const month = parts.month <= 2 ? String(parts.month).padStart(2, '0') : String(parts.month);
  return `ngày ${day} tháng ${month} năm ${parts.year}`;
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "8 Jun 2026", for the English screen (support staff). Not an ISO date: returned as is. */
export function formatDateEn(iso: string): string {
  const parts = isoParts(iso);
  if (!parts) return iso;
  return `${parts.day} ${(MONTHS_EN[parts.month - 1] ?? '').slice(0, 3)} ${parts.year}`;
}

/** "8 June 2026": what an English screen says it understood from a typed date. */
export function formatLongDateEn(iso: string): string {
  const parts = isoParts(iso);
  if (!parts) return iso;
  return `${parts.day} ${MONTHS_EN[parts.month - 1] ?? ''} ${parts.year}`;
}

export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

export function yearOf(iso: string): number {
  const parts = isoParts(iso);
  if (!parts) throw new RangeError(`Not an ISO date: ${iso}`);
  return parts.year;
}
