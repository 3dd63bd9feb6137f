/**
 * The public holidays a new workstation starts with (Bộ luật Lao động 2019, điều 112): New
 * Year's Day, five days of Tết, the Hùng Kings' day (10/3 âm lịch), 30/4, 1/5 and two days of
 * National Day, each moved to the next working day when it falls on a weekend. The Government
 * fixes the exact days off every year (which day beside Tết, which beside 2/9), so this is only a
 * starting list: the administrator edits it or receives the year's list from the server.
 */
export interface Holiday {
  date: string;
  name: string;
}

/** Lunar New Year's Day and 10/3 âm lịch in the solar calendar (UTC+7), for the years we know. */
const LUNAR: Record<number, { tet: string; hungKings: string }> = {
  2024: { tet: '2024-02-10', hungKings: '2024-04-18' },
  2025: { tet: '2025-01-29', hungKings: '2025-04-07' },
  2026: { tet: '2026-02-17', hungKings: '2026-04-26' },
  2027: { tet: '2027-02-06', hungKings: '2027-04-16' },
  2028: { tet: '2028-01-26', hungKings: '2028-04-04' },
  2029: { tet: '2029-02-13', hungKings: '2029-04-23' },
  2030: { tet: '2030-02-03', hungKings: '2030-04-12' },
};

export const SEEDED_YEARS = Object.keys(LUNAR).map(Number);

const DAY_MS = 86_400_000;
const shift = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const weekend = (iso: string) => [0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay());

/** The starting list for `year`, days off on weekends made up on the next working day. */
export function defaultHolidays(year: number): Holiday[] {
  const lunar = LUNAR[year];
  const base: Holiday[] = [{ date: `${year}-01-01`, name: 'Tết Dương lịch' }];
  if (lunar) {
    // The last day of the old year and the first four of the new one.
    for (let d = -1; d <= 3; d++) {
      base.push({
        date: shift(lunar.tet, d),
        name: d < 0 ? 'Tết Nguyên đán (30 Tết)' : `Tết Nguyên đán (mùng ${d + 1})`,
      });
    }
    base.push({ date: lunar.hungKings, name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' });
  }
  base.push(
    { date: `${year}-04-30`, name: 'Ngày Chiến thắng (30/4)' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động (1/5)' },
    { date: `${year}-09-01`, name: 'Quốc khánh (ngày liền kề)' },
    { date: `${year}-09-02`, name: 'Quốc khánh (2/9)' },
  );
  const taken = new Set(base.map((h) => h.date));
  const madeUp: Holiday[] = [];
  for (const h of base) {
    if (!weekend(h.date)) continue;
    let day = shift(h.date, 1);
    while (weekend(day) || taken.has(day)) day = shift(day, 1);
    taken.add(day);
    madeUp.push({ date: day, name: `Nghỉ bù ${h.name}` });
  }
  return [...base, ...madeUp].sort((a, b) => a.date.localeCompare(b.date));
}
