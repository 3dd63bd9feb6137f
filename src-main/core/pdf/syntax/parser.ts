/**
 * Parses PDF objects (§7.3) straight from bytes. It is a recursive-descent parser whose depth
 * is capped by the budget, so [[[[…]]]] nested 10,000 deep fails fast instead of overflowing
 * the stack. Tolerances follow what real producers get wrong: stray exponents in numbers, bad
 * stream /Length, a missing endobj.
 */
import { Budget, damaged, tooComplex, type PdfLimits } from './limits';
import {
  CLASS,
  CR,
  LF,
  WS,
  asBuffer,
  eolLength,
  isBoundary,
  matchBytes,
  matchKeyword,
  readUint,
  skipWs,
  tokenEnd,
} from './lexer';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfObject } from './objects';

/** Returns a stream's /Length when it is an indirect reference; undefined when unknown. */
export type LengthResolver = (ref: PdfRef) => number | undefined;

export interface IndirectObject {
  ref: PdfRef;
  value: PdfObject;
  /** offset of "N G obj" */
  start: number;
  /** offset just after "endobj" (or after the value when endobj is missing) */
  end: number;
}

// Literal strings are decoded into this scratch buffer, then copied out at their real size.
let scratch = new Uint8Array(1024);
function ensureScratch(size: number): void {
  if (size <= scratch.length) return;
  const bigger = new Uint8Array(Math.max(size, scratch.length * 2));
  bigger.set(scratch);
  scratch = bigger;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

const STRICT_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const LENIENT_NUMBER = /^[+-]*(\d*\.?\d*)(?:[eE]([+-]?\d+))?/;

/**
 * A numeric token's value, or null when the token is not numeric. PDF numbers have no
 * exponent, but some producers write 1e-05; and "--5", "5.", "-" occur in damaged files.
 */
function parseNumber(token: string): number | null {
  if (STRICT_NUMBER.test(token)) return Number(token);
  const c = token.charCodeAt(0);
  const numericStart = (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
  if (!numericStart) return null;
  const m = LENIENT_NUMBER.exec(token);
  const digits = m?.[1] ?? '';
  let v = /\d/.test(digits) ? Number(digits) : 0;
  if (!Number.isFinite(v)) v = 0;
  const exp = m?.[2];
  if (exp !== undefined) {
    const scaled = v * 10 ** Number(exp);
    v = Number.isFinite(scaled) ? scaled : 0;
  }
  // An odd number of minus signs in the leading run makes it negative ("--5" is read as 5 by
  // some readers, -5 by others; we follow pdf.js, which treats any leading minus as negative).
  return /^[+-]*-/.test(token) && v !== 0 ? -v : v;
}

export class Parser {
  pos = 0;
  private readonly buf: Buffer;

  /** buf may be passed in when the caller already holds a Buffer over bytes (saves a view per object). */
  constructor(
    readonly bytes: Uint8Array,
    readonly budget: Budget,
    readonly resolveLength?: LengthResolver,
    buf?: Buffer,
  ) {
    this.buf = buf ?? asBuffer(bytes);
  }

  /** Parses one direct object at this.pos (a reference counts as one object). */
  parseObject(depth = 0): PdfObject {
    if (depth > this.budget.maxDepth) throw tooComplex(`objects nested deeper than ${this.budget.maxDepth}`);
    this.budget.tick();
    const b = this.bytes;
    const p = skipWs(b, this.pos);
    const c = b[p];
    if (c === undefined) throw damaged('unexpected end of data');
    switch (c) {
      case 0x5b /* [ */:
        return this.parseArray(p + 1, depth);
      case 0x3c /* < */:
        return b[p + 1] === 0x3c ? this.parseDict(p + 2, depth) : this.parseHexString(p + 1);
      case 0x28 /* ( */:
        return this.parseLiteralString(p + 1);
      case 0x2f /* / */:
        return this.parseName(p + 1);
      default:
        if (CLASS[c] !== 0) throw damaged(`unexpected "${String.fromCharCode(c)}" at offset ${p}`);
        return this.parseToken(p);
    }
  }

  /**
   * Parses "N G obj … endobj" at offset (leading white-space is skipped), including a stream
   * body. Throws DAMAGED when there is no object header there.
   */
  parseIndirect(offset: number): IndirectObject {
    const b = this.bytes;
    let p = skipWs(b, offset);
    const start = p;
    const num = readUint(b, p);
    const gen = num && readUint(b, skipWs(b, num[1]));
    if (!num || !gen) throw damaged(`no object at offset ${offset}`);
    p = skipWs(b, gen[1]);
    if (!matchKeyword(b, p, 'obj')) throw damaged(`no object at offset ${offset}`);
    this.pos = p + 3;
    let value = this.parseObject(0);
    p = skipWs(b, this.pos);
    if (value instanceof PdfDict && matchKeyword(b, p, 'stream')) {
      value = this.parseStreamBody(value, p + 6);
      p = skipWs(b, this.pos);
    }
    let end = this.pos;
    if (matchKeyword(b, p, 'endobj')) end = p + 6;
    this.pos = end;
    return { ref: new PdfRef(num[0], gen[0]), value, start, end };
  }

  private parseArray(p: number, depth: number): PdfObject[] {
    const out: PdfObject[] = [];
    const b = this.bytes;
    for (;;) {
      p = skipWs(b, p);
      const c = b[p];
      if (c === undefined) throw damaged('unterminated array');
      if (c === 0x5d /* ] */) {
        this.pos = p + 1;
        return out;
      }
      this.pos = p;
      out.push(this.parseObject(depth + 1));
      p = this.pos;
    }
  }

  private parseDict(p: number, depth: number): PdfDict {
    const map = new Map<string, PdfObject>();
    const b = this.bytes;
    for (;;) {
      p = skipWs(b, p);
      const c = b[p];
      if (c === undefined) throw damaged('unterminated dictionary');
      if (c === 0x3e && b[p + 1] === 0x3e) {
        this.pos = p + 2;
        return new PdfDict(map);
      }
      if (c !== 0x2f) throw damaged(`dictionary key is not a name at offset ${p}`);
      const key = this.parseName(p + 1).value;
      p = skipWs(b, this.pos);
      // A key right before ">>" has lost its value; drop it rather than fail the whole object.
      if (b[p] === 0x3e && b[p + 1] === 0x3e) continue;
      this.pos = p;
      map.set(key, this.parseObject(depth + 1)); // the last of duplicate keys wins
      p = this.pos;
    }
  }

  private parseName(p: number): PdfName {
    const b = this.bytes;
    const end = tokenEnd(b, p);
    this.pos = end;
    let hasEscape = false;
    for (let i = p; i < end; i++) if (b[i] === 0x23) hasEscape = true;
    if (!hasEscape) return new PdfName(this.buf.toString('latin1', p, end));
    let s = '';
    for (let i = p; i < end; i++) {
      const c = b[i] as number;
      if (c === 0x23 && i + 2 < end) {
        const hi = hexValue(b[i + 1] as number);
        const lo = hexValue(b[i + 2] as number);
        if (hi >= 0 && lo >= 0) {
          s += String.fromCharCode(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      s += String.fromCharCode(c); // a '#' without two hex digits stays literal
    }
    return new PdfName(s);
  }

  private parseLiteralString(p: number): PdfString {
    const b = this.bytes;
    const n = b.length;
    let nesting = 1;
    let o = 0;
    for (;;) {
      if (p >= n) throw damaged('unterminated string');
      let c = b[p++] as number;
      if (c === 0x28) {
        nesting++;
      } else if (c === 0x29) {
        if (--nesting === 0) break;
      } else if (c === 0x5c /* \ */) {
        if (p >= n) throw damaged('unterminated string');
        const e = b[p++] as number;
        switch (e) {
          case 0x6e:
            c = LF;
            break;
          case 0x72:
            c = CR;
            break;
          case 0x74:
            c = 0x09;
            break;
          case 0x62:
            c = 0x08;
            break;
          case 0x66:
            c = 0x0c;
            break;
          case CR: // backslash + end of line: a line continuation, no byte
            if (b[p] === LF) p++;
            continue;
          case LF:
            continue;
          default:
            if (e >= 0x30 && e <= 0x37) {
              let v = e - 0x30;
              for (let k = 0; k < 2 && (b[p] ?? 0) >= 0x30 && (b[p] ?? 0) <= 0x37; k++) {
                v = v * 8 + ((b[p++] as number) - 0x30);
              }
              c = v & 0xff; // high-order overflow is ignored (§7.3.4.2)
            } else {
              c = e; // unknown escape: the backslash is ignored
            }
        }
      } else if (c === CR) {
        // An unescaped end of line of any form is read as a single LF (§7.3.4.2).
        if (b[p] === LF) p++;
        c = LF;
      }
      ensureScratch(o + 1);
      scratch[o++] = c;
    }
    this.pos = p;
    return new PdfString(scratch.slice(0, o), false);
  }

  private parseHexString(p: number): PdfString {
    const b = this.bytes;
    const close = this.buf.indexOf(0x3e, p);
    if (close < 0) throw damaged('unterminated hex string');
    const out = new Uint8Array((close - p + 1) >> 1);
    let o = 0;
    let hi = -1;
    for (let i = p; i < close; i++) {
      const v = hexValue(b[i] as number);
      if (v < 0) continue; // white-space (and, leniently, any other junk) is ignored
      if (hi < 0) {
        hi = v;
      } else {
        out[o++] = hi * 16 + v;
        hi = -1;
      }
    }
    if (hi >= 0) out[o++] = hi * 16; // an odd final digit is followed by an implied 0
    this.pos = close + 1;
    return new PdfString(out.slice(0, o), true);
  }

  /** A number, a reference "N G R", or true / false / null. */
  private parseToken(p: number): PdfObject {
    const b = this.bytes;
    const end = tokenEnd(b, p);
    const uint = readUint(b, p);
    if (uint && uint[1] === end) {
      // An unsigned integer may start a reference: look ahead for "G R".
      let q = skipWs(b, end);
      const gen = readUint(b, q);
      if (gen) {
        q = skipWs(b, gen[1]);
        if (b[q] === 0x52 /* R */ && isBoundary(b, q + 1)) {
          this.pos = q + 1;
          return new PdfRef(uint[0], gen[0]);
        }
      }
      this.pos = end;
      return uint[0];
    }
    if (end - p > 64) throw damaged(`unexpected token at offset ${p}`);
    const token = this.buf.toString('latin1', p, end);
    this.pos = end;
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token === 'null') return null;
    const v = parseNumber(token);
    if (v === null) throw damaged(`unexpected "${token}" at offset ${p}`);
    return v;
  }

  /** Reads stream data after the "stream" keyword; p points just past the keyword. */
  private parseStreamBody(dict: PdfDict, p: number): PdfStream {
    const b = this.bytes;
    // The keyword is followed by CRLF or LF (a lone CR or stray spaces are tolerated).
    let q = p;
    while (b[q] === 0x20) q++;
    const eol = eolLength(b, q);
    const dataStart = eol > 0 ? q + eol : p;

    let length: number | undefined;
    const raw = dict.get('Length');
    if (typeof raw === 'number') length = raw;
    else if (raw instanceof PdfRef && this.resolveLength) length = this.resolveLength(raw);

    if (length !== undefined && Number.isInteger(length) && length >= 0 && dataStart + length <= b.length) {
      let after = dataStart + length;
      while (after < b.length && CLASS[b[after] as number] === WS) after++;
      if (matchBytes(b, after, 'endstream')) {
        this.pos = after + 9;
        return new PdfStream(dict, dataStart, dataStart + length);
      }
    }
    // /Length is missing, wrong or unresolvable: the data runs to the next "endstream".
    let stop = this.buf.indexOf('endstream', dataStart, 'latin1');
    let next = stop + 9;
    if (stop < 0) {
      stop = this.buf.indexOf('endobj', dataStart, 'latin1');
      if (stop < 0) throw damaged('stream without endstream');
      next = stop;
    }
    let dataEnd = stop;
    // The end-of-line before "endstream" is not data.
    if (dataEnd > dataStart && b[dataEnd - 1] === LF) dataEnd--;
    if (dataEnd > dataStart && b[dataEnd - 1] === CR) dataEnd--;
    this.pos = next;
    return new PdfStream(dict, dataStart, dataEnd);
  }
}

function toBudget(limits: Partial<PdfLimits> | Budget | undefined): Budget {
  return limits instanceof Budget ? limits : new Budget(limits);
}

/** Parses one direct object at offset; end is the offset just after it. */
export function parseObjectAt(
  bytes: Uint8Array,
  offset: number,
  limits?: Partial<PdfLimits> | Budget,
): { value: PdfObject; end: number } {
  const parser = new Parser(bytes, toBudget(limits));
  parser.pos = offset;
  const value = parser.parseObject(0);
  return { value, end: parser.pos };
}

/** Parses "N G obj … endobj" at offset. resolveLength serves an indirect stream /Length. */
export function parseIndirectObjectAt(
  bytes: Uint8Array,
  offset: number,
  limits?: Partial<PdfLimits> | Budget,
  resolveLength?: LengthResolver,
): IndirectObject {
  return new Parser(bytes, toBudget(limits), resolveLength).parseIndirect(offset);
}
