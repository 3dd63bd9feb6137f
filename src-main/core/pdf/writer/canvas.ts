/**
 * One page's content stream: text lines in the embedded faces, rules and cell borders. Numbers
 * are rounded to 1/100 pt, so the same layout always gives the same bytes.
 */
import type { Face } from './face';

export type Align = 'left' | 'center' | 'right';

/** A face with the resource name it has on every page (/F1 regular, /F2 bold). */
export interface Styled {
  resource: string;
  face: Face;
}

function n(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(r === 0 ? 0 : r);
}

export class Canvas {
  private ops: string[] = [];
  /** The operators of a finished page, joined: one string instead of hundreds of small ones. */
  private sealed = '';

  /** A line of normalized text with its left end at (x, y) on the baseline. */
  text(style: Styled, size: number, x: number, y: number, text: string): void {
    if (!text) return;
    const show = `/${style.resource} ${n(size)} Tf 1 0 0 1 ${n(x)} ${n(y)} Tm ${style.face.encode(text)} Tj`;
    // No bold face: fill and stroke the outlines (render mode 2) to thicken the letters.
    if (style.face.synthetic) this.ops.push(`q ${n(size * 0.03)} w BT 2 Tr ${show} ET Q`);
    else this.ops.push(`BT ${show} ET`);
  }

  /** A line placed in [left, left + width] by `align`. */
  alignedText(style: Styled, size: number, left: number, width: number, y: number, text: string, align: Align): void {
    if (!text) return;
    if (align === 'left') return this.text(style, size, left, y, text);
    const w = style.face.width(text, size);
    this.text(style, size, align === 'center' ? left + (width - w) / 2 : left + width - w, y, text);
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.5): void {
    this.ops.push(`${n(width)} w ${n(x1)} ${n(y1)} m ${n(x2)} ${n(y2)} l S`);
  }

  /** Rectangles stroked as one path (a table row's cells). */
  boxes(rects: [number, number, number, number][], width = 0.5): void {
    if (rects.length === 0) return;
    this.ops.push(`${n(width)} w ${rects.map((r) => `${r.map(n).join(' ')} re`).join(' ')} S`);
  }

  /** A grey fill (0 black … 1 white), e.g. behind a header row. */
  fill(x: number, y: number, w: number, h: number, gray: number): void {
    this.ops.push(`q ${n(gray)} g ${n(x)} ${n(y)} ${n(w)} ${n(h)} re f Q`);
  }

  /**
   * The page is full: its operators are joined into one string. A register of thousands of
   * pages holds a string per page, not millions; later operators (the page number) still add.
   */
  seal(): void {
    if (this.ops.length === 0) return;
    this.sealed += `${this.ops.join('\n')}\n`;
    this.ops = [];
  }

  bytes(): Buffer {
    return Buffer.from(`0 g 0 G\n${this.sealed}${this.ops.join('\n')}\n`, 'latin1');
  }
}
