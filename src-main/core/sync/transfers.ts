/**
 * A pass's files moved a few at a time. One at a time left both ends idle half the time, each
 * waiting for the other's answer (bench/sync.bench.ts); four keep the line busy without
 * crowding out the clerk's other work on a slow connection.
 */
export const PARALLEL_TRANSFERS = 4;

export interface Transfer {
  name: string;
}

/**
 * Runs `move` over the items, PARALLEL_TRANSFERS at once, reporting how far the whole batch has
 * got (items done plus fractions of those under way). The first failure stops new ones from
 * starting; those under way finish, then it is thrown.
 */
export async function transferAll<T extends Transfer>(
  items: readonly T[],
  move: (item: T, progress: (fraction: number) => void) => Promise<void>,
  onProgress?: (done: number, total: number, label: string) => void,
): Promise<void> {
  const fractions = new Array<number>(items.length).fill(0);
  const report = (label: string) =>
    onProgress?.(
      fractions.reduce((sum, f) => sum + f, 0),
      items.length,
      label,
    );
  let next = 0;
  let failure: { error: unknown } | null = null;
  async function worker(): Promise<void> {
    while (failure === null && next < items.length) {
      const index = next++;
      const item = items[index]!;
      report(item.name);
      try {
        await move(item, (fraction) => {
          fractions[index] = Math.min(1, fraction);
          report(item.name);
        });
        fractions[index] = 1;
      } catch (error) {
        failure ??= { error };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_TRANSFERS, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}
