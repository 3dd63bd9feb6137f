/**
 * The signature at the end of a report: a column (right half by default) with the place and
 * date, the title in bold capitals, the note "(Ký, ghi rõ họ tên)", room to sign, and the name
 * in bold. Kept together: it moves to a new page rather than split.
 */
import { MM } from '../appearance/page-geometry';
import type { Flow } from './flow';
import type { SignatureLine } from './types';
import { wrapText } from './wrap';

export function layoutSignature(flow: Flow, block: SignatureLine): void {
  const { left, contentWidth } = flow.frame;
  const width = contentWidth * 0.48;
  const x = block.align === 'left' ? left : left + contentWidth - width;
  const size = flow.base;
  const parts: { text: string; bold: boolean; size: number; after: number }[] = [];
  const add = (text: string | undefined, bold: boolean, s: number, after = 0) => {
    if (!text) return;
    const style = flow.style(bold);
    for (const line of wrapText(style.face, text, s, width)) parts.push({ text: line, bold, size: s, after: 0 });
    const last = parts.at(-1);
    if (last) last.after = after;
  };
  add(block.placeDate, false, size);
  add(block.title, true, size);
  add(block.note, false, size - 1);
  const gap = (block.gapMm ?? 25) * MM;
  const lastBeforeName = parts.at(-1);
  if (lastBeforeName) lastBeforeName.after = gap;
  add(block.name, true, size);

  const height = parts.reduce((h, p) => h + flow.lineHeight(p.size) + p.after, 0);
  flow.skip(size);
  flow.need(height);
  for (const p of parts) {
    const style = flow.style(p.bold);
    flow.page.alignedText(style, p.size, x, width, flow.y - flow.baseline(p.size, style), p.text, 'center');
    flow.y -= flow.lineHeight(p.size) + p.after;
  }
}
