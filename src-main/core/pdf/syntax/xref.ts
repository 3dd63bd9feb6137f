/**
 * Reads cross-reference sections (§7.5.4 tables, §7.5.8 streams, §7.5.8.4 hybrid /XRefStm)
 * and follows the /Prev chain from startxref. Any structural fault throws DAMAGED, and the
 * caller then rebuilds the index by scanning; limits and loops throw TOO_COMPLEX, which no
 * scan could cure.
 */
import { decodeStreamData } from './filters';
import { asBuffer, matchKeyword, readUint, skipWs } from './lexer';
import { Budget, damaged, tooComplex } from './limits';
import { PdfDict, PdfRef, PdfStream, type PdfObject } from './objects';
import { Parser } from './parser';

/** Where an in-use object is: at a byte offset, or inside an object stream. */
export type PdfXrefEntry =
  { kind: 'direct'; gen: number; offset: number } | { kind: 'compressed'; gen: 0; streamNum: number; index: number };

export interface XrefSection {
  offset: number;
  kind: 'table' | 'stream';
  trailer: PdfDict;
  /** in-use entries; for a hybrid table, merged with its /XRefStm stream */
  entries: Map<number, PdfXrefEntry>;
  /** object numbers marked free (object 0 left out: it only heads the free list) */
  freed: Set<number>;
  /** offset just after the trailer dictionary or the xref stream's endobj */
  end: number;
  prev: number | undefined;
}

/** Shared count of entries and sections across the chain, against the limits. */
interface Tally {
  entries: number;
  sections: number;
}

/** The offset named after the last "startxref". */
export function findStartxref(bytes: Uint8Array): number {
  const at = asBuffer(bytes).lastIndexOf('startxref', undefined, 'latin1');
  if (at < 0) throw damaged('startxref not found');
  const n = readUint(bytes, skipWs(bytes, at + 9));
  if (!n || n[0] >= bytes.length) throw damaged('startxref offset is invalid');
  return n[0];
}

/** All sections from startxref back through /Prev, newest first. */
export function readXrefChain(bytes: Uint8Array, start: number, budget: Budget): XrefSection[] {
  const sections: XrefSection[] = [];
  const seen = new Set<number>();
  const tally: Tally = { entries: 0, sections: 0 };
  let offset: number | undefined = start;
  while (offset !== undefined) {
    budget.checkDeadline();
    if (seen.has(offset)) throw tooComplex('the cross-reference /Prev chain loops');
    seen.add(offset);
    const section = readSection(bytes, offset, budget, tally);
    sections.push(section);
    offset = section.prev;
  }
  return sections;
}

function countSection(budget: Budget, tally: Tally): void {
  if (++tally.sections > budget.maxXrefSections) {
    throw tooComplex(`more than ${budget.maxXrefSections} cross-reference sections`);
  }
}

function countEntries(budget: Budget, tally: Tally, n: number): void {
  tally.entries += n;
  if (tally.entries > budget.maxObjects) throw tooComplex(`more than ${budget.maxObjects} objects`);
}

function offsetOf(v: PdfObject | undefined, bytes: Uint8Array): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= bytes.length) {
    throw damaged('invalid cross-reference offset');
  }
  return v;
}

function readSection(bytes: Uint8Array, offset: number, budget: Budget, tally: Tally): XrefSection {
  countSection(budget, tally);
  const p = skipWs(bytes, offset);
  if (matchKeyword(bytes, p, 'xref')) return readTable(bytes, offset, p + 4, budget, tally);
  return readStream(bytes, offset, budget, tally);
}

