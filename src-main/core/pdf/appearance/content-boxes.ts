/**
 * Where a page has ink: rough bounding boxes of text, images, painted paths, nested forms and
 * existing annotations, in user space. Only used to find a blank place for the arrival stamp,
 * so estimates are fine (text width is guessed from the glyph count) and anything unreadable
 * makes the caller fall back to the default corner rather than fail.
 */
import { PdfDict, PdfStream, type PdfFile, type PdfObject, type PdfRef } from '../syntax';
import { tokens, type Token } from './content-tokens';

export type Box = [number, number, number, number]; // x1 y1 x2 y2
type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** Past this, the page is too complex to guess at: use the default position. */
const MAX_OPS = 300_000;
const MAX_BYTES = 8 * 1024 * 1024;

export class TooComplex extends Error {}

function mul(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
    a[4] * b[0] + a[5] * b[2] + b[4],
    a[4] * b[1] + a[5] * b[3] + b[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** The axis-aligned box of a rectangle [x1 y1 x2 y2] under a matrix. */
function transformBox(m: Matrix, [x1, y1, x2, y2]: Box): Box {
  const pts = [apply(m, x1, y1), apply(m, x2, y1), apply(m, x1, y2), apply(m, x2, y2)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

interface State {
  ctm: Matrix;
  fontSize: number;
  /** 2 bytes per glyph for Type0 fonts, 1 for simple fonts */
  bytesPerGlyph: number;
  leading: number;
  hScale: number;
  charSpace: number;
  wordSpace: number;
  rise: number;
}

export class InkCollector {
  readonly boxes: Box[] = [];
  private ops = 0;
  private bytes = 0;

  constructor(
    private readonly pdf: PdfFile,
    /** Area of the page: images or paths covering most of it are backgrounds or scans. */
    private readonly pageArea: number,
  ) {}

  /** Set when an image covers most of the page: a scan, whose blank areas cannot be known. */
  scanned = false;

  private add(box: Box, kind: 'text' | 'image' | 'path'): void {
    const area = (box[2] - box[0]) * (box[3] - box[1]);
    if (!Number.isFinite(area)) return;
    if (kind !== 'text' && area > this.pageArea * 0.5) {
      if (kind === 'image') this.scanned = true;
      return; // a background or a page frame
    }
    this.boxes.push(box);
  }

  private dict(v: PdfObject | undefined): PdfDict | null {
    const d = this.pdf.deref(v);
    return d instanceof PdfDict ? d : d instanceof PdfStream ? d.dict : null;
  }

  /** Walks one content stream (or several concatenated) with its resources. */
  run(data: Uint8Array, resources: PdfDict | null, ctm: Matrix, depth: number): void {
    this.bytes += data.length;
    if (this.bytes > MAX_BYTES || depth > 6) throw new TooComplex();
    const fonts = this.dict(resources?.get('Font'));
    const xobjects = this.dict(resources?.get('XObject'));
    let s: State = { ctm, fontSize: 0, bytesPerGlyph: 1, leading: 0, hScale: 1, charSpace: 0, wordSpace: 0, rise: 0 };
    const saved: State[] = [];
    let tm: Matrix = IDENTITY;
    let tlm: Matrix = IDENTITY;
    let path: Box | null = null;
    let cur: [number, number] = [0, 0];
    let operands: Token[] = [];
    const num = (i: number) => {
      const t = operands[operands.length - i];
      return t && 'value' in t && typeof t.value === 'number' ? t.value : 0;
    };
    const extend = (x: number, y: number) => {
      const [ux, uy] = apply(s.ctm, x, y);
      path = path
        ? [Math.min(path[0], ux), Math.min(path[1], uy), Math.max(path[2], ux), Math.max(path[3], uy)]
        : [ux, uy, ux, uy];
    };
    const show = (glyphs: number, adjust = 0) => {
      const size = s.fontSize;
      // Average Latin glyph ≈ 0.5 em; enough to know where a line of text runs.
      const width = (glyphs * 0.5 * size + glyphs * s.charSpace - (adjust / 1000) * size) * s.hScale;
      const trm = mul(tm, s.ctm);
      this.add(transformBox(trm, [0, s.rise - 0.25 * size, width, s.rise + 0.9 * size]), 'text');
      tm = mul([1, 0, 0, 1, width, 0], tm);
    };
    const glyphsOf = (t: Token | undefined) =>
      t && 'value' in t && typeof t.value === 'string' && t.value.startsWith('s')
        ? Number(t.value.slice(1)) / s.bytesPerGlyph
        : 0;

    for (const t of tokens(data)) {
      if ('value' in t) {
        operands.push(t);
        continue;
      }
      if (++this.ops > MAX_OPS) throw new TooComplex();
      switch (t.op) {
        case 'q':
          saved.push({ ...s });
          break;
        case 'Q':
          s = saved.pop() ?? s;
          break;
        case 'cm':
          s.ctm = mul([num(6), num(5), num(4), num(3), num(2), num(1)], s.ctm);
          break;
        case 'BT':
          tm = tlm = IDENTITY;
          break;
        case 'Tf': {
          s.fontSize = num(1);
          const nameTok = operands[operands.length - 2];
          const name = nameTok && 'value' in nameTok && typeof nameTok.value === 'string' ? nameTok.value.slice(1) : '';
          const font = this.dict(fonts?.get(name));
          s.bytesPerGlyph = font?.getName('Subtype') === 'Type0' ? 2 : 1;
          break;
        }
        case 'Tz':
          s.hScale = num(1) / 100;
          break;
        case 'TL':
          s.leading = num(1);
          break;
        case 'Tc':
          s.charSpace = num(1);
          break;
        case 'Tw':
          s.wordSpace = num(1);
          break;
        case 'Ts':
          s.rise = num(1);
          break;
        case 'Td':
          tm = tlm = mul([1, 0, 0, 1, num(2), num(1)], tlm);
          break;
        case 'TD':
          s.leading = -num(1);
          tm = tlm = mul([1, 0, 0, 1, num(2), num(1)], tlm);
          break;
        case 'Tm':
          tm = tlm = [num(6), num(5), num(4), num(3), num(2), num(1)];
          break;
        case 'T*':
          tm = tlm = mul([1, 0, 0, 1, 0, -s.leading], tlm);
          break;
        case "'":
        case '"':
          tm = tlm = mul([1, 0, 0, 1, 0, -s.leading], tlm);
          show(glyphsOf(operands[operands.length - 1]));
          break;
        case 'Tj':
          show(glyphsOf(operands[operands.length - 1]));
          break;
        case 'TJ': {
          const arr = operands[operands.length - 1];
          if (arr && 'value' in arr && Array.isArray(arr.value)) {
            let glyphs = 0;
            let adjust = 0;
            for (const e of arr.value) {
              if ('value' in e && typeof e.value === 'number') adjust += e.value;
              else glyphs += glyphsOf(e);
            }
            show(glyphs, adjust);
          }
          break;
        }
        case 'm':
          cur = [num(2), num(1)];
          extend(...cur);
          break;
        case 'l':
          cur = [num(2), num(1)];
          extend(...cur);
          break;
        case 'c':
          extend(num(6), num(5));
          extend(num(4), num(3));
          cur = [num(2), num(1)];
          extend(...cur);
          break;
        case 'v':
        case 'y':
          extend(num(4), num(3));
          cur = [num(2), num(1)];
          extend(...cur);
          break;
        case 're':
          extend(num(4), num(3));
          extend(num(4) + num(2), num(3) + num(1));
          break;
        case 'S':
        case 's':
        case 'f':
        case 'F':
        case 'f*':
        case 'B':
        case 'B*':
        case 'b':
        case 'b*':
          if (path) this.add(path, 'path');
          path = null;
          break;
        case 'n':
          path = null; // a clipping path paints nothing
          break;
        case 'BI':
          this.add(transformBox(s.ctm, [0, 0, 1, 1]), 'image');
          break;
        case 'Do': {
          const nameTok = operands[operands.length - 1];
          const name = nameTok && 'value' in nameTok && typeof nameTok.value === 'string' ? nameTok.value.slice(1) : '';
          this.xobject(xobjects?.get(name), s.ctm, depth);
          break;
        }
      }
      operands = [];
    }
  }

  private xobject(value: PdfObject | undefined, ctm: Matrix, depth: number): void {
    const x = this.pdf.deref(value);
    if (!(x instanceof PdfStream)) return;
    const subtype = x.dict.getName('Subtype');
    if (subtype === 'Image') {
      this.add(transformBox(ctm, [0, 0, 1, 1]), 'image');
    } else if (subtype === 'Form') {
      const m = this.pdf.deref(x.dict.get('Matrix'));
      const matrix =
        Array.isArray(m) && m.length === 6 && m.every((v) => typeof v === 'number') ? (m as Matrix) : IDENTITY;
      const res = this.dict(x.dict.get('Resources'));
      this.run(this.pdf.decodeStream(x), res, mul(matrix, ctm), depth + 1);
    }
  }

  /** Visible annotations already on the page (signatures, an earlier stamp) count as ink. */
  annotations(page: PdfDict): void {
    const annots = this.pdf.deref(page.get('Annots'));
    for (const a of Array.isArray(annots) ? annots : []) {
      const d = this.pdf.deref(a);
      if (!(d instanceof PdfDict)) continue;
      const flags = d.getNumber('F') ?? 0;
      if (flags & 0x22) continue; // hidden or no-view
      const r = this.pdf.deref(d.get('Rect'));
      if (!Array.isArray(r) || r.length !== 4 || !r.every((v) => typeof v === 'number')) continue;
      const [a1, b1, a2, b2] = r as number[] as Box;
      if (Math.abs(a2 - a1) < 1 || Math.abs(b2 - b1) < 1) continue;
      this.boxes.push([Math.min(a1, a2), Math.min(b1, b2), Math.max(a1, a2), Math.max(b1, b2)]);
    }
  }
}

/** Ink boxes of a page in user space; null when the page cannot be judged (scan, too complex). */
export function pageInk(pdf: PdfFile, pageRef: PdfRef, pageArea: number): Box[] | null {
  try {
    const page = pdf.deref(pageRef);
    if (!(page instanceof PdfDict)) return null;
    const collector = new InkCollector(pdf, pageArea);
    const contents = pdf.deref(page.get('Contents'));
    const streams = (Array.isArray(contents) ? contents : [contents]).map((c) => pdf.deref(c));
    // Page streams may split an operator between them: concatenate as the spec says (§7.8.2).
    const parts: Uint8Array[] = [];
    for (const s of streams) if (s instanceof PdfStream) parts.push(pdf.decodeStream(s), Buffer.from('\n'));
    let resources: PdfDict | null = null;
    for (let node: PdfObject = page, depth = 0; node instanceof PdfDict && depth < 32; depth++) {
      const r = pdf.deref(node.get('Resources'));
      if (r instanceof PdfDict) {
        resources = r;
        break;
      }
      node = pdf.deref(node.get('Parent'));
    }
    collector.run(Buffer.concat(parts), resources, IDENTITY, 0);
    if (collector.scanned) return null;
    collector.annotations(page);
    return collector.boxes;
  } catch {
    return null; // unreadable content: the caller uses the default corner
  }
}
