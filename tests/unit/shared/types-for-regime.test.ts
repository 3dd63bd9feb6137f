import { describe, expect, it } from 'vitest';
import { typesForRegime } from '../../../src-shared/domain/doc-types';

const list = [
  { name: 'Quyết định', code: 'QĐ', regime: 'both' as const, active: true },
  { name: 'Quy định', code: 'QĐi', regime: 'party' as const, active: true },
  { name: 'Quy định', code: 'QyĐ', regime: 'state' as const, active: true },
  { name: 'Thông tri', code: 'TT', regime: 'party' as const, active: true },
  { name: 'Báo cáo', code: 'BC', regime: 'both' as const, active: true },
  { name: 'Báo cáo', code: 'BCn', regime: 'state' as const, active: true },
  { name: 'Phiếu trình', code: 'PT', regime: 'both' as const, active: false },
];

describe('typesForRegime', () => {
  it("offers an organ its regime's types and the common ones, one per name, sorted the Vietnamese way", () => {
    expect(typesForRegime('party', list).map((t) => t.code)).toEqual(['BC', 'QĐi', 'QĐ', 'TT']);
    expect(typesForRegime('state', list).map((t) => `${t.name} ${t.code}`)).toEqual([
      'Báo cáo BCn',
      'Quy định QyĐ',
      'Quyết định QĐ',
    ]);
  });

  it('leaves retired types out', () => {
    expect(typesForRegime('state', list).some((t) => t.name === 'Phiếu trình')).toBe(false);
  });
});
