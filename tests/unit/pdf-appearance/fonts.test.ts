/**
 * Fonts: every Vietnamese letter is found in the shipped Liberation Serif (both cmap formats),
 * the subset keeps glyph ids and is a valid font, a missing glyph is a clear Vietnamese error,
 * Times New Roman is preferred when present and complete, and embedded text extracts exactly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FontUse, normalizeText } from '../../../src-main/core/pdf/appearance/font-embed';
import { chooseFamily, fontFamilies } from '../../../src-main/core/pdf/appearance/fonts';
import { glyphClosure, subsetTrueType } from '../../../src-main/core/pdf/appearance/subset';
import { parseTrueType, type TrueTypeFont } from '../../../src-main/core/pdf/appearance/truetype';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { qpdfCheck, tmp, write } from '../pdf/helpers';
import { pdffonts, pdftotext } from './render';
import { linesPdf } from './vn-document';

const FONTS = path.resolve(__dirname, '../../../resources/fonts');
const BASE = 'aăâeêioôơuưy';
const TONED = [...BASE].flatMap((v) => [
  v,
  ...['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'].map((m) => `${v}${m}`.normalize('NFC')),
]);
/** The 12 vowels with their 5 tones, and đ: 146 letters, lower and upper case, precomposed. */
const VIETNAMESE = [...TONED, 'đ', ...TONED.map((c) => c.toUpperCase()), 'Đ'];

let regular: TrueTypeFont;
let bold: TrueTypeFont;
let dir: string;

beforeAll(() => {
  regular = parseTrueType(fs.readFileSync(path.join(FONTS, 'LiberationSerif-Regular.ttf')));
  bold = parseTrueType(fs.readFileSync(path.join(FONTS, 'LiberationSerif-Bold.ttf')));
  dir = tmp('vanthu-fonts-');
});

