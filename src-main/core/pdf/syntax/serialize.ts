/**
 * Writes PDF objects for incremental updates. Output is plain ASCII apart from string bytes,
 * deterministic (same object -> same bytes), and parses back to an equal object.
 */
import { CLASS } from './lexer';
import { encodePdfDoc } from './pdfdoc-encoding';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfObject } from './objects';

const HEX = '0123456789ABCDEF';

/** Numbers are written without exponent and with at most 6 decimals (PDF has no 1e-7). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`cannot write ${n} in a PDF`);
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n === 0 ? 0 : n) : BigInt(n).toString();
  const s = n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

function nameBytes(value: string): number[] {
  // Names are bytes held as latin1; anything wider is written as its UTF-8 bytes.
  return /^[\x00-\xff]*$/.test(value) ? Array.from(value, (ch) => ch.charCodeAt(0)) : [...Buffer.from(value, 'utf8')];
}

export function formatName(value: string): string {
  let out = '/';
  for (const c of nameBytes(value)) {
    // Delimiters, white-space, '#' and anything outside printable ASCII are escaped (§7.3.5).
    if (c < 0x21 || c > 0x7e || c === 0x23 || CLASS[c] !== 0) out += `#${HEX[c >> 4]}${HEX[c & 15]}`;
    else out += String.fromCharCode(c);
  }
  return out;
}

function literalBytes(bytes: Uint8Array): Buffer {
  const out: number[] = [0x28];
  for (const c of bytes) {
    switch (c) {
      case 0x28:
      case 0x29:
      case 0x5c:
        out.push(0x5c, c);
        break; // ( ) \
      case 0x0a:
        out.push(0x5c, 0x6e);
        break; // \n
      case 0x0d:
        out.push(0x5c, 0x72);
        break; // \r: a raw CR would be read back as LF
      case 0x09:
        out.push(0x5c, 0x74);
        break;
      case 0x08:
        out.push(0x5c, 0x62);
        break;
      case 0x0c:
        out.push(0x5c, 0x66);
        break;
      default:
        out.push(c);
    }
  }
  out.push(0x29);
  return Buffer.from(out);
}

function hexBytes(bytes: Uint8Array): Buffer {
  return Buffer.from(
    `<${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex').toUpperCase()}>`,
    'latin1',
  );
}

function write(obj: PdfObject, parts: Buffer[]): void {
  if (obj === null) parts.push(Buffer.from('null'));
  else if (typeof obj === 'boolean') parts.push(Buffer.from(obj ? 'true' : 'false'));
  else if (typeof obj === 'number') parts.push(Buffer.from(formatNumber(obj)));
  else if (obj instanceof PdfName) parts.push(Buffer.from(formatName(obj.value), 'latin1'));
  else if (obj instanceof PdfString) parts.push(obj.hex ? hexBytes(obj.bytes) : literalBytes(obj.bytes));
  else if (obj instanceof PdfRef) parts.push(Buffer.from(`${obj.num} ${obj.gen} R`));
  else if (Array.isArray(obj)) {
    parts.push(Buffer.from('['));
    obj.forEach((item, i) => {
      if (i > 0) parts.push(Buffer.from(' '));
      write(item, parts);
    });
    parts.push(Buffer.from(']'));
  } else if (obj instanceof PdfDict) {
    parts.push(Buffer.from('<<'));
    for (const [k, v] of obj.entries) {
      parts.push(Buffer.from(` ${formatName(k)} `, 'latin1'));
      write(v, parts);
    }
    parts.push(Buffer.from(' >>'));
  } else if (obj instanceof PdfStream) {
    throw new TypeError('a stream has no inline form: use serializeStreamObject');
  } else {
    throw new TypeError('not a PDF object');
  }
}

export function serializeObject(obj: PdfObject): Buffer {
  const parts: Buffer[] = [];
  write(obj, parts);
  return Buffer.concat(parts);
}

/** "num gen obj\n<object>\nendobj\n" */
export function serializeIndirectObject(num: number, gen: number, obj: PdfObject): Buffer {
  return Buffer.concat([Buffer.from(`${num} ${gen} obj\n`), serializeObject(obj), Buffer.from('\nendobj\n')]);
}

/** A stream body with /Length set to data's length: "<<…>>\nstream\r\n…\nendstream". */
export function serializeStreamObject(streamDict: PdfDict, data: Uint8Array): Buffer {
  return Buffer.concat([
    serializeObject(streamDict.with('Length', data.length)),
    Buffer.from('\nstream\r\n'),
    data,
    Buffer.from('\nendstream'),
  ]);
}

// ---- builders ----

export function dict(entries: Record<string, PdfObject>): PdfDict {
  return new PdfDict(new Map(Object.entries(entries)));
}

export function name(value: string): PdfName {
  return new PdfName(value);
}

export function ref(num: number, gen = 0): PdfRef {
  return new PdfRef(num, gen);
}

export function hexString(bytes: Uint8Array): PdfString {
  return new PdfString(Uint8Array.from(bytes), true);
}

/**
 * A text string: PDFDocEncoding when every character fits, else UTF-16BE with a BOM (needed
 * for Vietnamese, whose letters are mostly outside PDFDocEncoding).
 */
export function literalString(text: string): PdfString {
  const doc = encodePdfDoc(text);
  if (doc) return new PdfString(doc, false);
  const le = Buffer.from(text, 'utf16le');
  const out = new Uint8Array(le.length + 2);
  out[0] = 0xfe;
  out[1] = 0xff;
  for (let i = 0; i + 1 < le.length; i += 2) {
    out[i + 2] = le[i + 1] as number;
    out[i + 3] = le[i] as number;
  }
  return new PdfString(out, false);
}
