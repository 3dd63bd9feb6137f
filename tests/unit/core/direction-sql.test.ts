import { describe, expect, it } from 'vitest';
import { directionIs } from '../../../src-main/core/register/direction-sql';

describe('directionIs', () => {
  it('writes a checked direction into the SQL and refuses anything else', () => {
    expect(directionIs('d.direction', 'in')).toBe("d.direction = 'in'");
    expect(directionIs('direction', 'out')).toBe("direction = 'out'");
    expect(() => directionIs('d.direction', "in' OR 1=1 --" as 'in')).toThrow(RangeError);
  });
});
