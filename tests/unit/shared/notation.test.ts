import { describe, it, expect } from 'vitest';
import type { Regime } from '../../../src-shared/domain/enums';
import {
  formatCodeNotation,
  formatNumberNotation,
  padNumber,
  parseNumberNotation,
} from '../../../src-shared/domain/notation';

describe('padNumber', () => {
  it.each([
    [1, '01'],
    [9, '09'],
    [10, '10'],
    [125, '125'],
  ])('%i -> %s', (n, expected) => {
    expect(padNumber(n)).toBe(expected);
  });
});

describe('formatCodeNotation', () => {
  it('writes Party notations as type/organ', () => {
    expect(formatCodeNotation('party', { typeCode: 'CV', organAbbr: 'BCĐ' })).toBe('CV/BCĐ');
    expect(formatCodeNotation('party', { typeCode: 'NQ', organAbbr: 'ĐU' })).toBe('NQ/ĐU');
  });

  it('writes state notations as type-organ', () => {
    expect(formatCodeNotation('state', { typeCode: 'QĐ', organAbbr: 'UBND' })).toBe('QĐ-UBND');
  });

  it('writes state công văn as organ-unit, without a type', () => {
    expect(formatCodeNotation('state', { typeCode: null, organAbbr: 'UBND', unitAbbr: 'VP' })).toBe('UBND-VP');
    expect(formatCodeNotation('state', { typeCode: '', organAbbr: 'UBND', unitAbbr: 'VP' })).toBe('UBND-VP');
    expect(formatCodeNotation('state', { typeCode: null, organAbbr: 'UBND' })).toBe('UBND');
    expect(formatCodeNotation('state', { typeCode: null, organAbbr: 'UBND', unitAbbr: null })).toBe('UBND');
  });
});

describe('formatNumberNotation', () => {
  it('Party: number-hyphen, "Số" without colon', () => {
    expect(formatNumberNotation('party', 25, 'CV/BCĐ')).toBe('25-CV/BCĐ');
    expect(formatNumberNotation('party', 25, 'CV/BCĐ', { prefix: true })).toBe('Số 25-CV/BCĐ');
    expect(formatNumberNotation('party', 3, 'NQ/ĐU', { prefix: true })).toBe('Số 03-NQ/ĐU');
  });

  it('State: number-slash, "Số:" with colon, padded', () => {
    expect(formatNumberNotation('state', 15, 'QĐ-UBND')).toBe('15/QĐ-UBND');
    expect(formatNumberNotation('state', 15, 'QĐ-UBND', { prefix: true })).toBe('Số: 15/QĐ-UBND');
    expect(formatNumberNotation('state', 5, 'UBND-VP', { prefix: true })).toBe('Số: 05/UBND-VP');
  });
});

describe('parseNumberNotation', () => {
  it.each([
    ['Số 25-CV/BCĐ', 25, 'CV/BCĐ', 'party'],
    ['số 25-CV/BCĐ', 25, 'CV/BCĐ', 'party'],
    ['SỐ 25-CV/BCĐ', 25, 'CV/BCĐ', 'party'],
    ['25-CV/BCĐ', 25, 'CV/BCĐ', 'party'],
    ['  Số   25 - CV / BCĐ  ', 25, 'CV/BCĐ', 'party'],
    ['Số 03-NQ/ĐU', 3, 'NQ/ĐU', 'party'],
    ['Số: 15/QĐ-UBND', 15, 'QĐ-UBND', 'state'],
    ['So: 15/QĐ-UBND', 15, 'QĐ-UBND', 'state'],
    ['Số:15/QĐ-UBND', 15, 'QĐ-UBND', 'state'],
    ['05/UBND-VP', 5, 'UBND-VP', 'state'],
    ['Số:   05 /  UBND-VP', 5, 'UBND-VP', 'state'],
    ['30/2020/NĐ-CP', 30, '2020/NĐ-CP', 'state'],
  ] as const)('%j', (text, codeNumber, codeNotation, regime) => {
    expect(parseNumberNotation(text)).toEqual({ codeNumber, codeNotation, regime });
  });

  it('accepts decomposed (NFD) input and returns composed notation', () => {
    expect(parseNumberNotation('Số 25-CV/BCĐ'.normalize('NFD'))).toEqual({
      codeNumber: 25,
      codeNotation: 'CV/BCĐ',
      regime: 'party',
    });
  });

  it.each([
    '',
    '   ',
    'Số',
    'CV/BCĐ',
    '25',
    '25-',
    '25/',
    '25-CV',
    '05-UBND',
    'abc/QĐ-UBND',
    '00/QĐ-UBND',
    'Số 25 CV/BCĐ',
    '15/QĐ UBND',
    '15//QĐ-UBND',
    '15/QĐ-UBND-',
    'Số: 15/QĐ-UBND ghi chú',
    'Nghị quyết 25',
  ])('returns null for %j', (text) => {
    expect(parseNumberNotation(text)).toBeNull();
  });

  const cases: Array<[Regime, number, string]> = [
    ['party', 1, 'CV/BCĐ'],
    ['party', 9, 'NQ/ĐU'],
    ['party', 10, 'QĐi/TU'],
    ['party', 25, 'CV/BCĐ'],
    ['party', 125, 'HD/VPTW'],
    ['party', 217, 'QĐ/TW'],
    ['party', 7, 'TB/ĐUƯ'],
    ['party', 42, 'BC/BTGTU'],
    ['party', 3, 'CTr/ĐU'],
    ['party', 1234, 'TTr/UBKTĐU'],
    ['state', 1, 'QĐ-UBND'],
    ['state', 5, 'UBND-VP'],
    ['state', 15, 'QĐ-UBND'],
    ['state', 99, 'QyĐ-UBND'],
    ['state', 100, 'TB-UBND'],
    ['state', 30, '2020/NĐ-CP'],
    ['state', 15, '2025/TT-BKHCN'],
    ['state', 8, 'UBND-ĐCXD'],
    ['state', 61, 'CĐ-UBND'],
    ['state', 4, 'GGT-ƯBND'],
  ];

  it.each(cases)('round trips %s %i %s with and without prefix', (regime, codeNumber, codeNotation) => {
    for (const prefix of [false, true]) {
      const text = formatNumberNotation(regime, codeNumber, codeNotation, { prefix });
      expect(parseNumberNotation(text)).toEqual({ codeNumber, codeNotation, regime });
    }
  });
});
