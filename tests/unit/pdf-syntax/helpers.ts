/**
 * Test helpers: qpdf-made variants of the fixture PDF, and hand-written incremental updates
 * (written here byte by byte so the tests know exactly where each revision ends).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeTestPdf } from '../../fixtures/pdf';

export const threePages = (): Buffer => makeTestPdf([['Page one'], ['Page two'], ['Page three']]);

/** Runs qpdf on input with args (between input and output) and returns its output. */
export function qpdf(input: Buffer, args: string[], argsAfterInput = false): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'pdf-syntax-'));
  try {
    const inFile = path.join(dir, 'in.pdf');
    const outFile = path.join(dir, 'out.pdf');
    writeFileSync(inFile, input);
    const argv = argsAfterInput ? [inFile, ...args, outFile] : [...args, inFile, outFile];
    try {
      execFileSync('qpdf', argv, { stdio: 'pipe' });
    } catch (e) {
      // Exit code 3 means "succeeded with warnings".
      if ((e as { status?: number }).status !== 3) throw e;
    }
    return readFileSync(outFile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function latin1(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}

export interface Appended {
  bytes: Buffer;
  /** offset of each new object */
  offsets: Map<number, number>;
  xrefOffset: number;
}

/**
 * Appends an incremental update with a classic xref table: the new objects, an xref
 * section for them (and for the freed numbers), and a trailer with /Prev.
 */
export function appendUpdate(
  base: Buffer,
  objects: Array<[number, string]>,
  trailerExtra: string,
  options: { prev: number; size: number; freed?: number[] },
): Appended {
  let out = base.toString('latin1');
  if (!out.endsWith('\n')) out += '\n';
  const offsets = new Map<number, number>();
  for (const [num, body] of objects) {
    offsets.set(num, out.length);
    out += `${num} 0 obj\n${body}\nendobj\n`;
  }
  const xrefOffset = out.length;
  out += 'xref\n0 1\n0000000000 65535 f \n';
  const rows: Array<[number, string]> = [
    ...[...offsets].map(([num, off]): [number, string] => [num, `${String(off).padStart(10, '0')} 00000 n \n`]),
    ...(options.freed ?? []).map((num): [number, string] => [num, '0000000000 00001 f \n']),
  ].sort((a, b) => a[0] - b[0]);
  for (const [num, row] of rows) out += `${num} 1\n${row}`;
  out += `trailer\n<< /Size ${options.size} /Prev ${options.prev} ${trailerExtra} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return { bytes: Buffer.from(out, 'latin1'), offsets, xrefOffset };
}

/** The offset after the last "startxref". */
export function startxrefOf(bytes: Buffer): number {
  const s = bytes.toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(s);
  if (!m?.[1]) throw new Error('no startxref');
  return Number(m[1]);
}
