/**
 * Backup and restore. A backup is one tar file: a consistent snapshot of the database (VACUUM
 * INTO, safe while the app runs, so encrypted with the register's key), every blob sealed with
 * a key from it, and a manifest with checksums. The register's key travels with the backup
 * wrapped by the administrator's recovery key: a new PC or a reset Windows profile restores
 * with that key; this workstation restores with its own. Restore checks all of it before it
 * replaces anything, and keeps the replaced database (and its key file) aside.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { DataPaths } from '../paths';
import type { Sqlite } from './open';
import { readJournal } from './open';
import { TarWriter, extractEntry, readEntry, readTarIndex, type TarEntry } from './tar';
import { deriveKey, openBytes, sealBytes } from './at-rest/aes-gcm';
import { blobFile, sealBlob, sealedBlobKey } from './at-rest/sealed-blob';
import {
  adoptDatabaseKey,
  keyIdOf,
  readKeyFile,
  recoveryWrapOf,
  unlockDatabaseKey,
  unwrapWithRecoveryKey,
  wrapAad,
  WRONG_RECOVERY_KEY,
} from './at-rest/key-file';
import type { RecoveryWrap } from './at-rest/recovery-key';
import { applyKey, databaseState, REGISTER_CIPHER } from './at-rest/sqlite-cipher';
import type { KeyWrapper } from './at-rest/wrappers';
import type { FileStore } from '../files';
import Database from 'better-sqlite3-multiple-ciphers';

/** 1: plaintext (VanThu before encryption, still restored); 2: encrypted. */
const FORMAT_PLAIN = 'vanthu-backup/1';
const FORMAT = 'vanthu-backup/2';
const BLOB_MAGIC = Buffer.from('VTBAK2\0\0', 'latin1');

interface Manifest {
  format: string;
  createdAt: string;
  migrations: number;
  database: { sha256: string; size: number };
  blobs: number;
  /** Format 2: which key, and that key wrapped by the recovery key (null before one was made). */
  encryption?: { cipher: typeof REGISTER_CIPHER; keyId: string; recovery: RecoveryWrap | null };
}

export interface RegisterKey {
  key: Buffer;
  keyId: string;
}

