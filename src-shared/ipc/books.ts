/**
 * The printed registers (sổ đăng ký văn bản đến / đi, DOMAIN.md): which one, for which period,
 * and what the preview shows. The register itself is laid out by the engine in Vietnamese,
 * whatever the screen's language: the printed register is the record.
 */
import { z } from 'zod';
import { Direction } from '../domain/enums';
import { IsoDate } from './schemas';

const BookQueryFields = z.object({
  organisationId: z.number().int().positive(),
  direction: Direction,
  year: z
    .number({ message: 'Hãy nhập năm của sổ' })
    .int({ message: 'Năm là một số nguyên, ví dụ 2026' })
    .min(1945, { message: 'Năm của sổ phải từ 1945 trở đi' })
    .max(2200, { message: 'Năm của sổ không hợp lệ' }),
  /**
   * The incoming register's companion, the follow-up of handling (sổ theo dõi giải quyết văn
   * bản đến, seven columns): who handles each document, by when, how far, and the reply.
   */
  followUp: z.boolean().default(false),
  /** Narrows the year: the first and last register dates printed, inclusive. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

/** The dates narrow the year; a register never spans two years (its numbers restart). */
function checkPeriod(q: z.infer<typeof BookQueryFields>, ctx: z.RefinementCtx): void {
  for (const key of ['from', 'to'] as const) {
    const date = q[key];
    if (date && !date.startsWith(`${q.year}-`)) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `Ngày phải thuộc năm ${q.year}: sổ được lập theo từng năm`,
      });
    }
  }
  if (q.followUp && q.direction !== 'in') {
    ctx.addIssue({ code: 'custom', path: ['followUp'], message: 'Sổ theo dõi giải quyết chỉ có cho văn bản đến' });
  }
  if (q.from && q.to && q.from > q.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: '"Đến ngày" phải sau hoặc bằng "Từ ngày"' });
  }
}

export const BookQuery = BookQueryFields.superRefine(checkPeriod);

/** The three books: incoming, outgoing, and the follow-up of incoming handling. */
export const BookKind = z.enum(['in', 'out', 'followUp']);
export type BookKind = z.infer<typeof BookKind>;

export function bookKindOf(q: { direction: 'in' | 'out'; followUp?: boolean }): BookKind {
  return q.followUp ? 'followUp' : q.direction;
}
export type BookQuery = z.infer<typeof BookQuery>;

export const BookFormat = z.enum(['pdf', 'xlsx']);
export type BookFormat = z.infer<typeof BookFormat>;

export const BookExportInput = BookQueryFields.extend({ format: BookFormat }).superRefine(checkPeriod);
export type BookExportInput = z.infer<typeof BookExportInput>;

/** The register's first page as the preview shows it, and its first rows. */
export const BookPreview = z.object({
  /** The header's two columns: the organ ("ĐẢNG ỦY XÃ HÒA BÌNH", "*") and the motto. */
  heading: z.object({ left: z.array(z.string()), right: z.array(z.string()) }),
  /** "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" */
  title: z.string(),
  organisation: z.string(),
  /** "Năm 2026", "Từ ngày 01/03/2026 đến ngày 31/03/2026" */
  period: z.string(),
  /** "Từ số 01 đến số 312"; empty for the outgoing register (several counters). */
  numbers: z.string(),
  /** The ten columns, each with its share of the page width (relative). */
  columns: z.array(
    z.object({ header: z.string(), width: z.number(), align: z.enum(['left', 'center', 'right']).optional() }),
  ),
  rows: z.array(z.array(z.string())),
  /** Entries in the register for the period; rows holds the first of them. */
  total: z.number().int(),
  /** The register's closing words: the count (or that it is empty), the signature line, the volume. */
  paper: z.object({
    volume: z.string(),
    closing: z.string(),
    signTitle: z.string(),
    signNote: z.string(),
  }),
});
export type BookPreview = z.infer<typeof BookPreview>;

export const BookFile = z.object({ sha256: z.string(), name: z.string(), size: z.number().int() });
export type BookFile = z.infer<typeof BookFile>;
