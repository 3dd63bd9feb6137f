/** Reads back what VanThu wrote: signature widgets and annotations with their rectangles. */
import { openPdf, PdfDict, PdfName } from '../../../src-main/core/pdf/syntax';

export interface WrittenAnnot {
  subtype: string;
  rect: [number, number, number, number];
  flags: number;
  hasAppearance: boolean;
  page: number;
}

/** Every annotation of every page, in page and /Annots order. */
export function annotations(bytes: Uint8Array): WrittenAnnot[] {
  const pdf = openPdf(bytes);
  const out: WrittenAnnot[] = [];
  pdf.pages().forEach((ref, i) => {
    const page = pdf.deref(ref) as PdfDict;
    const annots = pdf.deref(page.get('Annots'));
    for (const a of Array.isArray(annots) ? annots : []) {
      const d = pdf.deref(a) as PdfDict;
      const rect = pdf.deref(d.get('Rect')) as number[];
      const ap = pdf.deref(d.get('AP'));
      out.push({
        subtype: (d.get('Subtype') as PdfName).value,
        rect: rect.map((v) => Math.round(v * 100) / 100) as [number, number, number, number],
        flags: d.getNumber('F') ?? 0,
        hasAppearance: ap instanceof PdfDict && ap.get('N') !== undefined,
        page: i + 1,
      });
    }
  });
  return out;
}

/** x, y, width, height of an annotation's /Rect. */
export function xywh(r: [number, number, number, number]): [number, number, number, number] {
  return [r[0], r[1], r[2] - r[0], r[3] - r[1]];
}
