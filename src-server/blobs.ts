/**
 * Content-addressed blobs on disk, behind an interface an S3-compatible store could implement.
 * An upload in progress is a part file per (blob, organisation), appended chunk by chunk from
 * the offset the client was told; the last chunk is checked against the name (sha256) before
 * the blob becomes visible. A finished blob is never changed.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface BlobStore {
  /** Bytes of an upload in progress by `owner`, 0 when none. */
  partialSize(sha256: string, owner: string): number;
  append(sha256: string, owner: string, offset: number, bytes: Buffer): number;
  /** Checks the part file hashes to `sha256`, then publishes it; false (and discarded) if not. */
  complete(sha256: string, owner: string): boolean;
  has(sha256: string): boolean;
  size(sha256: string): number;
  read(sha256: string, start?: number, end?: number): fs.ReadStream;
}

export function diskBlobStore(dir: string): BlobStore {
  const final = (sha: string) => path.join(dir, sha.slice(0, 2), sha);
  const part = (sha: string, owner: string) =>
    path.join(dir, 'uploads', `${sha}.${createHash('sha256').update(owner).digest('hex').slice(0, 16)}.part`);
  fs.mkdirSync(path.join(dir, 'uploads'), { recursive: true });

  return {
    partialSize: (sha, owner) => fs.statSync(part(sha, owner), { throwIfNoEntry: false })?.size ?? 0,
    append(sha, owner, offset, bytes) {
      const file = part(sha, owner);
      const current = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
      if (current !== offset) return current;
      fs.appendFileSync(file, bytes);
      return current + bytes.length;
    },
    complete(sha, owner) {
      const file = part(sha, owner);
      const hash = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
      if (hash !== sha) {
        fs.rmSync(file, { force: true });
        return false;
      }
      const target = final(sha);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (fs.existsSync(target)) fs.rmSync(file);
      else {
        const tmp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
        fs.renameSync(file, tmp);
        fs.renameSync(tmp, target);
      }
      return true;
    },
    has: (sha) => fs.existsSync(final(sha)),
    size: (sha) => fs.statSync(final(sha)).size,
    read: (sha, start, end) => fs.createReadStream(final(sha), { start, end }),
  };
}
