/**
 * Canonical values of the register (../shared/DOMAIN.md). These strings are stored in the
 * database, travel in the contract and the CLI's JSON, so they never change; labels may.
 */
import { z } from 'zod';

export const URGENCIES = ['normal', 'khan', 'thuong_khan', 'hoa_toc', 'hoa_toc_hen_gio'] as const;
export const Urgency = z.enum(URGENCIES);
export type Urgency = z.infer<typeof Urgency>;

/** Vietnamese label of each urgency; the index is the edXML exchange code (0–4). */
export const URGENCY_LABELS: Record<Urgency, string> = {
  normal: 'Thường',
  khan: 'Khẩn',
  thuong_khan: 'Thượng khẩn',
  hoa_toc: 'Hỏa tốc',
  hoa_toc_hen_gio: 'Hỏa tốc hẹn giờ',
};

export const SECRECIES = ['none', 'mat', 'toi_mat', 'tuyet_mat'] as const;
export const Secrecy = z.enum(SECRECIES);
export type Secrecy = z.infer<typeof Secrecy>;

export const SECRECY_LABELS: Record<Secrecy, string> = {
  none: 'Thường',
  mat: 'Mật',
  toi_mat: 'Tối mật',
  tuyet_mat: 'Tuyệt mật',
};

export const Direction = z.enum(['in', 'out']);
export type Direction = z.infer<typeof Direction>;

/** Party organs number per term, state organs per calendar year (DOMAIN.md "Registers"). */
export const Regime = z.enum(['party', 'state']);
export type Regime = z.infer<typeof Regime>;

export const REGIME_LABELS: Record<Regime, string> = {
  party: 'Cơ quan Đảng',
  state: 'Cơ quan nhà nước',
};

/**
 * Life of a register entry. Incoming: registered (vào sổ). Outgoing: draft (no number) then
 * issued (numbered). A voided entry keeps its number and becomes cancelled.
 */
export const DocumentStatus = z.enum(['draft', 'registered', 'issued', 'cancelled']);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

export const STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: 'Dự thảo',
  registered: 'Đã vào sổ',
  issued: 'Đã phát hành',
  cancelled: 'Đã hủy',
};

export const Role = z.enum(['clerk', 'leader', 'handler', 'administrator']);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  clerk: 'Văn thư',
  leader: 'Lãnh đạo',
  handler: 'Chuyên viên xử lý',
  administrator: 'Quản trị',
};

/** A number sequence runs per calendar year (state) or per committee term (Party). */
export const PeriodKind = z.enum(['year', 'term']);
export type PeriodKind = z.infer<typeof PeriodKind>;

/** Urgent documents are marked red and sorted first everywhere (UI.md). */
export function isUrgent(u: Urgency): boolean {
  return u !== 'normal';
}

export function isSecret(s: Secrecy): boolean {
  return s !== 'none';
}
