/**
 * Whole-file scans that do not trust the xref: %%EOF markers (revision boundaries) and
 * "N G obj" headers (for repair). Both use Buffer.indexOf on the file in place, which is a
 * native memory search, so a 50 MB file is scanned in milliseconds without a copy.
 */
import { CLASS, asBuffer, eolLength, isBoundary, isWhite } from './lexer';
import { Budget, tooComplex } from './limits';

export interface EofMarker {
  /** offset of "%%EOF" */
  start: number;
  /** offset just after the marker and one end-of-line (CR, LF or CRLF) */
  end: number;
}

export function findEofMarkers(bytes: Uint8Array, budget: Budget): EofMarker[] {
  const buf = asBuffer(bytes);
  const out: EofMarker[] = [];
  for (let i = buf.indexOf('%%EOF', 0, 'latin1'); i >= 0; i = buf.indexOf('%%EOF', i + 5, 'latin1')) {
    budget.tick();
    out.push({ start: i, end: i + 5 + eolLength(bytes, i + 5) });
  }
  return out;
}

export interface ObjectHeader {
  num: number;
  gen: number;
  /** offset of the object number */
  start: number;
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

/**
 * Every "N G obj" in the file, in file order. Found by searching for "obj" and reading the
 * two integers backwards, so the cost is one native search plus a few bytes per hit. Hits
 * inside stream data are possible; callers parse each hit and skip those that fail.
 */
export function scanObjectHeaders(bytes: Uint8Array, budget: Budget): ObjectHeader[] {
  const buf = asBuffer(bytes);
  const out: ObjectHeader[] = [];
  for (let i = buf.indexOf('obj', 0, 'latin1'); i >= 0; i = buf.indexOf('obj', i + 3, 'latin1')) {
    budget.tick();
    if (!isBoundary(bytes, i + 3)) continue;
    const header = headerBefore(bytes, i);
    if (!header) continue;
    if (out.length >= budget.maxObjects) throw tooComplex(`more than ${budget.maxObjects} objects`);
    out.push(header);
  }
  return out;
}

/** Reads "N G " backwards from the "obj" at i; white-space runs are capped to stay linear. */
function headerBefore(bytes: Uint8Array, i: number): ObjectHeader | null {
  let p = i - 1;
  const floor = Math.max(0, i - 64);
  if (!isWhite(bytes[p])) return null;
  while (p > floor && isWhite(bytes[p])) p--;
  const genEnd = p + 1;
  while (p >= floor && isDigit(bytes[p])) p--;
  const genStart = p + 1;
  if (genStart === genEnd || !isWhite(bytes[p])) return null;
  while (p > floor && isWhite(bytes[p])) p--;
  const numEnd = p + 1;
  while (p >= floor && isDigit(bytes[p])) p--;
  const numStart = p + 1;
  if (numStart === numEnd || numEnd - numStart > 10 || genEnd - genStart > 5) return null;
  // The number must start a token: "x12 0 obj" is not a header.
  if (p >= 0 && CLASS[bytes[p] as number] === 0) return null;
  return { num: decimal(bytes, numStart, numEnd), gen: decimal(bytes, genStart, genEnd), start: numStart };
}

function decimal(bytes: Uint8Array, start: number, end: number): number {
  let v = 0;
  for (let i = start; i < end; i++) v = v * 10 + ((bytes[i] as number) - 0x30);
  return v;
}
