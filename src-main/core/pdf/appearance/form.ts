/**
 * What every appearance shares: the font faces it draws with, line metrics, colours, and the
 * Form XObject that wraps a content stream with the fonts and images it used.
 */
import { dict, PdfName, type PdfObject, type PdfRef } from '../syntax';
import { FontUse } from './font-embed';
import { fontFamilies, type FontFamily, type FontSources } from './fonts';
import type { Content, Rgb } from './layout';
import type { ObjectSink } from './objects';
import type { BuiltAppearance } from './types';

export const BLACK: Rgb = [0, 0, 0];
/** Stamp-pad red, as on the paper "ĐẾN" stamps. */
export const STAMP_RED: Rgb = [0.78, 0.06, 0.06];

/** Line pitch, and the baseline's height inside a line box (room for descenders: 0.22 em). */
export const LINE = 1.22;
export const BASELINE = 0.27;

export type Fonts = FontFamily[] | FontSources | undefined;

export interface Faces {
  regular: FontUse;
  bold: FontUse;
}

export function faces(family: FontFamily): Faces {
  return { regular: new FontUse(family.regular), bold: new FontUse(family.bold) };
}

/** Writes the form XObject with the fonts and images it used. */
export function form(
  sink: ObjectSink,
  content: Content,
  width: number,
  height: number,
  used: { fonts?: Faces; images?: Record<string, PdfRef>; gs?: Record<string, PdfObject> },
  matrix: number[],
): BuiltAppearance {
  const resources: Record<string, PdfObject> = {};
  const data = content.bytes();
  if (used.fonts) {
    const fonts: Record<string, PdfObject> = {};
    // Only faces that drew something are embedded; an unused face would be dead weight.
    if (!used.fonts.regular.empty) fonts.F1 = used.fonts.regular.embed(sink);
    if (!used.fonts.bold.empty) fonts.F2 = used.fonts.bold.embed(sink);
    if (Object.keys(fonts).length > 0) resources.Font = dict(fonts);
  }
  if (used.images) resources.XObject = dict(used.images);
  if (used.gs) resources.ExtGState = dict(used.gs);
  const ref = sink.addStream(
    dict({
      Type: new PdfName('XObject'),
      Subtype: new PdfName('Form'),
      BBox: [0, 0, width, height],
      Matrix: matrix,
      Resources: dict(resources),
    }),
    data,
  );
  return { ref, width, height };
}

export function families(fonts: Fonts): FontFamily[] {
  return Array.isArray(fonts) ? fonts : fontFamilies(fonts);
}
