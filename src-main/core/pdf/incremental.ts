/**
 * Appends an incremental update to a PDF: the original bytes stay exactly as they were (a signed
 * original is never rewritten), new and changed objects follow, then a cross-reference section
 * of the same kind as the one before it (a table after a table, a stream after a stream) whose
 * /Prev points back, so every earlier signature still covers its own revision untouched.
 */
import type { PdfFile, PdfObject } from './syntax';
import { PdfDict, PdfName, PdfRef, serializeObject } from './syntax';

export interface UpdateObject {
  num: number;
  gen: number;
  /** The serialized object body (what goes between "N G obj" and "endobj"). */
  body: Buffer;
}

export function objectBody(value: PdfObject): Buffer {
  return serializeObject(value);
}

/** Copies a dictionary with some entries replaced (undefined removes one). */
export function withEntries(dict: PdfDict, changes: Record<string, PdfObject | undefined>): PdfDict {
  const entries = new Map(dict.entries);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) entries.delete(k);
    else entries.set(k, v);
  }
  return new PdfDict(entries);
}

export interface AppendedUpdate {
  bytes: Buffer;
  /** Absolute offset of each written object's "N G obj" in the new file. */
  offsets: Map<number, number>;
}

/** The trailer entries an update carries over from the newest trailer. */
function carriedTrailer(pdf: PdfFile, size: number, prev: number): Map<string, PdfObject> {
  const entries = new Map<string, PdfObject>();
  entries.set('Size', size);
  for (const key of ['Root', 'Info', 'ID']) {
    const v = pdf.trailer.get(key);
    if (v !== undefined) entries.set(key, v);
  }
  entries.set('Prev', prev);
  return entries;
}

/** Consecutive runs of object numbers, for the xref's subsections. */
function runs(nums: number[]): [number, number][] {
  const sorted = [...nums].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out.at(-1);
    if (last && last[0] + last[1] === n) last[1]++;
    else out.push([n, 1]);
  }
  return out;
}

export function appendUpdate(pdf: PdfFile, objects: UpdateObject[]): AppendedUpdate {
  const original = Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset, pdf.bytes.byteLength);
  const parts: Buffer[] = [original];
  let offset = original.length;
  // The update starts on a new line, even if the file ended without one.
  const last = original[original.length - 1];
  if (last !== 0x0a && last !== 0x0d) {
    parts.push(Buffer.from('\n'));
    offset += 1;
  }
  const offsets = new Map<number, number>();
  for (const o of objects) {
    offsets.set(o.num, offset);
    const chunk = Buffer.concat([Buffer.from(`${o.num} ${o.gen} obj\n`), o.body, Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    offset += chunk.length;
  }
  const prev = pdf.revisions.at(-1)?.xrefOffset ?? 0;
  const maxNum = Math.max(pdf.size - 1, ...objects.map((o) => o.num));
  const newestKind = pdf.revisions.at(-1)?.kind ?? 'table';
  const gens = new Map(objects.map((o) => [o.num, o.gen]));

  if (newestKind === 'table') {
    const size = maxNum + 1;
    let xref = 'xref\n';
    for (const [start, count] of runs([...offsets.keys()])) {
      xref += `${start} ${count}\n`;
      for (let n = start; n < start + count; n++) {
        xref += `${String(offsets.get(n)).padStart(10, '0')} ${String(gens.get(n) ?? 0).padStart(5, '0')} n\r\n`;
      }
    }
    const trailer = new PdfDict(carriedTrailer(pdf, size, prev));
    parts.push(
      Buffer.from(xref),
      Buffer.from('trailer\n'),
      serializeObject(trailer),
      Buffer.from(`\nstartxref\n${offset}\n%%EOF\n`),
    );
  } else {
    // A cross-reference stream (uncompressed, fields 1/4/2 bytes) that lists itself too.
    const xrefNum = maxNum + 1;
    offsets.set(xrefNum, offset);
    gens.set(xrefNum, 0);
    const nums = [...offsets.keys()];
    const index: number[] = [];
    const rows: Buffer[] = [];
    for (const [start, count] of runs(nums)) {
      index.push(start, count);
      for (let n = start; n < start + count; n++) {
        const row = Buffer.alloc(7);
        row.writeUInt8(1, 0);
        row.writeUInt32BE(offsets.get(n) as number, 1);
        row.writeUInt16BE(gens.get(n) ?? 0, 5);
        rows.push(row);
      }
    }
    const data = Buffer.concat(rows);
    const dict = carriedTrailer(pdf, xrefNum + 1, prev);
    dict.set('Type', new PdfName('XRef'));
    dict.set('W', [1, 4, 2]);
    dict.set('Index', index);
    dict.set('Length', data.length);
    parts.push(
      Buffer.from(`${xrefNum} 0 obj\n`),
      serializeObject(new PdfDict(dict)),
      Buffer.from('\nstream\n'),
      data,
      Buffer.from(`\nendstream\nendobj\nstartxref\n${offset}\n%%EOF\n`),
    );
  }
  return { bytes: Buffer.concat(parts), offsets };
}

export { PdfRef };
