/**
 * The running layout: pages as they fill, the cursor (the top of the free space, in PDF
 * points from the bottom), line metrics, and the page break. Blocks ask for room with need();
 * a page is only broken when something does not fit and the page is not empty already.
 */
import { Canvas, type Styled } from './canvas';
import type { PageFrame } from './page';

/** Line pitch as a multiple of the size. */
export const LEADING = 1.2;

export interface Styles {
  regular: Styled;
  bold: Styled;
}

export class Flow {
  readonly pages: Canvas[] = [];
  page: Canvas;
  /** Top of the free space. */
  y: number;

  constructor(
    readonly frame: PageFrame,
    readonly styles: Styles,
    /** Base text size, points. */
    readonly base: number,
  ) {
    this.page = new Canvas();
    this.pages.push(this.page);
    this.y = frame.top;
  }

  style(bold?: boolean): Styled {
    return bold ? this.styles.bold : this.styles.regular;
  }

  lineHeight(size: number): number {
    return size * LEADING;
  }

  /** Distance from a line box's top to its baseline: the glyphs centred in the box. */
  baseline(size: number, style: Styled = this.styles.regular): number {
    const { ascent, descent } = style.face;
    return ((LEADING - (ascent - descent)) / 2 + ascent) * size;
  }

  /** Height between the cursor and the bottom margin. */
  get room(): number {
    return this.y - this.frame.bottom;
  }

  /** Height of a whole page's text area. */
  get pageRoom(): number {
    return this.frame.top - this.frame.bottom;
  }

  get atTop(): boolean {
    return this.y >= this.frame.top;
  }

  newPage(): void {
    this.page.seal();
    this.page = new Canvas();
    this.pages.push(this.page);
    this.y = this.frame.top;
  }

  /** Starts a new page unless `height` fits below the cursor (or the page is still empty). */
  need(height: number): void {
    if (height > this.room + 0.001 && !this.atTop) this.newPage();
  }

  /** Moves the cursor down (not past the bottom margin: space at a page end is dropped). */
  skip(height: number): void {
    if (this.atTop) return;
    this.y = Math.max(this.frame.bottom, this.y - height);
  }
}
