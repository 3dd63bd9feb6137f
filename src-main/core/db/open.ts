/**
 * Opens the register database: encrypted with the register's key (a plaintext database from a
 * VanThu before encryption is encrypted in place first), WAL, foreign keys, a busy timeout for
 * concurrent writers, and the migrations applied at start after a backup. A database written by
 * a newer VanThu is refused before anything touches it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { VanThuError } from '../../../src-shared/ipc/errors';
import * as schema from './schema';
import { applyKey, databaseState, encryptInPlace } from './at-rest/sqlite-cipher';

export type Sqlite = Database.Database;
export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenOptions {
  file: string;
  migrationsDir: string;
  backupsDir: string;
  /**
   * The register's encryption key (at-rest/key-file.ts). Null only in tests that build the
   * plaintext database of a VanThu from before encryption.
   */
  key: Buffer | null;
  /** For tests of upgrades: apply only the first N migrations. */
  migrationLimit?: number;
}

export interface OpenedDb {
  sqlite: Sqlite;
  db: Db;
  /** Path of the backup taken before migrating, if one was needed. */
  preMigrationBackup: string | null;
  /** The database was in the clear (an upgrade) and is encrypted now. */
  encryptedInPlace: boolean;
}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

export function readJournal(migrationsDir: string): JournalEntry[] {
  const raw = fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8');
  return (JSON.parse(raw) as { entries: JournalEntry[] }).entries;
}

function appliedMigrations(sqlite: Sqlite): { count: number; lastWhen: number } {
  const exists = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!exists) return { count: 0, lastWhen: 0 };
  const row = sqlite.prepare('SELECT COUNT(*) AS n, MAX(created_at) AS last FROM __drizzle_migrations').get() as {
    n: number;
    last: number | null;
  };
  return { count: row.n, lastWhen: row.last ?? 0 };
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

export function openDatabase(options: OpenOptions): OpenedDb {
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  const journal = readJournal(options.migrationsDir);
  const wanted = options.migrationLimit ? journal.slice(0, options.migrationLimit) : journal;
  const newestKnown = wanted.at(-1)?.when ?? 0;

  let encryptedInPlace = false;
  if (options.key && databaseState(options.file) === 'plaintext') {
    encryptInPlace(options.file, options.key);
    encryptedInPlace = true;
  }
  const sqlite = new Database(options.file);
  try {
    if (options.key) applyKey(sqlite, options.key);
    sqlite.pragma('busy_timeout = 10000');
    const applied = appliedMigrations(sqlite);
    if (applied.lastWhen > newestKnown || applied.count > wanted.length) {
      throw new VanThuError(
        'DB_TOO_NEW',
        'Dữ liệu này do phiên bản VanThu mới hơn tạo ra. Hãy cập nhật VanThu rồi mở lại; dữ liệu không bị thay đổi.',
      );
    }
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    // 16 MB of page cache (the default is 2 MB) keeps the hot part of the register's indexes in
    // memory; the operating system caches the rest of the file. Measured with 1,000,000
    // documents (npm run bench:register): 64 MB searched no faster and held 50 MB more.
    sqlite.pragma('cache_size = -16384');
    sqlite.pragma('temp_store = MEMORY');

    let preMigrationBackup: string | null = null;
    if (applied.count > 0 && applied.count < wanted.length) {
      fs.mkdirSync(options.backupsDir, { recursive: true });
      preMigrationBackup = path.join(options.backupsDir, `before-migration-${timestamp()}.sqlite`);
      sqlite.prepare('VACUUM INTO ?').run(preMigrationBackup);
    }
    const db = drizzle(sqlite, { schema });
    if (applied.count < wanted.length) {
      migrate(db, { migrationsFolder: limitedFolder(options.migrationsDir, wanted, journal) });
    }
    return { sqlite, db, preMigrationBackup, encryptedInPlace };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** drizzle reads the whole journal; for a limited upgrade test, hand it a trimmed copy. */
function limitedFolder(dir: string, wanted: JournalEntry[], all: JournalEntry[]): string {
  if (wanted.length === all.length) return dir;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-migrations-'));
  fs.mkdirSync(path.join(tmp, 'meta'));
  for (const e of wanted) fs.copyFileSync(path.join(dir, `${e.tag}.sql`), path.join(tmp, `${e.tag}.sql`));
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  fs.writeFileSync(path.join(tmp, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: wanted }));
  return tmp;
}
