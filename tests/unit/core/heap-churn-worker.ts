// Child of heap-policy.test.ts: allocates as an import does (batches that live through many
// young collections, then die) over a small live set, and prints the largest heap V8 kept.
import { applyHeapPolicy } from '../../../src-main/core/heap-policy';

if (process.argv[2] === 'policy') applyHeapPolicy();
const live = Array.from({ length: 100_000 }, (_, i) => ({ i, text: `giữ lại ${i}` }));
let peak = 0;
for (let batch = 0; batch < 60; batch++) {
  const rows = Array.from({ length: 20_000 }, (_, i) => ({
    batch,
    i,
    subject: `Về việc triển khai số ${i}`,
    tags: [i, batch],
  }));
  // Short-lived work per row, as validation and indexing make.
  let sum = 0;
  for (const row of rows) sum += JSON.stringify(row).length;
  peak = Math.max(peak, process.memoryUsage().heapTotal);
  if (sum < 0) console.log(sum);
}
process.stdout.write(JSON.stringify({ peakMb: peak / 2 ** 20, live: live.length }));
