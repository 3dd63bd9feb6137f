/**
 * The content-addressed store: every file is kept once, named by its sha256, and never changed.
 * A signed PDF is only ever extended by an incremental update saved as a new blob. The files of
 * secret (Mật) documents are sealed: kept encrypted with a key from the register's key, so a
 * copy of the blobs folder gives nothing away.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { FileInfo } from '../../../src-shared/ipc/schemas';
import type { Sqlite } from '../db/open';
import { inspectPdf } from '../pdf/inspect';
import { openSealedBlob, sealBlob } from '../db/at-rest/sealed-blob';

/** PDFs above this size are refused: no real document is this large, a mistake is likely. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** `sealKey`: from the register's key (sealedBlobKey). */
export function createFileStore(sqlite: Sqlite, blobsDir: string, sealKey: Buffer) {
  const insert = sqlite.prepare(
    'INSERT OR IGNORE INTO files (sha256, size, media_type, page_count) VALUES (?, ?, ?, ?)',
  );
  const select = sqlite.prepare(
    'SELECT sha256, size, media_type AS mediaType, page_count AS pageCount FROM files WHERE sha256 = ?',
  );
  const isSealedRow = sqlite.prepare('SELECT sealed FROM files WHERE sha256 = ?').pluck();
  const markSealed = sqlite.prepare('UPDATE files SET sealed = 1 WHERE sha256 = ?');
  // Filled by triggers (migration 0015) when a file joins a secret document or a document
  // becomes secret: usually empty, so checking it after every change costs nothing.
  const queued = sqlite.prepare('SELECT sha256 FROM seal_queue').pluck();
  const dequeue = sqlite.prepare('DELETE FROM seal_queue WHERE sha256 = ?');

  function blobPath(sha256: string): string {
    return path.join(blobsDir, sha256.slice(0, 2), sha256);
  }

  function sealedPath(sha256: string): string {
    return `${blobPath(sha256)}.sealed`;
  }

  /** Writes to a temporary name and renames, so a crash never leaves a half-written file. */
  function writeAtomically(target: string, bytes: Uint8Array): void {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, bytes, { flag: 'wx' });
    fs.renameSync(tmp, target);
  }

  function writeBlob(sha256: string, bytes: Uint8Array): void {
    if (fs.existsSync(blobPath(sha256)) || fs.existsSync(sealedPath(sha256))) return;
    writeAtomically(blobPath(sha256), bytes);
  }

  function readBlob(sha256: string): Buffer {
    const sealed = isSealedRow.get(sha256) === 1 || !fs.existsSync(blobPath(sha256));
    if (!sealed) return fs.readFileSync(blobPath(sha256));
    // The hash binds the sealed bytes to their name: a sealed file swapped for another fails.
    return openSealedBlob(sealKey, fs.readFileSync(sealedPath(sha256)), sha256);
  }

  /** Sealed copy first, then the record, then the clear copy goes: a crash leaves one readable. */
  function seal(sha256: string): void {
    const plain = blobPath(sha256);
    if (fs.existsSync(plain)) {
      const bytes = fs.readFileSync(plain);
      if (!fs.existsSync(sealedPath(sha256))) writeAtomically(sealedPath(sha256), sealBlob(sealKey, bytes, sha256));
      markSealed.run(sha256);
      fs.rmSync(plain);
    } else if (fs.existsSync(sealedPath(sha256))) {
      markSealed.run(sha256);
    }
  }

  return {
    /** Checks the PDF, stores the bytes and records them; the same bytes twice are kept once. */
    async putPdf(bytes: Uint8Array): Promise<FileInfo> {
      if (bytes.length === 0) throw new VanThuError('BAD_FILE', 'Tệp rỗng. Hãy chọn tệp PDF của văn bản.');
      if (bytes.length > MAX_FILE_BYTES) {
        throw new VanThuError('BAD_FILE', 'Tệp quá lớn (trên 200 MB). Hãy kiểm tra lại tệp đã chọn.');
      }
      const facts = await inspectPdf(bytes);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      writeBlob(sha256, bytes);
      insert.run(sha256, bytes.length, 'application/pdf', facts.pageCount);
      return { sha256, size: bytes.length, mediaType: 'application/pdf', pageCount: facts.pageCount };
    },

    /** Stores a file the app wrote itself (a register as a spreadsheet), to be saved or opened. */
    putGenerated(bytes: Uint8Array, mediaType: string): FileInfo {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      writeBlob(sha256, bytes);
      insert.run(sha256, bytes.length, mediaType, null);
      return { sha256, size: bytes.length, mediaType, pageCount: null };
    },

    async putPdfFromPath(file: string): Promise<FileInfo> {
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile()) throw new VanThuError('NOT_FOUND', `Không tìm thấy tệp ${path.basename(file)}.`);
      if (stat.size > MAX_FILE_BYTES) {
        throw new VanThuError('BAD_FILE', 'Tệp quá lớn (trên 200 MB). Hãy kiểm tra lại tệp đã chọn.');
      }
      return this.putPdf(fs.readFileSync(file));
    },

    info(sha256: string): FileInfo {
      const row = select.get(sha256) as FileInfo | undefined;
      if (!row) throw new VanThuError('NOT_FOUND', 'Không tìm thấy tệp trong kho lưu trữ.');
      return row;
    },

    has(sha256: string): boolean {
      return select.get(sha256) !== undefined && (fs.existsSync(blobPath(sha256)) || fs.existsSync(sealedPath(sha256)));
    },

    /** Kept encrypted: hand out its bytes from `read`, never a path to them. */
    isSealed(sha256: string): boolean {
      return isSealedRow.get(sha256) === 1;
    },

    read(sha256: string): Buffer {
      this.info(sha256);
      return readBlob(sha256);
    },

    /** The bytes as a stream: from disk, or (sealed, so small enough to be secret) from memory. */
    stream(sha256: string): Readable {
      this.info(sha256);
      return this.isSealed(sha256) ? Readable.from([readBlob(sha256)]) : fs.createReadStream(blobPath(sha256));
    },

    /** A copy where the clerk chose; the stored file is never touched. */
    async copyTo(sha256: string, target: string): Promise<void> {
      this.info(sha256);
      if (this.isSealed(sha256)) await fs.promises.writeFile(target, readBlob(sha256));
      else await fs.promises.copyFile(blobPath(sha256), target);
    },

    /**
     * Seals the files of secret documents still kept in the clear. Run after every call that may
     * have changed the register (a file is written before its document's row commits), at every
     * start and when the register closes.
     */
    sealSecretFiles(): number {
      const pending = queued.all() as string[];
      for (const sha256 of pending) {
        seal(sha256);
        dequeue.run(sha256);
      }
      return pending.length;
    },
  };
}

export type FileStore = ReturnType<typeof createFileStore>;
