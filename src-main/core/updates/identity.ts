/**
 * The id that places this workstation in a staged rollout: made once and kept in the data
 * folder, so a PC stays in or out of a rollout between checks and restarts, enrolled or not.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function updateIdentity(dataDir: string): string {
  const file = path.join(dataDir, 'update-id');
  try {
    const kept = fs.readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f-]{36}$/.test(kept)) return kept;
  } catch {
    // none yet
  }
  const id = randomUUID();
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, `${id}\n`);
  } catch {
    // A read-only folder: this run still gets an id, only not the same next time.
  }
  return id;
}
