/**
 * The visible widget of a signature: which page, where, and its appearance. signPdf calls this
 * and keeps everything in its one incremental update.
 */
import { VanThuError } from '../../../../src-shared/ipc/errors';
import { PdfDict, PdfRef, type PdfFile, type PdfObject } from '../syntax';
import type { FontFamily, FontSources } from './fonts';
import { buildAppearance, sealRect, topRightRect } from './index';
import type { ObjectSink } from './objects';
import { pageGeometry, type Rect } from './page-geometry';

export interface SignatureAppearance {
  kind: 'signer' | 'seal' | 'stamp';
  /** 1-based page; default: the signing page, for a seal the page of the signature it covers. */
  page?: number;
  /**
   * Points from the bottom-left corner of the page as displayed.
   * 'signer': the signature's box (required).
   * 'seal': the person's signature box the seal overlaps; default: the newest visible signature.
   * 'stamp': the top-left corner anchors the box and its width limits the lines; default: top right.
   */
  rect?: Rect;
  /** PNG: the signature image ('signer', blue) or the seal ('seal', red, transparent). */
  image?: Uint8Array;
  /** 'signer': full name (bold), then position, under the image. 'stamp': organisation, "Số: …" (the time is added). */
  lines?: string[];
  /** Seal size across, if the PNG does not state its real size. */
  sealDiameterMm?: number;
  fonts?: FontSources | FontFamily[];
}

export interface PlacedAppearance {
  pageIndex: number;
  /** /Rect in user space. */
  rect: [number, number, number, number];
  appearance: PdfRef;
}

function rectOf(v: PdfObject): [number, number, number, number] | null {
  if (!Array.isArray(v) || v.length !== 4 || !v.every((n) => typeof n === 'number')) return null;
  const [a, b, c, d] = v as [number, number, number, number];
  const r: [number, number, number, number] = [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
  return r[2] - r[0] > 1 && r[3] - r[1] > 1 ? r : null;
}

/** The newest signed, visible signature widget (on `pageIndex`, if given). */
function newestVisibleSignature(
  pdf: PdfFile,
  pages: PdfRef[],
  pageIndex?: number,
): { pageIndex: number; rect: Rect } | null {
  let found: { pageIndex: number; rect: Rect; order: number } | null = null;
  for (const [index, pageRef] of pages.entries()) {
    if (pageIndex !== undefined && index !== pageIndex) continue;
    const page = pdf.deref(pageRef);
    const annots = page instanceof PdfDict ? pdf.deref(page.get('Annots')) : null;
    if (!Array.isArray(annots)) continue;
    for (const a of annots) {
      const d = pdf.deref(a);
      if (!(d instanceof PdfDict) || d.getName('Subtype') !== 'Widget') continue;
      const parent = pdf.deref(d.get('Parent'));
      const ft = d.getName('FT') ?? (parent instanceof PdfDict ? parent.getName('FT') : undefined);
      const signed = d.get('V') ?? (parent instanceof PdfDict ? parent.get('V') : undefined);
      const rect = rectOf(pdf.deref(d.get('Rect')));
      if (ft !== 'Sig' || signed === undefined || !rect) continue;
      // Higher object numbers were added later: VanThu numbers each update after the last.
      const order = a instanceof PdfRef ? a.num : 0;
      if (!found || order >= found.order) {
        found = { pageIndex: index, rect: pageGeometry(pdf, pageRef).toDisplayRect(rect), order };
      }
    }
  }
  return found;
}

export function placeSignatureAppearance(
  pdf: PdfFile,
  pages: PdfRef[],
  spec: SignatureAppearance,
  defaultPage: number | undefined,
  signingTime: Date,
  sink: ObjectSink,
): PlacedAppearance {
  const pageAt = (n: number) => {
    const ref = pages[n - 1];
    if (!ref) throw new VanThuError('VALIDATION', `Tệp PDF không có trang ${n}.`);
    return ref;
  };
  if (spec.kind === 'seal') {
    if (!spec.image) throw new VanThuError('VALIDATION', 'Chưa có ảnh con dấu của cơ quan.');
    const wanted = spec.page ?? defaultPage;
    const under = spec.rect
      ? { pageIndex: (wanted ?? 1) - 1, rect: spec.rect }
      : newestVisibleSignature(pdf, pages, wanted === undefined ? undefined : wanted - 1);
    if (!under) {
      throw new VanThuError(
        'VALIDATION',
        'Không tìm thấy chữ ký hiển thị của người có thẩm quyền để đóng dấu lên. Hãy chọn vị trí chữ ký.',
      );
    }
    const geometry = pageGeometry(pdf, pageAt(under.pageIndex + 1));
    const built = buildAppearance(
      { kind: 'seal', image: spec.image, diameterMm: spec.sealDiameterMm },
      spec.fonts,
      sink,
      geometry.matrix(),
    );
    const rect = geometry.toUserRect(sealRect(under.rect, built.width, built.height));
    return { pageIndex: under.pageIndex, rect, appearance: built.ref };
  }
  const pageNumber = spec.page ?? defaultPage ?? 1;
  const geometry = pageGeometry(pdf, pageAt(pageNumber));
  if (spec.kind === 'stamp' && spec.rect) geometry.checkInside(spec.rect, 'chữ ký');
  if (spec.kind === 'signer') {
    if (!spec.rect) throw new VanThuError('VALIDATION', 'Chưa chọn vị trí đặt chữ ký trên trang.');
    geometry.checkInside(spec.rect, 'chữ ký');
    const [, , w, h] = spec.rect;
    const built = buildAppearance(
      { kind: 'signer', width: w, height: h, image: spec.image, lines: spec.lines },
      spec.fonts,
      sink,
      geometry.matrix(),
    );
    return { pageIndex: pageNumber - 1, rect: geometry.toUserRect(spec.rect), appearance: built.ref };
  }
  const built = buildAppearance(
    { kind: 'stamp', lines: spec.lines ?? [], signingTime, maxWidth: spec.rect ? spec.rect[2] - 4 : undefined },
    spec.fonts,
    sink,
    geometry.matrix(),
  );
  const placed: Rect = spec.rect
    ? [spec.rect[0], spec.rect[1] + spec.rect[3] - built.height, built.width, built.height]
    : topRightRect(geometry, built.width, built.height);
  return { pageIndex: pageNumber - 1, rect: geometry.toUserRect(placed), appearance: built.ref };
}
