import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freshServices, STATE_SETUP, tempDir } from './helpers';

const run = promisify(execFile);

describe('numbering under concurrent use', () => {
  it('gives every number exactly once, with no gap, across processes', async () => {
    const dataDir = tempDir();
    freshServices(STATE_SETUP, dataDir).close();
    const processes = 4;
    const each = 25;
    const worker = path.join(__dirname, 'concurrent-worker.ts');
    const outputs = await Promise.all(
      Array.from({ length: processes }, () =>
        run(process.execPath, ['--import', 'tsx', worker, dataDir, String(each)], {
          cwd: path.resolve(__dirname, '../../..'),
        }),
      ),
    );
    const numbers = outputs.flatMap((o) => JSON.parse(o.stdout) as number[]).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: processes * each }, (_, i) => i + 1));
  }, 120_000);
});
