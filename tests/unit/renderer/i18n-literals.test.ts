/**
 * Every word the clerk reads goes through the language tables (src-renderer/i18n): no
 * Vietnamese written straight into a component, and an English table that says everything
 * in English.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { algorithmsText, signingTimeText } from '../../../src-shared/pdf/report-words';
import { stringsFor } from '../../../src-renderer/i18n/tables';
import { VIETNAMESE_LETTER, literalsOf, sourceFiles } from './literals';

const ROOT = resolve(__dirname, '../../..');
const RENDERER = resolve(ROOT, 'src-renderer');
const I18N = resolve(RENDERER, 'i18n');

describe('renderer source', () => {
  it('has no Vietnamese words outside src-renderer/i18n', () => {
    const files = sourceFiles(RENDERER, (path) => path === I18N);
    expect(files.some((f) => f.endsWith('TopBar.tsx'))).toBe(true);
    const found = files
      .flatMap((file) => literalsOf(file, ROOT))
      .filter((l) => VIETNAMESE_LETTER.test(l.text))
      .map((l) => `${l.file}:${l.line}: ${JSON.stringify(l.text)}`);
    expect(found, 'move these words into src-renderer/i18n/vi.ts and en.ts').toEqual([]);
  });

  it('the scanner sees literals, template text and JSX text, and not comments', () => {
    const sample = resolve(__dirname, 'fixtures/literals-sample.tsx');
    const found = literalsOf(sample, ROOT).filter((l) => VIETNAMESE_LETTER.test(l.text));
    expect(found.map((l) => [l.line, l.kind])).toEqual([
      [4, 'string'],
      [5, 'template'],
      [5, 'template'],
      [8, 'jsx-text'],
      [9, 'string'],
    ]);
  });
});

/** Words that read the same in both languages: names of things, not sentences. */
const SAME_IN_ENGLISH = new Set(['Tiếng Việt']);

type Leaf = { path: string; value: string };

/** Every text of a table; functions are called with sample arguments to see what they say. */
function leaves(value: unknown, path: string): Leaf[] {
  if (typeof value === 'string') return [{ path, value }];
  if (typeof value === 'function') {
    const args = Array.from({ length: Math.max(value.length, 1) }, () => '7');
    try {
      const said: unknown = (value as (...a: string[]) => unknown)(...args);
      return typeof said === 'string' ? [{ path: `${path}()`, value: said }] : [];
    } catch {
      return [];
    }
  }
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [];
}

describe('the English table', () => {
  const vi = new Map(leaves(stringsFor('vi'), '').map((l) => [l.path, l.value]));
  const en = leaves(stringsFor('en'), '');

  it('has every text the Vietnamese table has', () => {
    expect(en.map((l) => l.path).sort()).toEqual([...vi.keys()].sort());
  });

  it('says in English what Vietnamese says in Vietnamese', () => {
    const untranslated = en
      .filter((l) => VIETNAMESE_LETTER.test(l.value) && l.value === vi.get(l.path) && !SAME_IN_ENGLISH.has(l.value))
      .map((l) => `${l.path}: ${l.value}`);
    expect(untranslated).toEqual([]);
    // The test has something to compare: Vietnamese texts with Vietnamese letters.
    expect([...vi.values()].filter((v) => VIETNAMESE_LETTER.test(v)).length).toBeGreaterThan(400);
  });

  it('writes dates the English way and Vietnamese ones the Vietnamese way', () => {
    expect(stringsFor('vi').formats.date('2026-06-08')).toBe('08/06/2026');
    expect(stringsFor('en').formats.date('2026-06-08')).toBe('8 Jun 2026');
    expect(stringsFor('en').formats.longDate('2026-06-08')).toBe('8 June 2026');
    // 01:15 UTC is 08:15 in Vietnam, the same day.
    expect(stringsFor('vi').formats.dateTime('2026-06-08T01:15:00Z')).toBe('08/06/2026 08:15');
    expect(stringsFor('en').formats.dateTime('2026-06-08T01:15:00Z')).toBe('8 Jun 2026 08:15');
    // 20:00 UTC is already the next day in Vietnam.
    expect(stringsFor('en').formats.dayOf('2026-06-08T20:00:00Z')).toBe('9 Jun 2026');
    expect(stringsFor('en').formats.timeOf('2026-06-08T20:00:00Z')).toBe('03:00');
    expect(stringsFor('en').formats.dateTime('not a date')).toBe('');
  });
});

describe('the signatures panel on screen', () => {
  const signed = { value: '2026-06-08T01:15:00Z', source: 'timestamp' as const };
  const algorithms = {
    subFilter: 'ETSI.CAdES.detached',
    digestAlgorithm: '2.16.840.1.101.3.4.2.1',
    signatureAlgorithm: '1.2.840.113549.1.1.11',
  };

  it('speaks the language of the screen', () => {
    const en = stringsFor('en');
    expect(signingTimeText(signed, en.signatures, en.formats.dateTime)).toBe('8 Jun 2026 08:15 (timestamp)');
    expect(signingTimeText({ value: null, source: 'none' }, en.signatures, en.formats.dateTime)).toBe('Unknown');
    expect(algorithmsText(algorithms, en.signatures.algorithmWith)).toBe(
      'ETSI.CAdES.detached · SHA-256 · RSA with SHA-256',
    );
    const vi = stringsFor('vi');
    expect(signingTimeText(signed, vi.signatures, vi.formats.dateTime)).toBe('08/06/2026 08:15 (dấu thời gian)');
  });

  it('while the printed report keeps its Vietnamese words', () => {
    expect(signingTimeText(signed)).toBe('08/06/2026 08:15 (dấu thời gian)');
    expect(algorithmsText(algorithms)).toBe('ETSI.CAdES.detached · SHA-256 · RSA với SHA-256');
  });
});
