/**
 * The period of a number sequence (DOMAIN.md "Registers and numbering"): state organs restart
 * at 01 every calendar year, Party organs run one series for a committee's whole term.
 */
import type { PeriodKind } from './enums';
import { formatDateVi, yearOf } from './dates';

/** A committee term (nhiệm kỳ). Dates are ISO; endDate is inclusive, null while running. */
export interface Term {
  id: number;
  name: string;
  startDate: string;
  endDate: string | null;
}

export type PeriodResult =
  { ok: true; key: string; label: string } | { ok: false; code: 'TERM_MISSING'; message: string };

// ISO dates compare correctly as strings; an open end sorts after every real date.
const OPEN_END = '9999-12-31';

function termContains(term: Term, date: string): boolean {
  return term.startDate <= date && date <= (term.endDate ?? OPEN_END);
}

/** The term a date falls in. Should terms overlap (termsOverlap flags it) the first one wins. */
export function findTerm(date: string, terms: readonly Term[]): Term | null {
  return terms.find((term) => termContains(term, date)) ?? null;
}

export function periodFor(kind: PeriodKind, date: string, terms: readonly Term[]): PeriodResult {
  if (kind === 'year') {
    const year = yearOf(date);
    return { ok: true, key: String(year), label: `Năm ${year}` };
  }
  const term = findTerm(date, terms);
  if (term) return { ok: true, key: `term:${term.id}`, label: `Nhiệm kỳ ${term.name}` };
  // The clerk cannot number until an administrator declares the term: say exactly that.
  const message =
    terms.length === 0
      ? 'Chưa khai báo nhiệm kỳ nào. Hãy thêm nhiệm kỳ trong Quản trị.'
      : `Ngày ${formatDateVi(date)} nằm ngoài mọi nhiệm kỳ đã khai báo. Hãy thêm nhiệm kỳ mới trong Quản trị.`;
  return { ok: false, code: 'TERM_MISSING', message };
}

/** Overlapping terms would give one date two series, so the admin screen refuses them. */
export function termsOverlap(terms: readonly Term[]): boolean {
  for (let i = 0; i < terms.length; i++) {
    for (let j = i + 1; j < terms.length; j++) {
      const a = terms[i];
      const b = terms[j];
      if (!a || !b) continue;
      if (a.startDate <= (b.endDate ?? OPEN_END) && b.startDate <= (a.endDate ?? OPEN_END)) {
        return true;
      }
    }
  }
  return false;
}
