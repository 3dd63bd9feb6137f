/**
 * The header of a Vietnamese document: the organ on the left, the motto on the right, each line
 * centred in its column, with the rules Nghị định 30/2020 draws (a short one under the organ's
 * name, a full one under "Độc lập - Tự do - Hạnh phúc"); the place and date under the motto.
 */
import type { Styled } from './canvas';
import type { Flow } from './flow';
import type { TitleBlock, TitleLine } from './types';
import { wrapText } from './wrap';

interface Line {
  text: string;
  style: Styled;
  size: number;
  underline?: 'full' | 'short';
}

function lines(flow: Flow, list: TitleLine[], width: number): Line[] {
  return list.flatMap((l) => {
    const style = flow.style(l.bold);
    const size = l.size ?? flow.base;
    const wrapped = wrapText(style.face, l.text, size, width);
    // The rule goes under the last line of a wrapped title line.
    return wrapped.map((text, i) => ({
      text,
      style,
      size,
      underline: i === wrapped.length - 1 ? l.underline : undefined,
    }));
  });
}

const RULE_GAP = 5;

function columnHeight(flow: Flow, list: Line[]): number {
  return list.reduce((h, l) => h + flow.lineHeight(l.size) + (l.underline ? RULE_GAP : 0), 0);
}

function drawColumn(flow: Flow, list: Line[], left: number, width: number, top: number): number {
  let y = top;
  for (const l of list) {
    const baseline = y - flow.baseline(l.size, l.style);
    flow.page.alignedText(l.style, l.size, left, width, baseline, l.text, 'center');
    y -= flow.lineHeight(l.size);
    if (l.underline) {
      const textWidth = l.style.face.width(l.text, l.size);
      const rule = l.underline === 'short' ? textWidth / 3 : textWidth;
      const x = left + (width - rule) / 2;
      const ruleY = baseline - l.size * 0.32 - 1;
      flow.page.line(x, ruleY, x + rule, ruleY, 0.6);
      y -= RULE_GAP;
    }
  }
  return top - y;
}

export function layoutTitle(flow: Flow, block: TitleBlock): void {
  const { left, contentWidth } = flow.frame;
  const share = Math.min(0.7, Math.max(0.2, block.leftShare ?? 0.42));
  const leftWidth = contentWidth * share;
  const rightWidth = contentWidth - leftWidth;
  const pad = 4;
  const l = lines(flow, block.left, leftWidth - pad);
  const r = lines(flow, block.right, rightWidth - pad);
  const place = block.placeDate ? lines(flow, [{ text: block.placeDate }], rightWidth - pad) : [];
  const placeGap = place.length > 0 ? flow.base * 0.6 : 0;
  const height = Math.max(columnHeight(flow, l), columnHeight(flow, r) + placeGap + columnHeight(flow, place));
  flow.need(height);
  const top = flow.y;
  drawColumn(flow, l, left, leftWidth, top);
  const used = drawColumn(flow, r, left + leftWidth, rightWidth, top);
  if (place.length > 0) drawColumn(flow, place, left + leftWidth, rightWidth, top - used - placeGap);
  flow.y = top - height;
  flow.skip(flow.base);
}
