/**
 * The update keys that ship with the app: every *.pem in resources/update-keys. A file that is
 * not an Ed25519 public key is skipped with a log line rather than stopping the updater, since
 * the remaining keys still protect it; no keys at all means no update is ever accepted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readUpdateKey, type UpdateKey } from './feed-signature';

export function loadUpdateKeys(dir: string, log: (line: string) => void = () => undefined): UpdateKey[] {
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.pem'))
      .sort();
  } catch {
    log(`updater: no update keys in ${dir}`);
    return [];
  }
  const keys: UpdateKey[] = [];
  for (const name of names) {
    try {
      keys.push(readUpdateKey(fs.readFileSync(path.join(dir, name), 'utf8'), name));
    } catch (error) {
      log(`updater: skipped update key ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return keys;
}
