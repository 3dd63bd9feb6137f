/**
 * Rebuilds the object index of a file whose xref is missing or broken, by parsing every
 * "N G obj" in the file. Revisions are recovered from the %%EOF markers: the objects between
 * two markers belong to one incremental update. Free entries cannot be recovered.
 */
import { decodeStreamData } from './filters';
import { asBuffer, matchKeyword, skipWs } from './lexer';
import { Budget } from './limits';
import { PdfDict, PdfRef, PdfStream, PdfSyntaxError, type PdfObject } from './objects';
import { readObjectStream } from './objstm';
import { Parser, type IndirectObject } from './parser';
import type { PdfRevision } from './revisions';
import { scanObjectHeaders, type EofMarker } from './scan';
import type { PdfXrefEntry } from './xref';

export interface Reconstruction {
  revisions: PdfRevision[];
  /** every object parsed, by start offset, to seed the document's cache */
  parsed: Map<number, IndirectObject>;
}

/** Per-object failures are skipped; only running out of time stops the scan. */
function skippable(e: unknown, budget: Budget): boolean {
  if (!(e instanceof PdfSyntaxError)) throw e;
  if (e.code === 'TOO_COMPLEX') budget.checkDeadline();
  return true;
}

function directOnly(v: PdfObject | undefined): PdfObject {
  return v instanceof PdfRef ? null : (v ?? null);
}

interface TrailerFound {
  pos: number;
  xrefOffset: number;
  kind: 'table' | 'stream';
  dict: PdfDict;
}

/** How many markers end at or before pos: the index of the segment pos lies in. */
function segmentOf(eofs: readonly EofMarker[], pos: number): number {
  let lo = 0;
  let hi = eofs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((eofs[mid] as EofMarker).end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function reconstruct(bytes: Uint8Array, budget: Budget, eofs: readonly EofMarker[]): Reconstruction {
  const items: IndirectObject[] = [];
  let coveredUntil = 0;
  for (const h of scanObjectHeaders(bytes, budget)) {
    if (h.start < coveredUntil) continue; // inside the previous object, e.g. its stream data
    try {
      const obj = new Parser(bytes, budget).parseIndirect(h.start);
      items.push(obj);
      coveredUntil = obj.end;
    } catch (e) {
      skippable(e, budget);
    }
  }
  const trailers = findTrailers(bytes, budget, items);

  // A linearized file's first-page section sits before a dummy %%EOF; it belongs with the
  // rest of the first revision.
  const first = items[0]?.value;
  const linearized = first instanceof PdfDict && first.has('Linearized');
  const seg = (pos: number): number => {
    const s = segmentOf(eofs, pos);
    return linearized && s === 0 && eofs.length > 1 ? 1 : s;
  };

  interface Segment {
    objects: Map<number, PdfXrefEntry>;
    trailer?: TrailerFound;
  }
  const segments = new Map<number, Segment>();
  const segmentAt = (s: number): Segment => {
    let found = segments.get(s);
    if (!found) segments.set(s, (found = { objects: new Map() }));
    return found;
  };

  for (const item of items) {
    budget.tick();
    const s = segmentAt(seg(item.start));
    const { num, gen } = item.ref;
    s.objects.set(num, { kind: 'direct', gen, offset: item.start });
    const v = item.value;
    if (!(v instanceof PdfStream)) continue;
    const type = v.dict.getName('Type');
    if (type === 'XRef') {
      s.trailer = { pos: item.start, xrefOffset: item.start, kind: 'stream', dict: v.dict };
    } else if (type === 'ObjStm') {
      try {
        const data = decodeStreamData(bytes.subarray(v.rawStart, v.rawEnd), v.dict, budget, directOnly);
        readObjectStream(v, data, budget, directOnly).members.forEach(([member], index) => {
          s.objects.set(member, { kind: 'compressed', gen: 0, streamNum: num, index });
        });
      } catch (e) {
        skippable(e, budget);
      }
    }
  }
  for (const t of trailers) {
    const s = segmentAt(seg(t.pos));
    if (!s.trailer || s.trailer.pos < t.pos) s.trailer = t;
  }

  const order = [...segments.keys()].sort((a, b) => a - b);
  const revisions: PdfRevision[] = order.map((key, index) => {
    const s = segments.get(key) as Segment;
    return {
      index,
      xrefOffset: s.trailer?.xrefOffset ?? -1,
      kind: s.trailer?.kind ?? 'table',
      trailer: s.trailer?.dict ?? new PdfDict(),
      objects: s.objects,
      freed: [],
      end: eofs[key]?.end ?? bytes.length,
    };
  });
  const newest = revisions[revisions.length - 1];
  if (newest) newest.trailer = synthesizeTrailer(revisions);

  const parsed = new Map<number, IndirectObject>();
  for (const item of items) parsed.set(item.start, item);
  return { revisions, parsed };
}

/** "trailer << … >>" dictionaries outside any parsed object. */
function findTrailers(bytes: Uint8Array, budget: Budget, items: readonly IndirectObject[]): TrailerFound[] {
  const buf = asBuffer(bytes);
  const out: TrailerFound[] = [];
  let k = 0;
  for (let i = buf.indexOf('trailer', 0, 'latin1'); i >= 0; i = buf.indexOf('trailer', i + 7, 'latin1')) {
    budget.tick();
    while (k < items.length && (items[k] as IndirectObject).end <= i) k++;
    const item = items[k];
    if (item && item.start <= i) continue; // inside an object
    if (!matchKeyword(bytes, i, 'trailer')) continue;
    try {
      const parser = new Parser(bytes, budget);
      parser.pos = skipWs(bytes, i + 7);
      const dict = parser.parseObject(0);
      if (!(dict instanceof PdfDict)) continue;
      const xref = buf.lastIndexOf('xref', i, 'latin1');
      // The table's "xref" keyword lies between the last object and the trailer.
      const xrefOffset = xref >= (items[k - 1]?.end ?? 0) ? xref : -1;
      out.push({ pos: i, xrefOffset, kind: 'table', dict });
    } catch (e) {
      skippable(e, budget);
    }
  }
  return out;
}

/**
 * The newest trailer keys that matter for reading (Root, Info, ID, Encrypt), each from the
 * newest trailer that has it, and a /Size covering every object found.
 */
function synthesizeTrailer(revisions: readonly PdfRevision[]): PdfDict {
  const keys = new Map<string, PdfObject>();
  let maxNum = -1;
  for (const rev of revisions) {
    for (const k of ['Root', 'Info', 'ID', 'Encrypt']) {
      const v = rev.trailer.get(k);
      if (v !== undefined && v !== null) keys.set(k, v);
    }
    for (const num of rev.objects.keys()) if (num > maxNum) maxNum = num;
  }
  keys.set('Size', maxNum + 1);
  return new PdfDict(keys);
}

export function isCatalog(v: PdfObject): v is PdfDict {
  return v instanceof PdfDict && v.getName('Type') === 'Catalog';
}
