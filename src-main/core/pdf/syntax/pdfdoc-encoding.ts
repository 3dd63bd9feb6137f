/**
 * PDFDocEncoding (ISO 32000-1 Annex D): the single-byte encoding of text strings without a BOM.
 * It equals Latin-1 except for the bytes below. Undefined bytes (0x7F, 0x9F, 0xAD and most
 * controls) decode to the same code point, so decoding is a bijection and any text that
 * decodes from bytes encodes back to the same bytes.
 */
// prettier-ignore
const DIFFERENCES: ReadonlyArray<readonly [number, number]> = [
  [0x18, 0x02d8], [0x19, 0x02c7], [0x1a, 0x02c6], [0x1b, 0x02d9],
  [0x1c, 0x02dd], [0x1d, 0x02db], [0x1e, 0x02da], [0x1f, 0x02dc],
  [0x80, 0x2022], [0x81, 0x2020], [0x82, 0x2021], [0x83, 0x2026],
  [0x84, 0x2014], [0x85, 0x2013], [0x86, 0x0192], [0x87, 0x2044],
  [0x88, 0x2039], [0x89, 0x203a], [0x8a, 0x2212], [0x8b, 0x2030],
  [0x8c, 0x201e], [0x8d, 0x201c], [0x8e, 0x201d], [0x8f, 0x2018],
  [0x90, 0x2019], [0x91, 0x201a], [0x92, 0x2122], [0x93, 0xfb01],
  [0x94, 0xfb02], [0x95, 0x0141], [0x96, 0x0152], [0x97, 0x0160],
  [0x98, 0x0178], [0x99, 0x017d], [0x9a, 0x0131], [0x9b, 0x0142],
  [0x9c, 0x0153], [0x9d, 0x0161], [0x9e, 0x017e], [0xa0, 0x20ac],
];

/** byte -> UTF-16 code unit */
const DECODE = new Uint16Array(256);
/** code point -> byte, for every character PDFDocEncoding can carry */
const ENCODE = new Map<number, number>();

for (let b = 0; b < 256; b++) DECODE[b] = b;
for (const [b, cp] of DIFFERENCES) DECODE[b] = cp;
for (let b = 0; b < 256; b++) ENCODE.set(DECODE[b] ?? b, b);

export function decodePdfDoc(bytes: Uint8Array): string {
  let out = '';
  // Chunked so that very long strings do not build one huge argument list.
  for (let i = 0; i < bytes.length; i += 8192) {
    const end = Math.min(bytes.length, i + 8192);
    const units = new Array<number>(end - i);
    for (let j = i; j < end; j++) units[j - i] = DECODE[bytes[j] ?? 0] ?? 0;
    out += String.fromCharCode(...units);
  }
  return out;
}

/** The PDFDocEncoding bytes of text, or null when some character is not in the encoding. */
export function encodePdfDoc(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = ENCODE.get(text.charCodeAt(i));
    if (b === undefined) return null;
    out[i] = b;
  }
  return out;
}
