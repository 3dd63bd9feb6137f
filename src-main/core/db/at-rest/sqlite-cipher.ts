/**
 * SQLite3 Multiple Ciphers: the whole database file (and its WAL and journals) encrypted with
 * AES-256-CBC (REGISTER_CIPHER says why not ChaCha20-Poly1305). The key is passed raw (x'…'):
 * it is random, so a password KDF would only slow every start.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { VanThuError } from '../../../../src-shared/ipc/errors';
import type { DatabaseState } from './key-file';
import { REGISTER_CIPHER } from './register-cipher';

export { REGISTER_CIPHER };

type Sqlite = Database.Database;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function databaseState(file: string): DatabaseState {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    // SQLite treats an empty file as a new database.
    if (n === 0) return 'missing';
    return n === head.length && head.equals(SQLITE_HEADER) ? 'plaintext' : 'encrypted';
  } finally {
    fs.closeSync(fd);
  }
}

function rawKey(key: Buffer): Buffer {
  return Buffer.from(`x'${key.toString('hex')}'`, 'latin1');
}

/** Must come before any other statement on the connection. */
export function applyKey(sqlite: Sqlite, key: Buffer): void {
  sqlite.pragma(`cipher = '${REGISTER_CIPHER}'`);
  sqlite.key(rawKey(key));
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new VanThuError(
        'KEY_UNAVAILABLE',
        'Khóa dữ liệu không khớp với tệp dữ liệu VanThu (tệp có thể đã bị thay). Hãy báo quản trị viên.',
      );
    }
    throw error;
  }
}

/**
 * Encrypts a plaintext database where it lies (an upgrade from a VanThu without encryption).
 * Rekeying runs as one transaction under a rollback journal (it cannot under WAL), so a crash
 * leaves the old file or the encrypted one.
 */
export function encryptInPlace(file: string, key: Buffer): void {
  const sqlite = new Database(file);
  try {
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('journal_mode = DELETE');
    sqlite.pragma(`cipher = '${REGISTER_CIPHER}'`);
    sqlite.rekey(rawKey(key));
  } finally {
    sqlite.close();
  }
}

/** Databases kept aside in the clear (before-migration copies, replaced registers): encrypted too. */
export function encryptPlaintextCopies(dir: string, key: Buffer): number {
  let count = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!name.endsWith('.sqlite') || !fs.statSync(file).isFile()) continue;
    if (databaseState(file) !== 'plaintext') continue;
    encryptInPlace(file, key);
    count++;
  }
  return count;
}
