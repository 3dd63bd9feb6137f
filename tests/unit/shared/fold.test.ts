import { describe, it, expect } from 'vitest';
import { foldVietnamese, searchWords } from '../../../src-shared/domain/fold';

describe('foldVietnamese', () => {
  it.each([
    ['Đảng ủy xã', 'dang uy xa'],
    ['ĐƠN', 'don'],
    ['văn bản điện tử', 'van ban dien tu'],
    ['THƯỢNG KHẨN', 'thuong khan'],
    ['Hoả tốc', 'hoa toc'],
    ['Hỏa tốc', 'hoa toc'],
    ['Ủy ban nhân dân', 'uy ban nhan dan'],
    ['  nhiều   khoảng\t trắng \n', 'nhieu khoang trang'],
    ['plain ascii', 'plain ascii'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });

  it('folds decomposed (NFD) input the same as composed input', () => {
    expect(foldVietnamese('Quyết định'.normalize('NFD'))).toBe('quyet dinh');
  });
});

describe('searchWords', () => {
  it('splits on punctuation and drops it', () => {
    expect(searchWords('Số 25-CV/BCĐ, ngày 08.06.2026 (về việc: họp)')).toEqual([
      'so',
      '25',
      'cv',
      'bcd',
      'ngay',
      '08',
      '06',
      '2026',
      've',
      'viec',
      'hop',
    ]);
  });

  it('returns an empty array for blank text', () => {
    expect(searchWords('')).toEqual([]);
    expect(searchWords('   ')).toEqual([]);
    expect(searchWords(' - / ')).toEqual([]);
  });
});
