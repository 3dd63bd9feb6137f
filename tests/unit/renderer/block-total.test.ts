import { describe, expect, it } from 'vitest';
import { totalAfterBlock, type ListExtent } from '../../../src-renderer/features/register/blockTotal';

const page = (total: number, totalExact: boolean, rows: number) => ({ total, totalExact, items: Array(rows) });
const open = (total: number, totalExact = false): ListExtent => ({ total, totalExact, ended: false });

describe("the virtual list's row count", () => {
  it('takes the first block\'s count, and raises a "more than" count as blocks further down arrive', () => {
    expect(totalAfterBlock(open(0, true), 0, 100, page(1100, false, 100))).toEqual(open(1100));
    expect(totalAfterBlock(open(1100), 10, 100, page(2100, false, 100))).toEqual(open(2100));
    expect(totalAfterBlock(open(2100), 3, 100, page(1400, false, 100))).toEqual(open(2100));
  });

  it('ends the list at a block that comes back short, whatever was counted', () => {
    const ended = (total: number): ListExtent => ({ total, totalExact: true, ended: true });
    expect(totalAfterBlock(open(2100), 10, 100, page(2100, false, 0))).toEqual(ended(1000));
    expect(totalAfterBlock(open(1100), 10, 100, page(1037, true, 37))).toEqual(ended(1037));
    expect(totalAfterBlock(open(0, true), 0, 100, page(5, true, 5))).toEqual(ended(5));
    // A full block of earlier rows arriving after the end was seen keeps the end exact.
    expect(totalAfterBlock(ended(1037), 3, 100, page(1400, false, 100))).toEqual(ended(1037));
    expect(totalAfterBlock(ended(1037), 0, 100, page(1100, false, 100))).toEqual(ended(1037));
  });
});
