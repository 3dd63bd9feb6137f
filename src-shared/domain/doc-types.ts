/**
 * The standard document types and their abbreviations (DOMAIN.md "Document types"). This is
 * only the seed: each organ's list lives in the database, where an administrator extends it.
 */
import { compareVietnamese } from './collate';

export interface StandardDocumentType {
  code: string;
  name: string;
  regime: 'party' | 'state' | 'both';
}

export const STANDARD_DOCUMENT_TYPES: readonly StandardDocumentType[] = [
  { code: 'NQ', name: 'Nghị quyết', regime: 'both' },
  { code: 'QĐ', name: 'Quyết định', regime: 'both' },
  { code: 'CT', name: 'Chỉ thị', regime: 'both' },
  { code: 'KL', name: 'Kết luận', regime: 'both' },
  { code: 'QC', name: 'Quy chế', regime: 'both' },
  // Party organs write Quy định "QĐi" (some share "QĐ" with Quyết định: an admin setting);
  // state organs write "QyĐ".
  { code: 'QĐi', name: 'Quy định', regime: 'party' },
  { code: 'QyĐ', name: 'Quy định', regime: 'state' },
  { code: 'TB', name: 'Thông báo', regime: 'both' },
  { code: 'TT', name: 'Thông tri', regime: 'party' },
  { code: 'HD', name: 'Hướng dẫn', regime: 'both' },
  { code: 'CTr', name: 'Chương trình', regime: 'both' },
  { code: 'KH', name: 'Kế hoạch', regime: 'both' },
  { code: 'PA', name: 'Phương án', regime: 'both' },
  { code: 'ĐA', name: 'Đề án', regime: 'both' },
  { code: 'BC', name: 'Báo cáo', regime: 'both' },
  { code: 'BB', name: 'Biên bản', regime: 'both' },
  { code: 'TTr', name: 'Tờ trình', regime: 'both' },
  { code: 'CV', name: 'Công văn', regime: 'party' },
  // State công văn carry no type in their notation ("05/UBND-VP": organ, then drafting unit),
  // hence the empty code; formatCodeNotation treats it like a missing type.
  { code: '', name: 'Công văn', regime: 'state' },
  { code: 'CĐ', name: 'Công điện', regime: 'both' },
  { code: 'GM', name: 'Giấy mời', regime: 'both' },
  { code: 'GGT', name: 'Giấy giới thiệu', regime: 'both' },
  { code: 'SY', name: 'Bản sao y', regime: 'both' },
  { code: 'TrS', name: 'Bản trích sao', regime: 'both' },
  { code: 'SL', name: 'Bản sao lục', regime: 'both' },
];

/** Party organs may count Quyết định (QĐ) and Quy định (QĐi) in one series: a choice at setup. */
export const PARTY_SHARED_DECISION_CODES: readonly string[] = ['QĐ', 'QĐi'];

/**
 * The types an organ of `regime` uses: one entry per name, active ones only, its regime's own
 * entry winning over a common one (Quy định: QĐi for Party organs, QyĐ for state ones).
 */
export function typesForRegime<T extends { name: string; regime: 'party' | 'state' | 'both'; active: boolean }>(
  regime: 'party' | 'state',
  all: readonly T[],
): T[] {
  const byName = new Map<string, T>();
  for (const type of all) {
    if (!type.active || (type.regime !== 'both' && type.regime !== regime)) continue;
    const seen = byName.get(type.name);
    if (!seen || (seen.regime === 'both' && type.regime === regime)) byName.set(type.name, type);
  }
  return [...byName.values()].sort((a, b) => compareVietnamese(a.name, b.name));
}
