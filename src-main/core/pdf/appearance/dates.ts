/** Dates and times as Vietnamese documents show them (Vietnam time, UTC+7, no daylight saving). */
import { VanThuError } from '../../../../src-shared/ipc/errors';

/** 2026-11-22T09:15:30+07:00 — ISO 8601 in Vietnam time, as the regulation asks. */
export function isoVietnamTime(date: Date): string {
  const vn = new Date(date.getTime() + 7 * 3600_000);
  return `${vn.toISOString().slice(0, 19)}+07:00`;
}

/** dd/MM/yyyy of an ISO date or date-time (a date-time is read in Vietnam time). */
export function vietnamDate(iso: string): string {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  let y: string, m: string, d: string;
  if (dateOnly) {
    [, y, m, d] = dateOnly as unknown as [string, string, string, string];
  } else {
    const t = Date.parse(iso);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(iso.trim()) || Number.isNaN(t)) {
      throw new VanThuError('VALIDATION', `Ngày đến "${iso}" không đúng dạng năm-tháng-ngày (ví dụ 2026-11-22).`);
    }
    [y, m, d] = isoVietnamTime(new Date(t)).slice(0, 10).split('-') as [string, string, string];
  }
  const check = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(m) - 1 || check.getUTCDate() !== Number(d)) {
    throw new VanThuError('VALIDATION', `Ngày đến "${iso}" không có trên lịch.`);
  }
  return `${d}/${m}/${y}`;
}
