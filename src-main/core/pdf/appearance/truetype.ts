/**
 * A reader for TrueType (glyf-outline) fonts: just what embedding in a PDF needs — metrics
 * (head, hhea, hmtx, maxp, OS/2, post), the character map (cmap formats 4 and 12), names, and
 * the glyf/loca outlines for subsetting. Every read is bounds-checked: a damaged font must end
 * in a clear error, never in a RangeError deep inside a signature.
 */
import { VanThuError } from '../../../../src-shared/ipc/errors';

export interface TableRecord {
  offset: number;
  length: number;
}

export interface TrueTypeFont {
  bytes: Buffer;
  tables: Map<string, TableRecord>;
  /** PostScript name from the name table (ID 6), e.g. "TimesNewRomanPSMT". */
  postScriptName: string;
  familyName: string;
  unitsPerEm: number;
  bbox: [number, number, number, number];
  /** 0: short loca offsets (×2), 1: long. */
  indexToLocFormat: number;
  numGlyphs: number;
  ascender: number;
  descender: number;
  capHeight: number;
  italicAngle: number;
  weightClass: number;
  /** OS/2 fsType: embedding permissions (0x0002 restricted, 0x0100 no subsetting). */
  fsType: number;
  /** Advance width of every glyph, in font units. */
  advances: Uint16Array;
  /** Glyph id for a Unicode code point; 0 (.notdef) when the font has none. */
  glyphId(codePoint: number): number;
  /** Byte range of a glyph's outline inside `bytes` (empty for blank glyphs like the space). */
  glyphRange(gid: number): [number, number];
}

function bad(detail: string): VanThuError {
  return new VanThuError('BAD_FILE', `Tệp phông chữ bị hỏng hoặc không phải phông TrueType (${detail}).`);
}

/** Bounds-checked big-endian reads over the font file. */
class Reader {
  constructor(readonly buf: Buffer) {}
  private check(at: number, size: number): void {
    if (!Number.isInteger(at) || at < 0 || at + size > this.buf.length) throw bad(`đọc ngoài tệp tại ${at}`);
  }
  u8(at: number): number {
    this.check(at, 1);
    return this.buf.readUInt8(at);
  }
  u16(at: number): number {
    this.check(at, 2);
    return this.buf.readUInt16BE(at);
  }
  i16(at: number): number {
    this.check(at, 2);
    return this.buf.readInt16BE(at);
  }
  u32(at: number): number {
    this.check(at, 4);
    return this.buf.readUInt32BE(at);
  }
  fixed(at: number): number {
    this.check(at, 4);
    return this.buf.readInt32BE(at) / 65536;
  }
  tag(at: number): string {
    this.check(at, 4);
    return this.buf.toString('latin1', at, at + 4);
  }
}

function readTables(r: Reader): Map<string, TableRecord> {
  const version = r.u32(0);
  if (version === 0x74746366) throw bad('tệp .ttc chứa nhiều phông, cần tệp .ttf');
  if (version === 0x4f54544f) throw bad('phông OpenType CFF, cần phông TrueType');
  if (version !== 0x00010000 && version !== 0x74727565) throw bad('sai chữ ký tệp');
  const count = r.u16(4);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const offset = r.u32(at + 8);
    const length = r.u32(at + 12);
    if (offset + length > r.buf.length) throw bad(`bảng ${r.tag(at)} vượt quá tệp`);
    tables.set(r.tag(at), { offset, length });
  }
  return tables;
}

function need(tables: Map<string, TableRecord>, tag: string): TableRecord {
  const t = tables.get(tag);
  if (!t) throw bad(`thiếu bảng ${tag}`);
  return t;
}

/** A cmap subtable as a lookup function; formats 4 (BMP) and 12 (full Unicode). */
function cmapLookup(r: Reader, at: number): ((cp: number) => number) | null {
  const format = r.u16(at);
  if (format === 4) {
    const segX2 = r.u16(at + 6);
    const ends = at + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const rangeOffsets = deltas + segX2;
    const segs = segX2 / 2;
    return (cp) => {
      if (cp > 0xffff) return 0;
      // Segments are sorted by end code: binary search the first end >= cp.
      let lo = 0;
      let hi = segs - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (r.u16(ends + mid * 2) < cp) lo = mid + 1;
        else hi = mid;
      }
      const start = r.u16(starts + lo * 2);
      if (cp < start || cp > r.u16(ends + lo * 2)) return 0;
      const delta = r.u16(deltas + lo * 2);
      const ro = r.u16(rangeOffsets + lo * 2);
      if (ro === 0) return (cp + delta) & 0xffff;
      const g = r.u16(rangeOffsets + lo * 2 + ro + (cp - start) * 2);
      return g === 0 ? 0 : (g + delta) & 0xffff;
    };
  }
  if (format === 12) {
    const groups = r.u32(at + 12);
    const first = at + 16;
    return (cp) => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const g = first + mid * 12;
        const start = r.u32(g);
        const end = r.u32(g + 4);
        if (cp < start) hi = mid - 1;
        else if (cp > end) lo = mid + 1;
        else return r.u32(g + 8) + (cp - start);
      }
      return 0;
    };
  }
  return null;
}

