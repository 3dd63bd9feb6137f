/**
 * A TrueType subset that keeps glyph ids: unused glyphs become empty outlines, so the PDF can
 * address glyphs with /CIDToGIDMap /Identity and no renumbering can go wrong. A stamp needs a
 * few dozen glyphs of a 400 KB font; the subset is a few kilobytes.
 */
import type { TrueTypeFont } from './truetype';

/** Tables a PDF renderer needs from an embedded TrueType font (ISO 32000-1 §9.9). */
const KEPT = ['OS/2', 'cvt ', 'fpgm', 'hhea', 'hmtx', 'maxp', 'name', 'prep'];

const ARG_WORDS = 0x0001;
const HAVE_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const HAVE_XY_SCALE = 0x0040;
const HAVE_2X2 = 0x0080;

/** The glyphs a composite glyph is built from (Vietnamese letters are often base + marks). */
function components(font: TrueTypeFont, gid: number): number[] {
  const [start, end] = font.glyphRange(gid);
  if (end - start < 10 || font.bytes.readInt16BE(start) >= 0) return [];
  const out: number[] = [];
  let at = start + 10;
  for (let guard = 0; guard < 256 && at + 4 <= end; guard++) {
    const flags = font.bytes.readUInt16BE(at);
    out.push(font.bytes.readUInt16BE(at + 2));
    at += 4 + (flags & ARG_WORDS ? 4 : 2);
    if (flags & HAVE_SCALE) at += 2;
    else if (flags & HAVE_XY_SCALE) at += 4;
    else if (flags & HAVE_2X2) at += 8;
    if (!(flags & MORE_COMPONENTS)) break;
  }
  return out;
}

/** The used glyphs plus .notdef and every component they reference. */
export function glyphClosure(font: TrueTypeFont, used: Iterable<number>): Set<number> {
  const keep = new Set<number>();
  const todo = [0, ...used];
  while (todo.length > 0) {
    const gid = todo.pop() as number;
    if (keep.has(gid)) continue;
    keep.add(gid);
    for (const c of components(font, gid)) if (c < font.numGlyphs && !keep.has(c)) todo.push(c);
  }
  return keep;
}

function checksum(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) {
    const word = ((data[i] ?? 0) << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0);
    sum = (sum + (word >>> 0)) >>> 0;
  }
  return sum;
}

function pad4(b: Buffer): Buffer {
  const rem = b.length % 4;
  return rem === 0 ? b : Buffer.concat([b, Buffer.alloc(4 - rem)]);
}

/** Assembles an sfnt file from tables, with directory, checksums and head.checkSumAdjustment. */
function assemble(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const pow = 2 ** Math.floor(Math.log2(n));
  const header = Buffer.alloc(12 + n * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(pow * 16, 6);
  header.writeUInt16BE(Math.log2(pow), 8);
  header.writeUInt16BE(n * 16 - pow * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag) as Buffer;
    const rec = 12 + i * 16;
    header.write(tag, rec, 'latin1');
    header.writeUInt32BE(checksum(data), rec + 4);
    header.writeUInt32BE(offset, rec + 8);
    header.writeUInt32BE(data.length, rec + 12);
    const padded = pad4(data);
    bodies.push(padded);
    offset += padded.length;
  });
  const file = Buffer.concat([header, ...bodies]);
  const headIndex = tags.indexOf('head');
  if (headIndex >= 0) {
    const headOffset = header.readUInt32BE(12 + headIndex * 16 + 8);
    file.writeUInt32BE((0xb1b0afba - checksum(file)) >>> 0, headOffset + 8);
  }
  return file;
}

/**
 * A format 4 cmap for the characters used (one segment each). Glyphs are addressed by id in
 * the PDF, but some viewers and validators still expect a font to carry a cmap.
 */
function smallCmap(chars: Map<number, number>): Buffer {
  const codes = [...chars.entries()].filter(([cp]) => cp < 0xffff).sort((a, b) => a[0] - b[0]);
  const segs = codes.length + 1;
  const sub = Buffer.alloc(16 + segs * 8);
  sub.writeUInt16BE(4, 0);
  sub.writeUInt16BE(sub.length, 2);
  sub.writeUInt16BE(segs * 2, 6);
  const pow = 2 ** Math.floor(Math.log2(segs));
  sub.writeUInt16BE(pow * 2, 8);
  sub.writeUInt16BE(Math.log2(pow), 10);
  sub.writeUInt16BE(segs * 2 - pow * 2, 12);
  const ends = 14;
  const starts = ends + segs * 2 + 2;
  const deltas = starts + segs * 2;
  const ranges = deltas + segs * 2;
  [...codes, [0xffff, 1] as [number, number]].forEach(([cp, gid], i) => {
    sub.writeUInt16BE(cp, ends + i * 2);
    sub.writeUInt16BE(cp, starts + i * 2);
    sub.writeUInt16BE((gid - cp) & 0xffff, deltas + i * 2);
    sub.writeUInt16BE(0, ranges + i * 2);
  });
  return Buffer.concat([Buffer.from([0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12]), sub]);
}

/**
 * A font file holding only `used` glyphs' outlines (plus their components), ids unchanged;
 * `chars` (code point -> glyph id) becomes its cmap.
 */
export function subsetTrueType(font: TrueTypeFont, used: Iterable<number>, chars = new Map<number, number>()): Buffer {
  const keep = glyphClosure(font, used);
  const glyphs: Buffer[] = [];
  const loca = Buffer.alloc((font.numGlyphs + 1) * 4);
  let offset = 0;
  for (let gid = 0; gid < font.numGlyphs; gid++) {
    loca.writeUInt32BE(offset, gid * 4);
    if (!keep.has(gid)) continue;
    const [start, end] = font.glyphRange(gid);
    const outline = pad4(Buffer.from(font.bytes.subarray(start, end)));
    glyphs.push(outline);
    offset += outline.length;
  }
  loca.writeUInt32BE(offset, font.numGlyphs * 4);

  const tables = new Map<string, Buffer>();
  const copy = (tag: string) => {
    const t = font.tables.get(tag);
    return t ? Buffer.from(font.bytes.subarray(t.offset, t.offset + t.length)) : null;
  };
  for (const tag of KEPT) {
    const data = copy(tag);
    if (data) tables.set(tag, data);
  }
  const head = copy('head');
  if (head) {
    head.writeUInt32BE(0, 8); // checkSumAdjustment, set again once the file is assembled
    head.writeInt16BE(1, 50); // long loca offsets
    tables.set('head', head);
  }
  tables.set('loca', loca);
  tables.set('cmap', smallCmap(chars));
  tables.set('glyf', Buffer.concat(glyphs));
  // post version 3: metrics only, no glyph names (they would describe glyphs that are gone).
  const post = copy('post');
  if (post && post.length >= 32) {
    const short = Buffer.from(post.subarray(0, 32));
    short.writeUInt32BE(0x00030000, 0);
    tables.set('post', short);
  }
  return assemble(tables);
}
