import { describe, expect, it } from 'vitest';
import {
  PdfDict,
  PdfName,
  PdfRef,
  PdfStream,
  PdfString,
  dict,
  formatNumber,
  hexString,
  literalString,
  name,
  parseIndirectObjectAt,
  parseObjectAt,
  ref,
  serializeIndirectObject,
  serializeObject,
  serializeStreamObject,
  type PdfObject,
} from '../../../src-main/core/pdf/syntax';

const roundTrip = (obj: PdfObject): PdfObject => parseObjectAt(serializeObject(obj), 0).value;
const written = (obj: PdfObject): string => serializeObject(obj).toString('latin1');

describe('serializing objects', () => {
  it('writes each type in its canonical form', () => {
    expect(written(null)).toBe('null');
    expect(written(true)).toBe('true');
    expect(written(ref(12))).toBe('12 0 R');
    expect(written(ref(3, 2))).toBe('3 2 R');
    expect(written([1, name('A'), [true]])).toBe('[1 /A [true]]');
    expect(written([])).toBe('[]');
    expect(written(dict({ Type: name('Sig'), Contents: hexString(Uint8Array.from([0, 0xab])) }))).toBe(
      '<< /Type /Sig /Contents <00AB> >>',
    );
    expect(written(dict({}))).toBe('<< >>');
  });

  it('writes numbers without exponents and with at most six decimals', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(-7)).toBe('-7');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(3.14159265)).toBe('3.141593');
    expect(formatNumber(1e-7)).toBe('0');
    expect(formatNumber(-1e-7)).toBe('0');
    expect(formatNumber(1.5e-5)).toBe('0.000015');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(123456789.25)).toBe('123456789.25');
    expect(() => formatNumber(NaN)).toThrow(TypeError);
    expect(() => formatNumber(Infinity)).toThrow(TypeError);
  });

  it('escapes names', () => {
    expect(written(name('A B/C#(x)'))).toBe('/A#20B#2FC#23#28x#29');
    expect(written(name('Plain.Name-1_2'))).toBe('/Plain.Name-1_2');
    expect(written(name('a\u00e9'))).toBe('/a#E9');
    expect(written(name('Việt'))).toBe('/Vi#E1#BB#87t'); // wider than latin1: UTF-8 bytes
    expect(written(name(''))).toBe('/');
    for (const v of ['A B/C#(x)', 'a\u00e9\u0000\u00ff', '[]{}<>%']) {
      expect((roundTrip(name(v)) as PdfName).value).toBe(v);
    }
  });

  it('escapes literal strings so every byte reads back', () => {
    const all = new PdfString(
      Uint8Array.from({ length: 256 }, (_, i) => i),
      false,
    );
    const back = roundTrip(all) as PdfString;
    expect([...back.bytes]).toEqual([...all.bytes]);
    expect(written(new PdfString(Buffer.from('a(b)c\\d\r\n'), false))).toBe('(a\\(b\\)c\\\\d\\r\\n)');
    const hex = hexString(Uint8Array.from([1, 2, 254]));
    expect((roundTrip(hex) as PdfString).hex).toBe(true);
    expect([...(roundTrip(hex) as PdfString).bytes]).toEqual([1, 2, 254]);
  });

  it('encodes text in PDFDocEncoding when it fits, else UTF-16BE with a BOM', () => {
    const ascii = literalString('Hello (world)');
    expect(Buffer.from(ascii.bytes).toString('latin1')).toBe('Hello (world)');
    const doc = literalString('€ • café');
    expect([...doc.bytes.subarray(0, 3)]).toEqual([0xa0, 0x20, 0x80]);
    expect(doc.text()).toBe('€ • café');
    const vi = literalString('Quyết định số 12/QĐ-UBND của Ủy ban 😀');
    expect([...vi.bytes.subarray(0, 2)]).toEqual([0xfe, 0xff]);
    expect(vi.text()).toBe('Quyết định số 12/QĐ-UBND của Ủy ban 😀');
    expect((roundTrip(vi) as PdfString).text()).toBe('Quyết định số 12/QĐ-UBND của Ủy ban 😀');
    // Characters PDFDocEncoding reserves for other glyphs force UTF-16.
    expect(literalString('\u00a0').bytes[0]).toBe(0xfe);
  });

  it('round-trips nested structures exactly', () => {
    const obj = dict({
      Type: name('Annot'),
      Rect: [0, 0, 100.5, -20.25],
      T: literalString('Chữ ký số'),
      V: ref(40),
      Flags: [true, false, null],
      Sub: dict({ 'Odd Key': literalString('x)y'), Deep: [[[dict({ N: 1 })]]] }),
    });
    const back = roundTrip(obj);
    expect(back).toEqual(obj);
    expect(serializeObject(back as PdfDict)).toEqual(serializeObject(obj));
  });

  it('round-trips randomly built objects', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const build = (depth: number): PdfObject => {
      switch (rand(depth > 3 ? 6 : 9)) {
        case 0:
          return null;
        case 1:
          return rand(2) === 0;
        case 2:
          return (rand(2000000) - 1000000) / 64;
        case 3:
          return name(String.fromCharCode(...Array.from({ length: rand(6) }, () => 1 + rand(255))));
        case 4:
          return new PdfString(
            Uint8Array.from({ length: rand(10) }, () => rand(256)),
            rand(2) === 0,
          );
        case 5:
          return ref(rand(1000), rand(3));
        case 6:
          return Array.from({ length: rand(4) }, () => build(depth + 1));
        default: {
          const m = new Map<string, PdfObject>();
          for (let i = rand(4); i > 0; i--) m.set(`K${rand(50)}`, build(depth + 1));
          return new PdfDict(m);
        }
      }
    };
    for (let i = 0; i < 500; i++) {
      const obj = build(0);
      expect(roundTrip(obj)).toEqual(obj);
    }
  });

  it('writes indirect objects and streams that parse back', () => {
    const ind = serializeIndirectObject(7, 0, dict({ A: 1 }));
    const parsed = parseIndirectObjectAt(ind, 0);
    expect(parsed.ref).toEqual(new PdfRef(7, 0));
    expect(parsed.end).toBe(ind.length - 1);

    const data = Buffer.from('binary\r\n\x00endstream?');
    const body = serializeStreamObject(dict({ Type: name('XObject'), Length: 999 }), data);
    const file = Buffer.concat([Buffer.from('9 0 obj\n'), body, Buffer.from('\nendobj\n')]);
    const s = parseIndirectObjectAt(file, 0).value as PdfStream;
    expect(s.dict.get('Length')).toBe(data.length);
    expect(file.subarray(s.rawStart, s.rawEnd)).toEqual(data);
    expect(() => serializeObject(s)).toThrow(TypeError);
  });
});
