/**
 * Content-addressed blobs behind an interface an S3-compatible store could implement (multipart
 * uploads for the partial ones). On disk: finished blobs under `xx/<sha256>`, never changed;
 * an upload in progress is a part file per (blob, owner) appended from the offset the client was
 * told, and checked against its name before it becomes visible.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface BlobStore {
  /** A finished blob's size, or null. */
  head(sha256: string): Promise<{ size: number } | null>;
  /** Bytes of `owner`'s upload in progress (0 when none). */
  partialSize(sha256: string, owner: string): Promise<number>;
  /**
   * Appends at most `length` bytes of `body` to `owner`'s upload, which must hold exactly
   * `offset` bytes (else BlobConflict). Bytes that arrived before a failure are kept.
   */
  append(sha256: string, owner: string, offset: number, body: Readable, length: number): Promise<number>;
  /** Checks the upload hashes to `sha256` and publishes it; false (and the upload discarded) if not. */
  complete(sha256: string, owner: string): Promise<boolean>;
  /** Stores whole bytes at once (checked like `complete`). */
  put(sha256: string, bytes: Buffer): Promise<boolean>;
  /** A finished blob's bytes, `end` inclusive. */
  read(sha256: string, range?: { start: number; end: number }): Readable;
  delete(sha256: string): Promise<void>;
}

/** The upload is not at the offset the client wrote from, or another request is appending to it. */
export class BlobConflict extends Error {
  constructor(readonly offset: number) {
    super(`upload holds ${offset} bytes`);
  }
}

/** More bytes than the Content-Range announced. */
export class BlobOverflow extends Error {}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

async function publish(file: string, target: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  await handle.sync().finally(() => handle.close());
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) await fs.promises.rm(file, { force: true });
  else await fs.promises.rename(file, target);
}

export function diskBlobStore(dir: string): BlobStore {
  const final = (sha: string) => path.join(dir, sha.slice(0, 2), sha);
  const ownerTag = (owner: string) => createHash('sha256').update(owner).digest('hex').slice(0, 16);
  const part = (sha: string, owner: string) => path.join(dir, 'uploads', `${sha}.${ownerTag(owner)}.part`);
  const size = async (file: string) => (await fs.promises.stat(file).catch(() => null))?.size ?? null;
  fs.mkdirSync(path.join(dir, 'uploads'), { recursive: true, mode: 0o700 });
  // One append at a time per upload (this process is the only one using the folder).
  const busy = new Set<string>();

  return {
    head: async (sha) => {
      const n = await size(final(sha));
      return n === null ? null : { size: n };
    },
    partialSize: async (sha, owner) => (await size(part(sha, owner))) ?? 0,

    async append(sha, owner, offset, body, length) {
      const file = part(sha, owner);
      const current = (await size(file)) ?? 0;
      if (busy.has(file) || current !== offset) throw new BlobConflict(current);
      busy.add(file);
      try {
        let seen = 0;
        const limit = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            if (seen + chunk.length > length) {
              // Keep what fits; the rest was never announced.
              const room = length - seen;
              seen = length;
              if (room > 0) this.push(chunk.subarray(0, room));
              return done(new BlobOverflow('body longer than Content-Range'));
            }
            seen += chunk.length;
            done(null, chunk);
          },
        });
        await pipeline(body, limit, fs.createWriteStream(file, { flags: 'a', mode: 0o600 }));
        return (await size(file)) ?? 0;
      } finally {
        busy.delete(file);
      }
    },

    async complete(sha, owner) {
      const file = part(sha, owner);
      if ((await sha256Of(file)) !== sha) {
        await fs.promises.rm(file, { force: true });
        return false;
      }
      await publish(file, final(sha));
      return true;
    },

    async put(sha, bytes) {
      if (createHash('sha256').update(bytes).digest('hex') !== sha) return false;
      const tmp = path.join(dir, 'uploads', `${sha}.${randomBytes(6).toString('hex')}.tmp`);
      await fs.promises.writeFile(tmp, bytes, { mode: 0o600 });
      await publish(tmp, final(sha));
      return true;
    },

    read: (sha, range) => fs.createReadStream(final(sha), range ? { start: range.start, end: range.end } : {}),

    delete: (sha) => fs.promises.rm(final(sha), { force: true }),
  };
}
