/**
 * When to look for an update again: every few hours when the answer was clear, sooner but
 * backing off when the server could not be reached (a commune PC is often offline: it must not
 * hammer the line, nor wait a whole day once the network is back). Jittered so hundreds of
 * workstations switched on at 7:30 do not all ask at once.
 */
import type { UpdateCheck } from './check';

export const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;
const FIRST_RETRY_MS = 2 * 60 * 1000;

/** `failures`: unreachable answers in a row, this one included. */
export function nextCheckDelay(result: UpdateCheck['kind'], failures: number, random: () => number = Math.random) {
  const base =
    result === 'unreachable'
      ? Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1), CHECK_EVERY_MS)
      : CHECK_EVERY_MS;
  return Math.round(base * (0.8 + 0.4 * random()));
}
