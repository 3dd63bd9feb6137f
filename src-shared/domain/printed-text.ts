/** Small conventions of Vietnamese printed text, shared by every printed document. */

/** 12345 -> "12.345": thousands grouped with dots. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "ngày 08 tháng 6…" -> "Ngày 08 tháng 6…" */
export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}
