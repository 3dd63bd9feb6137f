import { describe, it, expect } from 'vitest';
import { STANDARD_DOCUMENT_TYPES } from '../../../src-shared/domain/doc-types';
import * as domain from '../../../src-shared/domain';

function codeFor(name: string, regime: 'party' | 'state'): string | undefined {
  return STANDARD_DOCUMENT_TYPES.find((t) => t.name === name && (t.regime === regime || t.regime === 'both'))?.code;
}

describe('STANDARD_DOCUMENT_TYPES', () => {
  it('has the abbreviations of DOMAIN.md', () => {
    expect(codeFor('Nghị quyết', 'party')).toBe('NQ');
    expect(codeFor('Quyết định', 'state')).toBe('QĐ');
    expect(codeFor('Quy định', 'party')).toBe('QĐi');
    expect(codeFor('Quy định', 'state')).toBe('QyĐ');
    expect(codeFor('Thông tri', 'party')).toBe('TT');
    expect(codeFor('Thông tri', 'state')).toBeUndefined();
    expect(codeFor('Công văn', 'party')).toBe('CV');
    expect(codeFor('Công văn', 'state')).toBe('');
    expect(codeFor('Tờ trình', 'state')).toBe('TTr');
    expect(codeFor('Giấy giới thiệu', 'party')).toBe('GGT');
    expect(codeFor('Bản trích sao', 'state')).toBe('TrS');
  });

  it('has one code per name and regime', () => {
    for (const regime of ['party', 'state'] as const) {
      const names = STANDARD_DOCUMENT_TYPES.filter((t) => t.regime === regime || t.regime === 'both').map(
        (t) => t.name,
      );
      expect(new Set(names).size).toBe(names.length);
    }
    expect(STANDARD_DOCUMENT_TYPES).toHaveLength(25);
  });
});

describe('domain index', () => {
  it('re-exports every module', () => {
    for (const name of [
      'URGENCIES',
      'foldVietnamese',
      'searchWords',
      'padNumber',
      'formatCodeNotation',
      'formatNumberNotation',
      'parseNumberNotation',
      'parseUrgency',
      'parseSecrecy',
      'urgencyExchangeCode',
      'urgencyFromExchangeCode',
      'URGENCY_ORDER',
      'isIsoDate',
      'parseDateInput',
      'formatDateVi',
      'formatLongDateVi',
      'todayInVietnam',
      'yearOf',
      'findTerm',
      'periodFor',
      'termsOverlap',
      'STANDARD_DOCUMENT_TYPES',
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });
});
