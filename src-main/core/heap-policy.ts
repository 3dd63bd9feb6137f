/**
 * How far V8 lets the engine's heap grow past what is alive. By default V8 grows the old
 * generation up to four times its live size before the next full collection. A long
 * import allocates a lot of short-lived garbage (about 18 KB per document), so the engine's
 * process sat at ~235 MB resident while holding ~21 MB of live objects (measured: 150,000
 * documents in 5,000-row files; bench/register.bench.ts). Growing by half the live size instead
 * kept it at ~170 MB at the same import rate (within the run-to-run noise).
 *
 * The flag is read whenever V8 sets the next collection's limit, so setting it after start works.
 * V8 can freeze its flags after start; Node turns that off so that v8.setFlagsFromString keeps
 * working, and Electron patches it off for the same reason (its "disable freezing flags after
 * init in node" patch), so the call is safe in the app's main process too.
 */
import v8 from 'node:v8';

/** Percent of the live size the old generation may grow by before the next full collection. */
export const HEAP_GROWING_PERCENT = 50;

let applied = false;

/** Applies the heap policy to this process; the first call does it, later calls do nothing. */
export function applyHeapPolicy(): void {
  if (applied) return;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  applied = true;
}
