/**
 * Test images made by code: a tiny PNG encoder (every colour type, bit depths, filters,
 * palette + tRNS, pHYs) and two drawings — a blue handwritten-looking signature and a red seal —
 * both with transparent backgrounds, like the ones a clerk exports.
 */
import { crc32, deflateSync } from 'node:zlib';

export interface EncodeOptions {
  width: number;
  height: number;
  colorType: 0 | 2 | 3 | 4 | 6;
  depth?: 1 | 2 | 4 | 8 | 16;
  /** Raw samples per pixel in row order (for palette: indices), `depth` bits each. */
  samples: number[];
  palette?: [number, number, number][];
  trns?: number[];
  /** Pixels per metre (pHYs): 600 dpi is 23622. */
  ppm?: number;
  /** Row filter used for every row (0–4). */
  filter?: 0 | 1 | 2 | 3 | 4;
  interlace?: boolean;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function encodePng(o: EncodeOptions): Buffer {
  const depth = o.depth ?? 8;
  const channels = CHANNELS[o.colorType];
  const bitsPerPixel = channels * depth;
  const stride = Math.ceil((o.width * bitsPerPixel) / 8);
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const rows: Buffer[] = [];
  for (let y = 0; y < o.height; y++) {
    const row = Buffer.alloc(stride);
    for (let x = 0; x < o.width; x++) {
      for (let c = 0; c < channels; c++) {
        const v = o.samples[(y * o.width + x) * channels + c] ?? 0;
        const bit = (x * channels + c) * depth;
        if (depth === 16) row.writeUInt16BE(v, bit / 8);
        else if (depth === 8) row[bit / 8] = v;
        else row[bit >> 3] = (row[bit >> 3] as number) | (v << (8 - depth - (bit & 7)));
      }
    }
    rows.push(row);
  }
  const filter = o.filter ?? 4;
  const raw: Buffer[] = [];
  rows.forEach((row, y) => {
    const prev = y > 0 ? (rows[y - 1] as Buffer) : Buffer.alloc(stride);
    const out = Buffer.alloc(stride + 1);
    out[0] = filter;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? (row[i - bpp] as number) : 0;
      const b = prev[i] as number;
      const c = i >= bpp ? (prev[i - bpp] as number) : 0;
      const pred = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter] as number;
      out[i + 1] = ((row[i] as number) - pred) & 0xff;
    }
    raw.push(out);
  });
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(o.width, 0);
  ihdr.writeUInt32BE(o.height, 4);
  ihdr[8] = depth;
  ihdr[9] = o.colorType;
  ihdr[12] = o.interlace ? 1 : 0;
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (o.ppm) {
    const phys = Buffer.alloc(9);
    phys.writeUInt32BE(o.ppm, 0);
    phys.writeUInt32BE(o.ppm, 4);
    phys[8] = 1;
    parts.push(chunk('pHYs', phys));
  }
  if (o.palette) parts.push(chunk('PLTE', Buffer.from(o.palette.flat())));
  if (o.trns) parts.push(chunk('tRNS', Buffer.from(o.trns)));
  const data = deflateSync(Buffer.concat(raw));
  // Two IDAT chunks: decoders must join them.
  const half = data.length >> 1;
  parts.push(chunk('IDAT', data.subarray(0, half)), chunk('IDAT', data.subarray(half)), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

/** RGBA pixels from a coverage function, 3×3 supersampled for smooth edges. */
function paint(
  width: number,
  height: number,
  rgb: [number, number, number],
  cover: (x: number, y: number) => boolean,
): number[] {
  const samples: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let hits = 0;
      for (let sy = 0; sy < 3; sy++)
        for (let sx = 0; sx < 3; sx++) if (cover(x + (sx + 0.5) / 3, y + (sy + 0.5) / 3)) hits++;
      samples.push(...rgb, Math.round((hits / 9) * 255));
    }
  }
  return samples;
}

/** A pen stroke along a parametric curve, as a coverage mask (discs stamped along it). */
function strokeMask(width: number, height: number, curve: (t: number) => [number, number], radius: number): Uint8Array {
  const mask = new Uint8Array(width * height * 9);
  const w3 = width * 3;
  for (let i = 0; i <= 4000; i++) {
    const [cx, cy] = curve(i / 4000);
    const r = radius * (0.75 + 0.25 * Math.sin(i / 300)) * 3; // pressure varies a little
    for (let y = Math.floor(cy * 3 - r); y <= cy * 3 + r; y++) {
      for (let x = Math.floor(cx * 3 - r); x <= cx * 3 + r; x++) {
        if (x < 0 || y < 0 || x >= w3 || y >= height * 3) continue;
        if ((x - cx * 3) ** 2 + (y - cy * 3) ** 2 <= r * r) mask[y * w3 + x] = 1;
      }
    }
  }
  return mask;
}

/** A blue signature: cursive loops and an underline flourish over a transparent background. */
export function signaturePng(width = 300, height = 120): Buffer {
  const loops = (t: number): [number, number] => [
    width * (0.08 + 0.72 * t) + 14 * Math.sin(t * Math.PI * 10),
    height * (0.45 - 0.18 * Math.cos(t * Math.PI * 10) - 0.1 * Math.sin(t * Math.PI * 2)),
  ];
  const flourish = (t: number): [number, number] => [
    width * (0.12 + 0.8 * t),
    height * (0.78 - 0.1 * Math.sin(t * Math.PI)),
  ];
  const a = strokeMask(width, height, loops, 2.2);
  const b = strokeMask(width, height, flourish, 1.8);
  const w3 = width * 3;
  return encodePng({
    width,
    height,
    colorType: 6,
    samples: paint(width, height, [20, 45, 170], (x, y) => {
      const i = Math.floor(y * 3) * w3 + Math.floor(x * 3);
      return a[i] === 1 || b[i] === 1;
    }),
  });
}

/** A five-pointed star's outline centred at (cx, cy), outer radius r. */
function starPolygon(cx: number, cy: number, r: number): [number, number][] {
  return Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r : r * 0.4;
    return [cx + rr * Math.cos(a), cy + rr * Math.sin(a)];
  });
}

/** Even-odd point-in-polygon test. */
function inside(pts: [number, number][], x: number, y: number): boolean {
  let result = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i] as [number, number];
    const [xj, yj] = pts[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

/** A red seal: two rings and a star, `mm` across at `dpi`, transparent outside the ink. */
export function sealPng(mm = 35, dpi = 300): Buffer {
  const size = Math.round((mm / 25.4) * dpi);
  const c = size / 2;
  const star = starPolygon(c, c, c * 0.3);
  const ink = (x: number, y: number) => {
    const r = Math.hypot(x - c, y - c);
    return (r < c - 1 && r > c * 0.92) || (r < c * 0.6 && r > c * 0.57) || (r < c * 0.3 && inside(star, x, y));
  };
  return encodePng({
    width: size,
    height: size,
    colorType: 6,
    samples: paint(size, size, [210, 20, 30], ink),
    ppm: Math.round(dpi / 0.0254),
  });
}
