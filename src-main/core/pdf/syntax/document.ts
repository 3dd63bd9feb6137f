/**
 * openPdf: the entry point. It indexes a PDF's revisions and resolves objects on demand, never
 * copying the file (the bytes are read in place; stream data is returned as a view). Objects
 * are parsed lazily and cached, so opening costs the xref sections, not the object count.
 *
 * Revisions: a linearized file's first-page xref and main xref form one revision. Objects in
 * an encrypted file are returned as stored (strings still encrypted); decoding their streams
 * throws ENCRYPTED.
 */
import { decodeStreamData } from './filters';
import { asBuffer, skipWs } from './lexer';
import { Budget, damaged, tooComplex, type PdfLimits } from './limits';
import { PdfDict, PdfRef, PdfStream, PdfSyntaxError, type PdfObject } from './objects';
import { objectFromStream, readObjectStream, type ObjectStreamIndex } from './objstm';
import { Parser, type IndirectObject } from './parser';
import { isCatalog, reconstruct } from './reconstruct';
import { revisionsFromSections, type PdfRevision } from './revisions';
import { findEofMarkers, scanObjectHeaders, type EofMarker, type ObjectHeader } from './scan';
import { findStartxref, readXrefChain, type PdfXrefEntry } from './xref';

export type PdfObjectLocation =
  { kind: 'direct'; start: number; end: number } | { kind: 'compressed'; streamRef: PdfRef; index: number };

interface Hit {
  entry: PdfXrefEntry;
  rev: number;
}

/** Wraps anything unexpected (a bug, a stack overflow) as a typed error: callers see only PdfSyntaxError. */
function typed(e: unknown): PdfSyntaxError {
  if (e instanceof PdfSyntaxError) return e;
  if (e instanceof RangeError) return tooComplex(`the PDF is too complex (${e.message})`);
  return damaged(`the PDF could not be read (${e instanceof Error ? e.message : String(e)})`);
}

export class PdfFile {
  readonly trailer: PdfDict;
  readonly encrypted: boolean;
  /** bytes after the newest revision's %%EOF line (0 for a clean file) */
  readonly trailingBytes: number;
  /** /Size of the newest trailer, raised to cover the highest object number */
  readonly size: number;

  private readonly freedSets: Set<number>[];
  private readonly direct = new Map<number, IndirectObject>();
  private readonly compressed = new Map<string, PdfObject>();
  private readonly objStms = new Map<number, ObjectStreamIndex>();
  private readonly inProgress = new Set<string>();
  private headerIndex: Map<number, ObjectHeader[]> | undefined;
  /** one Buffer view over bytes, shared by every parser (no copy) */
  private readonly buf: Buffer;
  private repaired = false;

  /** @internal use openPdf */
  constructor(
    readonly bytes: Uint8Array,
    readonly revisions: PdfRevision[],
    private readonly eofs: EofMarker[],
    private readonly budget: Budget,
    private readonly rebuilt: boolean,
    seed?: Map<number, IndirectObject>,
  ) {
    const newest = revisions[revisions.length - 1];
    if (!newest) throw damaged('no cross-reference data');
    this.trailer = newest.trailer;
    this.freedSets = revisions.map((r) => new Set(r.freed));
    this.buf = asBuffer(bytes);
    const encrypt = this.trailer.get('Encrypt');
    this.encrypted = encrypt !== undefined && encrypt !== null;
    this.trailingBytes = Math.max(0, bytes.length - newest.end);
    let maxNum = -1;
    for (const r of revisions) for (const num of r.objects.keys()) if (num > maxNum) maxNum = num;
    const declared = this.trailer.getNumber('Size');
    this.size = Math.max(declared !== undefined && Number.isInteger(declared) ? declared : 0, maxNum + 1);
    if (seed) for (const [offset, obj] of seed) this.direct.set(offset, obj);
  }

  /**
   * True when the xref could not be used (the index was rebuilt by scanning), or when an
   * object had to be found by scanning because its xref offset was wrong.
   */
  get reconstructed(): boolean {
    return this.rebuilt || this.repaired;
  }

  /**
   * Offsets just after every %%EOF marker (and its end-of-line), ascending. Markers are found
   * by a plain byte search, so one inside stream data (an embedded PDF) is listed too; use
   * revisions[].end for the structural revision boundaries.
   */
  eofOffsets(): number[] {
    return this.eofs.map((e) => e.end);
  }

  /** The newest definition of ref; null when it is missing or free. */
  resolve(ref: PdfRef): PdfObject {
    return this.resolveIn(this.revisions.length - 1, ref);
  }

