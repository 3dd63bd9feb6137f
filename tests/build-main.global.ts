// Vitest global setup: build the main-process bundles once, so the CLI and Electron tests run
// the real built files and never a stale copy.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', 'main'], {
    cwd: path.resolve(__dirname, '..'),
    stdio: 'inherit',
  });
}
