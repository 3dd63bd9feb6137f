/**
 * The arrival stamp "ĐẾN" on an incoming PDF: a /Stamp annotation with its appearance, added
 * in an incremental update. The sender's bytes stay exactly as they were, so their signatures
 * keep verifying (a new annotation on a page is a permitted change, see changes.ts).
 */
import { VanThuError } from '../../../src-shared/ipc/errors';
import { buildAppearance, ObjectSink, pageGeometry, topRightRect, vietnamDate, type Rect } from './appearance';
import type { FontFamily, FontSources } from './appearance/fonts';
import { freePlace } from './appearance/free-place';
import { appendUpdate, objectBody, withEntries } from './incremental';
import { pdfDate } from './sign';
import {
  literalString,
  openPdf,
  PdfDict,
  PdfName,
  PdfRef,
  PdfSyntaxError,
  type PdfFile,
  type PdfObject,
} from './syntax';

export interface ArrivalStamp {
  organisationName: string;
  arrivalNumber: string;
  /** ISO date or date-time of arrival. */
  arrivalDate: string;
  /** The unit or person it is routed to ("Chuyển"); empty leaves a dotted line. */
  routedTo?: string;
  /** The case file ("Số và ký hiệu hồ sơ"); empty leaves a dotted line. */
  fileCode?: string;
  /** 1-based page; default 1. */
  page?: number;
  /**
   * Points from the bottom-left of the page as displayed. The stamp keeps its 50 × 35 mm
   * shape: it is scaled to fit and sits at the rectangle's top-left. Default: the top-most,
   * right-most blank area of the page, else the top right corner.
   */
  rect?: Rect;
  /** When the stamp was put (the annotation's /M); default now. */
  time?: Date;
  fonts?: FontSources | FontFamily[];
}

function open(bytes: Uint8Array): PdfFile {
  let pdf: PdfFile;
  try {
    pdf = openPdf(bytes);
  } catch (e) {
    if (e instanceof PdfSyntaxError && e.code === 'NOT_PDF') {
      throw new VanThuError('BAD_FILE', 'Tệp không phải là tệp PDF nên không đóng dấu "ĐẾN" được.');
    }
    throw new VanThuError('BAD_FILE', 'Tệp PDF bị hỏng, không đọc được nên không đóng dấu "ĐẾN" được.');
  }
  if (pdf.encrypted) {
    throw new VanThuError(
      'BAD_FILE',
      'Tệp PDF được mã hóa nên không đóng dấu "ĐẾN" lên tệp được. Số đến vẫn được ghi trong sổ; hãy xin bên gửi bản không đặt mật khẩu.',
    );
  }
  if (pdf.reconstructed) {
    // An update must point back at a real cross-reference section; a file VanThu had to piece
    // together has none, and writing on it could make the sender's signatures look broken.
    throw new VanThuError(
      'BAD_FILE',
      'Cấu trúc tệp PDF bị hỏng nên không đóng dấu "ĐẾN" lên tệp được. Số đến vẫn được ghi trong sổ; hãy xin bên gửi gửi lại tệp.',
    );
  }
  return pdf;
}

/** DocMDP P=1 or 2 (certified "no changes" / "form filling only"): annotations would break it. */
function certifiedAgainstAnnotations(pdf: PdfFile): boolean {
  const perms = pdf.deref(pdf.catalog().get('Perms'));
  const sig = perms instanceof PdfDict ? pdf.deref(perms.get('DocMDP')) : null;
  if (!(sig instanceof PdfDict)) return false;
  const refs = pdf.deref(sig.get('Reference'));
  for (const r of Array.isArray(refs) ? refs : []) {
    const d = pdf.deref(r);
    if (!(d instanceof PdfDict) || d.getName('TransformMethod') !== 'DocMDP') continue;
    const params = pdf.deref(d.get('TransformParams'));
    const p = params instanceof PdfDict ? params.get('P') : undefined;
    return p !== 3;
  }
  return false;
}

function asArray(pdf: PdfFile, v: PdfObject | undefined): PdfObject[] {
  const d = pdf.deref(v);
  return Array.isArray(d) ? d : [];
}

