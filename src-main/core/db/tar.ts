/**
 * A minimal ustar writer and reader for backups: one portable file that any tar tool opens, so
 * an administrator can inspect a backup without VanThu.
 */
import fs from 'node:fs';

const BLOCK = 512;

function header(name: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name too long: ${name}`);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 8, 'ascii');
  h.write('0000000\0', 108, 8, 'ascii');
  h.write('0000000\0', 116, 8, 'ascii');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 12, 'ascii');
  h.write(
    `${Math.floor(mtime.getTime() / 1000)
      .toString(8)
      .padStart(11, '0')}\0`,
    136,
    12,
    'ascii',
  );
  h.write('        ', 148, 8, 'ascii');
  h.write('0', 156, 1, 'ascii');
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return h;
}

export class TarWriter {
  private readonly fd: number;
  constructor(file: string) {
    this.fd = fs.openSync(file, 'w');
  }

  addBuffer(name: string, data: Buffer): void {
    fs.writeSync(this.fd, header(name, data.length, new Date()));
    fs.writeSync(this.fd, data);
    this.pad(data.length);
  }

  addFile(name: string, source: string): void {
    const size = fs.statSync(source).size;
    fs.writeSync(this.fd, header(name, size, new Date()));
    const chunk = Buffer.alloc(1 << 20);
    const src = fs.openSync(source, 'r');
    try {
      let read: number;
      while ((read = fs.readSync(src, chunk, 0, chunk.length, null)) > 0) fs.writeSync(this.fd, chunk, 0, read);
    } finally {
      fs.closeSync(src);
    }
    this.pad(size);
  }

  close(): void {
    fs.writeSync(this.fd, Buffer.alloc(BLOCK * 2));
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
  }

  private pad(size: number): void {
    const rest = size % BLOCK;
    if (rest) fs.writeSync(this.fd, Buffer.alloc(BLOCK - rest));
  }
}

export interface TarEntry {
  name: string;
  size: number;
  /** Byte offset of the entry's data in the archive. */
  offset: number;
}

/** Lists entries; throws on anything that is not a well-formed ustar archive. */
export function readTarIndex(file: string): TarEntry[] {
  const fd = fs.openSync(file, 'r');
  try {
    const total = fs.fstatSync(fd).size;
    const entries: TarEntry[] = [];
    const h = Buffer.alloc(BLOCK);
    let pos = 0;
    while (pos + BLOCK <= total) {
      fs.readSync(fd, h, 0, BLOCK, pos);
      if (h.every((b) => b === 0)) return entries;
      if (h.toString('ascii', 257, 262) !== 'ustar') throw new Error('not a ustar archive');
      const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const size = parseInt(h.toString('ascii', 124, 136).replace(/\0.*$/s, '').trim(), 8);
      if (!Number.isFinite(size) || pos + BLOCK + size > total) throw new Error('truncated archive');
      entries.push({ name, size, offset: pos + BLOCK });
      pos += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    }
    throw new Error('truncated archive');
  } finally {
    fs.closeSync(fd);
  }
}

export function extractEntry(file: string, entry: TarEntry, target: string): void {
  const fd = fs.openSync(file, 'r');
  const out = fs.openSync(target, 'w');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let left = entry.size;
    let pos = entry.offset;
    while (left > 0) {
      const n = fs.readSync(fd, chunk, 0, Math.min(chunk.length, left), pos);
      if (n <= 0) throw new Error('truncated archive');
      fs.writeSync(out, chunk, 0, n);
      left -= n;
      pos += n;
    }
  } finally {
    fs.closeSync(out);
    fs.closeSync(fd);
  }
}

export function readEntry(file: string, entry: TarEntry): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(entry.size);
    fs.readSync(fd, buf, 0, entry.size, entry.offset);
    return buf;
  } finally {
    fs.closeSync(fd);
  }
}
