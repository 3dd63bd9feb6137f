/**
 * Urgency and secrecy as people and other systems write them (DOMAIN.md "Levels"): canonical
 * values, Vietnamese labels typed with or without accents, and edXML exchange codes.
 */
import { SECRECIES, URGENCIES, type Secrecy, type Urgency } from './enums';
import { foldName } from './fold';

type LevelInput = string | number | null | undefined;

// Folded, with "_" and "-" read as spaces, so "thuong_khan" and "Thượng khẩn" meet.
const URGENCY_ALIASES: ReadonlyMap<string, Urgency> = new Map<string, Urgency>([
  ['normal', 'normal'],
  ['thuong', 'normal'],
  ['khan', 'khan'],
  ['urgent', 'khan'],
  ['thuong khan', 'thuong_khan'],
  ['hoa toc', 'hoa_toc'],
  ['hoa toc hen gio', 'hoa_toc_hen_gio'],
]);

const SECRECY_ALIASES: ReadonlyMap<string, Secrecy> = new Map<string, Secrecy>([
  ['none', 'none'],
  ['thuong', 'none'],
  ['mat', 'mat'],
  ['toi mat', 'toi_mat'],
  ['tuyet mat', 'tuyet_mat'],
]);

const SEPARATOR_RUN = /[_\-\s]+/g;
const DIGITS_ONLY = /^\d+$/;

function aliasKey(text: string): string {
  return foldName(text).replace(SEPARATOR_RUN, ' ').trim();
}

/** The list order of URGENCIES is the exchange code order (0 normal … 4 hỏa tốc hẹn giờ). */
export function urgencyExchangeCode(u: Urgency): number {
  return URGENCIES.indexOf(u);
}

export function urgencyFromExchangeCode(n: number): Urgency | null {
  return Number.isInteger(n) ? (URGENCIES[n] ?? null) : null;
}

function secrecyFromCode(n: number): Secrecy | null {
  return Number.isInteger(n) ? (SECRECIES[n] ?? null) : null;
}

export function parseUrgency(input: LevelInput): Urgency | null {
  if (input === null || input === undefined) return 'normal';
  if (typeof input === 'number') return urgencyFromExchangeCode(input);
  const trimmed = input.trim();
  if (trimmed === '') return 'normal';
  if (DIGITS_ONLY.test(trimmed)) return urgencyFromExchangeCode(Number(trimmed));
  return URGENCY_ALIASES.get(aliasKey(trimmed)) ?? null;
}

export function parseSecrecy(input: LevelInput): Secrecy | null {
  if (input === null || input === undefined) return 'none';
  if (typeof input === 'number') return secrecyFromCode(input);
  const trimmed = input.trim();
  if (trimmed === '') return 'none';
  if (DIGITS_ONLY.test(trimmed)) return secrecyFromCode(Number(trimmed));
  return SECRECY_ALIASES.get(aliasKey(trimmed)) ?? null;
}

/** Sort weight, ascending = most urgent first (urgent documents lead every list). */
export const URGENCY_ORDER: Record<Urgency, number> = {
  hoa_toc_hen_gio: 0,
  hoa_toc: 1,
  thuong_khan: 2,
  khan: 3,
  normal: 4,
};
