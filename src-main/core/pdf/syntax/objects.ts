/**
 * The PDF object model (ISO 32000-1 §7.3). Values are plain numbers, booleans and null where
 * JavaScript has them, and small classes where PDF needs a distinction JavaScript lacks
 * (names vs strings, references vs objects, streams whose data stays in the file).
 *
 * Parsed objects may be shared through the document's cache: treat them as read-only and make
 * changed copies with PdfDict.with / without.
 */
import { decodePdfDoc } from './pdfdoc-encoding';

export type PdfObject = null | boolean | number | PdfName | PdfString | PdfRef | PdfObject[] | PdfDict | PdfStream;

export type PdfSyntaxErrorCode = 'DAMAGED' | 'ENCRYPTED' | 'TOO_COMPLEX' | 'NOT_PDF';

/**
 * Every failure of this layer is one of these, so callers can map the code to a message for
 * the clerk (in Vietnamese) and never see a raw RangeError or zlib error.
 */
export class PdfSyntaxError extends Error {
  constructor(
    readonly code: PdfSyntaxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PdfSyntaxError';
  }
}

/** A name, without the slash, #xx escapes decoded; bytes as a latin1 string. */
export class PdfName {
  constructor(readonly value: string) {}
  toString(): string {
    return `/${this.value}`;
  }
}

/** A string's bytes exactly as PDF defines them (escapes decoded, not yet text). */
export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex: boolean,
  ) {}

  /** Text-string decoding (§7.9.2.2): UTF-16BE or UTF-8 with a BOM, else PDFDocEncoding. */
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return decodeUtf16be(b.subarray(2));
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
      return Buffer.from(b.buffer, b.byteOffset + 3, b.length - 3).toString('utf8');
    }
    return decodePdfDoc(b);
  }

  /** The bytes as a latin1 string: handy for comparisons with ASCII and for dates. */
  latin1(): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length).toString('latin1');
  }
}

function decodeUtf16be(b: Uint8Array): string {
  const even = b.length & ~1; // an odd trailing byte cannot be a character
  const swapped = Buffer.alloc(even);
  for (let i = 0; i < even; i += 2) {
    swapped[i] = b[i + 1] ?? 0;
    swapped[i + 1] = b[i] ?? 0;
  }
  // PDF 2.0 language tags sit between two U+001B escapes; they are not text.
  return swapped.toString('utf16le').replace(/\u001b[^\u001b]*\u001b/g, '');
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  /** "num gen", for Map and Set keys. */
  key(): string {
    return `${this.num} ${this.gen}`;
  }
  equals(other: PdfRef): boolean {
    return this.num === other.num && this.gen === other.gen;
  }
  toString(): string {
    return `${this.num} ${this.gen} R`;
  }
}

/** A dictionary; keys are names without the slash. */
export class PdfDict {
  constructor(readonly entries: Map<string, PdfObject> = new Map()) {}

  get(key: string): PdfObject | undefined {
    return this.entries.get(key);
  }
  has(key: string): boolean {
    return this.entries.has(key);
  }
  keys(): string[] {
    return [...this.entries.keys()];
  }
  get size(): number {
    return this.entries.size;
  }

  /** The value if it is a direct name (no dereferencing), else undefined. */
  getName(key: string): string | undefined {
    const v = this.entries.get(key);
    return v instanceof PdfName ? v.value : undefined;
  }
  /** The value if it is a direct number, else undefined. */
  getNumber(key: string): number | undefined {
    const v = this.entries.get(key);
    return typeof v === 'number' ? v : undefined;
  }
  /** The value if it is a reference, else undefined. */
  getRef(key: string): PdfRef | undefined {
    const v = this.entries.get(key);
    return v instanceof PdfRef ? v : undefined;
  }

  /** A copy with key set: parsed dictionaries are shared, so never change them in place. */
  with(key: string, value: PdfObject): PdfDict {
    const copy = new Map(this.entries);
    copy.set(key, value);
    return new PdfDict(copy);
  }
  /** A copy without key. */
  without(key: string): PdfDict {
    const copy = new Map(this.entries);
    copy.delete(key);
    return new PdfDict(copy);
  }
}

/**
 * A stream: its dictionary and where its data lies in the file. The data is not copied;
 * PdfFile.streamData / decodeStream read it on demand.
 */
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    readonly rawStart: number,
    readonly rawEnd: number,
  ) {}
}

export function isDict(v: PdfObject | undefined): v is PdfDict {
  return v instanceof PdfDict;
}
export function isName(v: PdfObject | undefined, value?: string): v is PdfName {
  return v instanceof PdfName && (value === undefined || v.value === value);
}
