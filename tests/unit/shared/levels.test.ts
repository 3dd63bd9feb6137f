import { describe, it, expect } from 'vitest';
import { SECRECIES, URGENCIES } from '../../../src-shared/domain/enums';
import {
  URGENCY_ORDER,
  parseSecrecy,
  parseUrgency,
  urgencyExchangeCode,
  urgencyFromExchangeCode,
} from '../../../src-shared/domain/levels';

describe('parseUrgency', () => {
  it.each(URGENCIES.map((u) => [u]))('accepts canonical %s', (u) => {
    expect(parseUrgency(u)).toBe(u);
  });

  it.each([
    ['Khẩn', 'khan'],
    ['khan', 'khan'],
    ['KHẨN', 'khan'],
    ['urgent', 'khan'],
    ['Thượng khẩn', 'thuong_khan'],
    ['THƯỢNG KHẨN', 'thuong_khan'],
    ['thuong khan', 'thuong_khan'],
    ['Hỏa tốc', 'hoa_toc'],
    ['Hoả tốc', 'hoa_toc'],
    ['hoa toc', 'hoa_toc'],
    ['HỎA TỐC', 'hoa_toc'],
    ['hỏa tốc hẹn giờ', 'hoa_toc_hen_gio'],
    ['Hoả tốc hẹn giờ', 'hoa_toc_hen_gio'],
    ['hoa toc hen gio', 'hoa_toc_hen_gio'],
    ['thường', 'normal'],
    ['Thường', 'normal'],
    ['thuong', 'normal'],
    ['normal', 'normal'],
    ['', 'normal'],
    ['  ', 'normal'],
    ['  khẩn  ', 'khan'],
  ] as const)('label %j -> %s', (input, expected) => {
    expect(parseUrgency(input)).toBe(expected);
  });

  it('treats null and undefined as normal', () => {
    expect(parseUrgency(null)).toBe('normal');
    expect(parseUrgency(undefined)).toBe('normal');
  });

  it.each([
    [0, 'normal'],
    [1, 'khan'],
    [2, 'thuong_khan'],
    [3, 'hoa_toc'],
    [4, 'hoa_toc_hen_gio'],
  ] as const)('exchange code %i -> %s, as number and as string', (code, expected) => {
    expect(parseUrgency(code)).toBe(expected);
    expect(parseUrgency(String(code))).toBe(expected);
  });

  it.each([5, -1, 1.5, Number.NaN, '5', '-1', '1.5', 'rất khẩn', 'hoa', 'mật', 'khan cap', 'none'])(
    'returns null for %j',
    (input) => {
      expect(parseUrgency(input)).toBeNull();
    },
  );
});

describe('urgency exchange codes', () => {
  it('maps both ways in the order of DOMAIN.md', () => {
    expect(URGENCIES.map(urgencyExchangeCode)).toEqual([0, 1, 2, 3, 4]);
    for (const u of URGENCIES) expect(urgencyFromExchangeCode(urgencyExchangeCode(u))).toBe(u);
    expect(urgencyFromExchangeCode(5)).toBeNull();
    expect(urgencyFromExchangeCode(-1)).toBeNull();
    expect(urgencyFromExchangeCode(0.5)).toBeNull();
  });
});

describe('URGENCY_ORDER', () => {
  it('sorts the most urgent first', () => {
    const sorted = [...URGENCIES].sort((a, b) => URGENCY_ORDER[a] - URGENCY_ORDER[b]);
    expect(sorted).toEqual(['hoa_toc_hen_gio', 'hoa_toc', 'thuong_khan', 'khan', 'normal']);
  });
});

describe('parseSecrecy', () => {
  it.each(SECRECIES.map((s) => [s]))('accepts canonical %s', (s) => {
    expect(parseSecrecy(s)).toBe(s);
  });

  it.each([
    ['Mật', 'mat'],
    ['mat', 'mat'],
    ['MẬT', 'mat'],
    ['Tối mật', 'toi_mat'],
    ['toi mat', 'toi_mat'],
    ['TỐI MẬT', 'toi_mat'],
    ['Tuyệt mật', 'tuyet_mat'],
    ['tuyet mat', 'tuyet_mat'],
    ['thường', 'none'],
    ['thuong', 'none'],
    ['', 'none'],
  ] as const)('label %j -> %s', (input, expected) => {
    expect(parseSecrecy(input)).toBe(expected);
  });

  it('treats null and undefined as none', () => {
    expect(parseSecrecy(null)).toBe('none');
    expect(parseSecrecy(undefined)).toBe('none');
  });

  it.each([
    [0, 'none'],
    [1, 'mat'],
    [2, 'toi_mat'],
    [3, 'tuyet_mat'],
  ] as const)('code %i -> %s, as number and as string', (code, expected) => {
    expect(parseSecrecy(code)).toBe(expected);
    expect(parseSecrecy(String(code))).toBe(expected);
  });

  it.each([4, -1, 2.5, '4', 'khẩn', 'bí mật', 'secret', 'normal'])('returns null for %j', (input) => {
    expect(parseSecrecy(input)).toBeNull();
  });
});
