/**
 * Test PDFs with Vietnamese text, written with VanThu's own font embedding: a one-page
 * decision laid out as Nghị định 30/2020 shows it (header, motto, number, title, signature
 * block, "Nơi nhận") for realistic screenshots, and plain pages of given lines for extraction
 * tests. Made by code, never checked in.
 */
import { FontUse } from '../../../src-main/core/pdf/appearance/font-embed';
import { fontFamilies } from '../../../src-main/core/pdf/appearance/fonts';
import { Content, wrap } from '../../../src-main/core/pdf/appearance/layout';
import { ObjectSink } from '../../../src-main/core/pdf/appearance/objects';
import { MM } from '../../../src-main/core/pdf/appearance/page-geometry';
import { dict, PdfName, PdfRef, serializeObject, type PdfObject } from '../../../src-main/core/pdf/syntax';

const A4: [number, number] = [595.28, 841.89];
const BLACK: [number, number, number] = [0, 0, 0];

/** Writes a whole PDF (catalog 1, pages 2, page 3) around one page's content and fonts. */
function writePdf(
  build: (sink: ObjectSink) => { content: Buffer; fonts?: Record<string, PdfRef>; images?: Record<string, PdfRef> },
  rotate = 0,
): Buffer {
  const sink = new ObjectSink(5);
  const { content, fonts = {}, images = {} } = build(sink);
  const contentRef = sink.addStream(dict({}), content);
  const objects = new Map<number, Buffer>();
  objects.set(1, serializeObject(dict({ Type: new PdfName('Catalog'), Pages: new PdfRef(2, 0) })));
  objects.set(2, serializeObject(dict({ Type: new PdfName('Pages'), Kids: [new PdfRef(3, 0)], Count: 1 })));
  const page: Record<string, PdfObject> = {
    Type: new PdfName('Page'),
    Parent: new PdfRef(2, 0),
    MediaBox: [0, 0, A4[0], A4[1]],
    Resources: dict({ Font: dict(fonts), XObject: dict(images) }),
    Contents: contentRef,
  };
  if (rotate) page.Rotate = rotate;
  objects.set(3, serializeObject(dict(page)));
  objects.set(4, serializeObject(dict({ Producer: new PdfName('VanThuTest') })));
  for (const o of sink.objects) objects.set(o.num, o.body);
  const size = Math.max(...objects.keys()) + 1;
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  for (let n = 1; n < size; n++) {
    const body = objects.get(n) ?? Buffer.from('null');
    const chunk = Buffer.concat([Buffer.from(`${n} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets[n] = offset;
    parts.push(chunk);
    offset += chunk.length;
  }
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) xref += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** One page with the given lines, 14 pt, from the top left: for text extraction tests. */
export function linesPdf(lines: string[], rotate = 0): Buffer {
  const family = fontFamilies({ windowsFontsDir: null })[0];
  if (!family) throw new Error('no font');
  return writePdf((sink) => {
    const font = new FontUse(family.regular);
    const c = new Content();
    lines.forEach((line, i) => c.text('F1', font, 14, 30 * MM, A4[1] - 40 * MM - i * 22, line, BLACK));
    const content = c.bytes();
    return { content, fonts: { F1: font.embed(sink) } };
  }, rotate);
}

/** A page with a hand-written content stream (for the ink finder). */
export function contentPdf(content: string): Buffer {
  return writePdf(() => ({ content: Buffer.from(content, 'latin1') }));
}

/** A scanned page: one greyish image over the whole page and no text. */
export function scannedPdf(): Buffer {
  return writePdf((sink) => {
    const pixels = Buffer.alloc(60 * 85, 235);
    const image = sink.addStream(
      dict({
        Type: new PdfName('XObject'),
        Subtype: new PdfName('Image'),
        Width: 60,
        Height: 85,
        ColorSpace: new PdfName('DeviceGray'),
        BitsPerComponent: 8,
      }),
      pixels,
    );
    return { content: Buffer.from(`q ${A4[0]} 0 0 ${A4[1]} 0 0 cm /Im1 Do Q\n`), images: { Im1: image } };
  });
}

/** Where the decision leaves room for the signature, in points from the page's bottom left. */
export const SIGNATURE_BOX: [number, number, number, number] = [340, 250, 170, 80];

/** A one-page "Quyết định" of a commune People's Committee, laid out as ND30 shows it. */
export function decisionPdf(): Buffer {
  const family = fontFamilies({ windowsFontsDir: null })[0];
  if (!family) throw new Error('no font');
  return writePdf((sink) => {
    const regular = new FontUse(family.regular);
    const bold = new FontUse(family.bold);
    const c = new Content();
    const top = A4[1] - 20 * MM;
    const left = 30 * MM;
    const right = A4[0] - 15 * MM;
    const centred = (f: FontUse, res: string, size: number, cx: number, y: number, text: string) =>
      c.text(res, f, size, cx - f.width(text, size) / 2, y, text, BLACK);
    const leftCx = left + 38 * MM;
    const rightCx = right - 52 * MM;
    centred(regular, 'F1', 12, leftCx, top - 12, 'ỦY BAN NHÂN DÂN');
    centred(bold, 'F2', 12, leftCx, top - 26, 'XÃ HÒA BÌNH');
    centred(bold, 'F2', 12, rightCx, top - 12, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    centred(bold, 'F2', 13, rightCx, top - 27, 'Độc lập - Tự do - Hạnh phúc');
    centred(regular, 'F1', 13, leftCx, top - 52, 'Số: 01/QĐ-UBND');
    centred(regular, 'F1', 13, rightCx, top - 52, 'Hòa Bình, ngày 20 tháng 11 năm 2026');
    const mid = (left + right) / 2;
    centred(bold, 'F2', 14, mid, top - 90, 'QUYẾT ĐỊNH');
    centred(bold, 'F2', 14, mid, top - 107, 'Về việc ban hành Quy chế công tác văn thư');
    centred(bold, 'F2', 14, mid, top - 140, 'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA BÌNH');
    const body =
      'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư; ' +
      'theo đề nghị của Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã, Chủ tịch Ủy ban nhân dân xã quyết định ' +
      'ban hành kèm theo Quyết định này Quy chế công tác văn thư của Ủy ban nhân dân xã Hòa Bình.';
    let y = top - 175;
    for (const line of wrap(regular, body, 13, right - left)) {
      c.text('F1', regular, 13, left, y, line, BLACK);
      y -= 19;
    }
    const [sx, sy, sw, sh] = SIGNATURE_BOX;
    centred(bold, 'F2', 13, sx + sw / 2, sy + sh + 30, 'TM. ỦY BAN NHÂN DÂN');
    centred(bold, 'F2', 13, sx + sw / 2, sy + sh + 14, 'CHỦ TỊCH');
    centred(bold, 'F2', 13, sx + sw / 2, sy - 16, 'Nguyễn Văn Ánh');
    c.text('F2', bold, 12, left, sy + sh + 30, 'Nơi nhận:', BLACK);
    ['- Như Điều 3;', '- Lưu: VT, VP.'].forEach((t, i) =>
      c.text('F1', regular, 11, left, sy + sh + 16 - i * 13, t, BLACK),
    );
    const content = c.bytes();
    return { content, fonts: { F1: regular.embed(sink), F2: bold.embed(sink) } };
  });
}
