/**
 * The header every printed document of the organisation carries (Nghị định 30/2020 for state
 * organs, Hướng dẫn 36-HD/VPTW for Party organs): the organ on the left, the motto on the
 * right, the place and date under it. Shared by the signature report and the printed registers.
 */
import type { Regime } from '../../../../src-shared/domain/enums';
import type { TitleBlock } from './types';

export interface OrganHeader {
  /** The organisation's name as registered ("Đảng ủy xã Hòa Bình", "UBND xã Hòa Bình"). */
  organisation: string;
  regime: Regime;
  /** "Hòa Bình, ngày 22 tháng 11 năm 2026" or just the date line; omitted: no line. */
  placeDate?: string;
}

/**
 * A state organ's name as headers set it, the kind of organ over the place:
 * "ỦY BAN NHÂN DÂN" / "XÃ HÒA BÌNH".
 */
export function organLines(name: string): string[] {
  const upper = name.toLocaleUpperCase('vi');
  const at = /^(.+?)\s+((?:XÃ|PHƯỜNG|THỊ TRẤN|THỊ XÃ|HUYỆN|QUẬN|THÀNH PHỐ|TỈNH|ĐẶC KHU)\s.+)$/u.exec(upper);
  return at ? [at[1] as string, at[2] as string] : [upper];
}

export function organTitleBlock(header: OrganHeader): TitleBlock {
  if (header.regime === 'party') {
    return {
      kind: 'title',
      left: [{ text: header.organisation.toLocaleUpperCase('vi'), bold: true }, { text: '*' }],
      right: [{ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', bold: true, underline: 'full' }],
      placeDate: header.placeDate,
    };
  }
  return {
    kind: 'title',
    left: organLines(header.organisation).map((text, i, all) =>
      i === all.length - 1 ? { text, bold: true, underline: 'short' } : { text, bold: true },
    ),
    right: [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
      { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, underline: 'full' },
    ],
    placeDate: header.placeDate,
  };
}
