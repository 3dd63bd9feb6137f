/**
 * The peer (the sqlite3 shell) cannot read the encrypted register: the benchmarks hand it a
 * decrypted copy, made here with the workstation's key. Only benchmarks do this; the app never
 * writes the register in the clear.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { unlockDatabaseKey } from '../src-main/core/db/at-rest/key-file';
import { applyKey } from '../src-main/core/db/at-rest/sqlite-cipher';
import { defaultNodeWrappers } from '../src-main/core/db/at-rest/wrappers';
import { dataPaths } from '../src-main/core/paths';

export function plaintextCopy(dataDir: string, out: string): string {
  const paths = dataPaths(dataDir);
  const { key } = unlockDatabaseKey(paths.keyFile, defaultNodeWrappers(dataDir), 'encrypted');
  fs.rmSync(out, { force: true });
  const source = new Database(paths.database, { readonly: true });
  try {
    applyKey(source, key);
    source.prepare('VACUUM INTO ?').run(out);
  } finally {
    source.close();
  }
  const copy = new Database(out);
  try {
    applyKey(copy, key);
    copy.pragma('journal_mode = DELETE');
    // An empty key decrypts (SQLite3 Multiple Ciphers).
    copy.rekey(Buffer.alloc(0));
  } finally {
    copy.close();
  }
  return out;
}
