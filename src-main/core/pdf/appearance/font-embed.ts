/**
 * Embeds a TrueType font for the text an appearance actually shows: a Type0 font with
 * /Identity-H (two-byte glyph ids, so every Vietnamese letter is reachable without an
 * encoding table), a CIDFontType2 descendant with /CIDToGIDMap /Identity and /W widths, the
 * subset font program as FontFile2, and a /ToUnicode CMap so the text can be searched, copied
 * and extracted (pdftotext) exactly as written.
 */
import { createHash } from 'node:crypto';
import { VanThuError } from '../../../../src-shared/ipc/errors';
import { dict, literalString, PdfName, type PdfObject, type PdfRef } from '../syntax';
import type { ObjectSink } from './objects';
import { subsetTrueType } from './subset';
import type { TrueTypeFont } from './truetype';

/**
 * Text as it will be drawn: NFC, because Vietnamese typed with combining marks (a decomposed
 * "ệ") must use the font's precomposed glyph; tabs and line breaks become spaces.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\t\n\r\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u0000-\u001f\u007f\u200b-\u200f\ufeff]/g, '');
}

/** The first character of `text` the font cannot draw, or null. */
export function firstMissing(font: TrueTypeFont, text: string): string | null {
  for (const ch of normalizeText(text)) {
    if (font.glyphId(ch.codePointAt(0) as number) === 0) return ch;
  }
  return null;
}

export function missingGlyphError(familyName: string, ch: string, text: string): VanThuError {
  const code = (ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
  return new VanThuError(
    'VALIDATION',
    `Phông chữ ${familyName} không có chữ "${ch}" (U+${code}) nên không in được dòng "${text}" lên tệp PDF. Hãy sửa lại nội dung dòng này.`,
  );
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

function utf16Hex(text: string): string {
  return Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();
}

/** One font as used by one update: records glyphs as text is encoded, then writes itself. */
export class FontUse {
  /** glyph id -> the text it stands for (for ToUnicode) */
  private readonly used = new Map<number, string>();

  constructor(readonly font: TrueTypeFont) {
    // fsType 0x0002 alone: "restricted licence embedding" — the vendor forbids embedding.
    if ((font.fsType & 0x000f) === 0x0002) {
      throw new VanThuError(
        'VALIDATION',
        `Phông chữ ${font.familyName} không cho phép nhúng vào tệp PDF. Hãy dùng phông Times New Roman hoặc Liberation Serif.`,
      );
    }
  }

  /** Nothing was drawn with this font: it need not be embedded. */
  get empty(): boolean {
    return this.used.size === 0;
  }

  private glyphs(text: string): number[] {
    const out: number[] = [];
    for (const ch of normalizeText(text)) {
      const gid = this.font.glyphId(ch.codePointAt(0) as number);
      if (gid === 0) throw missingGlyphError(this.font.familyName, ch, text);
      out.push(gid);
    }
    return out;
  }

  /** The hex string operand for Tj; records the glyphs for the subset and ToUnicode. */
  encode(text: string): string {
    const chars = [...normalizeText(text)];
    const gids = this.glyphs(text);
    gids.forEach((gid, i) => {
      if (!this.used.has(gid)) this.used.set(gid, chars[i] as string);
    });
    return `<${gids.map(hex4).join('')}>`;
  }

  /** Advance width of `text` at `size` points (no kerning: appearances are short lines). */
  width(text: string, size: number): number {
    let units = 0;
    for (const gid of this.glyphs(text)) units += this.font.advances[gid] ?? 0;
    return (units / this.font.unitsPerEm) * size;
  }

  /** Glyph-space (1/1000 em) value of a font-unit measure. */
  private pdfUnits(v: number): number {
    return Math.round((v * 1000) / this.font.unitsPerEm);
  }

  /** /W: runs of consecutive glyph ids with their widths. */
  private widths(gids: number[]): PdfObject[] {
    const out: PdfObject[] = [];
    let run: number[] = [];
    let start = -1;
    for (const gid of gids) {
      if (start >= 0 && gid === start + run.length) {
        run.push(this.pdfUnits(this.font.advances[gid] ?? 0));
        continue;
      }
      if (start >= 0) out.push(start, run);
      start = gid;
      run = [this.pdfUnits(this.font.advances[gid] ?? 0)];
    }
    if (start >= 0) out.push(start, run);
    return out;
  }

  private toUnicode(gids: number[]): Buffer {
    const lines = [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <FFFF>',
      'endcodespacerange',
    ];
    for (let i = 0; i < gids.length; i += 100) {
      const chunk = gids.slice(i, i + 100);
      lines.push(`${chunk.length} beginbfchar`);
      for (const gid of chunk) lines.push(`<${hex4(gid)}> <${utf16Hex(this.used.get(gid) ?? '')}>`);
      lines.push('endbfchar');
    }
    lines.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end');
    return Buffer.from(lines.join('\n'), 'latin1');
  }

  /** Writes the font objects; returns the Type0 font to name in a /Resources /Font. */
  embed(sink: ObjectSink): PdfRef {
    const font = this.font;
    const gids = [...this.used.keys()].sort((a, b) => a - b);
    // 0x0100: the vendor allows embedding only of the whole font.
    const chars = new Map([...this.used].map(([gid, ch]) => [ch.codePointAt(0) as number, gid]));
    const program = font.fsType & 0x0100 ? Buffer.from(font.bytes) : subsetTrueType(font, gids, chars);
    // A subset is named with a tag derived from its glyphs (§9.9.2), so equal subsets match.
    const digest = createHash('sha256').update(font.postScriptName).update(gids.join(',')).digest();
    const tag = Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
    const baseFont = new PdfName(font.fsType & 0x0100 ? font.postScriptName : `${tag}+${font.postScriptName}`);

    const fontFile = sink.addStream(dict({ Length1: program.length }), program);
    const s = (v: number) => this.pdfUnits(v);
    const descriptor = sink.add(
      dict({
        Type: new PdfName('FontDescriptor'),
        FontName: baseFont,
        FontFamily: literalString(font.familyName),
        // Symbolic (4): glyphs are addressed by id, not through a standard encoding.
        Flags: 4,
        FontBBox: font.bbox.map(s),
        ItalicAngle: font.italicAngle,
        Ascent: s(font.ascender),
        Descent: s(font.descender),
        CapHeight: s(font.capHeight),
        FontWeight: font.weightClass,
        StemV: font.weightClass >= 600 ? 140 : 80,
        FontFile2: fontFile,
      }),
    );
    const cidFont = sink.add(
      dict({
        Type: new PdfName('Font'),
        Subtype: new PdfName('CIDFontType2'),
        BaseFont: baseFont,
        CIDSystemInfo: dict({ Registry: literalString('Adobe'), Ordering: literalString('Identity'), Supplement: 0 }),
        FontDescriptor: descriptor,
        DW: s(font.advances[0] ?? 0),
        W: this.widths(gids),
        CIDToGIDMap: new PdfName('Identity'),
      }),
    );
    const toUnicode = sink.addStream(dict({}), this.toUnicode(gids));
    return sink.add(
      dict({
        Type: new PdfName('Font'),
        Subtype: new PdfName('Type0'),
        BaseFont: baseFont,
        Encoding: new PdfName('Identity-H'),
        DescendantFonts: [cidFont],
        ToUnicode: toUnicode,
      }),
    );
  }
}
