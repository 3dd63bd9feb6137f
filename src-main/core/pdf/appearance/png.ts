/**
 * PNG decoding for signature and seal images (transparent PNGs exported by the clerk), and
 * their Image XObject: 8-bit DeviceRGB or DeviceGray pixels with the alpha channel as a
 * separate /SMask, so the seal lets the text and signature beneath it show through.
 *
 * Supported: every non-interlaced PNG colour type and bit depth (greyscale, RGB, palette,
 * with alpha or tRNS). 16-bit samples are reduced to 8; interlaced files are refused.
 */
import { crc32, inflateSync } from 'node:zlib';
import { VanThuError } from '../../../../src-shared/ipc/errors';
import { dict, PdfName, type PdfObject, type PdfRef } from '../syntax';
import type { ObjectSink } from './objects';

export interface DecodedPng {
  width: number;
  height: number;
  /** 1 (grey) or 3 (RGB) 8-bit samples per pixel, rows top to bottom. */
  channels: 1 | 3;
  color: Buffer;
  /** One byte per pixel; null when every pixel is opaque. */
  alpha: Buffer | null;
  /** Physical size from the pHYs chunk, when the file states one in pixels per metre. */
  sizeMm: { width: number; height: number } | null;
}

/** Large enough for a 600 dpi A4 scan; a signature or seal image is far smaller. */
const MAX_PIXELS = 40_000_000;
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function bad(detail: string): VanThuError {
  return new VanThuError('VALIDATION', `Ảnh chữ ký/con dấu không dùng được: ${detail}.`);
}

interface Header {
  width: number;
  height: number;
  depth: number;
  colorType: number;
}

/** Samples per pixel of each colour type (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA). */
const SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

