/**
 * One font face as the writer uses it: measuring and encoding with per-character caches over
 * the appearance module's FontUse, which records the glyphs for the subset and the ToUnicode
 * CMap. A register of a thousand rows measures each distinct letter once, not every time.
 */
import { FontUse } from '../appearance/font-embed';
import type { TrueTypeFont } from '../appearance/truetype';

export class Face {
  readonly use: FontUse;
  /** character -> advance, in ems */
  private readonly advances = new Map<string, number>();
  /** character -> four hex digits of its glyph id */
  private readonly codes = new Map<string, string>();
  /** Drawn with a stroked outline: the family has no bold face of its own. */
  readonly synthetic: boolean;

  constructor(
    readonly font: TrueTypeFont,
    options: { use?: FontUse; synthetic?: boolean } = {},
  ) {
    this.use = options.use ?? new FontUse(font);
    this.synthetic = options.synthetic ?? false;
  }

  /** Learns a character: FontUse checks the font has it (a clear error if not) and records it. */
  private learn(ch: string): void {
    // Normally one glyph; a character NFC would change (none in normalized text) may give more.
    const hex = this.use.encode(ch).slice(1, -1);
    let units = 0;
    for (let i = 0; i < hex.length; i += 4) units += this.font.advances[parseInt(hex.slice(i, i + 4), 16)] ?? 0;
    this.codes.set(ch, hex);
    this.advances.set(ch, units / this.font.unitsPerEm);
  }

  /** Width of already normalized text at `size` points. */
  width(text: string, size: number): number {
    let em = 0;
    for (const ch of text) {
      let a = this.advances.get(ch);
      if (a === undefined) {
        this.learn(ch);
        a = this.advances.get(ch) as number;
      }
      em += a;
    }
    return em * size;
  }

  /** The hex string operand of Tj for already normalized text. */
  encode(text: string): string {
    let out = '<';
    for (const ch of text) {
      let hex = this.codes.get(ch);
      if (hex === undefined) {
        this.learn(ch);
        hex = this.codes.get(ch) as string;
      }
      out += hex;
    }
    return `${out}>`;
  }

  /** Ascent and descent (negative) as fractions of the size. */
  get ascent(): number {
    return this.font.ascender / this.font.unitsPerEm;
  }
  get descent(): number {
    return this.font.descender / this.font.unitsPerEm;
  }
}