export function stampArrival(bytes: Uint8Array, stamp: ArrivalStamp): Buffer {
  const pdf = open(bytes);
  if (certifiedAgainstAnnotations(pdf)) {
    throw new VanThuError(
      'VALIDATION',
      'Văn bản đã được ký chứng thực, không cho phép thêm chú thích: đóng dấu "ĐẾN" lên tệp sẽ làm hỏng chữ ký. Số đến vẫn được ghi trong sổ.',
    );
  }
  const pages = pdf.pages();
  const pageNumber = stamp.page ?? 1;
  const pageRef = pages[pageNumber - 1];
  if (!pageRef) throw new VanThuError('VALIDATION', `Tệp PDF không có trang ${pageNumber}.`);
  const page = pdf.deref(pageRef);
  if (!(page instanceof PdfDict)) throw new VanThuError('BAD_FILE', 'Không đọc được trang của tệp PDF.');

  const geometry = pageGeometry(pdf, pageRef);
  const sink = new ObjectSink(pdf.size);
  const annotRef = sink.reserve();
  const built = buildAppearance(
    {
      kind: 'arrival',
      organisationName: stamp.organisationName,
      arrivalNumber: stamp.arrivalNumber,
      arrivalDate: stamp.arrivalDate,
      routedTo: stamp.routedTo,
      fileCode: stamp.fileCode,
    },
    stamp.fonts,
    sink,
    geometry.matrix(),
  );
  let placed: Rect;
  if (stamp.rect) {
    geometry.checkInside(stamp.rect, 'dấu "ĐẾN"');
    const [x, y, w, h] = stamp.rect;
    const scale = Math.min(w / built.width, h / built.height);
    if (!(scale > 0.3)) throw new VanThuError('VALIDATION', 'Khung đặt dấu "ĐẾN" quá nhỏ.');
    placed = [x, y + h - built.height * scale, built.width * scale, built.height * scale];
  } else {
    // Blank paper first (top-most, then right-most); the top right corner when none is known.
    placed =
      freePlace(pdf, pageRef, geometry, built.width, built.height) ?? topRightRect(geometry, built.width, built.height);
  }

  const summary = [
    'ĐẾN',
    `Số: ${stamp.arrivalNumber}`,
    `Ngày: ${vietnamDate(stamp.arrivalDate)}`,
    stamp.routedTo?.trim() ? `Chuyển: ${stamp.routedTo.trim()}` : '',
    stamp.fileCode?.trim() ? `Số và ký hiệu hồ sơ: ${stamp.fileCode.trim()}` : '',
  ].filter(Boolean);
  const time = stamp.time ?? new Date();
  sink.put(
    annotRef,
    new PdfDict(
      new Map<string, PdfObject>([
        ['Type', new PdfName('Annot')],
        ['Subtype', new PdfName('Stamp')],
        // Not one of the standard icon names, so no viewer draws "Draft" in its place.
        ['Name', new PdfName('VanThuArrival')],
        ['Rect', geometry.toUserRect(placed)],
        ['AP', new PdfDict(new Map([['N', built.ref]]))],
        // Print, and locked so a click cannot drag the stamp away.
        ['F', 132],
        ['P', pageRef],
        ['T', literalString(stamp.organisationName.normalize('NFC'))],
        ['Contents', literalString(summary.join('\n').normalize('NFC'))],
        ['NM', literalString(`vanthu-arrival-${stamp.arrivalNumber}-${time.getTime()}`)],
        ['M', literalString(pdfDate(time))],
      ]),
    ),
  );

  const objects = [...sink.objects];
  const annots = page.get('Annots');
  if (annots instanceof PdfRef) {
    objects.push({ num: annots.num, gen: annots.gen, body: objectBody([...asArray(pdf, annots), annotRef]) });
  } else {
    objects.push({
      num: pageRef.num,
      gen: pageRef.gen,
      body: objectBody(withEntries(page, { Annots: [...asArray(pdf, annots), annotRef] })),
    });
  }
  return appendUpdate(pdf, objects).bytes;
}
