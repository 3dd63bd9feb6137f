/**
 * Visible appearances (Form XObjects) for what VanThu puts on a PDF, following the rules of
 * Nghị định 30/2020 (appendix I) and its arrival-stamp model:
 * - 'signer': the competent person's signature image (blue, transparent PNG) fitted into the
 *   chosen rectangle, with optional lines (name, position) centred beneath it;
 * - 'seal': the organisation's red seal at real size, meant to overlap the left third of the
 *   person's signature (see sealRect);
 * - 'stamp': no image, for attachments and certified copies: the organisation, "Số: …" and the
 *   signing time in ISO 8601 Vietnam time, Times New Roman 10, black;
 * - 'arrival': the "ĐẾN" stamp, 50 × 35 mm, framed.
 * Every builder writes its objects (form, fonts, images) into the caller's ObjectSink, so they
 * land in the caller's single incremental update.
 */
import { buildArrival } from './arrival';
import type { Fonts } from './form';
import type { ObjectSink } from './objects';
import { MM, type PageGeometry, type Rect } from './page-geometry';
import { buildSeal, buildSigner, buildStamp } from './signature-appearances';
import type { AppearanceSpec, BuiltAppearance } from './types';

export { ARRIVAL_SIZE_MM } from './arrival';
export { isoVietnamTime, vietnamDate } from './dates';
export type { FontFamily, FontSources } from './fonts';
export { ObjectSink } from './objects';
export { MM, pageGeometry, PageGeometry, type Rect } from './page-geometry';
export type { AppearanceSpec, BuiltAppearance } from './types';

/**
 * Where the seal goes: its right edge a third of the way into the person's signature, centred
 * on it vertically, so the seal covers the signature's left third (Nghị định 30/2020, app. I).
 */
export function sealRect(signer: Rect, width: number, height: number): Rect {
  const [x, y, w, h] = signer;
  return [Math.max(0, x + w / 3 - width), y + h / 2 - height / 2, width, height];
}

/** A box of the given size in the top right corner of the displayed page. */
export function topRightRect(page: PageGeometry, width: number, height: number, marginMm = 8): Rect {
  const m = marginMm * MM;
  return [Math.max(0, page.width - m - width), Math.max(0, page.height - m - height), width, height];
}

/**
 * Builds an appearance into `sink`. `fonts`: families to choose from (tests) or where to find
 * them (default: Times New Roman from Windows, else the shipped Liberation Serif). `matrix`:
 * the page's counter-rotation (PageGeometry.matrix()), identity for an upright page.
 */
export function buildAppearance(
  spec: AppearanceSpec,
  fonts: Fonts,
  sink: ObjectSink,
  matrix: number[] = [1, 0, 0, 1, 0, 0],
): BuiltAppearance {
  switch (spec.kind) {
    case 'signer':
      return buildSigner(spec, fonts, sink, matrix);
    case 'seal':
      return buildSeal(spec, sink, matrix);
    case 'stamp':
      return buildStamp(spec, fonts, sink, matrix);
    case 'arrival':
      return buildArrival(spec, fonts, sink, matrix);
  }
}
