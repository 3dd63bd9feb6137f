/**
 * The faces a document is written in: the appearance module's families (Times New Roman from
 * Windows when present and complete, else the shipped Liberation Serif), chosen once for all
 * the text of the document. Checking each distinct letter once keeps this cheap for a register
 * of thousands of cells; when no family can draw a letter, chooseFamily names it and its line.
 */
import { normalizeText } from '../appearance/font-embed';
import { chooseFamily, fontFamilies, type FontFamily } from '../appearance/fonts';
import type { TrueTypeFont } from '../appearance/truetype';
import type { Styles } from './flow';
import { Face } from './face';
import type { RenderOptions } from './types';

export interface DocumentTexts {
  regular: string[];
  bold: string[];
}

function letters(texts: string[]): string[] {
  const set = new Set<string>();
  for (const t of texts) for (const ch of normalizeText(t)) set.add(ch);
  return [...set];
}

function drawsAll(font: TrueTypeFont, chars: string[]): boolean {
  return chars.every((ch) => font.glyphId(ch.codePointAt(0) as number) !== 0);
}

export function pickFamily(families: FontFamily[], texts: DocumentTexts): FontFamily {
  const regular = letters(texts.regular);
  const bold = letters(texts.bold);
  const found = families.find((f) => drawsAll(f.regular, regular) && drawsAll(f.bold, bold));
  return found ?? chooseFamily(families, texts);
}

/** /F1 regular and /F2 bold; a family without a bold face thickens the regular one instead. */
export function documentStyles(options: RenderOptions, texts: DocumentTexts): Styles {
  const families = Array.isArray(options.fonts) ? options.fonts : fontFamilies(options.fonts);
  const family = pickFamily(families, texts);
  const regular = new Face(family.regular);
  const bold =
    family.bold === family.regular
      ? { resource: 'F1', face: new Face(family.regular, { use: regular.use, synthetic: true }) }
      : { resource: 'F2', face: new Face(family.bold) };
  return { regular: { resource: 'F1', face: regular }, bold };
}
