/**
 * What a printed report is made of: the page set-up, the document's metadata and a list of
 * blocks laid out one after another, breaking pages where needed. Plain data, so a register,
 * a statistics report or a verification report are all built the same way.
 */
import type { FontFamily, FontSources } from '../appearance/fonts';
import type { Align } from './canvas';
import type { PageSetup } from './page';

export type { Align } from './canvas';

/** One line of a title block column. */
export interface TitleLine {
  text: string;
  bold?: boolean;
  /** 'full': underlined along the text (the motto); 'short': a rule a third as long, centred (the organ's name). */
  underline?: 'full' | 'short';
  /** Points; default: the document's base size. */
  size?: number;
}

/**
 * The header of a Vietnamese administrative document (Nghị định 30/2020, Hướng dẫn 36-HD/VPTW):
 * the issuing organ on the left, the national or Party motto on the right, each centred in its
 * column; optionally the place and date under the motto. The lines are data: a Party organ
 * gives "ĐẢNG CỘNG SẢN VIỆT NAM", a state organ "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and
 * "Độc lập - Tự do - Hạnh phúc".
 */
export interface TitleBlock {
  kind: 'title';
  left: TitleLine[];
  right: TitleLine[];
  /** Below the right column, e.g. "Hòa Bình, ngày 22 tháng 11 năm 2026". */
  placeDate?: string;
  /** Share of the content width the left column takes; default 0.42. */
  leftShare?: number;
}

export interface Heading {
  kind: 'heading';
  text: string;
  /** 1: document title (centred, larger), 2: section, 3: subsection. */
  level?: 1 | 2 | 3;
  align?: Align;
}

export interface Paragraph {
  kind: 'paragraph';
  text: string;
  bold?: boolean;
  size?: number;
  align?: Align;
  /** Left indent, millimetres. */
  indentMm?: number;
}

export interface KeyValue {
  kind: 'keyValue';
  rows: { key: string; value: string }[];
  /** Width of the key column, millimetres; default 55. */
  keyWidthMm?: number;
  boldKeys?: boolean;
  size?: number;
}

export interface Cell {
  text: string;
  bold?: boolean;
  align?: Align;
}

export interface Column {
  header: string;
  /** Relative width: the columns share the content width in proportion. */
  width: number;
  align?: Align;
}

export interface Table {
  kind: 'table';
  columns: Column[];
  rows: (string | Cell)[][];
  /** Extra header rows under the column titles (e.g. the column numbers "1", "2", …). */
  headerRows?: (string | Cell)[][];
  /** Points; default: the document's base size minus 1. */
  size?: number;
  /**
   * A row that does not fit on what is left of the page: false (default) moves it whole to the
   * next page (only a row taller than a whole page is split); true splits it between the pages.
   */
  splitRows?: boolean;
}

/**
 * The signature at the end: a centred column (right half by default) with the title
 * ("NGƯỜI KIỂM TRA"), a note ("(Ký, ghi rõ họ tên)"), room to sign and the name.
 */
export interface SignatureLine {
  kind: 'signature';
  placeDate?: string;
  title: string;
  note?: string;
  name?: string;
  /** Room left for the handwritten signature, millimetres; default 25. */
  gapMm?: number;
  align?: 'left' | 'right';
}

export interface Spacer {
  kind: 'spacer';
  mm: number;
}

export interface PageBreak {
  kind: 'pageBreak';
}

export type Block = TitleBlock | Heading | Paragraph | KeyValue | Table | SignatureLine | Spacer | PageBreak;

export interface DocumentInfo {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string;
  /** CreationDate and ModDate: passed in, so the same input gives the same bytes. */
  date: Date;
  /**
   * The file identifier (/ID), 16 bytes or 32 hex digits. Default: derived from the content,
   * so equal documents get equal identifiers.
   */
  id?: Uint8Array | string;
}

export interface PdfDocumentSpec {
  info: DocumentInfo;
  page?: PageSetup;
  /** Base text size, points; default 12. */
  fontSize?: number;
  /** "Trang N/M" at the foot of every page, right; default true. */
  pageNumbers?: boolean;
  /** A small line at the foot of every page, left (e.g. the register's name). */
  footer?: string;
  blocks: Block[];
}

export interface RenderOptions {
  /** Families to choose from (tests), or where to find them; default as the appearances do. */
  fonts?: FontFamily[] | FontSources;
}
