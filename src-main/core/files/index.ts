/**
 * The content-addressed store: every file is kept once, named by its sha256, and never changed.
 * A signed PDF is only ever extended by an incremental update saved as a new blob.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { VanThuError } from '../../../src-shared/ipc/errors';
import type { FileInfo } from '../../../src-shared/ipc/schemas';
import type { Sqlite } from '../db/open';
import { inspectPdf } from '../pdf/inspect';

/** PDFs above this size are refused: no real document is this large, a mistake is likely. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

export function createFileStore(sqlite: Sqlite, blobsDir: string) {
  const insert = sqlite.prepare(
    'INSERT OR IGNORE INTO files (sha256, size, media_type, page_count) VALUES (?, ?, ?, ?)',
  );
  const select = sqlite.prepare(
    'SELECT sha256, size, media_type AS mediaType, page_count AS pageCount FROM files WHERE sha256 = ?',
  );

  function blobPath(sha256: string): string {
    return path.join(blobsDir, sha256.slice(0, 2), sha256);
  }

  /** Writes to a temporary name and renames, so a crash never leaves a half-written blob. */
  function writeBlob(sha256: string, bytes: Uint8Array): void {
    const target = blobPath(sha256);
    if (fs.existsSync(target)) return;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, bytes, { flag: 'wx' });
    fs.renameSync(tmp, target);
  }

  return {
    blobPath,

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
      return select.get(sha256) !== undefined && fs.existsSync(blobPath(sha256));
    },

    read(sha256: string): Buffer {
      this.info(sha256);
      return fs.readFileSync(blobPath(sha256));
    },
  };
}

export type FileStore = ReturnType<typeof createFileStore>;