function readHeader(data: Buffer): Header & { interlace: number } {
  if (data.length !== 13) throw bad('phần đầu IHDR sai');
  const h = {
    width: data.readUInt32BE(0),
    height: data.readUInt32BE(4),
    depth: data.readUInt8(8),
    colorType: data.readUInt8(9),
    interlace: data.readUInt8(12),
  };
  if (h.width === 0 || h.height === 0) throw bad('ảnh rỗng');
  if (h.width * h.height > MAX_PIXELS) throw bad(`ảnh quá lớn (${h.width}×${h.height} điểm ảnh)`);
  if (!DEPTHS[h.colorType]?.includes(h.depth)) throw bad(`kiểu màu ${h.colorType} với ${h.depth} bit không hợp lệ`);
  if (data.readUInt8(10) !== 0 || data.readUInt8(11) !== 0) throw bad('kiểu nén hoặc lọc không chuẩn');
  if (h.interlace !== 0) {
    throw bad('ảnh PNG xen kẽ (interlaced) chưa được hỗ trợ; hãy lưu lại ảnh PNG không xen kẽ');
  }
  return h;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes the per-row filters in place; returns the raw rows without their filter bytes. */
function unfilter(data: Buffer, h: Header): Buffer {
  const bitsPerPixel = (SAMPLES[h.colorType] as number) * h.depth;
  const stride = Math.ceil((h.width * bitsPerPixel) / 8);
  const bpp = Math.max(1, bitsPerPixel >> 3);
  if (data.length < (stride + 1) * h.height) throw bad('dữ liệu ảnh bị thiếu');
  const out = Buffer.alloc(stride * h.height);
  for (let y = 0; y < h.height; y++) {
    const type = data[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const raw = data[src + x] as number;
      const a = x >= bpp ? (out[row + x - bpp] as number) : 0;
      const b = y > 0 ? (out[prev + x] as number) : 0;
      const c = x >= bpp && y > 0 ? (out[prev + x - bpp] as number) : 0;
      let v: number;
      if (type === 0) v = raw;
      else if (type === 1) v = raw + a;
      else if (type === 2) v = raw + b;
      else if (type === 3) v = raw + ((a + b) >> 1);
      else if (type === 4) v = raw + paeth(a, b, c);
      else throw bad(`bộ lọc dòng ${String(type)} không hợp lệ`);
      out[row + x] = v & 0xff;
    }
  }
  return out;
}

/** Sample `i` of a row as 8 bits, whatever the bit depth. */
function sampleReader(rows: Buffer, depth: number, stride: number): (y: number, i: number) => number {
  if (depth === 8) return (y, i) => rows[y * stride + i] as number;
  if (depth === 16) return (y, i) => rows[y * stride + i * 2] as number; // high byte
  const perByte = 8 / depth;
  const mask = (1 << depth) - 1;
  return (y, i) => {
    const byte = rows[y * stride + Math.floor(i / perByte)] as number;
    return (byte >> (8 - depth * ((i % perByte) + 1))) & mask;
  };
}

export function decodePng(input: Uint8Array): DecodedPng {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw bad('tệp không phải ảnh PNG');
  let header: Header | null = null;
  let palette: Buffer | null = null;
  let trns: Buffer | null = null;
  let sizeMm: DecodedPng['sizeMm'] = null;
  const idat: Buffer[] = [];
  let at = 8;
  for (;;) {
    if (at + 12 > buf.length) throw bad('tệp PNG bị cắt cụt');
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > buf.length) throw bad('tệp PNG bị cắt cụt');
    const data = buf.subarray(at + 8, at + 8 + length);
    if (crc32(buf.subarray(at + 4, at + 8 + length)) !== buf.readUInt32BE(at + 8 + length)) {
      throw bad(`khối ${type} bị hỏng (sai CRC)`);
    }
    at += 12 + length;
    if (type === 'IHDR') header = readHeader(data);
    else if (!header) throw bad('thiếu phần đầu IHDR');
    else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'pHYs' && data.length === 9 && data.readUInt8(8) === 1) {
      const ppmX = data.readUInt32BE(0);
      const ppmY = data.readUInt32BE(4);
      if (ppmX > 0 && ppmY > 0) {
        sizeMm = { width: (header.width / ppmX) * 1000, height: (header.height / ppmY) * 1000 };
      }
    } else if (type === 'IEND') break;
  }
  if (!header) throw bad('thiếu phần đầu IHDR');
  const h = header;
  const samples = SAMPLES[h.colorType] as number;
  const stride = Math.ceil((h.width * samples * h.depth) / 8);
  let inflated: Buffer;
  try {
    inflated = inflateSync(Buffer.concat(idat), { maxOutputLength: (stride + 1) * h.height + 1024 });
  } catch {
    throw bad('dữ liệu nén của ảnh bị hỏng');
  }
  const rows = unfilter(inflated, h);
  const read = sampleReader(rows, h.depth, stride);

  const pixels = h.width * h.height;
  const channels: 1 | 3 = h.colorType === 0 || h.colorType === 4 ? 1 : 3;
  const color = Buffer.alloc(pixels * channels);
  const alpha = Buffer.alloc(pixels, 255);
  // tRNS for grey/RGB names one colour (16-bit values) that is fully transparent.
  const key = trns && (h.colorType === 0 || h.colorType === 2) ? readKey(trns, h.colorType) : null;
  const scale = h.colorType === 0 && h.depth < 8 ? 255 / ((1 << h.depth) - 1) : 1;
  const rawSample = h.depth === 16 ? (y: number, i: number) => rows.readUInt16BE(y * stride + i * 2) : read;
  if (h.colorType === 3 && !palette) throw bad('ảnh bảng màu thiếu khối PLTE');

  for (let y = 0, p = 0; y < h.height; y++) {
    for (let x = 0; x < h.width; x++, p++) {
      const i = x * samples;
      if (h.colorType === 3) {
        const index = read(y, i);
        if (index * 3 + 2 >= (palette as Buffer).length) throw bad('chỉ số màu vượt bảng màu');
        color[p * 3] = (palette as Buffer)[index * 3] as number;
        color[p * 3 + 1] = (palette as Buffer)[index * 3 + 1] as number;
        color[p * 3 + 2] = (palette as Buffer)[index * 3 + 2] as number;
        if (trns && index < trns.length) alpha[p] = trns[index] as number;
        continue;
      }
      for (let c = 0; c < channels; c++) color[p * channels + c] = Math.round(read(y, i + c) * scale);
      if (samples === 2 || samples === 4) alpha[p] = read(y, i + samples - 1);
      else if (key && key.every((k, c) => rawSample(y, i + c) === k)) alpha[p] = 0;
    }
  }
  return {
    width: h.width,
    height: h.height,
    channels,
    color,
    alpha: alpha.every((a) => a === 255) ? null : alpha,
    sizeMm,
  };
}

function readKey(trns: Buffer, colorType: number): number[] | null {
  const n = colorType === 0 ? 1 : 3;
  if (trns.length < n * 2) return null;
  return Array.from({ length: n }, (_, c) => trns.readUInt16BE(c * 2));
}

/** The image as an Image XObject (with /SMask when it has transparency). */
export function pngImage(sink: ObjectSink, png: DecodedPng): PdfRef {
  const base = {
    Type: new PdfName('XObject'),
    Subtype: new PdfName('Image'),
    Width: png.width,
    Height: png.height,
    BitsPerComponent: 8,
    // Smooth scaling: the picture is shown smaller or larger than its pixels.
    Interpolate: true,
  };
  const entries: Record<string, PdfObject> = {
    ...base,
    ColorSpace: new PdfName(png.channels === 3 ? 'DeviceRGB' : 'DeviceGray'),
  };
  if (png.alpha) {
    entries.SMask = sink.addStream(dict({ ...base, ColorSpace: new PdfName('DeviceGray') }), png.alpha);
  }
  return sink.addStream(dict(entries), png.color);
}
