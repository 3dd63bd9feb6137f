import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function peakHeapMb(mode: 'policy' | 'default'): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'heap-churn-worker.ts'), mode],
    {
      cwd: path.resolve(__dirname, '../../..'),
    },
  );
  return (JSON.parse(stdout) as { peakMb: number }).peakMb;
}

describe('heap policy', () => {
  it('keeps the heap of a garbage-heavy process well below what V8 keeps by default', async () => {
    const [withPolicy, byDefault] = await Promise.all([peakHeapMb('policy'), peakHeapMb('default')]);
    expect(withPolicy).toBeLessThan(byDefault * 0.8);
  }, 60_000);
});
