/** Reading what the writer made back with poppler and qpdf. */
import { execFileSync } from 'node:child_process';
import { qpdfCheck, tmp, write } from '../pdf/helpers';

export { qpdfCheck, tmp, write };

/** pdftotext of some pages (1-based, inclusive), with -layout unless told otherwise. */
export function text(file: string, options: { first?: number; last?: number; mode?: '-layout' | '-raw' } = {}): string {
  const args: string[] = [options.mode ?? '-layout'];
  if (options.first) args.push('-f', String(options.first));
  if (options.last) args.push('-l', String(options.last));
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
}

/** Text of each page, first to last. */
export function pageTexts(file: string, pages: number): string[] {
  return Array.from({ length: pages }, (_, i) => text(file, { first: i + 1, last: i + 1 }));
}

export interface PdfInfo {
  pages: number;
  /** Width × height of each page, points. */
  sizes: [number, number][];
}

export function pdfinfo(file: string): PdfInfo {
  const head = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(head)?.[1]);
  const all = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages), file], { encoding: 'utf8' });
  const sizes = [...all.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map(
    (m) => [Number(m[1]), Number(m[2])] as [number, number],
  );
  return { pages, sizes };
}

export function pdffonts(file: string): string {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}

/** Text with all white space taken out: wrapped lines compare equal to the unwrapped string. */
export function squeeze(s: string): string {
  return s.replace(/\s+/g, '');
}