function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.alloc(1 << 20);
  try {
    let n: number;
    while ((n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0) hash.update(chunk.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

export function createBackups(sqlite: Sqlite, paths: DataPaths, files: FileStore, register: RegisterKey) {
  const blobKey = deriveKey(register.key, 'backup blobs');
  return {
    /**
     * Writes a backup of the running register to `out`. Yields to the event loop between files,
     * so the app keeps answering while an automatic backup runs.
     */
    async create(out: string): Promise<{ blobs: number; bytes: number; recoverable: boolean }> {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-backup-'));
      try {
        const snapshot = path.join(work, 'vanthu.sqlite');
        sqlite.prepare('VACUUM INTO ?').run(snapshot);
        const migrations = sqlite.prepare('SELECT COUNT(*) FROM __drizzle_migrations').pluck().get() as number;
        const blobs = (sqlite.prepare('SELECT sha256 FROM files ORDER BY sha256').pluck().all() as string[]).filter(
          (sha) => files.has(sha),
        );
        const recovery = recoveryWrapOf(paths.keyFile);
        const manifest: Manifest = {
          format: FORMAT,
          createdAt: new Date().toISOString(),
          migrations,
          database: { sha256: sha256File(snapshot), size: fs.statSync(snapshot).size },
          blobs: blobs.length,
          encryption: { cipher: REGISTER_CIPHER, keyId: register.keyId, recovery },
        };
        const partial = `${out}.partial`;
        const tar = new TarWriter(partial);
        tar.addBuffer('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
        tar.addFile('vanthu.sqlite', snapshot);
        try {
          for (const sha of blobs) {
            tar.addBuffer(`blobs/${sha}`, sealBytes(blobKey, files.read(sha), sha, BLOB_MAGIC));
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
          tar.close();
        } catch (error) {
          tar.close();
          fs.rmSync(partial, { force: true });
          throw error;
        }
        fs.renameSync(partial, out);
        return { blobs: blobs.length, bytes: fs.statSync(out).size, recoverable: recovery !== null };
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    },
  };
}

const BAD_BACKUP = 'Tệp sao lưu bị hỏng hoặc không phải tệp sao lưu của VanThu. Dữ liệu hiện tại được giữ nguyên.';

export interface RestoreOptions {
  /** This workstation's ways to open a register key, its own first. */
  wrappers: KeyWrapper[];
  /** The administrator's recovery key, for a backup made with another workstation's key. */
  recoveryKey?: string;
}

/**
 * Restores a backup into `paths` while no one has the database open. Everything is checked
 * first; the database being replaced is kept in backups/ so a wrong restore can be undone.
 */
export function restoreBackup(
  file: string,
  paths: DataPaths,
  migrationsDir: string,
  options: RestoreOptions,
): { blobs: number; replaced: string | null } {
  if (!fs.existsSync(file)) throw new VanThuError('NOT_FOUND', `Không tìm thấy tệp sao lưu ${file}.`);
  let entries;
  try {
    entries = readTarIndex(file);
  } catch {
    throw new VanThuError('BAD_FILE', BAD_BACKUP);
  }
  const manifestEntry = entries.find((e) => e.name === 'manifest.json');
  const dbEntry = entries.find((e) => e.name === 'vanthu.sqlite');
  if (!manifestEntry || !dbEntry) throw new VanThuError('BAD_FILE', BAD_BACKUP);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readEntry(file, manifestEntry).toString('utf8')) as Manifest;
  } catch {
    throw new VanThuError('BAD_FILE', BAD_BACKUP);
  }
  if (manifest.format !== FORMAT && manifest.format !== FORMAT_PLAIN) throw new VanThuError('BAD_FILE', BAD_BACKUP);
  const register = manifest.format === FORMAT ? backupKey(manifest, paths, options) : null;
  const blobKey = register ? deriveKey(register.key, 'backup blobs') : null;
  if (manifest.migrations > readJournal(migrationsDir).length) {
    throw new VanThuError(
      'DB_TOO_NEW',
      'Bản sao lưu do phiên bản VanThu mới hơn tạo ra. Hãy cập nhật VanThu rồi khôi phục lại.',
    );
  }

  fs.mkdirSync(paths.dataDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(paths.dataDir, '.restore-'));
  try {
    const stagedDb = path.join(staging, 'vanthu.sqlite');
    extractEntry(file, dbEntry, stagedDb);
    if (sha256File(stagedDb) !== manifest.database.sha256) throw new VanThuError('BAD_FILE', BAD_BACKUP);
    // Files the register kept sealed are restored sealed.
    const sealed = register ? sealedIn(stagedDb, register.key) : new Set<string>();
    const storeKey = register ? sealedBlobKey(register.key) : null;
    const blobEntries = entries.filter((e) => e.name.startsWith('blobs/'));
    for (const entry of blobEntries) {
      const sha = entry.name.slice('blobs/'.length);
      const staged = path.join(staging, sha);
      if (!/^[0-9a-f]{64}$/.test(sha)) throw new VanThuError('BAD_FILE', BAD_BACKUP);
      if (blobKey) stageSealedBlob(file, entry, blobKey, sha, staged);
      else extractEntry(file, entry, staged);
      if (sha256File(staged) !== sha) throw new VanThuError('BAD_FILE', BAD_BACKUP);
      if (storeKey && sealed.has(sha)) fs.writeFileSync(staged, sealBlob(storeKey, fs.readFileSync(staged), sha));
    }
    // Everything checked: now move the blobs in (content-addressed, so never a clash) and swap
    // the database, keeping the old one aside.
    for (const entry of blobEntries) {
      const sha = entry.name.slice('blobs/'.length);
      const target = blobFile(paths.blobs, sha, sealed.has(sha));
      if (fs.existsSync(target)) continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(path.join(staging, sha), target);
    }
    let replaced: string | null = null;
    if (fs.existsSync(paths.database)) {
      fs.mkdirSync(paths.backups, { recursive: true });
      replaced = path.join(paths.backups, `before-restore-${stamp()}.sqlite`);
      fs.renameSync(paths.database, replaced);
      for (const suffix of ['-wal', '-shm']) {
        if (fs.existsSync(paths.database + suffix)) fs.renameSync(paths.database + suffix, replaced + suffix);
      }
      // The replaced register's key goes with it, or it could never be opened again.
      if (fs.existsSync(paths.keyFile)) fs.copyFileSync(paths.keyFile, replaced.replace(/\.sqlite$/, '.keys.json'));
    }
    if (register && readKeyFile(paths.keyFile)?.keyId !== register.keyId) {
      adoptDatabaseKey(paths.keyFile, register.key, manifest.encryption?.recovery ?? null, options.wrappers[0]!);
    }
    fs.renameSync(stagedDb, paths.database);
    return { blobs: blobEntries.length, replaced };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * The register key of an encrypted backup: this workstation's own when it made the backup,
 * else the one the administrator's recovery key unwraps from the manifest.
 */
function backupKey(manifest: Manifest, paths: DataPaths, options: RestoreOptions): RegisterKey {
  const encryption = manifest.encryption;
  if (!encryption) throw new VanThuError('BAD_FILE', BAD_BACKUP);
  const local = readKeyFile(paths.keyFile);
  if (local?.keyId === encryption.keyId) {
    return unlockDatabaseKey(paths.keyFile, options.wrappers, databaseState(paths.database));
  }
  if (!options.recoveryKey) {
    throw new VanThuError(
      'KEY_UNAVAILABLE',
      encryption.recovery
        ? 'Bản sao lưu này được mã hóa bằng khóa dữ liệu của máy khác. Hãy nhập khóa khôi phục của quản trị viên (vanthu restore TỆP --recovery-key KHÓA).'
        : 'Bản sao lưu này được mã hóa bằng khóa dữ liệu của máy khác và được tạo khi chưa có khóa khôi phục: chỉ máy đã tạo ra nó mới khôi phục được.',
    );
  }
  const key = encryption.recovery
    ? unwrapWithRecoveryKey(encryption.recovery, options.recoveryKey, wrapAad(encryption.keyId))
    : null;
  if (!key || keyIdOf(key) !== encryption.keyId) throw new VanThuError('KEY_SECRET', WRONG_RECOVERY_KEY);
  return { key, keyId: encryption.keyId };
}

/** Opens the backup's database with its key (or calls the backup damaged) and lists its sealed files. */
function sealedIn(database: string, key: Buffer): Set<string> {
  const sqlite = new Database(database, { readonly: true });
  try {
    applyKey(sqlite, key);
    const hasColumn = sqlite.prepare("SELECT 1 FROM pragma_table_info('files') WHERE name = 'sealed'").get();
    // Before migration 0015 nothing was sealed; the migration queues them when the register opens.
    if (!hasColumn) return new Set();
    return new Set(sqlite.prepare('SELECT sha256 FROM files WHERE sealed = 1').pluck().all() as string[]);
  } catch {
    throw new VanThuError('BAD_FILE', BAD_BACKUP);
  } finally {
    sqlite.close();
  }
}

function stageSealedBlob(file: string, entry: TarEntry, key: Buffer, sha: string, target: string): void {
  let bytes: Buffer;
  try {
    bytes = openBytes(key, readEntry(file, entry), sha, BLOB_MAGIC);
  } catch {
    throw new VanThuError('BAD_FILE', BAD_BACKUP);
  }
  fs.writeFileSync(target, bytes);
}
