/** Headings, paragraphs and key/value lists: wrapped text flowing down the pages. */
import { MM } from '../appearance/page-geometry';
import type { Align, Canvas } from './canvas';
import type { Flow } from './flow';
import type { Heading, KeyValue, Paragraph } from './types';
import { wrapText } from './wrap';

/** Wrapped lines drawn one by one, each on the page where it fits. */
function drawLines(
  flow: Flow,
  lines: string[],
  size: number,
  bold: boolean,
  left: number,
  width: number,
  align: Align,
) {
  const style = flow.style(bold);
  const lh = flow.lineHeight(size);
  const down = flow.baseline(size, style);
  for (const line of lines) {
    flow.need(lh);
    flow.page.alignedText(style, size, left, width, flow.y - down, line, align);
    flow.y -= lh;
  }
}

export function layoutHeading(flow: Flow, block: Heading): void {
  const level = block.level ?? 2;
  const size = flow.base + (level === 1 ? 2 : level === 2 ? 1 : 0);
  const { left, contentWidth } = flow.frame;
  const lines = wrapText(flow.styles.bold.face, block.text, size, contentWidth);
  flow.skip(size * (level === 1 ? 0.8 : 0.6));
  // Never the last thing on a page: keep room for the heading and two lines of what follows.
  flow.need(lines.length * flow.lineHeight(size) + 2 * flow.lineHeight(flow.base));
  drawLines(flow, lines, size, true, left, contentWidth, block.align ?? (level === 1 ? 'center' : 'left'));
  flow.skip(size * 0.3);
}

export function layoutParagraph(flow: Flow, block: Paragraph): void {
  const size = block.size ?? flow.base;
  const indent = (block.indentMm ?? 0) * MM;
  const width = flow.frame.contentWidth - indent;
  const lines = wrapText(flow.style(block.bold).face, block.text, size, width);
  drawLines(flow, lines, size, block.bold ?? false, flow.frame.left + indent, width, block.align ?? 'left');
  flow.skip(size * 0.35);
}

export function layoutKeyValue(flow: Flow, block: KeyValue): void {
  const size = block.size ?? flow.base;
  const lh = flow.lineHeight(size);
  const { left, contentWidth } = flow.frame;
  const keyWidth = Math.min((block.keyWidthMm ?? 55) * MM, contentWidth / 2);
  const gap = 6;
  const keyStyle = flow.style(block.boldKeys);
  const valueStyle = flow.styles.regular;
  const keyDown = flow.baseline(size, keyStyle);
  const valueDown = flow.baseline(size, valueStyle);
  for (const row of block.rows) {
    const keys = wrapText(keyStyle.face, row.key, size, keyWidth - gap);
    const values = wrapText(valueStyle.face, row.value, size, contentWidth - keyWidth);
    const count = Math.max(keys.length, values.length);
    // A row that fits on a page is kept together; a longer one runs on line by line.
    if (count * lh <= flow.pageRoom) flow.need(count * lh);
    const places: { page: Canvas; y: number }[] = [];
    for (let i = 0; i < count; i++) {
      flow.need(lh);
      places.push({ page: flow.page, y: flow.y });
      flow.y -= lh;
    }
    // The key's lines, then the value's: text extraction reads each as one piece.
    places.forEach(({ page, y }, i) => page.text(keyStyle, size, left, y - keyDown, keys[i] ?? ''));
    places.forEach(({ page, y }, i) => page.text(valueStyle, size, left + keyWidth, y - valueDown, values[i] ?? ''));
    flow.skip(size * 0.15);
  }
  flow.skip(size * 0.35);
}
