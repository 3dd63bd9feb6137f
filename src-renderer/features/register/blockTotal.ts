/**
 * How many rows a virtual list has, told again by every block that arrives. A search counts a
 * little past the page ("more than N", exact false), so a block further down may raise the
 * count; a block that comes back short is where the list ends, whatever was counted, or the
 * rows past it would wait for ever as "Đang tải…".
 */
export function totalAfterBlock(
  before: number,
  block: number,
  blockSize: number,
  page: { total: number; totalExact: boolean; items: readonly unknown[] },
): { total: number; totalExact: boolean } {
  const counted = page.totalExact || block === 0 ? page.total : Math.max(before, page.total);
  if (page.items.length < blockSize) {
    return { total: Math.min(counted, block * blockSize + page.items.length), totalExact: true };
  }
  return { total: counted, totalExact: page.totalExact };
}
