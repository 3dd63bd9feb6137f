/**
 * A whole new PDF file (not an update): header, the objects in number order, a classic
 * cross-reference table and the trailer with /Root, /Info and /ID. Nothing here reads the
 * clock or a random source: equal objects and identifier give equal bytes.
 */
import { createHash } from 'node:crypto';
import type { UpdateObject } from '../incremental';
import { dict, hexString, serializeObject, type PdfRef } from '../syntax';

/** The /ID of a file: given (16 bytes or 32 hex digits), else the digest of its objects. */
export function fileId(objects: UpdateObject[], given?: Uint8Array | string): Uint8Array {
  if (typeof given === 'string') {
    if (!/^(?:[0-9a-fA-F]{2}){8,32}$/.test(given)) throw new TypeError('file id: 16 to 32 bytes in hex');
    return Buffer.from(given, 'hex');
  }
  if (given) return Uint8Array.from(given);
  const hash = createHash('sha256');
  for (const o of objects) hash.update(o.body);
  return hash.digest().subarray(0, 16);
}

export function assemblePdf(objects: UpdateObject[], root: PdfRef, info: PdfRef, id: Uint8Array): Buffer {
  const sorted = [...objects].sort((a, b) => a.num - b.num);
  const size = (sorted.at(-1)?.num ?? 0) + 1;
  const offsets = new Array<number | undefined>(size);
  // The second line's high bytes tell transfer tools the file is binary (§7.5.2).
  const header = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const parts: Buffer[] = [header];
  let offset = header.length;
  for (const o of sorted) {
    offsets[o.num] = offset;
    const chunk = Buffer.concat([Buffer.from(`${o.num} ${o.gen} obj\n`), o.body, Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    offset += chunk.length;
  }
  let xref = `xref\n0 ${size}\n0000000000 65535 f\r\n`;
  for (let n = 1; n < size; n++) {
    const at = offsets[n];
    // A number never written (none is, normally) is listed free.
    xref += at === undefined ? '0000000000 00001 f\r\n' : `${String(at).padStart(10, '0')} 00000 n\r\n`;
  }
  const idString = hexString(id);
  const trailer = dict({ Size: size, Root: root, Info: info, ID: [idString, idString] });
  parts.push(
    Buffer.from(xref, 'latin1'),
    Buffer.from('trailer\n'),
    serializeObject(trailer),
    Buffer.from(`\nstartxref\n${offset}\n%%EOF\n`),
  );
  return Buffer.concat(parts);
}
