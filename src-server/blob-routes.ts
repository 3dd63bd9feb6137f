/**
 * HEAD/PUT/GET /v1/blobs/:sha256 (protocol.ts "Blobs"). An organisation reads a blob that one of
 * its workstations uploaded or that was sent to it; to anyone else the blob does not exist.
 * Uploads in progress belong to the organisation, so bytes held for one organisation are never
 * offered to another before it has uploaded them itself (that would prove nothing).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BLOB_COMPLETE_HEADER, MAX_BLOB_BYTES, UPLOAD_OFFSET_HEADER } from '../src-shared/sync/protocol';
import { audit } from './audit';
import type { Caller } from './auth';
import { BlobConflict, BlobOverflow, type BlobStore } from './blobs';
import type { Db } from './db';
import { WireFailure } from './errors';
import { drain, sendEmpty } from './http';
import { grantBlob } from './push';

const state = (offset: number, complete: boolean) => ({
  [UPLOAD_OFFSET_HEADER]: String(offset),
  [BLOB_COMPLETE_HEADER]: String(complete),
});

export function createBlobRoutes(db: Db, blobs: BlobStore) {
  /** The finished blob's size when `organId` may read it, else null. */
  async function readable(sha256: string, organId: string): Promise<number | null> {
    const [row] = await db.query<{ size: string | number }>(
      'SELECT b.size FROM blobs b JOIN blob_access a ON a.sha256 = b.sha256 WHERE b.sha256 = $1 AND a.organ_id = $2',
      [sha256, organId],
    );
    if (!row) return null;
    return (await blobs.head(sha256))?.size ?? null;
  }

  async function head(res: ServerResponse, caller: Caller, sha256: string): Promise<void> {
    const size = await readable(sha256, caller.organId);
    if (size !== null) return sendEmpty(res, 200, state(size, true));
    const offset = await blobs.partialSize(sha256, caller.organId);
    sendEmpty(res, offset > 0 ? 200 : 404, state(offset, false));
  }

  async function put(req: IncomingMessage, res: ServerResponse, caller: Caller, sha256: string): Promise<void> {
    const range = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15})$/.exec(String(req.headers['content-range'] ?? ''));
    if (!range) {
      drain(req);
      throw new WireFailure('BAD_REQUEST', 'Thiếu hoặc sai Content-Range (bytes start-end/total).');
    }
    const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (total > MAX_BLOB_BYTES) {
      drain(req);
      throw new WireFailure('TOO_LARGE', `Tệp quá lớn (tối đa ${MAX_BLOB_BYTES / 1024 / 1024} MB).`);
    }
    const length = end - start + 1;
    const declared = req.headers['content-length'];
    if (end < start || end >= total || (declared !== undefined && Number(declared) !== length)) {
      drain(req);
      throw new WireFailure('BAD_REQUEST', 'Content-Range không hợp lệ hoặc không khớp độ dài dữ liệu.');
    }
    const done = await readable(sha256, caller.organId);
    if (done !== null) {
      drain(req); // already here for this organisation: nothing to add
      return sendEmpty(res, 204, state(done, true));
    }
    let offset: number;
    try {
      offset = await blobs.append(sha256, caller.organId, start, req, length);
    } catch (error) {
      if (error instanceof BlobConflict) {
        drain(req);
        throw new WireFailure('CONFLICT', `Máy chủ đang giữ ${error.offset} byte của tệp; hãy gửi tiếp từ vị trí đó.`, {
          headers: state(error.offset, false),
        });
      }
      if (error instanceof BlobOverflow) throw new WireFailure('BAD_REQUEST', 'Dữ liệu dài hơn Content-Range.');
      throw error;
    }
    if (offset < start + length) {
      // The body ended early: what arrived is kept, the client goes on from there.
      throw new WireFailure('BAD_REQUEST', 'Dữ liệu ngắn hơn Content-Range.', { headers: state(offset, false) });
    }
    if (offset === total) {
      if (!(await blobs.complete(sha256, caller.organId))) {
        await audit(db, { ...caller, action: 'blob.mismatch', details: { sha256, size: total } });
        throw new WireFailure('CHECKSUM_MISMATCH', 'Tệp nhận được không khớp mã băm SHA-256; hãy gửi lại từ đầu.', {
          headers: state(0, false),
        });
      }
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO blobs (sha256, size) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [
          sha256,
          total,
        ]);
        await grantBlob(tx, sha256, caller.organId, 'upload');
      });
      return sendEmpty(res, 204, state(total, true));
    }
    sendEmpty(res, 204, state(offset, false));
  }

  async function get(req: IncomingMessage, res: ServerResponse, caller: Caller, sha256: string): Promise<void> {
    const size = await readable(sha256, caller.organId);
    if (size === null) throw new WireFailure('NOT_FOUND', 'Không có tệp này, hoặc máy này không được đọc tệp này.');
    const headers = {
      'content-type': 'application/octet-stream',
      'accept-ranges': 'bytes',
      etag: `"${sha256}"`,
      'cache-control': 'private, max-age=31536000, immutable',
    };
    const range = parseRange(String(req.headers.range ?? ''), size);
    if (range === 'unsatisfiable') {
      throw new WireFailure('BAD_REQUEST', 'Khoảng byte yêu cầu nằm ngoài tệp.', {
        status: 416,
        headers: { 'content-range': `bytes */${size}` },
      });
    }
    if (range) {
      res.writeHead(206, {
        ...headers,
        'content-length': String(range.end - range.start + 1),
        'content-range': `bytes ${range.start}-${range.end}/${size}`,
      });
    } else {
      res.writeHead(200, { ...headers, 'content-length': String(size) });
    }
    blobs
      .read(sha256, range ?? undefined)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  return { head, put, get };
}

/** One `bytes=` range (start-end, start-, or -suffix); null to send the whole blob. */
export function parseRange(header: string, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
