/**
 * UUID version 7 (RFC 9562): milliseconds since 1970 in the first 48 bits, then random bits.
 * Register entries get these rather than v4 so that new uids land at the end of the uid index
 * instead of at random pages of it: an import of 100,000 rows touches a few pages, not all.
 */
import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 16 * 256;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 10 random bytes from a pool refilled 256 uids at a time. */
function randomBytes10(): Buffer {
  if (poolOffset + 16 > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 10);
  poolOffset += 16;
  return bytes;
}

export function uuidV7(now: number = Date.now()): string {
  const r = randomBytes10();
  const b = new Array<string>(16);
  // 48-bit big-endian milliseconds.
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    b[i] = HEX[ms % 256] as string;
    ms = Math.floor(ms / 256);
  }
  b[6] = HEX[0x70 | ((r[0] as number) & 0x0f)] as string; // version 7
  b[7] = HEX[r[1] as number] as string;
  b[8] = HEX[0x80 | ((r[2] as number) & 0x3f)] as string; // RFC 9562 variant
  for (let i = 9; i < 16; i++) b[i] = HEX[r[i - 6] as number] as string;
  return `${b[0]}${b[1]}${b[2]}${b[3]}-${b[4]}${b[5]}-${b[6]}${b[7]}-${b[8]}${b[9]}-${b.slice(10).join('')}`;
}
