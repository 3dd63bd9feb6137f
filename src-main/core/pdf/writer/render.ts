/**
 * Writes a document spec as a new PDF: chooses the faces, lays the blocks out page by page,
 * numbers the pages "Trang N/M", then writes pages, content streams, the subset fonts (with
 * ToUnicode, so the text can be searched and extracted) and the metadata.
 */
import { isoVietnamTime } from '../appearance/dates';
import { ObjectSink } from '../appearance/objects';
import { dict, literalString, PdfName, type PdfObject } from '../syntax';
import { Flow, type Styles } from './flow';
import { assemblePdf, fileId } from './file';
import { documentStyles, type DocumentTexts } from './fonts';
import { pageFrame } from './page';
import { layoutSignature } from './signature-line';
import { layoutTable } from './table';
import { layoutHeading, layoutKeyValue, layoutParagraph } from './text-blocks';
import { layoutTitle } from './title-block';
import type { Block, PdfDocumentSpec, RenderOptions } from './types';
import { wrapText } from './wrap';

/** "Trang 2/3" */
export function pageNumberText(page: number, total: number): string {
  return `Trang ${page}/${total}`;
}

/** Every text the document draws, by face, so one family is chosen that has all the letters. */
function texts(spec: PdfDocumentSpec): DocumentTexts {
  const out: DocumentTexts = { regular: [pageNumberText(1234567890, 0)], bold: [] };
  const put = (text: string | undefined, bold?: boolean) => {
    if (text) (bold ? out.bold : out.regular).push(text);
  };
  put(spec.footer);
  for (const b of spec.blocks) {
    switch (b.kind) {
      case 'title':
        [...b.left, ...b.right].forEach((l) => put(l.text, l.bold));
        put(b.placeDate);
        break;
      case 'heading':
        put(b.text, true);
        break;
      case 'paragraph':
        put(b.text, b.bold);
        break;
      case 'keyValue':
        b.rows.forEach((r) => (put(r.key, b.boldKeys), put(r.value)));
        break;
      case 'table':
        b.columns.forEach((c) => put(c.header, true));
        (b.headerRows ?? []).flat().forEach((c) => put(typeof c === 'string' ? c : c.text, true));
        b.rows.flat().forEach((c) => (typeof c === 'string' ? put(c) : put(c.text, c.bold)));
        break;
      case 'signature':
        put(b.placeDate);
        put(b.title, true);
        put(b.note);
        put(b.name, true);
        break;
    }
  }
  return out;
}

function layout(flow: Flow, block: Block): void {
  switch (block.kind) {
    case 'title':
      return layoutTitle(flow, block);
    case 'heading':
      return layoutHeading(flow, block);
    case 'paragraph':
      return layoutParagraph(flow, block);
    case 'keyValue':
      return layoutKeyValue(flow, block);
    case 'table':
      return layoutTable(flow, block);
    case 'signature':
      return layoutSignature(flow, block);
    case 'spacer':
      return flow.skip((block.mm * 72) / 25.4);
    case 'pageBreak':
      if (!flow.atTop) flow.newPage();
      return;
  }
}

/** The footer line on the left and "Trang N/M" on the right, in the bottom margin. */
function footers(flow: Flow, spec: PdfDocumentSpec): void {
  const size = Math.max(7, flow.base - 2);
  const { left, contentWidth, margins } = flow.frame;
  const style = flow.styles.regular;
  const y = Math.max(6, margins.bottom / 2 - size / 3);
  const total = flow.pages.length;
  const numbers = spec.pageNumbers !== false;
  let footer = '';
  if (spec.footer) {
    const room = contentWidth - (numbers ? style.face.width(pageNumberText(total, total), size) + 24 : 0);
    const lines = wrapText(style.face, spec.footer, size, room);
    footer = lines.length > 1 ? `${lines[0]}…` : (lines[0] ?? '');
  }
  flow.pages.forEach((page, i) => {
    if (footer) page.text(style, size, left, y, footer);
    if (numbers) page.alignedText(style, size, left, contentWidth, y, pageNumberText(i + 1, total), 'right');
  });
}

/** D:20261122091530+07'00' — Vietnam time, as the signer writes /M. */
function pdfDate(date: Date): string {
  const iso = isoVietnamTime(date);
  return `D:${iso.slice(0, 19).replace(/[-T:]/g, '')}+07'00'`;
}

function writeFile(flow: Flow, styles: Styles, spec: PdfDocumentSpec): Buffer {
  const sink = new ObjectSink(1);
  const catalog = sink.reserve();
  const pages = sink.reserve();
  const resources = sink.reserve();
  const info = sink.reserve();
  const { width, height } = flow.frame;
  const kids = flow.pages.map((page) => {
    const contents = sink.addStream(dict({}), page.bytes());
    return sink.add(
      dict({
        Type: new PdfName('Page'),
        Parent: pages,
        MediaBox: [0, 0, width, height],
        Resources: resources,
        Contents: contents,
      }),
    );
  });
  const fonts: Record<string, PdfObject> = { F1: styles.regular.face.use.embed(sink) };
  if (styles.bold.resource !== 'F1' && !styles.bold.face.use.empty) fonts.F2 = styles.bold.face.use.embed(sink);
  sink.put(resources, dict({ Font: dict(fonts), ProcSet: [new PdfName('PDF'), new PdfName('Text')] }));
  sink.put(pages, dict({ Type: new PdfName('Pages'), Kids: kids, Count: kids.length }));
  sink.put(
    catalog,
    dict({
      Type: new PdfName('Catalog'),
      Pages: pages,
      Lang: literalString('vi-VN'),
      ViewerPreferences: dict({ DisplayDocTitle: true }),
    }),
  );
  const meta: Record<string, PdfObject> = { Title: literalString(spec.info.title) };
  if (spec.info.author) meta.Author = literalString(spec.info.author);
  if (spec.info.subject) meta.Subject = literalString(spec.info.subject);
  if (spec.info.keywords) meta.Keywords = literalString(spec.info.keywords);
  const date = literalString(pdfDate(spec.info.date));
  Object.assign(meta, {
    Creator: literalString('VanThu'),
    Producer: literalString('VanThu'),
    CreationDate: date,
    ModDate: date,
  });
  sink.put(info, dict(meta));
  return assemblePdf(sink.objects, catalog, info, fileId(sink.objects, spec.info.id));
}

/** The document as the bytes of a new PDF file. */
export function renderPdf(spec: PdfDocumentSpec, options: RenderOptions = {}): Buffer {
  const frame = pageFrame(spec.page);
  const styles = documentStyles(options, texts(spec));
  const flow = new Flow(frame, styles, spec.fontSize ?? 12);
  for (const block of spec.blocks) layout(flow, block);
  footers(flow, spec);
  return writeFile(flow, styles, spec);
}
