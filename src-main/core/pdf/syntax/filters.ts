/**
 * Stream decoding: FlateDecode with PNG and TIFF predictors, which covers xref streams, object
 * streams and the streams a signer touches. Other filters are refused only when decoding is
 * asked for, so a file with DCT images still opens.
 */
import zlib from 'node:zlib';
import { constants as bufferConstants } from 'node:buffer';
import { Budget, damaged, tooComplex } from './limits';
import { PdfDict, PdfName, type PdfObject } from './objects';

export type Deref = (obj: PdfObject | undefined) => PdfObject;

export function decodeStreamData(raw: Uint8Array, dict: PdfDict, budget: Budget, deref: Deref): Uint8Array {
  const filterObj = deref(dict.get('Filter'));
  const parmsObj = deref(dict.get('DecodeParms'));
  const filters = filterObj === null ? [] : Array.isArray(filterObj) ? filterObj : [filterObj];
  let data = raw;
  filters.forEach((f, i) => {
    const name = deref(f);
    if (!(name instanceof PdfName)) throw damaged('stream /Filter is not a name');
    const parms = deref(Array.isArray(parmsObj) ? parmsObj[i] : i === 0 ? parmsObj : null);
    if (name.value === 'FlateDecode' || name.value === 'Fl') {
      data = inflate(data, budget);
      if (parms instanceof PdfDict) data = unpredict(data, parms, deref, budget);
    } else {
      throw damaged(`unsupported filter ${name.value}`);
    }
  });
  return data;
}

function isTooLarge(e: unknown): boolean {
  return e instanceof RangeError || (e as { code?: string } | null)?.code === 'ERR_BUFFER_TOO_LARGE';
}

/**
 * zlib with a ceiling on output (maxOutputLength stops a zip bomb before it allocates).
 * A truncated stream yields what it holds (Z_SYNC_FLUSH); a bad Adler-32 checksum is ignored
 * by re-reading the deflate data raw, as other PDF readers do.
 */
function inflate(data: Uint8Array, budget: Budget): Uint8Array {
  const remaining = budget.decompressRemaining;
  if (remaining <= 0) throw tooComplex('decompressed data exceeds the limit');
  const opts: zlib.ZlibOptions = {
    maxOutputLength: Math.min(remaining, bufferConstants.MAX_LENGTH),
    finishFlush: zlib.constants.Z_SYNC_FLUSH,
  };
  let out: Buffer;
  try {
    out = zlib.inflateSync(data, opts);
  } catch (e) {
    if (isTooLarge(e)) throw tooComplex('decompressed data exceeds the limit');
    if (data.length < 2 || /header/i.test((e as Error).message)) throw damaged('corrupt FlateDecode data');
    try {
      out = zlib.inflateRawSync(data.subarray(2), opts);
    } catch (e2) {
      if (isTooLarge(e2)) throw tooComplex('decompressed data exceeds the limit');
      throw damaged('corrupt FlateDecode data');
    }
  }
  budget.decompressed += out.length;
  return out;
}

function intParam(parms: PdfDict, key: string, fallback: number, deref: Deref): number {
  const v = deref(parms.get(key));
  return typeof v === 'number' && Number.isInteger(v) ? v : fallback;
}

/** Undoes a /Predictor (§7.4.4.4): 2 = TIFF, 10-15 = PNG with a filter byte per row. */
function unpredict(data: Uint8Array, parms: PdfDict, deref: Deref, budget: Budget): Uint8Array {
  const predictor = intParam(parms, 'Predictor', 1, deref);
  if (predictor <= 1) return data;
  const colors = intParam(parms, 'Colors', 1, deref);
  const bpc = intParam(parms, 'BitsPerComponent', 8, deref);
  const columns = intParam(parms, 'Columns', 1, deref);
  if (colors < 1 || colors > 256 || ![1, 2, 4, 8, 16].includes(bpc) || columns < 1 || columns > 1 << 24) {
    throw damaged('invalid predictor parameters');
  }
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowBytes = Math.ceil((colors * bpc * columns) / 8);
  if (predictor === 2) {
    if (bpc !== 8) throw damaged(`unsupported filter TIFF predictor with ${bpc} bits per component`);
    const out = Uint8Array.from(data);
    for (let row = 0; row + rowBytes <= out.length; row += rowBytes) {
      budget.tick();
      for (let i = colors; i < rowBytes; i++)
        out[row + i] = ((out[row + i] as number) + (out[row + i - colors] as number)) & 0xff;
    }
    return out;
  }
  if (predictor < 10) throw damaged(`unsupported filter predictor ${predictor}`);
  return unpredictPng(data, rowBytes, bpp, budget);
}

function unpredictPng(data: Uint8Array, rowBytes: number, bpp: number, budget: Budget): Uint8Array {
  const stride = rowBytes + 1;
  // A final partial row is kept as far as it goes rather than dropped.
  const rows = Math.ceil(data.length / stride);
  const out = new Uint8Array(Math.max(0, data.length - rows));
  let prev = new Uint8Array(rowBytes);
  let o = 0;
  for (let r = 0; r < rows; r++) {
    budget.tick();
    const base = r * stride;
    const type = data[base] ?? 0;
    const len = Math.min(rowBytes, data.length - base - 1);
    const cur = out.subarray(o, o + len);
    for (let i = 0; i < len; i++) {
      const x = data[base + 1 + i] as number;
      const a = i >= bpp ? (cur[i - bpp] as number) : 0;
      const b = prev[i] as number;
      const c = i >= bpp ? (prev[i - bpp] as number) : 0;
      let v: number;
      switch (type) {
        case 0:
          v = x;
          break;
        case 1:
          v = x + a;
          break;
        case 2:
          v = x + b;
          break;
        case 3:
          v = x + ((a + b) >> 1);
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          throw damaged(`invalid PNG predictor row type ${type}`);
      }
      cur[i] = v & 0xff;
    }
    if (len === rowBytes) prev = cur;
    o += len;
  }
  return out;
}
