/**
 * The register as a PDF to print and bind: A4 landscape, a cover (the organisation, the title,
 * the year or dates, the numbers it runs from and to, the volume to be written in), the ten
 * columns with their numbers repeated on every page, how many entries it holds and the line
 * where the clerk who kept it signs; "Trang N/M" and the register's name at every foot.
 */
import { capitalise } from '../../../src-shared/domain/printed-text';
import { formatLongDateVi, todayInVietnam } from '../../../src-shared/domain/dates';
import { renderPdf, type Block, type PdfDocumentSpec, type RenderOptions } from '../pdf/writer';
import { organTitleBlock } from '../pdf/writer/organ-title';
import type { BookHeader } from './header';
import { BOOK_COLUMNS, BOOK_WORDS } from './layout';

export interface BookPrintMeta {
  /** The person printing: the name under "NGƯỜI LẬP SỔ". */
  clerk: string;
  now: Date;
}

function cover(h: BookHeader): Block[] {
  const line = (text: string, size: number, bold = false): Block => ({
    kind: 'paragraph',
    text,
    size,
    bold,
    align: 'center',
  });
  return [
    organTitleBlock({ organisation: h.organisation, regime: h.regime }),
    { kind: 'spacer', mm: 30 },
    line(h.title, 24, true),
    { kind: 'spacer', mm: 6 },
    line(h.periodText, 15),
    ...(h.numbersText ? [line(h.numbersText, 15)] : []),
    { kind: 'spacer', mm: 12 },
    line(BOOK_WORDS.volume, 14),
    { kind: 'pageBreak' },
  ];
}

export function bookPdfSpec(h: BookHeader, rows: string[][], meta: BookPrintMeta): PdfDocumentSpec {
  const columns = BOOK_COLUMNS[h.kind];
  const blocks: Block[] = [
    ...cover(h),
    { kind: 'heading', level: 1, text: `${h.title} — ${h.periodText.toLocaleUpperCase('vi')}` },
    { kind: 'spacer', mm: 2 },
    {
      kind: 'table',
      columns: columns.map((c) => ({ header: c.header, width: c.width, align: c.align })),
      headerRows: [columns.map((_, i) => ({ text: String(i + 1), align: 'center' as const }))],
      rows,
      size: 9.5,
    },
    rows.length === 0
      ? { kind: 'paragraph', text: BOOK_WORDS.empty, align: 'center' }
      : { kind: 'paragraph', text: BOOK_WORDS.count(h.count) },
    {
      kind: 'signature',
      placeDate: capitalise(formatLongDateVi(todayInVietnam(meta.now))),
      title: BOOK_WORDS.signTitle,
      note: BOOK_WORDS.signNote,
      name: meta.clerk,
    },
  ];
  return {
    info: {
      title: `${capitalise(h.title.toLocaleLowerCase('vi'))} — ${h.periodText}`,
      author: h.organisation,
      subject: `${h.title} ${h.periodText}`,
      date: meta.now,
    },
    page: { orientation: 'landscape', marginsMm: { top: 15, bottom: 15, left: 25, right: 12 } },
    fontSize: 11,
    footer: `${capitalise(h.title.toLocaleLowerCase('vi'))} · ${h.organisation} · ${h.periodText}`,
    blocks,
  };
}

export function renderBookPdf(h: BookHeader, rows: string[][], meta: BookPrintMeta, options?: RenderOptions): Buffer {
  return renderPdf(bookPdfSpec(h, rows, meta), options);
}
