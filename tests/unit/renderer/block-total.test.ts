import { describe, expect, it } from 'vitest';
import { totalAfterBlock } from '../../../src-renderer/features/register/blockTotal';

const page = (total: number, totalExact: boolean, rows: number) => ({ total, totalExact, items: Array(rows) });

describe("the virtual list's row count", () => {
  it('takes the first block\'s count, and raises a "more than" count as blocks further down arrive', () => {
    expect(totalAfterBlock(0, 0, 100, page(1100, false, 100))).toEqual({ total: 1100, totalExact: false });
    expect(totalAfterBlock(1100, 10, 100, page(2100, false, 100))).toEqual({ total: 2100, totalExact: false });
    expect(totalAfterBlock(2100, 3, 100, page(1400, false, 100))).toEqual({ total: 2100, totalExact: false });
  });

  it('ends the list at a block that comes back short, whatever was counted', () => {
    expect(totalAfterBlock(2100, 10, 100, page(2100, false, 0))).toEqual({ total: 1000, totalExact: true });
    expect(totalAfterBlock(1100, 10, 100, page(1037, true, 37))).toEqual({ total: 1037, totalExact: true });
    expect(totalAfterBlock(0, 0, 100, page(5, true, 5))).toEqual({ total: 5, totalExact: true });
  });
});