/** The best Unicode subtable: Windows full (3,10), Windows BMP (3,1), then Unicode platform. */
function readCmap(r: Reader, table: TableRecord): (cp: number) => number {
  const count = r.u16(table.offset + 2);
  const found = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const rec = table.offset + 4 + i * 8;
    found.set(`${r.u16(rec)},${r.u16(rec + 2)}`, table.offset + r.u32(rec + 4));
  }
  for (const key of ['3,10', '0,6', '0,4', '3,1', '0,3', '0,2', '0,1', '0,0']) {
    const at = found.get(key);
    if (at === undefined) continue;
    const lookup = cmapLookup(r, at);
    if (lookup) return lookup;
  }
  throw bad('không có bảng mã Unicode (cmap 4 hoặc 12)');
}

function readName(r: Reader, table: TableRecord | undefined, id: number): string {
  if (!table) return '';
  const count = r.u16(table.offset + 2);
  const strings = table.offset + r.u16(table.offset + 4);
  let fallback = '';
  for (let i = 0; i < count; i++) {
    const rec = table.offset + 6 + i * 12;
    if (r.u16(rec + 6) !== id) continue;
    const platform = r.u16(rec);
    const length = r.u16(rec + 8);
    const start = strings + r.u16(rec + 10);
    if (start + length > r.buf.length) continue;
    const raw = r.buf.subarray(start, start + length);
    if (platform === 3 || platform === 0) {
      return Buffer.from(raw).swap16().toString('utf16le');
    }
    if (platform === 1 && !fallback) fallback = raw.toString('latin1');
  }
  return fallback;
}

export function parseTrueType(input: Uint8Array): TrueTypeFont {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length < 12) throw bad('tệp quá ngắn');
  const r = new Reader(bytes);
  const tables = readTables(r);

  const head = need(tables, 'head').offset;
  const unitsPerEm = r.u16(head + 18);
  if (unitsPerEm < 16 || unitsPerEm > 16384) throw bad('unitsPerEm không hợp lệ');
  const bbox: [number, number, number, number] = [
    r.i16(head + 36),
    r.i16(head + 38),
    r.i16(head + 40),
    r.i16(head + 42),
  ];
  const indexToLocFormat = r.i16(head + 50);

  const numGlyphs = r.u16(need(tables, 'maxp').offset + 4);
  const hhea = need(tables, 'hhea').offset;
  const ascender = r.i16(hhea + 4);
  const descender = r.i16(hhea + 6);
  const numberOfHMetrics = r.u16(hhea + 34);
  if (numberOfHMetrics < 1 || numberOfHMetrics > numGlyphs) throw bad('hhea.numberOfHMetrics');

  // hmtx lists full metrics for the first glyphs; the rest repeat the last advance.
  const hmtx = need(tables, 'hmtx').offset;
  const advances = new Uint16Array(numGlyphs);
  for (let g = 0; g < numGlyphs; g++) advances[g] = r.u16(hmtx + Math.min(g, numberOfHMetrics - 1) * 4);

  const os2 = tables.get('OS/2');
  const os2Version = os2 ? r.u16(os2.offset) : 0;
  const fsType = os2 ? r.u16(os2.offset + 8) : 0;
  const weightClass = os2 ? r.u16(os2.offset + 4) : 400;
  const capHeight = os2 && os2Version >= 2 && os2.length >= 90 ? r.i16(os2.offset + 88) : Math.round(ascender * 0.7);
  const post = tables.get('post');
  const italicAngle = post ? r.fixed(post.offset + 4) : 0;

  const glyphIdOf = readCmap(r, need(tables, 'cmap'));
  const loca = need(tables, 'loca');
  const glyf = need(tables, 'glyf');
  const locaAt = (gid: number): number =>
    indexToLocFormat === 0 ? r.u16(loca.offset + gid * 2) * 2 : r.u32(loca.offset + gid * 4);
  const name = tables.get('name');

  return {
    bytes,
    tables,
    postScriptName: readName(r, name, 6).replace(/[^\x21-\x7e]|[[\](){}<>/%]/g, '') || 'Font',
    familyName: readName(r, name, 1) || readName(r, name, 4) || 'TrueType',
    unitsPerEm,
    bbox,
    indexToLocFormat,
    numGlyphs,
    ascender,
    descender,
    capHeight,
    italicAngle,
    weightClass,
    fsType,
    advances,
    glyphId(cp) {
      const g = glyphIdOf(cp);
      return g > 0 && g < numGlyphs ? g : 0;
    },
    glyphRange(gid) {
      if (gid < 0 || gid >= numGlyphs) throw bad(`mã hình chữ ${gid}`);
      const start = locaAt(gid);
      const end = locaAt(gid + 1);
      if (end < start || end > glyf.length) throw bad(`bảng loca tại hình chữ ${gid}`);
      return [glyf.offset + start, glyf.offset + end];
    },
  };
}
