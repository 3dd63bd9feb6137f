/**
 * A blank place for the arrival stamp. Nghị định 30/2020 asks for the "ĐẾN" stamp on blank
 * paper (below the number, the subject or the date); a stamp printed over the national motto
 * is unreadable. So VanThu looks for the top-most, then right-most free 50 × 35 mm area of the
 * page and only when there is none (a scan, a full page) uses the top right corner.
 */
import type { PdfFile, PdfRef } from '../syntax';
import { pageInk } from './content-boxes';
import { MM, type PageGeometry, type Rect } from './page-geometry';

const STEP = 2.5 * MM;
/** Distance kept from any ink. */
const CLEARANCE = 2 * MM;

export function freePlace(
  pdf: PdfFile,
  pageRef: PdfRef,
  geometry: PageGeometry,
  width: number,
  height: number,
  marginMm = 8,
): Rect | null {
  const ink = pageInk(pdf, pageRef, geometry.width * geometry.height);
  if (!ink) return null;
  const boxes = ink.map((b) => geometry.toDisplayRect(b));
  const m = marginMm * MM;
  const free = (x: number, y: number) =>
    boxes.every(
      ([bx, by, bw, bh]) =>
        bx + bw + CLEARANCE <= x ||
        x + width + CLEARANCE <= bx ||
        by + bh + CLEARANCE <= y ||
        y + height + CLEARANCE <= by,
    );
  for (let y = geometry.height - m - height; y >= m; y -= STEP) {
    for (let x = geometry.width - m - width; x >= m; x -= STEP) {
      if (free(x, y)) return [x, y, width, height];
    }
  }
  return null;
}
