/**
 * Accent-insensitive text for search and for matching what clerks type ("khan" must find
 * "Khẩn"). It runs on every row of the register, so the work per call is a table lookup per
 * character: the table is built once, and plain ASCII text skips it entirely.
 */

// Every Vietnamese letter lies below U+1F00 (Latin-1, Latin Extended A/B, combining marks,
// Latin Extended Additional); characters above the table are kept as they are.
const TABLE_SIZE = 0x2000;
const KEEP = 0;
const DROP = 0xffff;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** For each lowercase character: KEEP, DROP (a combining mark) or the code of its base letter. */
const FOLD_TABLE: Uint16Array = buildFoldTable();

function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(TABLE_SIZE);
  for (let code = 0x80; code < TABLE_SIZE; code++) {
    // Text arriving decomposed (NFD, e.g. from macOS or some PDFs) carries loose marks.
    if (code >= 0x300 && code <= 0x36f) {
      table[code] = DROP;
      continue;
    }
    const char = String.fromCharCode(code);
    // đ is a letter of its own, not d plus a mark, so NFD leaves it alone.
    const base = char.normalize('NFD').replace(COMBINING_MARKS, '').replace('đ', 'd');
    if (base.length === 1 && base !== char) table[code] = base.charCodeAt(0);
  }
  return table;
}

const NON_ASCII = /[^\x00-\x7f]/;
const WHITESPACE_RUN = /\s+/g;
const NON_WORD_RUN = /[^\p{L}\p{N}]+/u;

function stripMarks(lower: string): string {
  let folded = '';
  let copiedUpTo = 0;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (code < 0x80 || code >= TABLE_SIZE) continue;
    const mapped = FOLD_TABLE[code] ?? KEEP;
    if (mapped === KEEP) continue;
    folded += lower.slice(copiedUpTo, i);
    if (mapped !== DROP) folded += String.fromCharCode(mapped);
    copiedUpTo = i + 1;
  }
  return folded + lower.slice(copiedUpTo);
}

export function foldVietnamese(text: string): string {
  const lower = text.toLowerCase();
  const folded = NON_ASCII.test(lower) ? stripMarks(lower) : lower;
  return folded.replace(WHITESPACE_RUN, ' ').trim();
}

/** Words of letters and digits of the folded text; punctuation such as "/" or "-" splits. */
export function searchWords(text: string): string[] {
  const folded = foldVietnamese(text);
  if (folded === '') return [];
  return folded.split(NON_WORD_RUN).filter((word) => word !== '');
}

// Names repeat row after row (a register has a few hundred senders and a few dozen types): an
// import folded each of them several times per row, a tenth of its time.
const REMEMBERED_MAX = 4096;
const REMEMBERED_LENGTH = 96;
const remembered = new Map<string, string>();

/** foldVietnamese for short texts that repeat (names of organs, types, people, levels): remembered. */
export function foldName(text: string): string {
  if (text.length > REMEMBERED_LENGTH) return foldVietnamese(text);
  let folded = remembered.get(text);
  if (folded === undefined) {
    if (remembered.size >= REMEMBERED_MAX) remembered.clear();
    folded = foldVietnamese(text);
    remembered.set(text, folded);
  }
  return folded;
}
