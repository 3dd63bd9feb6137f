/**
 * The two registers of Nghị định 30/2020 appendix IV, column by column, and how an entry fills
 * them. One description for the PDF, the spreadsheet and the preview, so the three never
 * disagree. "Ngày chuyển" and "Ký nhận" are left empty: they are written by hand when the
 * paper goes to its handler.
 */
import { formatDateVi, todayInVietnam } from '../../../src-shared/domain/dates';
import type { BookKind } from '../../../src-shared/ipc/books';
import { SECRECY_LABELS, URGENCY_LABELS } from '../../../src-shared/domain/enums';
import { numberNotationOf, padNumber } from '../../../src-shared/domain/notation';
import { groupDigits } from '../../../src-shared/domain/printed-text';
import type { BookEntry } from './entries';

export interface BookColumn {
  header: string;
  /** Relative width on paper; the spreadsheet takes it as characters. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export const BOOK_TITLES: Record<BookKind, string> = {
  in: 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN',
  out: 'SỔ ĐĂNG KÝ VĂN BẢN ĐI',
  followUp: 'SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN',
};

/** The register's own words, on paper and in the preview that stands for it. */
export const BOOK_WORDS = {
  volume: 'Quyển số: ............',
  count: (n: number) => `Sổ có ${groupDigits(n)} văn bản.`,
  empty: 'Không có văn bản nào trong thời gian này.',
  signTitle: 'NGƯỜI LẬP SỔ',
  signNote: '(Ký, ghi rõ họ tên)',
} as const;

export const BOOK_COLUMNS: Record<BookKind, readonly BookColumn[]> = {
  followUp: [
    { header: 'Số đến', width: 6, align: 'center' },
    { header: 'Tên loại, số, ký hiệu, ngày tháng và cơ quan ban hành', width: 32 },
    { header: 'Đơn vị hoặc người nhận', width: 18 },
    { header: 'Thời hạn giải quyết', width: 9, align: 'center' },
    { header: 'Tiến độ giải quyết', width: 13 },
    { header: 'Số, ký hiệu văn bản trả lời', width: 11 },
    { header: 'Ghi chú', width: 11 },
  ],
  in: [
    { header: 'Ngày đến', width: 9, align: 'center' },
    { header: 'Số đến', width: 6, align: 'center' },
    { header: 'Tác giả', width: 15 },
    { header: 'Số, ký hiệu', width: 11 },
    { header: 'Ngày tháng văn bản', width: 9, align: 'center' },
    { header: 'Tên loại và trích yếu nội dung', width: 30 },
    { header: 'Đơn vị hoặc người nhận', width: 13 },
    { header: 'Ngày chuyển', width: 8, align: 'center' },
    { header: 'Ký nhận', width: 8 },
    { header: 'Ghi chú', width: 11 },
  ],
  out: [
    { header: 'Số, ký hiệu', width: 11 },
    { header: 'Ngày tháng văn bản', width: 9, align: 'center' },
    { header: 'Tên loại và trích yếu nội dung', width: 28 },
    { header: 'Người ký', width: 11 },
    { header: 'Nơi nhận văn bản', width: 15 },
    { header: 'Đơn vị, người nhận bản lưu', width: 11 },
    { header: 'Số lượng bản', width: 6, align: 'center' },
    { header: 'Ngày chuyển', width: 8, align: 'center' },
    { header: 'Ký nhận', width: 8 },
    { header: 'Ghi chú', width: 11 },
  ],
};

const date = (iso: string | null) => (iso ? formatDateVi(iso) : '');

/** "Công văn: V/v …"; a type already named at the start of the subject is not said twice. */
function typeAndSubject(e: BookEntry): string {
  const subject = e.subject.trim();
  if (!e.typeName || subject.toLocaleLowerCase('vi').startsWith(e.typeName.toLocaleLowerCase('vi'))) return subject;
  return `${e.typeName}: ${subject}`;
}

function recipients(e: BookEntry): string {
  let names: string[] = [];
  try {
    const to = JSON.parse(e.toJson) as { organName?: string }[];
    names = to.map((r) => r.organName ?? '').filter(Boolean);
  } catch {
    // A damaged recipients list still prints the free-text places.
  }
  const places = e.toPlaces.trim();
  if (places && !names.includes(places)) names.push(places);
  return names.join('; ');
}

/** Secrecy, urgency, the handling deadline and a cancelled number: what the clerk notes in the margin. */
function remarks(e: BookEntry, kind: BookKind): string {
  const notes: string[] = [];
  if (e.secrecy !== 'none') notes.push(SECRECY_LABELS[e.secrecy]);
  if (e.urgency !== 'normal') notes.push(URGENCY_LABELS[e.urgency]);
  if (kind === 'in' && e.dueDate) notes.push(`Hạn giải quyết: ${date(e.dueDate)}`);
  if (e.status === 'cancelled') notes.push(e.cancelReason ? `Đã hủy: ${e.cancelReason}` : 'Đã hủy');
  return notes.join('. ');
}

const PROGRESS: Record<string, string> = {
  waiting: 'Chờ xử lý',
  in_progress: 'Đang xử lý',
  returned: 'Bị trả lại',
};

/** "Đã giải quyết ngày 02/12/2026", "Đang xử lý", or what is still missing. */
function progress(e: BookEntry): string {
  if (e.handledAt) return `Đã giải quyết ngày ${formatDateVi(todayInVietnam(new Date(e.handledAt)))}`;
  if (!e.mainStatus) return 'Chưa có ý kiến chỉ đạo';
  return PROGRESS[e.mainStatus] ?? e.mainStatus;
}

/** "Công văn số 12/UBND-VP ngày 08/06/2026 của UBND huyện: V/v …" in one cell. */
function documentCell(e: BookEntry): string {
  const number = numberNotationOf(e.codeNumber, e.codeNotation);
  const parts = [e.typeName, number ? `số ${number}` : '', e.issuedDate ? `ngày ${date(e.issuedDate)}` : ''];
  const head = parts.filter(Boolean).join(' ');
  return `${head}${e.organName ? ` của ${e.organName}` : ''}: ${e.subject.trim()}`;
}

/** The cells of an entry, in its book's column order. */
export function bookCells(e: BookEntry, kind: BookKind): string[] {
  if (kind === 'followUp') {
    return [
      e.arrivalNumber ? padNumber(e.arrivalNumber) : '',
      documentCell(e),
      e.handlers || e.toPlaces,
      date(e.dueDate),
      e.status === 'cancelled' ? '' : progress(e),
      e.replyNotation !== null && e.replyNotation !== undefined
        ? `Số ${numberNotationOf(e.replyNumber ?? null, e.replyNotation)}`
        : '',
      remarks(e, kind),
    ];
  }
  if (kind === 'in') {
    return [
      date(e.arrivalDate),
      e.arrivalNumber ? padNumber(e.arrivalNumber) : '',
      e.organName,
      numberNotationOf(e.codeNumber, e.codeNotation),
      date(e.issuedDate),
      typeAndSubject(e),
      e.toPlaces,
      '',
      '',
      remarks(e, kind),
    ];
  }
  return [
    numberNotationOf(e.codeNumber, e.codeNotation),
    date(e.issuedDate),
    typeAndSubject(e),
    e.signerFullName,
    recipients(e),
    e.draftingUnit,
    e.issuedAmount ? String(e.issuedAmount) : '',
    '',
    '',
    remarks(e, kind),
  ];
}
