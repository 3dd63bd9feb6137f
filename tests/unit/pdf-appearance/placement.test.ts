/**
 * Where things go on a page: the displayed-page geometry (CropBox, /Rotate), the ink finder
 * that keeps the arrival stamp off the text, and the seal and corner rectangles.
 */
import { describe, expect, it } from 'vitest';
import { pageInk } from '../../../src-main/core/pdf/appearance/content-boxes';
import { sealRect, topRightRect } from '../../../src-main/core/pdf/appearance/index';
import { MM, PageGeometry } from '../../../src-main/core/pdf/appearance/page-geometry';
import { openPdf } from '../../../src-main/core/pdf/syntax';
import { contentPdf } from './vn-document';

function ink(content: string) {
  const pdf = openPdf(contentPdf(content));
  return pageInk(pdf, pdf.pages()[0] as never, 595 * 842)?.map((b) => b.map((v) => Math.round(v)));
}

describe('PageGeometry', () => {
  it('maps displayed rectangles to user space and back for every rotation', () => {
    for (const rotate of [0, 90, 180, 270]) {
      const g = new PageGeometry([10, 20, 605, 862], rotate);
      expect([g.width, g.height]).toEqual(rotate % 180 ? [842, 595] : [595, 842]);
      const shown: [number, number, number, number] = [30, 40, 100, 50];
      const user = g.toUserRect(shown);
      expect(g.toDisplayRect(user).map((v) => Math.round(v * 1000) / 1000)).toEqual(shown);
      // The matrix turns the drawing's width along the displayed x axis.
      const [a, b] = g.matrix();
      const sizeInUser = [user[2] - user[0], user[3] - user[1]];
      expect(Math.abs(a as number) * 100 + Math.abs(b as number) * 50).toBeCloseTo(sizeInUser[0] as number, 6);
    }
    // Rotate 90 (clockwise): the displayed top right corner is the user-space top left.
    const g = new PageGeometry([0, 0, 595, 842], 90);
    expect(g.toUserRect(topRightRect(g, 100, 50, 0))).toEqual([0, 742, 50, 842]);
  });

  it('places the seal so its right edge is a third into the signature, centred on it', () => {
    expect(sealRect([300, 200, 150, 90], 99, 99)).toEqual([300 + 50 - 99, 200 + 45 - 49.5, 99, 99]);
    const g = new PageGeometry([0, 0, 595, 842], 0);
    expect(topRightRect(g, 100, 40)).toEqual([595 - 8 * MM - 100, 842 - 8 * MM - 40, 100, 40]);
  });
});

describe('pageInk', () => {
  it('finds text shown with Tj, TJ, quote operators and moved with Td and Tm', () => {
    const boxes = ink('BT /F1 10 Tf 100 700 Td (Hello) Tj 0 -20 Td [(Wor) -500 (ld)] TJ 14 TL T* (x) Tj ET');
    expect(boxes).toHaveLength(3);
    // "Hello": 5 glyphs × 0.5 em × 10 pt from x = 100, baseline 700.
    expect(boxes?.[0]).toEqual([100, 698, 125, 709]);
    // TJ: 5 glyphs plus a 500/1000 em gap.
    expect(boxes?.[1]).toEqual([100, 678, 130, 689]);
    expect(boxes?.[2]?.slice(0, 2)).toEqual([100, 664]);
  });

  it('finds images and painted paths under the current transformation, ignores clipping', () => {
    const boxes = ink('q 200 0 0 100 50 60 cm /Im1 Do Q 0 0 1 RG 10 10 m 100 20 l S 300 300 200 100 re W n');
    expect(boxes).toEqual([[10, 10, 100, 20]]); // the missing /Im1 draws nothing; the clip neither
    const withImage = ink(
      'q 1 0 0 1 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \xff EI Q q 100 0 0 50 20 30 cm BI /W 1 ID x EI Q',
    );
    expect(withImage).toEqual([
      [0, 0, 1, 1],
      [20, 30, 120, 80],
    ]);
  });

  it('gives up on a scan (an image over most of the page) so the caller uses the corner', () => {
    expect(ink('q 595 0 0 842 0 0 cm BI /W 1 /H 1 ID x EI Q')).toBeUndefined();
  });
});
