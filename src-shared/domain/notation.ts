/**
 * Number and notation of a document (số, ký hiệu), DOMAIN.md "Registers and numbering".
 * Party (HD 36-HD/VPTW): "Số 25-CV/BCĐ", no colon, number-hyphen-type-slash-organ.
 * State (ND 30/2020): "Số: 15/QĐ-UBND", number-slash-type-hyphen-organ; công văn carry no
 * type: "05/UBND-VP".
 */
import type { Regime } from './enums';

/** Numbers under 10 take a leading zero (01…09). */
export function padNumber(n: number): string {
  return String(n).padStart(2, '0');
}

export interface CodeNotationParts {
  typeCode: string | null;
  organAbbr: string;
  unitAbbr?: string | null;
}

// Party công văn always carry "CV"; a missing type code can only mean công văn.
const PARTY_OFFICIAL_LETTER_CODE = 'CV';

export function formatCodeNotation(regime: Regime, parts: CodeNotationParts): string {
  const typeCode = parts.typeCode?.trim() ?? '';
  const organAbbr = parts.organAbbr.trim();
  if (regime === 'party') {
    return `${typeCode || PARTY_OFFICIAL_LETTER_CODE}/${organAbbr}`;
  }
  if (typeCode) return `${typeCode}-${organAbbr}`;
  // State công văn: the drafting unit takes the place of the type ("UBND-VP").
  const unitAbbr = parts.unitAbbr?.trim() ?? '';
  return unitAbbr ? `${organAbbr}-${unitAbbr}` : organAbbr;
}

export function formatNumberNotation(
  regime: Regime,
  codeNumber: number,
  codeNotation: string,
  opts?: { prefix?: boolean },
): string {
  const number = padNumber(codeNumber);
  if (regime === 'party') {
    const body = `${number}-${codeNotation}`;
    return opts?.prefix ? `Số ${body}` : body;
  }
  const body = `${number}/${codeNotation}`;
  return opts?.prefix ? `Số: ${body}` : body;
}

/** A Party notation names its organ after a slash ("CV/ĐU"); a state one does not ("QĐ-UBND"). */
export function regimeOfNotation(codeNotation: string): Regime {
  return codeNotation.includes('/') ? 'party' : 'state';
}

/** "41-CV/ĐU" or "05/UBND-VP" for a number and notation from elsewhere; the notation alone without a number. */
export function numberNotationOf(codeNumber: number | null, codeNotation: string): string {
  return codeNumber && codeNumber > 0
    ? formatNumberNotation(regimeOfNotation(codeNotation), codeNumber, codeNotation)
    : codeNotation;
}

export interface ParsedNumberNotation {
  codeNumber: number;
  codeNotation: string;
  regime: Regime;
}

// "Số", "số", "SỐ", "So", with or without a colon. The input is NFC before matching.
const PREFIX = /^s(?:ố|o)\s*:?\s*/iu;
// Clerks type "25 - CV / BCĐ"; spaces next to a separator carry no meaning.
const SPACES_AROUND_SEPARATOR = /\s*([-/])\s*/g;
// One segment of a notation: letters (any script, so Đ, Ư…), digits, dots and "&".
const SEGMENT = '[\\p{L}\\p{N}.&]+';
const PARTY_FORM = new RegExp(`^(\\d+)-(${SEGMENT}(?:[-/]${SEGMENT})*)$`, 'u');
const STATE_FORM = new RegExp(`^(\\d+)/(${SEGMENT}(?:[-/]${SEGMENT})*)$`, 'u');

export function parseNumberNotation(text: string): ParsedNumberNotation | null {
  const body = text.normalize('NFC').trim().replace(PREFIX, '').replace(SPACES_AROUND_SEPARATOR, '$1');

  const party = PARTY_FORM.exec(body);
  // A Party notation always names its organ after a slash ("CV/BCĐ").
  if (party && party[2]?.includes('/')) return build(party[1], party[2], 'party');

  const state = STATE_FORM.exec(body);
  if (state) return build(state[1], state[2], 'state');
  return null;
}

function build(
  digits: string | undefined,
  codeNotation: string | undefined,
  regime: Regime,
): ParsedNumberNotation | null {
  if (digits === undefined || codeNotation === undefined) return null;
  const codeNumber = Number.parseInt(digits, 10);
  // Numbers start at 01; a 0 or an absurdly long digit run is a typing error.
  if (!Number.isSafeInteger(codeNumber) || codeNumber < 1) return null;
  return { codeNumber, codeNotation, regime };
}
