/**
 * A ZIP archive written in one go (what an .xlsx is): each entry deflated, with its CRC-32,
 * local headers, the central directory and its end record (APPNOTE 6.3). An entry may come as
 * chunks (a sheet of 100,000 rows): each chunk is deflated on its own and sync-flushed, which
 * ends it on a byte boundary without ending the stream, and an empty final block closes it — so
 * only the compressed bytes are held, never the whole sheet. No ZIP64: an entry or archive over
 * 4 GiB is refused, far beyond any register.
 */
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer | Iterable<Buffer>;
}

/** Deflates `data` chunk by chunk into one raw deflate stream: its bytes, CRC-32 and size. */
function deflateChunks(data: Buffer | Iterable<Buffer>): { packed: Buffer; crc: number; size: number } {
  if (Buffer.isBuffer(data))
    return { packed: zlib.deflateRawSync(data, { level: 6 }), crc: zlib.crc32(data), size: data.length };
  const parts: Buffer[] = [];
  let crc = 0;
  let size = 0;
  for (const chunk of data) {
    crc = zlib.crc32(chunk, crc);
    size += chunk.length;
    parts.push(zlib.deflateRawSync(chunk, { level: 6, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  }
  parts.push(zlib.deflateRawSync(Buffer.alloc(0), { finishFlush: zlib.constants.Z_FINISH }));
  return { packed: Buffer.concat(parts), crc, size };
}

// A fixed timestamp (1 January 2000): equal content gives equal bytes.
const DOS_TIME = 0;
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
const UTF8_NAMES = 1 << 11;
const DEFLATE = 8;
const LIMIT = 0xffffffff;

function signature(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value, 0);
  return b;
}

export function zip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const { packed, crc, size } = deflateChunks(entry.data);
    if (size > LIMIT || offset > LIMIT) throw new RangeError('zip: an archive over 4 GiB is not supported');
    // The fields a local header and its central record share, in the same order (APPNOTE 4.3.7).
    const shared = Buffer.alloc(26);
    shared.writeUInt16LE(20, 0); // version needed: 2.0 (deflate)
    shared.writeUInt16LE(UTF8_NAMES, 2);
    shared.writeUInt16LE(DEFLATE, 4);
    shared.writeUInt16LE(DOS_TIME, 6);
    shared.writeUInt16LE(DOS_DATE, 8);
    shared.writeUInt32LE(crc, 10);
    shared.writeUInt32LE(packed.length, 14);
    shared.writeUInt32LE(size, 18);
    shared.writeUInt16LE(name.length, 22);
    // extra field length (24): zero
    const local = Buffer.concat([signature(0x04034b50), shared]);
    const tail = Buffer.alloc(14); // comment, disk, internal and external attributes: zero
    tail.writeUInt32LE(offset, 10);
    const madeBy = Buffer.alloc(2);
    madeBy.writeUInt16LE(20, 0); // made by: 2.0
    const record = Buffer.concat([signature(0x02014b50), madeBy, shared, tail]);
    parts.push(local, name, packed);
    central.push(record, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
