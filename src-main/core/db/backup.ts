/**
 * Backup and restore. A backup is one tar file: a consistent snapshot of the database (VACUUM
 * INTO, safe while the app runs), every blob, and a manifest with checksums. Restore checks all
 * of it before it replaces anything, and keeps the replaced database aside.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { DataPaths } from '../paths';
import type { Sqlite } from './open';
import { readJournal } from './open';
import { TarWriter, extractEntry, readEntry, readTarIndex } from './tar';

const FORMAT = 'vanthu-backup/1';

interface Manifest {
  format: string;
  createdAt: string;
  migrations: number;
  database: { sha256: string; size: number };
  blobs: number;
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

export function createBackups(sqlite: Sqlite, paths: DataPaths) {
  return {
    /** Writes a backup of the running register to `out`. */
    create(out: string): { blobs: number; bytes: number } {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-backup-'));
      try {
        const snapshot = path.join(work, 'vanthu.sqlite');
        sqlite.prepare('VACUUM INTO ?').run(snapshot);
        const migrations = sqlite.prepare('SELECT COUNT(*) FROM __drizzle_migrations').pluck().get() as number;
        const blobs = (sqlite.prepare('SELECT sha256 FROM files ORDER BY sha256').pluck().all() as string[]).filter(
          (sha) => fs.existsSync(path.join(paths.blobs, sha.slice(0, 2), sha)),
        );
        const manifest: Manifest = {
          format: FORMAT,
          createdAt: new Date().toISOString(),
          migrations,
          database: { sha256: sha256File(snapshot), size: fs.statSync(snapshot).size },
          blobs: blobs.length,
        };
        const partial = `${out}.partial`;
        const tar = new TarWriter(partial);
        tar.addBuffer('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
        tar.addFile('vanthu.sqlite', snapshot);
        for (const sha of blobs) tar.addFile(`blobs/${sha}`, path.join(paths.blobs, sha.slice(0, 2), sha));
        tar.close();
        fs.renameSync(partial, out);
        return { blobs: blobs.length, bytes: fs.statSync(out).size };
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    },
  };
}

const BAD_BACKUP = 'Tệp sao lưu bị hỏng hoặc không phải tệp sao lưu của VanThu. Dữ liệu hiện tại được giữ nguyên.';

/**
 * Restores a backup into `paths` while no one has the database open. Everything is checked
 * first; the database being replaced is kept in backups/ so a wrong restore can be undone.
 */
export function restoreBackup(
  file: string,
  paths: DataPaths,
  migrationsDir: string,
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
  if (manifest.format !== FORMAT) throw new VanThuError('BAD_FILE', BAD_BACKUP);
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
    const blobEntries = entries.filter((e) => e.name.startsWith('blobs/'));
    for (const entry of blobEntries) {
      const sha = entry.name.slice('blobs/'.length);
      const staged = path.join(staging, sha);
      extractEntry(file, entry, staged);
      if (!/^[0-9a-f]{64}$/.test(sha) || sha256File(staged) !== sha) throw new VanThuError('BAD_FILE', BAD_BACKUP);
    }
    // Everything checked: now move the blobs in (content-addressed, so never a clash) and swap
    // the database, keeping the old one aside.
    for (const entry of blobEntries) {
      const sha = entry.name.slice('blobs/'.length);
      const target = path.join(paths.blobs, sha.slice(0, 2), sha);
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
    }
    fs.renameSync(stagedDb, paths.database);
    return { blobs: blobEntries.length, replaced };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
