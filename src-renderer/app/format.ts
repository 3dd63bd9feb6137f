/** Small formatting rules shared by the list and the document page. */

/** "Số: 15/QĐ-UBND" -> "15/QĐ-UBND" where a label already says "Số, ký hiệu". */
export function bareNumberNotation(d: { numberNotation: string; codeNotation: string }): string {
  return d.numberNotation.replace(/^Số:?\s*/u, '') || d.codeNotation;
}