function readTable(bytes: Uint8Array, offset: number, p: number, budget: Budget, tally: Tally): XrefSection {
  const entries = new Map<number, PdfXrefEntry>();
  const freed = new Set<number>();
  for (;;) {
    p = skipWs(bytes, p);
    if (matchKeyword(bytes, p, 'trailer')) break;
    const first = readUint(bytes, p);
    const count = first && readUint(bytes, skipWs(bytes, first[1]));
    if (!first || !count) throw damaged(`bad cross-reference subsection at offset ${p}`);
    countEntries(budget, tally, count[0]);
    p = count[1];
    let base = first[0];
    for (let i = 0; i < count[0]; i++) {
      budget.tick();
      const off = readUint(bytes, skipWs(bytes, p));
      const gen = off && readUint(bytes, skipWs(bytes, off[1]));
      if (!off || !gen) throw damaged(`bad cross-reference entry near offset ${p}`);
      const q = skipWs(bytes, gen[1]);
      const type = bytes[q];
      if ((type !== 0x6e && type !== 0x66) || !matchKeyword(bytes, q, type === 0x6e ? 'n' : 'f')) {
        throw damaged(`bad cross-reference entry near offset ${p}`);
      }
      p = q + 1;
      // A common writer bug numbers the first subsection from 1 while it starts with the
      // entry for object 0 ("0000000000 65535 f"): read it as starting at 0.
      if (i === 0 && base === 1 && type === 0x66 && off[0] === 0 && gen[0] === 65535) base = 0;
      const num = base + i;
      if (entries.has(num) || freed.has(num)) continue; // the first entry for a number wins
      if (type === 0x6e) {
        if (off[0] > 0) entries.set(num, { kind: 'direct', gen: gen[0], offset: off[0] });
      } else if (num !== 0) {
        freed.add(num);
      }
    }
  }
  const parser = new Parser(bytes, budget);
  parser.pos = p + 7;
  const trailer = parser.parseObject(0);
  if (!(trailer instanceof PdfDict)) throw damaged('trailer is not a dictionary');
  const end = parser.pos;

  // Hybrid file: objects in object streams are listed in the stream named by /XRefStm. The
  // table's in-use entries come first; the stream fills in the rest (§7.5.8.4).
  const stmOffset = offsetOf(trailer.get('XRefStm'), bytes);
  if (stmOffset !== undefined) {
    countSection(budget, tally);
    const stm = readStream(bytes, stmOffset, budget, tally);
    for (const [num, e] of stm.entries) {
      if (!entries.has(num)) {
        entries.set(num, e);
        freed.delete(num);
      }
    }
    for (const num of stm.freed) if (!entries.has(num)) freed.add(num);
  }
  return { offset, kind: 'table', trailer, entries, freed, end, prev: offsetOf(trailer.get('Prev'), bytes) };
}

/** A direct-only deref for the xref stream's own dictionary: nothing can be resolved yet. */
function directOnly(v: PdfObject | undefined): PdfObject {
  if (v instanceof PdfRef) throw damaged('cross-reference stream uses an indirect filter parameter');
  return v ?? null;
}

function readStream(bytes: Uint8Array, offset: number, budget: Budget, tally: Tally): XrefSection {
  const obj = new Parser(bytes, budget).parseIndirect(offset);
  const stream = obj.value;
  if (!(stream instanceof PdfStream) || stream.dict.getName('Type') !== 'XRef') {
    throw damaged(`no cross-reference section at offset ${offset}`);
  }
  const dict = stream.dict;
  const [w0, w1, w2] = fieldWidths(dict.get('W'));
  const size = dict.get('Size');
  if (w0 === undefined || w1 === undefined || w2 === undefined || typeof size !== 'number' || size < 0) {
    throw damaged('cross-reference stream /W or /Size is invalid');
  }
  const index = dict.get('Index') ?? [0, size];
  if (!Array.isArray(index) || index.length % 2 !== 0) throw damaged('cross-reference stream /Index is invalid');

  const data = decodeStreamData(bytes.subarray(stream.rawStart, stream.rawEnd), dict, budget, directOnly);
  const width = w0 + w1 + w2;
  const entries = new Map<number, PdfXrefEntry>();
  const freed = new Set<number>();
  let p = 0;
  for (let k = 0; k < index.length; k += 2) {
    const first = index[k];
    const count = index[k + 1];
    if (typeof first !== 'number' || typeof count !== 'number' || first < 0 || count < 0) {
      throw damaged('cross-reference stream /Index is invalid');
    }
    countEntries(budget, tally, count);
    // Short data ends the table early rather than failing: the rest is simply not listed.
    const available = Math.min(count, Math.floor((data.length - p) / Math.max(1, width)));
    for (let i = 0; i < available; i++, p += width) {
      budget.tick();
      const type = w0 === 0 ? 1 : field(data, p, w0);
      const f2 = field(data, p + w0, w1);
      const f3 = field(data, p + w0 + w1, w2);
      const num = first + i;
      if (entries.has(num) || freed.has(num)) continue;
      if (type === 0) {
        if (num !== 0) freed.add(num);
      } else if (type === 1) {
        if (f2 > 0) entries.set(num, { kind: 'direct', gen: f3, offset: f2 });
      } else if (type === 2) {
        entries.set(num, { kind: 'compressed', gen: 0, streamNum: f2, index: f3 });
      } // other types are reserved: such an entry is a reference to the null object
    }
    if (available < count) break;
  }
  return {
    offset,
    kind: 'stream',
    trailer: dict,
    entries,
    freed,
    end: obj.end,
    prev: offsetOf(dict.get('Prev'), bytes),
  };
}

/** /W: three field widths of 0-8 bytes each (wider fields cannot be held exactly). */
function fieldWidths(w: PdfObject | undefined): Array<number | undefined> {
  if (!Array.isArray(w) || w.length !== 3) return [];
  return w.map((x) => (typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 8 ? x : undefined));
}

/** A big-endian unsigned field of 0-8 bytes. */
function field(data: Uint8Array, p: number, width: number): number {
  let v = 0;
  for (let i = 0; i < width; i++) v = v * 256 + (data[p + i] ?? 0);
  return v;
}
