/**
 * The three signature appearances of Nghị định 30/2020 (appendix I): the person's signature
 * image with the name beneath, the organisation's seal at real size, and the text stamp
 * (organisation, number and notation, ISO time) of attachments and certified copies.
 */
import { VanThuError } from '../../../../src-shared/ipc/errors';
import { dict, PdfName, type PdfRef } from '../syntax';
import { isoVietnamTime } from './dates';
import { chooseFamily } from './fonts';
import { BASELINE, BLACK, faces, families, form, LINE, type Faces, type Fonts } from './form';
import { Content, fitSize, wrap } from './layout';
import type { ObjectSink } from './objects';
import { MM } from './page-geometry';
import { decodePng, pngImage } from './png';
import type { AppearanceSpec, BuiltAppearance } from './types';

/** A commune seal is 35 mm across (Nghị định 99/2016); used when the PNG states no size. */
const DEFAULT_SEAL_MM = 35;

export function buildSigner(
  spec: Extract<AppearanceSpec, { kind: 'signer' }>,
  fonts: Fonts,
  sink: ObjectSink,
  matrix: number[],
): BuiltAppearance {
  const { width: w, height: h } = spec;
  const lines = (spec.lines ?? []).filter((l) => l.trim());
  if (!spec.image && lines.length === 0) {
    throw new VanThuError('VALIDATION', 'Chữ ký hiển thị cần ảnh chữ ký hoặc ít nhất một dòng chữ.');
  }
  if (!(w >= 20 && h >= 20)) throw new VanThuError('VALIDATION', 'Khung chữ ký quá nhỏ (cần ít nhất 20 × 20 điểm).');
  const pad = 2;
  // The first line is the signer's full name, bold as in the signature block of ND30.
  const f =
    lines.length > 0
      ? faces(chooseFamily(families(fonts), { bold: lines.slice(0, 1), regular: lines.slice(1) }))
      : null;
  const faceOf = (i: number) => (i === 0 ? (f as Faces).bold : (f as Faces).regular);
  const content = new Content();
  // Text first (it decides how much height the picture keeps): 10 pt, smaller if too wide.
  let sizes = lines.map((l, i) => fitSize(faceOf(i), l, 10, 6, w - 2 * pad));
  const room = spec.image ? (h - 2 * pad) * 0.45 : h - 2 * pad;
  const textHeight = () => sizes.reduce((s, v) => s + v * LINE, 0);
  if (textHeight() > room) sizes = sizes.map((s) => (s * room) / textHeight());
  let top = pad + textHeight();
  for (const [i, line] of lines.entries()) {
    const size = sizes[i] as number;
    const face = faceOf(i);
    top -= size * LINE;
    content.text(
      i === 0 ? 'F2' : 'F1',
      face,
      size,
      (w - face.width(line, size)) / 2,
      top + size * BASELINE,
      line,
      BLACK,
    );
  }
  const images: Record<string, PdfRef> = {};
  if (spec.image) {
    const png = decodePng(spec.image);
    const boxY = pad + textHeight();
    const boxW = w - 2 * pad;
    const boxH = h - pad - boxY;
    const scale = Math.min(boxW / png.width, boxH / png.height);
    const iw = png.width * scale;
    const ih = png.height * scale;
    images.Im1 = pngImage(sink, png);
    content.image('Im1', (w - iw) / 2, boxY + (boxH - ih) / 2, iw, ih);
  }
  return form(sink, content, w, h, { fonts: f ?? undefined, images }, matrix);
}

export function buildSeal(
  spec: Extract<AppearanceSpec, { kind: 'seal' }>,
  sink: ObjectSink,
  matrix: number[],
): BuiltAppearance {
  const png = decodePng(spec.image);
  // Real size: what the caller says, else what the PNG states if it is a plausible seal
  // (15–80 mm), else a commune seal's 35 mm across the larger side.
  const stated = png.sizeMm && Math.max(png.sizeMm.width, png.sizeMm.height);
  const across = spec.diameterMm ?? (stated && stated >= 15 && stated <= 80 ? stated : DEFAULT_SEAL_MM);
  const scale = (across * MM) / Math.max(png.width, png.height);
  const w = png.width * scale;
  const h = png.height * scale;
  const content = new Content();
  // Multiply, like ink: the blue signature under the red seal stays visible.
  content.image('Im1', 0, 0, w, h, 'GS1');
  return form(
    sink,
    content,
    w,
    h,
    {
      images: { Im1: pngImage(sink, png) },
      gs: { GS1: dict({ Type: new PdfName('ExtGState'), BM: new PdfName('Multiply') }) },
    },
    matrix,
  );
}

export function buildStamp(
  spec: Extract<AppearanceSpec, { kind: 'stamp' }>,
  fonts: Fonts,
  sink: ObjectSink,
  matrix: number[],
): BuiltAppearance {
  const size = 10;
  const pad = 2;
  const maxWidth = spec.maxWidth ?? 75 * MM;
  const source = [...spec.lines.filter((l) => l.trim()), `Thời gian ký: ${isoVietnamTime(spec.signingTime)}`];
  const f = faces(chooseFamily(families(fonts), { regular: source }));
  const lines = source.flatMap((l) => wrap(f.regular, l, size, maxWidth));
  const w = Math.max(...lines.map((l) => f.regular.width(l, size))) + 2 * pad;
  const h = lines.length * size * LINE + 2 * pad;
  const content = new Content();
  lines.forEach((line, i) => {
    content.text('F1', f.regular, size, pad, h - pad - (i + 1) * size * LINE + size * BASELINE, line, BLACK);
  });
  return form(sink, content, w, h, { fonts: f }, matrix);
}
