/**
 * Renders a PDF page with poppler (pdftoppm) and reads the pixels back with VanThu's own PNG
 * decoder, so tests can say "this rectangle has ink, that one is white". Also text extraction
 * (pdftotext) and font listing (pdffonts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { decodePng, type DecodedPng } from '../../../src-main/core/pdf/appearance/png';
import type { Rect } from '../../../src-main/core/pdf/appearance/page-geometry';

export interface Rendered {
  png: DecodedPng;
  /** pixels per point */
  scale: number;
}

export function renderPage(file: string, page = 1, dpi = 50): Rendered {
  const prefix = path.join(path.dirname(file), `${path.basename(file, '.pdf')}-r${dpi}`);
  execFileSync('pdftoppm', [
    '-r',
    String(dpi),
    '-png',
    '-singlefile',
    '-f',
    String(page),
    '-l',
    String(page),
    file,
    prefix,
  ]);
  const png = decodePng(fs.readFileSync(`${prefix}.png`));
  return { png, scale: dpi / 72 };
}

/** Pixels darker than near-white inside a rectangle given in points (page as displayed). */
export function inkIn(r: Rendered, [x, y, w, h]: Rect, inset = 0): { ink: number; total: number } {
  const { png, scale } = r;
  const x0 = Math.ceil((x + inset) * scale);
  const x1 = Math.floor((x + w - inset) * scale);
  const y0 = Math.ceil(png.height - (y + h - inset) * scale);
  const y1 = Math.floor(png.height - (y + inset) * scale);
  let ink = 0;
  let total = 0;
  for (let py = Math.max(0, y0); py < Math.min(png.height, y1); py++) {
    for (let px = Math.max(0, x0); px < Math.min(png.width, x1); px++) {
      const i = (py * png.width + px) * png.channels;
      let min = 255;
      for (let c = 0; c < png.channels; c++) min = Math.min(min, png.color[i + c] as number);
      total++;
      if (min < 230) ink++;
    }
  }
  return { ink, total };
}

/** The colour of the darkest pixel in a rectangle (to tell red ink from blue). */
export function meanInkColour(r: Rendered, [x, y, w, h]: Rect): [number, number, number] {
  const { png, scale } = r;
  const sum = [0, 0, 0];
  let n = 0;
  for (let py = Math.ceil(png.height - (y + h) * scale); py < Math.floor(png.height - y * scale); py++) {
    for (let px = Math.ceil(x * scale); px < Math.floor((x + w) * scale); px++) {
      const i = (py * png.width + px) * png.channels;
      const rgb =
        png.channels === 3
          ? [png.color[i], png.color[i + 1], png.color[i + 2]]
          : [png.color[i], png.color[i], png.color[i]];
      if (Math.min(...(rgb as number[])) >= 230) continue;
      rgb.forEach((v, c) => (sum[c] = (sum[c] as number) + (v as number)));
      n++;
    }
  }
  return sum.map((v) => Math.round(v / Math.max(1, n))) as [number, number, number];
}

export function pdftotext(file: string, ...args: string[]): string {
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
}

export function pdffonts(file: string): string {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}