/** The font with its cmap replaced by a single format 12 subtable of `map` (test-made fonts). */
function withCmap(font: TrueTypeFont, map: Map<number, number>): Buffer {
  const groups = [...map.entries()].sort((a, b) => a[0] - b[0]);
  const sub = Buffer.alloc(16 + groups.length * 12);
  sub.writeUInt16BE(12, 0);
  sub.writeUInt32BE(sub.length, 4);
  sub.writeUInt32BE(groups.length, 12);
  groups.forEach(([cp, gid], i) => {
    sub.writeUInt32BE(cp, 16 + i * 12);
    sub.writeUInt32BE(cp, 20 + i * 12);
    sub.writeUInt32BE(gid, 24 + i * 12);
  });
  const cmap = Buffer.concat([Buffer.from([0, 0, 0, 1, 0, 3, 0, 10, 0, 0, 0, 12]), sub]);
  const tables = [...font.tables.entries()].map(([tag, t]) => ({
    tag,
    data: tag === 'cmap' ? cmap : font.bytes.subarray(t.offset, t.offset + t.length),
  }));
  const header = Buffer.alloc(12 + tables.length * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(tables.length, 4);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach(({ tag, data }, i) => {
    header.write(tag, 12 + i * 16, 'latin1');
    header.writeUInt32BE(offset, 12 + i * 16 + 8);
    header.writeUInt32BE(data.length, 12 + i * 16 + 12);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

describe('TrueType reading', () => {
  it('finds a glyph for every Vietnamese letter in both shipped faces', () => {
    expect(VIETNAMESE).toHaveLength(146);
    for (const font of [regular, bold]) {
      const missing = VIETNAMESE.filter((c) => font.glyphId(c.codePointAt(0) as number) === 0);
      expect(missing, font.postScriptName).toEqual([]);
    }
    expect(regular.postScriptName).toBe('LiberationSerif');
    expect(regular.unitsPerEm).toBe(2048);
    // Metric-compatible with Times New Roman: the space is 0.25 em, "H" 0.722 em.
    expect(regular.advances[regular.glyphId(0x20)]).toBe(512);
    expect(regular.advances[regular.glyphId(0x48)]).toBe(1479);
  });

  it('reads cmap format 12 the same as format 4, including beyond the BMP', () => {
    const map = new Map<number, number>();
    for (let cp = 0x20; cp <= 0x1ef9; cp++) {
      const gid = regular.glyphId(cp);
      if (gid) map.set(cp, gid);
    }
    map.set(0x1f600, regular.glyphId(0x41));
    const f12 = parseTrueType(withCmap(regular, map));
    for (const c of [...VIETNAMESE, 'A', ' ', ':', '/']) {
      expect(f12.glyphId(c.codePointAt(0) as number), c).toBe(regular.glyphId(c.codePointAt(0) as number));
    }
    expect(f12.glyphId(0x1f600)).toBe(regular.glyphId(0x41));
    expect(f12.glyphId(0x4e2d)).toBe(0);
  });

  it('refuses files that are not TrueType fonts', () => {
    expect(() => parseTrueType(Buffer.from('OTTO\0\0\0\0\0\0\0\0'))).toThrow(/OpenType CFF/);
    expect(() => parseTrueType(Buffer.from('ttcf\0\0\0\0\0\0\0\0'))).toThrow(/\.ttc/);
    expect(() => parseTrueType(Buffer.from('hello world, not a font'))).toThrow(VanThuError);
    expect(() => parseTrueType(regular.bytes.subarray(0, 400))).toThrow(VanThuError);
  });
});

describe('subsetting', () => {
  it('keeps glyph ids, metrics and the composite parts of Vietnamese letters', () => {
    const text = 'Ủy ban nhân dân xã Hòa Bình ĐẾN';
    const used = [...text].map((c) => regular.glyphId(c.codePointAt(0) as number));
    const closure = glyphClosure(regular, used);
    const chars = new Map(
      [...text].map((c) => [c.codePointAt(0) as number, regular.glyphId(c.codePointAt(0) as number)]),
    );
    const subset = parseTrueType(subsetTrueType(regular, used, chars));
    expect(subset.numGlyphs).toBe(regular.numGlyphs);
    expect(Array.from(subset.advances)).toEqual(Array.from(regular.advances));
    for (let gid = 0; gid < regular.numGlyphs; gid++) {
      const [s0, s1] = subset.glyphRange(gid);
      const [r0, r1] = regular.glyphRange(gid);
      if (closure.has(gid)) {
        expect(
          subset.bytes
            .subarray(s0, s1)
            .subarray(0, r1 - r0)
            .equals(regular.bytes.subarray(r0, r1)),
          `glyph ${gid}`,
        ).toBe(true);
      } else {
        expect(s1 - s0, `glyph ${gid} should be empty`).toBe(0);
      }
    }
    expect(subset.bytes.length).toBeLessThan(regular.bytes.length / 5);
    // Its own small cmap maps the characters used, and only those.
    for (const c of text)
      expect(subset.glyphId(c.codePointAt(0) as number)).toBe(regular.glyphId(c.codePointAt(0) as number));
    expect(subset.glyphId(0x5a)).toBe(0);
    // The whole-file checksum comes out at the magic number once head.checkSumAdjustment is set.
    let sum = 0;
    for (let i = 0; i < subset.bytes.length; i += 4) sum = (sum + subset.bytes.readUInt32BE(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });
});

describe('choosing and using a font', () => {
  it('names the character a font lacks, in Vietnamese', () => {
    const use = new FontUse(regular);
    let error: unknown;
    try {
      use.encode('Hòa Bình 中');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VanThuError);
    expect((error as VanThuError).code).toBe('VALIDATION');
    expect((error as VanThuError).message).toContain('"中" (U+4E2D)');
    expect((error as VanThuError).message).toContain('Liberation Serif');
  });

  it('prefers Times New Roman from the Windows fonts folder, else the shipped Liberation Serif', () => {
    const windows = path.join(dir, 'Fonts');
    fs.mkdirSync(windows);
    expect(fontFamilies({ windowsFontsDir: windows }).map((f) => f.name)).toEqual(['Liberation Serif']);
    fs.copyFileSync(path.join(FONTS, 'LiberationSerif-Regular.ttf'), path.join(windows, 'times.ttf'));
    const families = fontFamilies({ windowsFontsDir: windows });
    expect(families.map((f) => f.name)).toEqual(['Times New Roman', 'Liberation Serif']);
    expect(chooseFamily(families, { regular: ['Ủy ban nhân dân xã Hòa Bình'] }).name).toBe('Times New Roman');
  });

  it('falls back to Liberation Serif when the Windows Times New Roman lacks Vietnamese letters', () => {
    const windows = path.join(dir, 'OldFonts');
    fs.mkdirSync(windows);
    // An old Times New Roman: Latin only.
    const ascii = new Map<number, number>();
    for (let cp = 0x20; cp < 0x7f; cp++) ascii.set(cp, regular.glyphId(cp));
    fs.writeFileSync(path.join(windows, 'times.ttf'), withCmap(regular, ascii));
    const families = fontFamilies({ windowsFontsDir: windows });
    expect(chooseFamily(families, { regular: ['So: 01/QD-UBND'] }).name).toBe('Times New Roman');
    expect(chooseFamily(families, { regular: ['Số: 01/QĐ-UBND'] }).name).toBe('Liberation Serif');
    expect(() => chooseFamily(families, { regular: ['Ủy ban 中'] })).toThrow(/Liberation Serif không có chữ "中"/);
  });

  it('normalizes decomposed Vietnamese (NFD) to the precomposed letters', () => {
    const nfd = 'Hòa Bình'.normalize('NFD');
    expect(nfd.length).toBeGreaterThan('Hòa Bình'.length);
    expect(normalizeText(nfd)).toBe('Hòa Bình');
    expect(new FontUse(regular).width(nfd, 10)).toBeCloseTo(new FontUse(regular).width('Hòa Bình', 10), 6);
  });
});

describe('embedded text', () => {
  it('extracts with pdftotext exactly as written, from a Type0 / Identity-H subset font', () => {
    const lines = [
      'Ủy ban nhân dân xã Hòa Bình',
      'ĐẾN',
      'Số: 01/QĐ-UBND',
      'Thượng khẩn, Hỏa tốc; Đảng ủy; Tuyệt mật',
      'Chuyển: đồng chí Trương Thị Ngọc Ánh, ưu tiên xử lý; Nguyễn Hữu Kỹ',
      'Nguyễn Thị Ngọc Ánh'.normalize('NFD'),
    ];
    const file = write(dir, 'lines.pdf', linesPdf(lines));
    const text = pdftotext(file)
      .split('\n')
      .filter((l) => l.trim());
    expect(text).toEqual(lines.map((l) => l.normalize('NFC')));
    const fonts = pdffonts(file);
    // name, type "CID TrueType", encoding Identity-H, embedded, subset, ToUnicode: yes yes yes
    expect(fonts).toMatch(/^[A-Z]{6}\+LiberationSerif\s+CID TrueType\s+Identity-H\s+yes yes yes/m);
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);
  });
});
