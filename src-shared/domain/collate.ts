/**
 * Vietnamese alphabetical order, as a clerk reads a list: a, ă, â, b, c, d, đ, e, ê … with the
 * tones after the letter, and capitals only breaking ties. SQLite's ORDER BY compares bytes,
 * which puts "Chương trình" before "Chỉ thị" and every "Ủy ban" after "Z".
 */
const collator = new Intl.Collator('vi');

/** Compares two names in Vietnamese order (for Array.prototype.sort). */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}
