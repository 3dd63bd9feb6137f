import { describe, expect, it } from 'vitest';
import {
  PdfDict,
  PdfName,
  PdfRef,
  PdfStream,
  PdfString,
  PdfSyntaxError,
  parseIndirectObjectAt,
  parseObjectAt,
  type PdfObject,
} from '../../../src-main/core/pdf/syntax';
import { latin1 } from './helpers';

const parse = (s: string): PdfObject => parseObjectAt(latin1(s), 0).value;
const str = (s: string): string => {
  const v = parse(s);
  if (!(v instanceof PdfString)) throw new Error('not a string');
  return Buffer.from(v.bytes).toString('latin1');
};

function expectError(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PdfSyntaxError);
    expect((e as PdfSyntaxError).code).toBe(code);
    return;
  }
  throw new Error('expected an error');
}

describe('parsing objects', () => {
  it('reads the simple types and every number form', () => {
    expect(parse('true')).toBe(true);
    expect(parse('false ')).toBe(false);
    expect(parse('null')).toBe(null);
    expect(parse('42')).toBe(42);
    expect(parse('-17')).toBe(-17);
    expect(parse('+.5')).toBe(0.5);
    expect(parse('-3.')).toBe(-3);
    expect(parse('-.002')).toBe(-0.002);
    expect(parse('0.0')).toBe(0);
    // Not PDF, but written by real producers: read them rather than fail.
    expect(parse('1.0e?')).toBe(1);
    expect(parse('1e-05')).toBeCloseTo(0.00001);
    expect(parse('--5')).toBe(-5);
    expect(parse('-')).toBe(0);
  });

  it('reads names with #xx escapes and delimiters that end them', () => {
    const n = parse('/A#20B#23C');
    expect(n).toBeInstanceOf(PdfName);
    expect((n as PdfName).value).toBe('A B#C');
    expect((parse('/Type/Page') as PdfName).value).toBe('Type');
    expect((parse('/') as PdfName).value).toBe('');
    expect((parse('/Bad#zz') as PdfName).value).toBe('Bad#zz');
    expect((parse('/L#e1t') as PdfName).value).toBe('L\u00e1t');
  });

  it('reads literal strings with nesting, escapes, octal and line endings', () => {
    expect(str('(a (nested (deep)) string)')).toBe('a (nested (deep)) string');
    expect(str('(esc \\( \\) \\\\ \\n\\r\\t\\b\\f)')).toBe('esc ( ) \\ \n\r\t\b\f');
    expect(str('(\\101\\0533\\7)')).toBe('A+3\x07');
    expect(str('(\\0611)')).toBe('11'); // three octal digits at most: \061 then "1"
    expect(str('(over\\777flow)')).toBe('over\xffflow');
    expect(str('(line\\\ncontinued\\\r\nagain)')).toBe('linecontinuedagain');
    expect(str('(cr\rcrlf\r\nlf\n)')).toBe('cr\ncrlf\nlf\n');
    expect(str('(unknown \\q escape)')).toBe('unknown q escape');
    expect(str('()')).toBe('');
    expectError(() => parse('(never closed'), 'DAMAGED');
    expectError(() => parse('(unbalanced (paren)'), 'DAMAGED');
  });

  it('reads hex strings, ignoring white-space, padding an odd digit', () => {
    const v = parse('<48 65\n6C6c 6F>') as PdfString;
    expect(v.hex).toBe(true);
    expect(Buffer.from(v.bytes).toString('latin1')).toBe('Hello');
    expect([...(parse('<ABC>') as PdfString).bytes]).toEqual([0xab, 0xc0]);
    expect((parse('<>') as PdfString).bytes.length).toBe(0);
  });

  it('decodes text strings: PDFDocEncoding, UTF-16BE and UTF-8 with BOM', () => {
    expect(new PdfString(Uint8Array.from([0x80, 0x41, 0xa0, 0x92]), false).text()).toBe('\u2022A\u20ac\u2122');
    const utf16 = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Văn thư', 'utf16le').swap16()]);
    expect(new PdfString(utf16, true).text()).toBe('Văn thư');
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Quyết định', 'utf8')]);
    expect(new PdfString(utf8, false).text()).toBe('Quyết định');
  });

  it('reads arrays, dictionaries and references, with comments anywhere', () => {
    const v = parse(
      '<< /Kids [1 0 R 2 0 R] %comment ] >>\n /Count 2 /N [3 4 /X] /Sub<</X[]>> /Mixed [1 2 R 3 0 R 4] >>',
    );
    expect(v).toBeInstanceOf(PdfDict);
    const d = v as PdfDict;
    expect(d.get('Kids')).toEqual([new PdfRef(1, 0), new PdfRef(2, 0)]);
    expect(d.get('Count')).toBe(2);
    expect(d.get('N')).toEqual([3, 4, new PdfName('X')]); // "3 4" then a name: two numbers, no reference
    expect(((d.get('Sub') as PdfDict).get('X') as PdfObject[]).length).toBe(0);
    // "1 2 R" is a reference, "4" stays a number.
    expect(d.get('Mixed')).toEqual([new PdfRef(1, 2), new PdfRef(3, 0), 4]);
    expect(d.keys()).toEqual(['Kids', 'Count', 'N', 'Sub', 'Mixed']);
  });

  it('handles every white-space byte as a separator', () => {
    const v = parse('[\x001\t2\n3\f4\r5 6\r\n7]');
    expect(v).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('drops a key that lost its value, and reports the end offset', () => {
    const d = parse('<< /A 1 /B >>') as PdfDict;
    expect(d.has('A')).toBe(true);
    expect(d.has('B')).toBe(false);
    expect(parseObjectAt(latin1('  [1 2]  x'), 0).end).toBe(7);
  });

  it('fails typed on garbage', () => {
    expectError(() => parse(''), 'DAMAGED');
    expectError(() => parse(')'), 'DAMAGED');
    expectError(() => parse('[1 2'), 'DAMAGED');
    expectError(() => parse('<< 1 2 >>'), 'DAMAGED');
    expectError(() => parse('bogus'), 'DAMAGED');
  });

  it('refuses nesting deeper than maxDepth quickly, without overflowing the stack', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const t = Date.now();
    expectError(() => parse(deep), 'TOO_COMPLEX');
    expect(Date.now() - t).toBeLessThan(500);
    expect(() => parseObjectAt(latin1('[[[1]]]'), 0, { maxDepth: 2 })).toThrow(PdfSyntaxError);
    expect(parseObjectAt(latin1('[[[1]]]'), 0, { maxDepth: 3 }).value).toEqual([[[1]]]);
  });
});

describe('parsing indirect objects and streams', () => {
  it('reads an object and reports start (at "N G obj") and end (after endobj)', () => {
    const text = 'junk\n  12 3 obj\n<< /A (x) >>\nendobj\ntrailing';
    const o = parseIndirectObjectAt(latin1(text), 5);
    expect(o.ref).toEqual(new PdfRef(12, 3));
    expect(o.start).toBe(text.indexOf('12 3 obj'));
    expect(o.end).toBe(text.indexOf('endobj') + 6);
    expect((o.value as PdfDict).get('A')).toBeInstanceOf(PdfString);
  });

  it('uses a direct /Length', () => {
    const text = '1 0 obj\n<< /Length 10 >>\nstream\r\nendstream!\nendstream\nendobj\n';
    const o = parseIndirectObjectAt(latin1(text), 0);
    const s = o.value as PdfStream;
    const start = text.indexOf('stream\r\n') + 8;
    expect([s.rawStart, s.rawEnd]).toEqual([start, start + 10]);
    expect(o.end).toBe(text.lastIndexOf('endobj') + 6);
  });

  it('resolves an indirect /Length through the callback', () => {
    const text = '1 0 obj\n<< /Length 9 0 R >>\nstream\nabc\nendstream\nendobj';
    const asked: string[] = [];
    const o = parseIndirectObjectAt(latin1(text), 0, {}, (r) => {
      asked.push(r.key());
      return 4;
    });
    const s = o.value as PdfStream;
    expect(asked).toEqual(['9 0']);
    expect(latin1(text).subarray(s.rawStart, s.rawEnd).toString()).toBe('abc\n');
  });

  it('falls back to scanning for endstream when /Length is wrong or unknown', () => {
    for (const len of ['999', '2', '-1', '(x)', '7 0 R']) {
      const text = `1 0 obj\n<< /Length ${len} >>\nstream\r\nDATA\r\nendstream\nendobj`;
      const o = parseIndirectObjectAt(latin1(text), 0);
      const s = o.value as PdfStream;
      expect(latin1(text).subarray(s.rawStart, s.rawEnd).toString()).toBe('DATA');
      expect(o.end).toBe(text.length);
    }
  });

  it('rejects a missing header and tolerates a missing endobj', () => {
    expectError(() => parseIndirectObjectAt(latin1('<< >>'), 0), 'DAMAGED');
    expectError(() => parseIndirectObjectAt(latin1('1 0 bj 5'), 0), 'DAMAGED');
    const o = parseIndirectObjectAt(latin1('1 0 obj 5\n2 0 obj 6 endobj'), 0);
    expect(o.value).toBe(5);
    expect(o.end).toBe(9);
  });
});
