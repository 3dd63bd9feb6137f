/**
 * How many rows a virtual list has, told again by every block that arrives. A search counts a
 * little past the page ("more than N", exact false), so a block further down may raise the
 * count; a block that comes back short is where the list ends, whatever was counted, or the
 * rows past it would wait for ever as "Đang tải…". Once the end is known, blocks that arrive
 * later (in any order) no longer move it.
 */
export interface ListExtent {
  total: number;
  totalExact: boolean;
  /** A short block has shown where the list ends. */
  ended: boolean;
}

export function totalAfterBlock(
  before: ListExtent,
  block: number,
  blockSize: number,
  page: { total: number; totalExact: boolean; items: readonly unknown[] },
): ListExtent {
  if (page.items.length < blockSize) {
    const end = block * blockSize + page.items.length;
    return { total: before.ended ? Math.min(before.total, end) : end, totalExact: true, ended: true };
  }
  if (before.ended) return { total: Math.max(before.total, (block + 1) * blockSize), totalExact: true, ended: true };
  const counted = page.totalExact || block === 0 ? page.total : Math.max(before.total, page.total);
  return { total: counted, totalExact: page.totalExact, ended: false };
}
