import { describe, it, expect } from 'vitest';
import { findTerm, periodFor, termsOverlap, type Term } from '../../../src-shared/domain/period';

const term1: Term = { id: 1, name: '2020–2025', startDate: '2020-10-01', endDate: '2025-09-30' };
const term2: Term = { id: 2, name: '2025–2030', startDate: '2025-10-01', endDate: null };
const terms = [term1, term2];

describe('periodFor year', () => {
  it('changes period between 31 December and 1 January', () => {
    expect(periodFor('year', '2025-12-31', terms)).toEqual({ ok: true, key: '2025', label: 'Năm 2025' });
    expect(periodFor('year', '2026-01-01', terms)).toEqual({ ok: true, key: '2026', label: 'Năm 2026' });
  });

  it('does not need any term', () => {
    expect(periodFor('year', '2026-06-08', [])).toEqual({ ok: true, key: '2026', label: 'Năm 2026' });
  });
});

describe('periodFor term', () => {
  it('keeps one period across 31 December / 1 January inside a term', () => {
    expect(periodFor('term', '2025-12-31', terms)).toEqual({ ok: true, key: 'term:2', label: 'Nhiệm kỳ 2025–2030' });
    expect(periodFor('term', '2026-01-01', terms)).toEqual({ ok: true, key: 'term:2', label: 'Nhiệm kỳ 2025–2030' });
  });

  it('switches term between two consecutive terms, end date inclusive', () => {
    expect(periodFor('term', '2020-10-01', terms)).toMatchObject({ ok: true, key: 'term:1' });
    expect(periodFor('term', '2025-09-30', terms)).toMatchObject({ ok: true, key: 'term:1' });
    expect(periodFor('term', '2025-10-01', terms)).toMatchObject({ ok: true, key: 'term:2' });
    expect(periodFor('term', '2031-01-05', terms)).toMatchObject({ ok: true, key: 'term:2' });
  });

  it('reports TERM_MISSING for a date before every term, in Vietnamese', () => {
    const result = periodFor('term', '2019-05-01', terms);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('TERM_MISSING');
    expect(result.message).toBe(
      'Ngày 01/05/2019 nằm ngoài mọi nhiệm kỳ đã khai báo. Hãy thêm nhiệm kỳ mới trong Quản trị.',
    );
  });

  it('reports TERM_MISSING after the last closed term', () => {
    const closed: Term = { ...term2, id: 3, endDate: '2030-09-30' };
    const result = periodFor('term', '2031-01-05', [term1, closed]);
    expect(result).toEqual({
      ok: false,
      code: 'TERM_MISSING',
      message: 'Ngày 05/01/2031 nằm ngoài mọi nhiệm kỳ đã khai báo. Hãy thêm nhiệm kỳ mới trong Quản trị.',
    });
  });

  it('reports TERM_MISSING when no term is configured', () => {
    expect(periodFor('term', '2026-01-01', [])).toMatchObject({ ok: false, code: 'TERM_MISSING' });
  });
});

describe('findTerm', () => {
  it('finds the term containing the date, or null', () => {
    expect(findTerm('2023-03-03', terms)).toBe(term1);
    expect(findTerm('2099-01-01', terms)).toBe(term2);
    expect(findTerm('2020-09-30', terms)).toBeNull();
    expect(findTerm('2023-03-03', [])).toBeNull();
  });
});

describe('termsOverlap', () => {
  it('accepts consecutive terms', () => {
    expect(termsOverlap(terms)).toBe(false);
    expect(termsOverlap([term2, term1])).toBe(false);
    expect(termsOverlap([])).toBe(false);
    expect(termsOverlap([term1])).toBe(false);
  });

  it('flags a shared day (end dates are inclusive)', () => {
    expect(termsOverlap([term1, { ...term2, startDate: '2025-09-30' }])).toBe(true);
  });

  it('flags a term starting inside a running one', () => {
    const running: Term = { id: 5, name: 'A', startDate: '2020-01-01', endDate: null };
    const later: Term = { id: 6, name: 'B', startDate: '2030-01-01', endDate: '2030-12-31' };
    expect(termsOverlap([later, running])).toBe(true);
  });

  it('flags a term contained in another', () => {
    expect(termsOverlap([term1, { id: 7, name: 'C', startDate: '2022-01-01', endDate: '2022-06-30' }])).toBe(true);
  });
});