  /** ref as it stood at that revision: its newest definition at or before it. */
  resolveIn(revisionIndex: number, ref: PdfRef): PdfObject {
    this.checkRevision(revisionIndex);
    return this.run(() => this.resolveAt(ref.num, ref.gen, revisionIndex));
  }

  /** Follows references until a non-reference value (undefined reads as null). */
  deref(obj: PdfObject | undefined): PdfObject {
    return this.run(() => this.derefIn(obj, this.revisions.length - 1));
  }

  /** Follows references as they stood at a revision. */
  derefIn(obj: PdfObject | undefined, revisionIndex: number): PdfObject {
    this.checkRevision(revisionIndex);
    return this.run(() => {
      let v: PdfObject | undefined = obj;
      for (let hops = 0; v instanceof PdfRef; hops++) {
        if (hops >= this.budget.maxDepth) throw tooComplex('a chain of references loops or is too long');
        v = this.resolveAt(v.num, v.gen, revisionIndex);
      }
      return v ?? null;
    });
  }

  /** Where ref's definition (newest, or as of a revision) is in the file; null if missing or free. */
  objectLocation(ref: PdfRef, revisionIndex = this.revisions.length - 1): PdfObjectLocation | null {
    this.checkRevision(revisionIndex);
    return this.run(() => {
      const hit = this.lookup(ref.num, revisionIndex);
      if (!hit) return null;
      const { entry } = hit;
      if (entry.kind === 'compressed') {
        if (ref.gen !== 0) return null;
        const stm = this.lookup(entry.streamNum, hit.rev);
        return { kind: 'compressed', streamRef: new PdfRef(entry.streamNum, stm?.entry.gen ?? 0), index: entry.index };
      }
      if (entry.gen !== ref.gen) return null;
      const obj = this.loadDirect(ref.num, ref.gen, entry.offset, hit.rev);
      return { kind: 'direct', start: obj.start, end: obj.end };
    });
  }

  /** The document catalog (trailer /Root). */
  catalog(): PdfDict {
    return this.run(() => {
      const root = this.deref(this.trailer.get('Root'));
      if (!(root instanceof PdfDict)) throw damaged('the document catalog is missing');
      return root;
    });
  }

  /**
   * The page objects in document order. The tree is walked with an explicit stack, and a node
   * met twice (a loop, or a page listed under two parents) throws TOO_COMPLEX.
   */
  pages(): PdfRef[] {
    return this.run(() => {
      const rootRef = this.catalog().get('Pages');
      if (!(rootRef instanceof PdfRef)) throw damaged('the page tree root is not an indirect object');
      const newest = this.revisions.length - 1;
      const out: PdfRef[] = [];
      const seen = new Set<string>();
      const stack: Array<{ kids: PdfObject[]; next: number }> = [{ kids: [rootRef], next: 0 }];
      while (stack.length > 0) {
        const frame = stack[stack.length - 1] as { kids: PdfObject[]; next: number };
        const kid = frame.kids[frame.next++];
        if (frame.next > frame.kids.length) {
          stack.pop();
          continue;
        }
        this.budget.tick();
        if (!(kid instanceof PdfRef)) throw damaged('a page tree entry is not an indirect object');
        if (seen.has(kid.key())) throw tooComplex('the page tree loops');
        seen.add(kid.key());
        if (seen.size > this.budget.maxObjects) throw tooComplex(`more than ${this.budget.maxObjects} pages`);
        const node = this.resolveAt(kid.num, kid.gen, newest);
        if (!(node instanceof PdfDict)) throw damaged(`page tree node ${kid.key()} is not a dictionary`);
        const kids = this.derefIn(node.get('Kids'), newest);
        const type = node.getName('Type');
        if (type === 'Pages' || (type !== 'Page' && Array.isArray(kids))) {
          stack.push({ kids: Array.isArray(kids) ? kids : [], next: 0 });
        } else {
          out.push(kid);
        }
      }
      return out;
    });
  }

  /** The stream's raw (still encoded) data: a view into bytes, not a copy. */
  streamData(stream: PdfStream): Uint8Array {
    const start = Math.min(Math.max(0, stream.rawStart), this.bytes.length);
    return this.bytes.subarray(start, Math.min(Math.max(start, stream.rawEnd), this.bytes.length));
  }

  /** The stream's decoded data (FlateDecode and predictors; other filters throw DAMAGED). */
  decodeStream(stream: PdfStream): Uint8Array {
    return this.run(() => this.decode(stream));
  }

  // ---- internals ----

  private run<T>(fn: () => T): T {
    try {
      return this.budget.operation(fn);
    } catch (e) {
      throw typed(e);
    }
  }

