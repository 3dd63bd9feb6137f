// Global setup of the packaging checks: build the main-process bundles, so the packed app holds
// the current ones, and the renderer when no build of it exists yet (`npm test` has just built
// it; `npm run pack:check` builds everything first).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(__dirname, '../..');
  const parts = fs.existsSync(path.join(root, 'dist/renderer/index.html')) ? ['main'] : ['main', 'renderer'];
  for (const part of parts) {
    execFileSync(process.execPath, ['scripts/build.mjs', part], { cwd: root, stdio: 'inherit' });
  }
}
