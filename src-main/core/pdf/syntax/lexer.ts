/**
 * Byte-level helpers shared by the parser, the xref reader and the scanner. They work on the
 * file's bytes in place (no string conversion of the file), which keeps opening fast.
 */

export const WS = 1;
export const DELIM = 2;

/** Character classes (§7.2.2): 0 = regular, WS = white-space, DELIM = delimiter. */
export const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = WS;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = DELIM;

export const CR = 0x0d;
export const LF = 0x0a;

export function isWhite(c: number | undefined): boolean {
  return c !== undefined && CLASS[c] === WS;
}

/** True at the end of data or before white-space or a delimiter: where a token may end. */
export function isBoundary(bytes: Uint8Array, pos: number): boolean {
  const c = bytes[pos];
  return c === undefined || CLASS[c] !== 0;
}

/** Skips white-space and comments (a comment runs from % to the end of the line). */
export function skipWs(bytes: Uint8Array, pos: number): number {
  const n = bytes.length;
  while (pos < n) {
    const c = bytes[pos] as number;
    if (CLASS[c] === WS) {
      pos++;
    } else if (c === 0x25 /* % */) {
      while (pos < n && bytes[pos] !== CR && bytes[pos] !== LF) pos++;
    } else {
      break;
    }
  }
  return pos;
}

/** Whether the ASCII word is at pos and ends at a token boundary. */
export function matchKeyword(bytes: Uint8Array, pos: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    if (bytes[pos + i] !== word.charCodeAt(i)) return false;
  }
  return isBoundary(bytes, pos + word.length);
}

/** Whether the ASCII text is at pos (no boundary check). */
export function matchBytes(bytes: Uint8Array, pos: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (bytes[pos + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Reads an unsigned decimal integer at pos. Returns [value, end] or null when there is none or
 * it does not end at a boundary. Values beyond 2^53 stay approximate, which callers reject.
 */
export function readUint(bytes: Uint8Array, pos: number): [number, number] | null {
  let v = 0;
  const start = pos;
  for (;;) {
    const c = bytes[pos];
    if (c === undefined || c < 0x30 || c > 0x39) break;
    v = v * 10 + (c - 0x30);
    pos++;
  }
  if (pos === start || !isBoundary(bytes, pos)) return null;
  return [v, pos];
}

/** The end of the regular-character run starting at pos. */
export function tokenEnd(bytes: Uint8Array, pos: number): number {
  const n = bytes.length;
  while (pos < n && CLASS[bytes[pos] as number] === 0) pos++;
  return pos;
}

/** Bytes as latin1 text, for short spans (keywords, error messages). */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, end - start)).toString('latin1');
}

/** A Buffer over the same memory, for the fast indexOf / lastIndexOf searches (no copy). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Length of the end-of-line marker at pos: 2 for CRLF, 1 for CR or LF, else 0. */
export function eolLength(bytes: Uint8Array, pos: number): number {
  if (bytes[pos] === CR) return bytes[pos + 1] === LF ? 2 : 1;
  return bytes[pos] === LF ? 1 : 0;
}
