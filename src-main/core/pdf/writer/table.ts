/**
 * Tables with ruled cells: column widths shared out of the content width, cell text wrapped,
 * the header row(s) drawn again at the top of every page the table runs onto. A row that does
 * not fit goes whole to the next page (or, with splitRows, is split line by line); a row taller
 * than a page is always split. Each cell is wrapped once, as its row is drawn, so a register of a
 * thousand rows costs a few milliseconds.
 */
import type { Align, Styled } from './canvas';
import type { Flow } from './flow';
import type { Cell, Table } from './types';
import { wrapText } from './wrap';

const PAD_X = 3;
const PAD_Y = 2.5;
const HEADER_GRAY = 0.9;

interface LaidCell {
  lines: string[];
  style: Styled;
  align: Align;
}

interface LaidRow {
  cells: LaidCell[];
  /** The most lines of any cell. */
  lines: number;
}

function cellOf(c: string | Cell | undefined): Cell {
  return typeof c === 'string' ? { text: c } : (c ?? { text: '' });
}

export function layoutTable(flow: Flow, block: Table): void {
  const { columns } = block;
  if (columns.length === 0) return;
  const size = block.size ?? flow.base - 1;
  const lh = flow.lineHeight(size);
  const total = columns.reduce((s, c) => s + Math.max(0, c.width), 0) || columns.length;
  const widths = columns.map((c) => (flow.frame.contentWidth * (total ? Math.max(0, c.width) : 1)) / total);
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), flow.frame.left);

  const lay = (row: (string | Cell)[], header: boolean): LaidRow => {
    const cells = columns.map((col, i): LaidCell => {
      const c = cellOf(row[i]);
      const style = flow.style(header || c.bold);
      const inner = Math.max(1, (widths[i] as number) - 2 * PAD_X);
      return {
        lines: wrapText(style.face, c.text, size, inner),
        style,
        align: c.align ?? (header ? 'center' : (col.align ?? 'left')),
      };
    });
    return { cells, lines: Math.max(...cells.map((c) => c.lines.length)) };
  };
  const height = (lines: number) => lines * lh + 2 * PAD_Y;

  /** Lines [from, to) of each cell in one band of ruled boxes. */
  const draw = (row: LaidRow, from: number, to: number, header: boolean) => {
    const h = height(to - from);
    const bottom = flow.y - h;
    if (header) flow.page.fill(flow.frame.left, bottom, flow.frame.contentWidth, h, HEADER_GRAY);
    flow.page.boxes(xs.map((x, i) => [x, bottom, widths[i] as number, h]));
    row.cells.forEach((cell, i) => {
      const down = flow.baseline(size, cell.style);
      const x = (xs[i] as number) + PAD_X;
      const w = (widths[i] as number) - 2 * PAD_X;
      for (let l = from; l < Math.min(to, cell.lines.length); l++) {
        const y = flow.y - PAD_Y - (l - from) * lh - down;
        flow.page.alignedText(cell.style, size, x, w, y, cell.lines[l] as string, cell.align);
      }
    });
    flow.y = bottom;
  };

  const head = [
    lay(
      columns.map((c) => c.header),
      true,
    ),
    ...(block.headerRows ?? []).map((r) => lay(r, true)),
  ];
  const headHeight = head.reduce((s, r) => s + height(r.lines), 0);
  const drawHead = () => head.forEach((r) => draw(r, 0, r.lines, true));

  // Rows are laid out one at a time as they are drawn: a register of 100,000 rows never holds
  // all their wrapped lines at once.
  const first = block.rows[0] ? lay(block.rows[0], false) : undefined;
  // The header is never left alone at the foot of a page: it goes down with the first row.
  flow.need(headHeight + height(Math.min(first?.lines ?? 0, 3)));
  drawHead();

  const roomForLines = () => Math.floor((flow.room - 2 * PAD_Y + 0.001) / lh);
  const freshPage = () => {
    flow.newPage();
    drawHead();
  };
  for (let r = 0; r < block.rows.length; r++) {
    const row = r === 0 && first ? first : lay(block.rows[r] as (string | Cell)[], false);
    let from = 0;
    let fresh = false;
    while (from < row.lines) {
      const left = row.lines - from;
      // A header so tall that no line fits under it: one line per page rather than no end.
      const fits = fresh ? Math.max(1, roomForLines()) : roomForLines();
      fresh = false;
      if (left <= fits) {
        draw(row, from, row.lines, false);
        break;
      }
      const wholeFitsOnPage = height(left) <= flow.pageRoom - headHeight;
      if (fits < 1 || (!block.splitRows && wholeFitsOnPage && from === 0)) {
        freshPage();
        fresh = true;
        continue;
      }
      draw(row, from, from + fits, false);
      from += fits;
      freshPage();
      fresh = true;
    }
  }
  flow.skip(flow.base * 0.6);
}
