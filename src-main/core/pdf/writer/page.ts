/**
 * Paper: A4 portrait or landscape in whole points (595 × 842), and margins. Defaults follow
 * Nghị định 30/2020 (appendix I): top and bottom 20 mm, left 30 mm, right 15 mm.
 */
import { VanThuError } from '../../../../src-shared/ipc/errors';
import { MM } from '../appearance/page-geometry';

export type Orientation = 'portrait' | 'landscape';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PageSetup {
  orientation?: Orientation;
  /** Millimetres: one number for all four sides, or some sides (the rest keep the defaults). */
  marginsMm?: number | Partial<Margins>;
}

export const A4 = { width: 595, height: 842 } as const;
export const DEFAULT_MARGINS_MM: Margins = { top: 20, right: 15, bottom: 20, left: 30 };

/** A page's size and its printable box, in points. */
export interface PageFrame {
  width: number;
  height: number;
  /** Margins, points. */
  margins: Margins;
  left: number;
  right: number;
  top: number;
  bottom: number;
  contentWidth: number;
}

function tooLittleRoom(): VanThuError {
  return new VanThuError('VALIDATION', 'Lề trang không hợp lệ: phần còn lại để in quá hẹp. Hãy giảm lề trang.');
}

export function pageFrame(setup: PageSetup = {}): PageFrame {
  const landscape = setup.orientation === 'landscape';
  const width = landscape ? A4.height : A4.width;
  const height = landscape ? A4.width : A4.height;
  const given = setup.marginsMm;
  const mm: Margins =
    typeof given === 'number'
      ? { top: given, right: given, bottom: given, left: given }
      : { ...DEFAULT_MARGINS_MM, ...(given ?? {}) };
  if (!Object.values(mm).every((v) => Number.isFinite(v) && v >= 0)) throw tooLittleRoom();
  const margins: Margins = { top: mm.top * MM, right: mm.right * MM, bottom: mm.bottom * MM, left: mm.left * MM };
  const contentWidth = width - margins.left - margins.right;
  if (contentWidth < 72 || height - margins.top - margins.bottom < 144) {
    throw tooLittleRoom();
  }
  return {
    width,
    height,
    margins,
    left: margins.left,
    right: width - margins.right,
    top: height - margins.top,
    bottom: margins.bottom,
    contentWidth,
  };
}
