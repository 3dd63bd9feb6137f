/**
 * Line breaking with the face's real widths: at spaces; a word longer than the line (a
 * fingerprint, "123/QĐ-UBND-VP-TH") is broken after a ':', '/', '-' or similar where it can be,
 * else between letters. Line breaks in the text start new lines. Measures each word once, so
 * wrapping a thousand-row register stays linear.
 */
import { normalizeText } from '../appearance/font-embed';
import type { Face } from './face';

const SOFT_BREAK = /[:/\-–,.;_\\|]/;

/** Pieces of a word too long for the line, each no wider than maxWidth (at least one letter). */
function breakWord(face: Face, word: string, size: number, maxWidth: number): string[] {
  const chars = [...word];
  const out: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let width = 0;
    let end = start;
    let soft = -1;
    while (end < chars.length) {
      const w = face.width(chars[end] as string, size);
      if (end > start && width + w > maxWidth) break;
      width += w;
      if (SOFT_BREAK.test(chars[end] as string)) soft = end + 1;
      end++;
    }
    // Prefer a break after punctuation unless it would leave the line mostly empty.
    if (end < chars.length && soft > start && soft - start >= (end - start) / 2) end = soft;
    out.push(chars.slice(start, end).join(''));
    start = end;
  }
  return out;
}

/** The lines of `text` at `size` points within maxWidth; never empty (an empty text is ['']). */
export function wrapText(face: Face, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  const space = face.width(' ', size);
  for (const paragraph of text.replace(/[\r\n]+$/, '').split(/\r\n|\r|\n/)) {
    const words = normalizeText(paragraph).split(' ').filter(Boolean);
    let line = '';
    let lineWidth = 0;
    for (const word of words) {
      const w = face.width(word, size);
      if (line && lineWidth + space + w <= maxWidth) {
        line += ` ${word}`;
        lineWidth += space + w;
        continue;
      }
      if (line) lines.push(line);
      if (w <= maxWidth) {
        line = word;
        lineWidth = w;
        continue;
      }
      const pieces = breakWord(face, word, size, maxWidth);
      line = pieces.pop() as string;
      lines.push(...pieces);
      lineWidth = face.width(line, size);
    }
    lines.push(line);
  }
  return lines.length > 0 ? lines : [''];
}
