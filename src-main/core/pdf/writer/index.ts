/**
 * A small writer of new PDF documents for printed reports: registers, statistics, the signature
 * verification report. A4 portrait or landscape, the embedded Vietnamese-capable font
 * (extractable text), wrapped paragraphs, headings, key/value lists, ruled tables whose header
 * repeats on every page, the document header and the signature line, "Trang N/M" at the foot.
 */
export { renderPdf, pageNumberText } from './render';
export { A4, DEFAULT_MARGINS_MM, pageFrame, type Margins, type Orientation, type PageSetup } from './page';
export type {
  Align,
  Block,
  Cell,
  Column,
  DocumentInfo,
  Heading,
  KeyValue,
  PageBreak,
  Paragraph,
  PdfDocumentSpec,
  RenderOptions,
  SignatureLine,
  Spacer,
  Table,
  TitleBlock,
  TitleLine,
} from './types';
