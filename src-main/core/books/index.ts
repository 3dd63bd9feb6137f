/**
 * The printed registers: a preview of the first page for the screen, and the whole register
 * as PDF or .xlsx. Everything is read in one transaction, so the cover's count and the rows
 * agree even while the sync writes.
 */
import type { Regime } from '../../../src-shared/domain/enums';
import { bookKindOf, type BookFormat, type BookPreview, type BookQuery } from '../../../src-shared/ipc/books';
import type { Sqlite } from '../db/open';
import { organTitleBlock } from '../pdf/writer/organ-title';
import { createBookEntries } from './entries';
import { bookFileName, bookHeader, periodOf, type BookHeader } from './header';
import { BOOK_COLUMNS, BOOK_WORDS, bookCells } from './layout';
import { renderBookPdf } from './pdf';
import { renderBookXlsx } from './xlsx';

export interface BookOrganisation {
  name: string;
  regime: Regime;
}

export interface BookExport {
  header: BookHeader;
  bytes: Buffer;
  name: string;
  mediaType: string;
}

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Rows the preview shows; the rest are in the PDF and the spreadsheet. */
export const PREVIEW_ROWS = 1000;

export interface BookDeps {
  organisationOf: (id: number) => BookOrganisation;
  /** A read snapshot (the services' one transaction wrapper, deferred). */
  snapshot: <T>(work: () => T) => T;
}

export function createBooks(sqlite: Sqlite, deps: BookDeps) {
  const entries = createBookEntries(sqlite);
  const { organisationOf, snapshot: read } = deps;

  function* cells(q: BookQuery, limit = Infinity): Generator<string[]> {
    let n = 0;
    for (const e of entries.iterate(periodOf(q))) {
      if (n++ >= limit) return;
      yield bookCells(e, bookKindOf(q));
    }
  }

  return {
    preview(q: BookQuery, limit = PREVIEW_ROWS): BookPreview {
      return read(() => {
        const h = bookHeader(q, organisationOf(q.organisationId), entries);
        const block = organTitleBlock({ organisation: h.organisation, regime: h.regime });
        return {
          heading: { left: block.left.map((l) => l.text), right: block.right.map((l) => l.text) },
          title: h.title,
          organisation: h.organisation,
          period: h.periodText,
          numbers: h.numbersText,
          columns: BOOK_COLUMNS[bookKindOf(q)].map((c) => ({ ...c })),
          rows: [...cells(q, limit)],
          total: h.count,
          paper: {
            volume: BOOK_WORDS.volume,
            closing: h.count === 0 ? BOOK_WORDS.empty : BOOK_WORDS.count(h.count),
            signTitle: BOOK_WORDS.signTitle,
            signNote: BOOK_WORDS.signNote,
          },
        };
      });
    },

    export(q: BookQuery, format: BookFormat, meta: { clerk: string; now: Date }): BookExport {
      return read(() => {
        const h = bookHeader(q, organisationOf(q.organisationId), entries);
        if (format === 'xlsx') {
          return {
            header: h,
            bytes: renderBookXlsx(h, cells(q), meta.now),
            name: bookFileName(h, 'xlsx'),
            mediaType: XLSX_MEDIA_TYPE,
          };
        }
        return {
          header: h,
          bytes: renderBookPdf(h, [...cells(q)], meta),
          name: bookFileName(h, 'pdf'),
          mediaType: 'application/pdf',
        };
      });
    },
  };
}

export type Books = ReturnType<typeof createBooks>;