  private checkRevision(i: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.revisions.length) {
      throw new RangeError(`no revision ${i} (the file has ${this.revisions.length})`);
    }
  }

  private decode(stream: PdfStream): Uint8Array {
    // Cross-reference streams are never encrypted (§7.6.1); everything else is.
    if (this.encrypted && stream.dict.getName('Type') !== 'XRef') {
      throw new PdfSyntaxError('ENCRYPTED', 'the stream is encrypted');
    }
    return decodeStreamData(this.streamData(stream), stream.dict, this.budget, (o) =>
      this.derefIn(o, this.revisions.length - 1),
    );
  }

  /** The entry in force for num at a revision; null when free there or never defined. */
  private lookup(num: number, rev: number): Hit | null {
    for (let r = rev; r >= 0; r--) {
      const entry = (this.revisions[r] as PdfRevision).objects.get(num);
      if (entry) return { entry, rev: r };
      if ((this.freedSets[r] as Set<number>).has(num)) return null;
    }
    return null;
  }

  private resolveAt(num: number, gen: number, rev: number): PdfObject {
    const hit = this.lookup(num, rev);
    if (!hit) return null;
    const { entry } = hit;
    if (entry.kind === 'direct') {
      // A reference whose generation does not match refers to nothing (§7.3.10).
      if (entry.gen !== gen) return null;
      return this.loadDirect(num, gen, entry.offset, hit.rev).value;
    }
    if (gen !== 0) return null;
    return this.loadCompressed(num, entry, hit.rev);
  }

  /** Detects reference loops and over-deep resolution (e.g. /Length through object streams). */
  private guard<T>(key: string, fn: () => T): T {
    if (this.inProgress.has(key)) throw tooComplex(`reference loop at object ${key}`);
    if (this.inProgress.size >= this.budget.maxDepth) throw tooComplex('references nested too deeply');
    this.inProgress.add(key);
    try {
      return fn();
    } finally {
      this.inProgress.delete(key);
    }
  }

  private loadDirect(num: number, gen: number, offset: number, rev: number): IndirectObject {
    const cached = this.direct.get(offset);
    if (cached && cached.ref.num === num && cached.ref.gen === gen) return cached;
    return this.guard(`${num} ${gen}`, () => {
      let obj: IndirectObject | undefined;
      try {
        obj = new Parser(this.bytes, this.budget, this.lengthResolver(rev), this.buf).parseIndirect(offset);
      } catch (e) {
        if (!(e instanceof PdfSyntaxError) || e.code !== 'DAMAGED') throw e;
      }
      if (!obj || obj.ref.num !== num || obj.ref.gen !== gen) {
        // The xref offset is wrong (a common fault of editing tools): find the object by scanning.
        obj = this.findByScan(num, gen, rev);
        if (!obj) throw damaged(`object ${num} ${gen} is not at its cross-reference offset ${offset}`);
        this.repaired = true;
      }
      this.direct.set(offset, obj);
      return obj;
    });
  }

  /**
   * Resolves an indirect /Length. A /Length that leads back to the stream itself (or fails)
   * gives undefined, and the parser then finds the data's end by looking for "endstream".
   */
  private lengthResolver(rev: number): (ref: PdfRef) => number | undefined {
    return (ref) => {
      if (this.inProgress.has(ref.key())) return undefined;
      try {
        const v = this.resolveAt(ref.num, ref.gen, rev);
        return typeof v === 'number' ? v : undefined;
      } catch (e) {
        if (e instanceof PdfSyntaxError && e.code === 'DAMAGED') return undefined;
        throw e;
      }
    };
  }

  private findByScan(num: number, gen: number, rev: number): IndirectObject | undefined {
    if (!this.headerIndex) {
      this.headerIndex = new Map();
      for (const h of scanObjectHeaders(this.bytes, this.budget)) {
        const list = this.headerIndex.get(h.num);
        if (list) list.push(h);
        else this.headerIndex.set(h.num, [h]);
      }
    }
    const limit = (this.revisions[rev] as PdfRevision).end;
    const candidates = this.headerIndex.get(num) ?? [];
    for (let i = candidates.length - 1; i >= 0; i--) {
      const h = candidates[i] as ObjectHeader;
      if (h.gen !== gen || h.start >= limit) continue;
      try {
        return new Parser(this.bytes, this.budget, this.lengthResolver(rev), this.buf).parseIndirect(h.start);
      } catch (e) {
        if (!(e instanceof PdfSyntaxError) || e.code !== 'DAMAGED') throw e;
      }
    }
    return undefined;
  }

  private loadCompressed(num: number, entry: PdfXrefEntry & { kind: 'compressed' }, rev: number): PdfObject {
    const stm = this.lookup(entry.streamNum, rev);
    if (!stm || stm.entry.kind !== 'direct') throw damaged(`object stream ${entry.streamNum} is missing`);
    const stmEntry = stm.entry;
    const key = `${stmEntry.offset}:${entry.index}:${num}`;
    if (this.compressed.has(key)) return this.compressed.get(key) ?? null;
    return this.guard(`${num} 0`, () => {
      let idx = this.objStms.get(stmEntry.offset);
      if (!idx) {
        const holder = this.loadDirect(entry.streamNum, stmEntry.gen, stmEntry.offset, stm.rev).value;
        if (!(holder instanceof PdfStream)) throw damaged(`object ${entry.streamNum} is not an object stream`);
        idx = readObjectStream(holder, this.decode(holder), this.budget, (o) => this.derefIn(o, stm.rev));
        this.objStms.set(stmEntry.offset, idx);
      }
      const value = objectFromStream(idx, entry.index, num, this.budget);
      this.compressed.set(key, value);
      return value;
    });
  }

  /** @internal after reconstruction: the newest catalog object found, if /Root is unusable */
  findCatalogRef(): PdfRef | undefined {
    for (let r = this.revisions.length - 1; r >= 0; r--) {
      const rev = this.revisions[r] as PdfRevision;
      for (const [num, entry] of [...rev.objects].reverse()) {
        const ref = new PdfRef(num, entry.gen);
        try {
          if (this.lookup(num, this.revisions.length - 1)?.entry === entry && isCatalog(this.resolve(ref))) {
            return ref;
          }
        } catch (e) {
          if (!(e instanceof PdfSyntaxError) || e.code === 'TOO_COMPLEX') throw e;
        }
      }
    }
    return undefined;
  }
}

