/**
 * What stands on the register's cover: the organisation, the title, the period and the numbers
 * it runs over. A period is a calendar year (numbers start again each year), narrowed by dates
 * when the clerk prints a quarter or a month.
 */
import { formatDateVi } from '../../../src-shared/domain/dates';
import type { Regime } from '../../../src-shared/domain/enums';
import { bookKindOf, type BookKind, type BookQuery } from '../../../src-shared/ipc/books';
import { padNumber } from '../../../src-shared/domain/notation';
import type { BookEntries, BookPeriod } from './entries';
import { BOOK_TITLES } from './layout';

export interface BookHeader {
  organisation: string;
  regime: Regime;
  kind: BookKind;
  title: string;
  year: number;
  period: BookPeriod;
  /** "Năm 2026" or "Từ ngày 01/03/2026 đến ngày 31/03/2026" */
  periodText: string;
  /** "Từ số 01 đến số 312"; empty when there is nothing, or for outgoing (several counters). */
  numbersText: string;
  count: number;
}

export function periodOf(q: BookQuery): BookPeriod {
  return {
    organisationId: q.organisationId,
    kind: bookKindOf(q),
    from: q.from ?? `${q.year}-01-01`,
    to: q.to ?? `${q.year}-12-31`,
  };
}

export function bookHeader(
  q: BookQuery,
  organisation: { name: string; regime: Regime },
  entries: BookEntries,
): BookHeader {
  const period = periodOf(q);
  const whole = !q.from && !q.to;
  const { count, first, last } = entries.summary(period);
  return {
    organisation: organisation.name,
    regime: organisation.regime,
    kind: period.kind,
    title: BOOK_TITLES[period.kind],
    year: q.year,
    period,
    periodText: whole ? `Năm ${q.year}` : `Từ ngày ${formatDateVi(period.from)} đến ngày ${formatDateVi(period.to)}`,
    numbersText:
      period.kind !== 'out' && first !== null && last !== null
        ? `Từ số ${padNumber(first)} đến số ${padNumber(last)}`
        : '',
    count,
  };
}

const FILE_NAMES: Record<BookKind, string> = { in: 'so-den', out: 'so-di', followUp: 'so-theo-doi-giai-quyet' };

/** "so-den-2026.pdf", "so-di-2026-03-01-den-2026-03-31.xlsx": plain letters, safe on every disk. */
export function bookFileName(h: BookHeader, extension: string): string {
  const kind = FILE_NAMES[h.kind];
  const whole = h.period.from === `${h.year}-01-01` && h.period.to === `${h.year}-12-31`;
  const span = whole ? String(h.year) : `${h.period.from}-den-${h.period.to}`;
  return `${kind}-${span}.${extension}`;
}
