/**
 * Drawing helpers for appearance streams: a content-stream builder and line wrapping measured
 * with the embedded font's real advance widths (so nothing is clipped at the box edge).
 */
import { formatNumber } from '../syntax';
import { normalizeText, type FontUse } from './font-embed';

export type Rgb = [number, number, number];

const n = formatNumber;
const round = (v: number) => Math.round(v * 1000) / 1000;

export class Content {
  private readonly ops: string[] = [];

  /** One line of text with its left end at (x, y) on the baseline. */
  text(resource: string, font: FontUse, size: number, x: number, y: number, text: string, color: Rgb): void {
    const t = normalizeText(text);
    if (!t) return;
    this.ops.push(
      `BT ${color.map((c) => n(round(c))).join(' ')} rg /${resource} ${n(round(size))} Tf ${n(round(x))} ${n(round(y))} Td ${font.encode(t)} Tj ET`,
    );
  }

  /** A stroked rectangle whose line lies fully inside [x, y, w, h]. */
  frame(x: number, y: number, w: number, h: number, lineWidth: number, color: Rgb): void {
    const i = lineWidth / 2;
    this.ops.push(
      `q ${color.map((c) => n(round(c))).join(' ')} RG ${n(lineWidth)} w ${[x + i, y + i, w - lineWidth, h - lineWidth].map((v) => n(round(v))).join(' ')} re S Q`,
    );
  }

  /** An image XObject drawn into [x, y, w, h], optionally through a graphics state. */
  image(resource: string, x: number, y: number, w: number, h: number, gs?: string): void {
    const state = gs ? `/${gs} gs ` : '';
    this.ops.push(`q ${state}${[w, 0, 0, h, x, y].map((v) => n(round(v))).join(' ')} cm /${resource} Do Q`);
  }

  bytes(): Buffer {
    return Buffer.from(`${this.ops.join('\n')}\n`, 'latin1');
  }
}

/**
 * Breaks text into lines no wider than maxWidth, at spaces; a single word wider than the line
 * (a long notation like "123/QĐ-UBND-VP-TH") is broken between characters.
 */
export function wrap(font: FontUse, text: string, size: number, maxWidth: number): string[] {
  const words = normalizeText(text).split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.width(candidate, size) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (font.width(rest, size) > maxWidth && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && font.width(rest.slice(0, cut), size) > maxWidth) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/**
 * "Label: value" wrapped with a hanging indent: continuation lines start under the value, as a
 * clerk fills in a printed form (unless the label is so wide the value would be squeezed).
 */
export function wrapLabelled(
  font: FontUse,
  label: string,
  value: string,
  size: number,
  maxWidth: number,
): { text: string; indent: number }[] {
  const whole = normalizeText(`${label} ${value}`);
  const lines = wrap(font, whole, size, maxWidth);
  const head = lines[0] ?? '';
  if (lines.length <= 1) return [{ text: head, indent: 0 }];
  let indent = font.width(`${normalizeText(label)} `, size);
  if (maxWidth - indent < maxWidth * 0.5) indent = 0;
  const rest = whole.slice(head.length).trim();
  return [{ text: head, indent: 0 }, ...wrap(font, rest, size, maxWidth - indent).map((text) => ({ text, indent }))];
}

/** The largest size from `preferred` down to `min` at which text fits on one line. */
export function fitSize(font: FontUse, text: string, preferred: number, min: number, maxWidth: number): number {
  const w = font.width(text, preferred);
  if (w <= maxWidth) return preferred;
  return Math.max(min, Math.floor(((preferred * maxWidth) / w) * 10) / 10);
}
