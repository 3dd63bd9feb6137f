/**
 * A page as the clerk sees it: the visible box (CropBox, else MediaBox, both inheritable) turned
 * by /Rotate. Positions handed to VanThu ([x, y, width, height] in points) are measured from the
 * bottom-left corner of the page as displayed; scanned incoming documents are often rotated
 * pages, and a stamp must stand upright and sit top right on screen and on paper.
 */
import { VanThuError } from '../../../../src-shared/ipc/errors';
import { PdfDict, type PdfFile, type PdfObject, type PdfRef } from '../syntax';

/** [x, y, width, height] in points, in the displayed page's coordinates. */
export type Rect = [number, number, number, number];

export const MM = 72 / 25.4;

function inherited(pdf: PdfFile, page: PdfDict, key: string): PdfObject | undefined {
  let node: PdfDict | null = page;
  for (let depth = 0; node && depth < 64; depth++) {
    const v = node.get(key);
    if (v !== undefined) return pdf.deref(v);
    const parent = pdf.deref(node.get('Parent'));
    node = parent instanceof PdfDict ? parent : null;
  }
  return undefined;
}

function box(v: PdfObject | undefined): [number, number, number, number] | null {
  if (!Array.isArray(v) || v.length !== 4 || !v.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  const [a, b, c, d] = v as number[] as [number, number, number, number];
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

export class PageGeometry {
  /** Displayed width and height. */
  readonly width: number;
  readonly height: number;

  constructor(
    /** Visible box in user space: [llx, lly, urx, ury]. */
    readonly box: [number, number, number, number],
    /** Clockwise display rotation: 0, 90, 180 or 270. */
    readonly rotate: number,
  ) {
    const w = box[2] - box[0];
    const h = box[3] - box[1];
    this.width = rotate % 180 === 0 ? w : h;
    this.height = rotate % 180 === 0 ? h : w;
  }

  /** Throws a VALIDATION error unless the rectangle lies on the displayed page. */
  checkInside(rect: Rect, what: string): void {
    const [x, y, w, h] = rect;
    const ok =
      rect.every((v) => Number.isFinite(v)) &&
      w > 0 &&
      h > 0 &&
      x >= -1 &&
      y >= -1 &&
      x + w <= this.width + 1 &&
      y + h <= this.height + 1;
    if (!ok) {
      throw new VanThuError(
        'VALIDATION',
        `Vị trí ${what} nằm ngoài trang (trang rộng ${Math.round(this.width)}, cao ${Math.round(this.height)} điểm). Hãy chọn lại vị trí.`,
      );
    }
  }

  /** A displayed point in user space. */
  private userPoint(vx: number, vy: number): [number, number] {
    const [llx, lly, urx, ury] = this.box;
    switch (this.rotate) {
      case 90:
        return [urx - vy, lly + vx];
      case 180:
        return [urx - vx, ury - vy];
      case 270:
        return [llx + vy, ury - vx];
      default:
        return [llx + vx, lly + vy];
    }
  }

  /** A displayed rectangle as an annotation /Rect [x1 y1 x2 y2] in user space. */
  toUserRect(rect: Rect): [number, number, number, number] {
    const [x, y, w, h] = rect;
    const a = this.userPoint(x, y);
    const b = this.userPoint(x + w, y + h);
    return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
  }

  /** An annotation /Rect in user space, back in displayed coordinates. */
  toDisplayRect(userRect: [number, number, number, number]): Rect {
    const [llx, lly, urx, ury] = this.box;
    const [x1, y1, x2, y2] = userRect;
    const corners: [number, number][] = [
      [x1, y1],
      [x2, y2],
    ].map(([x, y]) => {
      const ux = x as number;
      const uy = y as number;
      switch (this.rotate) {
        case 90:
          return [uy - lly, urx - ux];
        case 180:
          return [urx - ux, ury - uy];
        case 270:
          return [ury - uy, ux - llx];
        default:
          return [ux - llx, uy - lly];
      }
    });
    const [p, q] = corners as [[number, number], [number, number]];
    const x = Math.min(p[0], q[0]);
    const y = Math.min(p[1], q[1]);
    return [x, y, Math.abs(p[0] - q[0]), Math.abs(p[1] - q[1])];
  }

  /**
   * The appearance's /Matrix: it turns the upright drawing against the page's rotation, so
   * the viewer's rotation brings it back upright (§12.5.5 maps the turned /BBox onto /Rect).
   */
  matrix(): number[] {
    switch (this.rotate) {
      case 90:
        return [0, 1, -1, 0, 0, 0];
      case 180:
        return [-1, 0, 0, -1, 0, 0];
      case 270:
        return [0, -1, 1, 0, 0, 0];
      default:
        return [1, 0, 0, 1, 0, 0];
    }
  }
}

export function pageGeometry(pdf: PdfFile, pageRef: PdfRef): PageGeometry {
  const page = pdf.deref(pageRef);
  if (!(page instanceof PdfDict)) return new PageGeometry([0, 0, 595.28, 841.89], 0);
  // A4 when the file names no MediaBox: it is required, but damaged files omit it.
  const media = box(inherited(pdf, page, 'MediaBox')) ?? [0, 0, 595.28, 841.89];
  const crop = box(inherited(pdf, page, 'CropBox'));
  // The visible area is the CropBox clipped to the MediaBox (§14.11.2).
  const visible: [number, number, number, number] = crop
    ? [
        Math.max(crop[0], media[0]),
        Math.max(crop[1], media[1]),
        Math.min(crop[2], media[2]),
        Math.min(crop[3], media[3]),
      ]
    : media;
  const ok = visible[2] > visible[0] && visible[3] > visible[1];
  const rotateValue = inherited(pdf, page, 'Rotate');
  const rotate =
    typeof rotateValue === 'number' && Number.isInteger(rotateValue) ? ((rotateValue % 360) + 360) % 360 : 0;
  return new PageGeometry(ok ? visible : media, rotate % 90 === 0 ? rotate : 0);
}
