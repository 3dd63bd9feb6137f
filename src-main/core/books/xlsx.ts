/** The register as a spreadsheet: the same title, columns and cells as the printed one. */
import { capitalise } from '../../../src-shared/domain/printed-text';
import { writeXlsx } from '../xlsx/sheet';
import type { BookHeader } from './header';
import { BOOK_COLUMNS } from './layout';

const SHEET_NAMES = { in: 'Sổ đến', out: 'Sổ đi', followUp: 'Theo dõi giải quyết' } as const;

// Paper widths are relative; a spreadsheet column is measured in characters.
const CHARACTERS_PER_UNIT = 1.6;

export function renderBookXlsx(h: BookHeader, rows: Iterable<string[]>, now: Date): Buffer {
  const name = capitalise(h.title.toLocaleLowerCase('vi'));
  return writeXlsx({
    sheetName: `${SHEET_NAMES[h.kind]} ${h.year}`,
    titleLines: [
      h.organisation.toLocaleUpperCase('vi'),
      h.title,
      [h.periodText, h.numbersText].filter(Boolean).join(' — '),
    ],
    columns: BOOK_COLUMNS[h.kind].map((c) => ({
      header: c.header,
      width: Math.round(c.width * CHARACTERS_PER_UNIT),
      align: c.align,
    })),
    numberColumns: true,
    rows,
    footer: `${name} · ${h.organisation} · ${h.periodText}`,
    landscape: true,
    title: `${name} — ${h.periodText}`,
    creator: h.organisation,
    created: now,
  });
}
