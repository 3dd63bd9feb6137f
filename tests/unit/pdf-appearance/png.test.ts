/**
 * PNG decoding of test-made images: every colour type, bit depths 1–16, all five row filters,
 * palette and key transparency (tRNS), the stated physical size (pHYs), and clear refusals.
 */
import { describe, expect, it } from 'vitest';
import { ObjectSink } from '../../../src-main/core/pdf/appearance/objects';
import { decodePng, pngImage } from '../../../src-main/core/pdf/appearance/png';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { encodePng } from './images';

/** A 5×3 RGBA test pattern: varied colours and alpha, enough to catch filter mistakes. */
const W = 5;
const H = 3;
const RGBA = Array.from({ length: W * H }, (_, p) => [
  (p * 53) % 256,
  (p * 97 + 11) % 256,
  (255 - p * 17) % 256,
  p % 4 === 0 ? 0 : 40 + p * 13,
]).flat();

function channel(samples: number[], per: number, c: number): number[] {
  return samples.filter((_, i) => i % per === c);
}

describe('decodePng', () => {
  it.each([0, 1, 2, 3, 4] as const)('decodes 8-bit RGBA with row filter %i', (filter) => {
    const png = decodePng(encodePng({ width: W, height: H, colorType: 6, samples: RGBA, filter }));
    expect(png).toMatchObject({ width: W, height: H, channels: 3 });
    const rgb = RGBA.filter((_, i) => i % 4 !== 3);
    expect([...png.color]).toEqual(rgb);
    expect([...(png.alpha as Buffer)]).toEqual(channel(RGBA, 4, 3));
  });

  it('decodes opaque RGB without a soft mask', () => {
    const rgb = RGBA.filter((_, i) => i % 4 !== 3);
    const png = decodePng(encodePng({ width: W, height: H, colorType: 2, samples: rgb }));
    expect([...png.color]).toEqual(rgb);
    expect(png.alpha).toBeNull();
  });

  it('decodes greyscale and greyscale with alpha', () => {
    const grey = channel(RGBA, 4, 0);
    const g = decodePng(encodePng({ width: W, height: H, colorType: 0, samples: grey }));
    expect(g.channels).toBe(1);
    expect([...g.color]).toEqual(grey);
    const ga = RGBA.filter((_, i) => i % 4 === 0 || i % 4 === 3);
    const d = decodePng(encodePng({ width: W, height: H, colorType: 4, samples: ga, filter: 2 }));
    expect([...d.color]).toEqual(grey);
    expect([...(d.alpha as Buffer)]).toEqual(channel(RGBA, 4, 3));
  });

  it.each([1, 2, 4] as const)('scales %i-bit greyscale to 8 bits', (depth) => {
    const max = (1 << depth) - 1;
    const samples = Array.from({ length: W * H }, (_, p) => p % (max + 1));
    const png = decodePng(encodePng({ width: W, height: H, colorType: 0, depth, samples, filter: 0 }));
    expect([...png.color]).toEqual(samples.map((v) => Math.round((v * 255) / max)));
  });

  it('keeps the high byte of 16-bit samples', () => {
    const samples = RGBA.map((v) => v * 257);
    const png = decodePng(encodePng({ width: W, height: H, colorType: 6, depth: 16, samples }));
    expect([...png.color]).toEqual(RGBA.filter((_, i) => i % 4 !== 3));
    expect([...(png.alpha as Buffer)]).toEqual(channel(RGBA, 4, 3));
  });

  it.each([1, 2, 4, 8] as const)('expands a %i-bit palette with tRNS into RGB and alpha', (depth) => {
    const palette: [number, number, number][] = [
      [255, 255, 255],
      [210, 20, 30],
      [20, 45, 170],
      [0, 0, 0],
    ].slice(0, Math.min(4, 1 << depth)) as [number, number, number][];
    const indices = Array.from({ length: W * H }, (_, p) => p % palette.length);
    const png = decodePng(
      encodePng({ width: W, height: H, colorType: 3, depth, samples: indices, palette, trns: [0, 200] }),
    );
    expect([...png.color]).toEqual(indices.flatMap((i) => palette[i] as number[]));
    // Entries beyond the tRNS list are opaque.
    expect([...(png.alpha as Buffer)]).toEqual(indices.map((i) => [0, 200][i] ?? 255));
  });

  it('makes the tRNS key colour of an RGB image transparent', () => {
    const rgb = Array.from({ length: W * H }, (_, p) => (p % 2 ? [255, 255, 255] : [20, 45, 170])).flat();
    const png = decodePng(
      encodePng({ width: W, height: H, colorType: 2, samples: rgb, trns: [0, 255, 0, 255, 0, 255] }),
    );
    expect([...(png.alpha as Buffer)]).toEqual(Array.from({ length: W * H }, (_, p) => (p % 2 ? 0 : 255)));
  });

  it('reads the physical size from pHYs (a 35 mm seal at 300 dpi)', () => {
    const png = decodePng(encodePng({ width: 413, height: 10, colorType: 0, samples: [], ppm: 11811 }));
    expect(png.sizeMm?.width).toBeCloseTo(34.97, 1);
  });

  it('refuses interlaced, damaged and non-PNG files with a Vietnamese message', () => {
    const cases: [Uint8Array, RegExp][] = [
      [encodePng({ width: W, height: H, colorType: 6, samples: RGBA, interlace: true }), /xen kẽ/],
      [Buffer.from('GIF89a not a png'), /không phải ảnh PNG/],
      [encodePng({ width: W, height: H, colorType: 6, samples: RGBA }).subarray(0, 60), /cắt cụt|thiếu/],
    ];
    const corrupt = encodePng({ width: W, height: H, colorType: 6, samples: RGBA });
    const at = corrupt.indexOf('IDAT') + 6;
    corrupt[at] = (corrupt[at] as number) ^ 0xff;
    cases.push([corrupt, /CRC/]);
    for (const [bytes, message] of cases) {
      let error: unknown;
      try {
        decodePng(bytes);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(VanThuError);
      expect((error as VanThuError).code).toBe('VALIDATION');
      expect((error as VanThuError).message).toMatch(message);
    }
  });
});

describe('pngImage', () => {
  it('writes an RGB image XObject with a greyscale /SMask for the alpha channel', () => {
    const sink = new ObjectSink(10);
    const ref = pngImage(sink, decodePng(encodePng({ width: W, height: H, colorType: 6, samples: RGBA })));
    expect(ref.num).toBe(11);
    const [mask, image] = sink.objects.map((o) => o.body.toString('latin1'));
    expect(mask).toMatch(/\/Subtype \/Image .*\/ColorSpace \/DeviceGray .*\/Filter \/FlateDecode/);
    expect(image).toMatch(/\/ColorSpace \/DeviceRGB \/SMask 10 0 R/);
    expect(image).toMatch(/\/Width 5 \/Height 3 \/BitsPerComponent 8/);
  });
});