/** Whether the file's first object is a linearization dictionary (Annex F). */
function isLinearized(bytes: Uint8Array, header: number, budget: Budget): boolean {
  // The first object follows the header line and the binary-marker comment.
  const p = skipWs(bytes, header);
  if (p > header + 1024) return false;
  try {
    const first = new Parser(bytes, budget).parseIndirect(p).value;
    return first instanceof PdfDict && first.has('Linearized');
  } catch {
    return false;
  }
}

/**
 * Opens a PDF held in memory. Throws PdfSyntaxError: NOT_PDF without a %PDF- header in the
 * first 1024 bytes, DAMAGED when no usable structure can be found even by scanning,
 * TOO_COMPLEX when a limit is exceeded or a loop is found. Encryption is reported, not refused.
 */
export function openPdf(bytes: Uint8Array, limits: Partial<PdfLimits> = {}): PdfFile {
  const budget = new Budget(limits);
  try {
    return budget.operation(() => open(bytes, budget));
  } catch (e) {
    throw typed(e);
  }
}

function open(bytes: Uint8Array, budget: Budget): PdfFile {
  const header = asBuffer(bytes).subarray(0, 1024).indexOf('%PDF-', 0, 'latin1');
  if (header < 0) throw new PdfSyntaxError('NOT_PDF', 'the file is not a PDF (no %PDF- header)');
  const eofs = findEofMarkers(bytes, budget);

  let file: PdfFile | undefined;
  try {
    const sections = readXrefChain(bytes, findStartxref(bytes), budget);
    const revisions = revisionsFromSections(sections, eofs, bytes.length, isLinearized(bytes, header, budget));
    file = new PdfFile(bytes, revisions, eofs, budget, false);
    // The xref is trusted only if it leads to the catalog (an encrypted file's catalog may sit
    // in an object stream we cannot decrypt, so there /Root must merely be present).
    if (file.encrypted ? !(file.trailer.get('Root') instanceof PdfRef) : !tryCatalog(file)) file = undefined;
  } catch (e) {
    if (!(e instanceof PdfSyntaxError) || e.code !== 'DAMAGED') throw e;
  }
  if (file) return file;

  const rebuilt = reconstruct(bytes, budget, eofs);
  if (rebuilt.revisions.length === 0) throw damaged('no PDF objects found');
  file = new PdfFile(bytes, rebuilt.revisions, eofs, budget, true, rebuilt.parsed);
  if (!file.encrypted && !tryCatalog(file)) {
    const ref = file.findCatalogRef();
    if (!ref) throw damaged('no document catalog found');
    const newest = rebuilt.revisions[rebuilt.revisions.length - 1] as PdfRevision;
    newest.trailer = newest.trailer.with('Root', ref);
    file = new PdfFile(bytes, rebuilt.revisions, eofs, budget, true, rebuilt.parsed);
  }
  return file;
}

function tryCatalog(file: PdfFile): boolean {
  try {
    file.catalog();
    return true;
  } catch (e) {
    if (e instanceof PdfSyntaxError && e.code === 'DAMAGED') return false;
    throw e;
  }
}
