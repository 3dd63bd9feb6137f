import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import {
  PdfDict,
  PdfName,
  PdfRef,
  PdfStream,
  PdfSyntaxError,
  openPdf,
  type PdfFile,
} from '../../../src-main/core/pdf/syntax';
import { makeTestPdf } from '../../fixtures/pdf';
import { appendUpdate, latin1, qpdf, startxrefOf, threePages } from './helpers';

/** The text shown on each page: the literal string of each content stream. */
function pageTexts(pdf: PdfFile): string[] {
  return pdf.pages().map((p) => {
    const page = pdf.resolve(p) as PdfDict;
    const contents = pdf.deref(page.get('Contents'));
    if (!(contents instanceof PdfStream)) throw new Error('no contents');
    const text = Buffer.from(pdf.decodeStream(contents)).toString('latin1');
    return /\((.*)\) Tj/.exec(text)?.[1] ?? '';
  });
}

describe('opening a classic PDF', () => {
  const bytes = threePages();
  const text = bytes.toString('latin1');
  const pdf = openPdf(bytes);

  it('reads one revision that ends at the end of the file', () => {
    expect(pdf.reconstructed).toBe(false);
    expect(pdf.encrypted).toBe(false);
    expect(pdf.revisions).toHaveLength(1);
    const rev = pdf.revisions[0];
    expect(rev?.kind).toBe('table');
    expect(rev?.xrefOffset).toBe(text.indexOf('xref\n0 10'));
    expect(rev?.end).toBe(bytes.length);
    expect([...(rev?.objects.keys() ?? [])]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rev?.freed).toEqual([]);
    expect(pdf.trailingBytes).toBe(0);
    expect(pdf.eofOffsets()).toEqual([bytes.length]);
    expect(pdf.size).toBe(10);
    expect(pdf.bytes).toBe(bytes);
  });

  it('walks the pages in order and resolves objects', () => {
    expect(pdf.pages()).toEqual([new PdfRef(4, 0), new PdfRef(6, 0), new PdfRef(8, 0)]);
    expect(pageTexts(pdf)).toEqual(['Page one', 'Page two', 'Page three']);
    expect(pdf.catalog().getName('Type')).toBe('Catalog');
    expect((pdf.resolve(new PdfRef(3, 0)) as PdfDict).getName('BaseFont')).toBe('Helvetica');
    expect(pdf.resolve(new PdfRef(3, 1))).toBe(null); // wrong generation
    expect(pdf.resolve(new PdfRef(99, 0))).toBe(null);
    expect(pdf.deref(new PdfRef(1, 0))).toBe(pdf.catalog());
    expect(pdf.deref(undefined)).toBe(null);
  });

  it('reports the exact byte span of an object', () => {
    const loc = pdf.objectLocation(new PdfRef(3, 0));
    const start = text.indexOf('3 0 obj');
    expect(loc).toEqual({ kind: 'direct', start, end: text.indexOf('endobj', start) + 6 });
    expect(pdf.objectLocation(new PdfRef(42, 0))).toBe(null);
  });

  it('gives stream data as a view of the file', () => {
    const page = pdf.resolve(new PdfRef(4, 0)) as PdfDict;
    const contents = pdf.deref(page.get('Contents')) as PdfStream;
    const raw = pdf.streamData(contents);
    expect(raw.buffer).toBe(bytes.buffer);
    expect(Buffer.from(raw).toString('latin1')).toMatch(/^BT .*\(Page one\) Tj ET$/);
  });
});

describe('opening qpdf variants', () => {
  const original = threePages();

  it('reads xref streams and object streams (qpdf --object-streams=generate)', () => {
    const bytes = qpdf(original, ['--object-streams=generate']);
    const pdf = openPdf(bytes);
    expect(pdf.reconstructed).toBe(false);
    expect(pdf.revisions).toHaveLength(1);
    expect(pdf.revisions[0]?.kind).toBe('stream');
    expect(pdf.revisions[0]?.end).toBe(bytes.length);
    expect(pdf.trailer.getName('Type')).toBe('XRef');
    const compressed = [...(pdf.revisions[0]?.objects.values() ?? [])].filter((e) => e.kind === 'compressed');
    expect(compressed.length).toBeGreaterThan(3);
    expect(pdf.pages()).toHaveLength(3);
    expect(pageTexts(pdf)).toEqual(['Page one', 'Page two', 'Page three']);
    const rootRef = pdf.trailer.get('Root') as PdfRef;
    expect(pdf.objectLocation(rootRef)).toMatchObject({ kind: 'compressed', streamRef: expect.any(PdfRef) });
  });

  it('treats a linearized file as one revision (qpdf --linearize)', () => {
    for (const args of [['--linearize'], ['--linearize', '--object-streams=generate']]) {
      const bytes = qpdf(original, args);
      const pdf = openPdf(bytes);
      expect(pdf.reconstructed).toBe(false);
      expect(pdf.revisions).toHaveLength(1);
      expect(pdf.revisions[0]?.end).toBe(bytes.length);
      expect(pdf.revisions[0]?.trailer.get('Root')).toBeInstanceOf(PdfRef);
      expect(pageTexts(pdf)).toEqual(['Page one', 'Page two', 'Page three']);
    }
  });

  it('reads qpdf --qdf output', () => {
    const pdf = openPdf(qpdf(original, ['--qdf']));
    expect(pageTexts(pdf)).toEqual(['Page one', 'Page two', 'Page three']);
  });

  it('reports encryption without refusing to open', () => {
    const bytes = qpdf(original, ['--encrypt', 'user', 'owner', '256', '--'], true);
    const pdf = openPdf(bytes);
    expect(pdf.encrypted).toBe(true);
    expect(pdf.trailer.get('Encrypt')).toBeDefined();
    expect(pdf.pages()).toHaveLength(3);
    const page = pdf.resolve(pdf.pages()[0] as PdfRef) as PdfDict;
    const contents = pdf.deref(page.get('Contents')) as PdfStream;
    expect(() => pdf.decodeStream(contents)).toThrow(expect.objectContaining({ code: 'ENCRYPTED' }));
    expect(openPdf(original).encrypted).toBe(false);
  });
});

describe('incremental updates', () => {
  const base = makeTestPdf([['Original']]);
  const baseXref = startxrefOf(base);

  it('gives one revision per update, each with its objects and its end', () => {
    const upd = appendUpdate(
      base,
      [
        [3, '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>'],
        [6, '<< /Note (added) >>'],
      ],
      '/Root 1 0 R',
      { prev: baseXref, size: 7, freed: [5] },
    );
    const pdf = openPdf(upd.bytes);
    expect(pdf.reconstructed).toBe(false);
    expect(pdf.revisions).toHaveLength(2);
    const [r0, r1] = pdf.revisions;
    expect(r0?.index).toBe(0);
    expect(r0?.end).toBe(base.length);
    expect(r1?.index).toBe(1);
    expect(r1?.end).toBe(upd.bytes.length);
    expect(r1?.xrefOffset).toBe(upd.xrefOffset);
    expect([...(r0?.objects.keys() ?? [])]).toEqual([1, 2, 3, 4, 5]);
    expect([...(r1?.objects.keys() ?? [])].sort()).toEqual([3, 6]);
    expect(r1?.objects.get(6)).toEqual({ kind: 'direct', gen: 0, offset: upd.offsets.get(6) });
    expect(r1?.freed).toEqual([5]);
    expect(r0?.freed).toEqual([]);
    expect(pdf.eofOffsets()).toEqual([base.length, upd.bytes.length]);
    expect(pdf.trailer.get('Prev')).toBe(baseXref);
    expect(pdf.size).toBe(7);

    const font = new PdfRef(3, 0);
    expect((pdf.resolveIn(0, font) as PdfDict).getName('BaseFont')).toBe('Helvetica');
    expect((pdf.resolve(font) as PdfDict).getName('BaseFont')).toBe('Courier');
    expect((pdf.resolveIn(1, font) as PdfDict).getName('BaseFont')).toBe('Courier');
    expect(pdf.resolveIn(0, new PdfRef(6, 0))).toBe(null);
    expect(pdf.resolve(new PdfRef(6, 0))).toBeInstanceOf(PdfDict);
    // Freed in the update: gone now, present before.
    expect(pdf.resolve(new PdfRef(5, 0))).toBe(null);
    expect(pdf.resolveIn(0, new PdfRef(5, 0))).toBeInstanceOf(PdfStream);
    expect(pdf.objectLocation(font, 0)).toMatchObject({ start: base.indexOf('3 0 obj') });
    expect(pdf.objectLocation(font)).toMatchObject({ start: upd.offsets.get(3) });
    expect(() => pdf.resolveIn(2, font)).toThrow(RangeError);
  });

  it('ends each revision after its %%EOF line, whatever the line ending', () => {
    const crlf = Buffer.from(base.toString('latin1').replace(/%%EOF\n$/, '%%EOF\r\n'), 'latin1');
    const upd = appendUpdate(crlf, [[6, '42']], '/Root 1 0 R', { prev: baseXref, size: 7 });
    const pdf = openPdf(upd.bytes);
    expect(pdf.revisions.map((r) => r.end)).toEqual([crlf.length, upd.bytes.length]);
    expect(pdf.resolve(new PdfRef(6, 0))).toBe(42);
  });

  it('reports bytes after the last %%EOF', () => {
    const upd = appendUpdate(base, [[6, '1']], '/Root 1 0 R', { prev: baseXref, size: 7 });
    const withJunk = Buffer.concat([upd.bytes, latin1('\n\x00junk')]);
    const pdf = openPdf(withJunk);
    expect(pdf.revisions[1]?.end).toBe(upd.bytes.length);
    expect(pdf.trailingBytes).toBe(6);
  });

  it('reads an update written as an xref stream on top of an xref-stream file', () => {
    const os = qpdf(makeTestPdf([['Original']]), ['--object-streams=generate']);
    const prev = startxrefOf(os);
    let out = os.toString('latin1');
    const objOffset = out.length;
    out += '20 0 obj\n(new object)\nendobj\n';
    const xrefOffset = out.length;
    // Entries: 20 -> type 1 at objOffset; 21 -> the xref stream itself. W [1 4 2], no filter.
    const row = (type: number, f2: number, f3: number): Buffer => {
      const b = Buffer.alloc(7);
      b.writeUInt8(type, 0);
      b.writeUInt32BE(f2, 1);
      b.writeUInt16BE(f3, 5);
      return b;
    };
    const data = Buffer.concat([row(1, objOffset, 0), row(1, xrefOffset, 0)]);
    const root = /\/Root (\d+) 0 R/.exec(out)?.[1];
    const head = `21 0 obj\n<< /Type /XRef /Size 22 /W [1 4 2] /Index [20 2] /Root ${root} 0 R /Prev ${prev} /Length ${data.length} >>\nstream\n`;
    const bytes = Buffer.concat([
      latin1(out + head),
      data,
      latin1(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`),
    ]);
    const pdf = openPdf(bytes);
    expect(pdf.revisions.map((r) => r.kind)).toEqual(['stream', 'stream']);
    expect(pdf.revisions.map((r) => r.end)).toEqual([os.length, bytes.length]);
    expect([...(pdf.revisions[1]?.objects.keys() ?? [])]).toEqual([20, 21]);
    expect(pdf.resolve(new PdfRef(20, 0))).toMatchObject({ hex: false });
    expect(pdf.resolveIn(0, new PdfRef(20, 0))).toBe(null);
    expect(pageTexts(pdf)).toEqual(['Original']);
  });

  it('reads a hybrid update (/XRefStm) whose new object sits in an object stream', () => {
    let out = base.toString('latin1');
    // Object stream 10 holds object 11; it is flate-compressed with a PNG-predicted xref stream.
    const objData = latin1('11 0 (in object stream)');
    const first = '11 0 '.length;
    const objStm = deflateSync(objData);
    const objStmOffset = out.length;
    out += `10 0 obj\n<< /Type /ObjStm /N 1 /First ${first} /Filter /FlateDecode /Length ${objStm.length} >>\nstream\n`;
    out += objStm.toString('latin1') + '\nendstream\nendobj\n';
    const stmOffset = out.length;
    // xref stream rows for 10 (type 1) and 11 (type 2 in 10 at index 0), W [1 2 1], PNG Up rows.
    const rows = [
      [1, objStmOffset >> 8, objStmOffset & 255, 0],
      [2, 0, 10, 0],
    ];
    const png: number[] = [];
    let prevRow = [0, 0, 0, 0];
    for (const r of rows) {
      png.push(2, ...r.map((v, i) => (v - (prevRow[i] ?? 0)) & 255));
      prevRow = r;
    }
    const stm = deflateSync(Buffer.from(png));
    out += `12 0 obj\n<< /Type /XRef /Size 13 /W [1 2 1] /Index [10 2] /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> /Length ${stm.length} >>\nstream\n`;
    out += stm.toString('latin1') + '\nendstream\nendobj\n';
    const xrefOffset = out.length;
    // The table lists the xref stream itself only; the rest comes from /XRefStm.
    out += `xref\n0 1\n0000000000 65535 f \n12 1\n${String(stmOffset).padStart(10, '0')} 00000 n \n`;
    out += `trailer\n<< /Size 13 /Root 1 0 R /Prev ${baseXref} /XRefStm ${stmOffset} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
    const bytes = latin1(out);
    const pdf = openPdf(bytes);
    expect(pdf.reconstructed).toBe(false);
    expect(pdf.revisions).toHaveLength(2);
    expect([...(pdf.revisions[1]?.objects.keys() ?? [])].sort()).toEqual([10, 11, 12]);
    const v = pdf.resolve(new PdfRef(11, 0));
    expect(Buffer.from((v as { bytes: Uint8Array }).bytes).toString()).toBe('in object stream');
    expect(pdf.objectLocation(new PdfRef(11, 0))).toEqual({
      kind: 'compressed',
      streamRef: new PdfRef(10, 0),
      index: 0,
    });
    expect(pdf.revisions[1]?.end).toBe(bytes.length);
  });
});

describe('errors', () => {
  it('refuses what is not a PDF', () => {
    for (const bytes of [
      Buffer.alloc(0),
      latin1('hello world'),
      Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)),
    ]) {
      expect(() => openPdf(bytes)).toThrow(expect.objectContaining({ code: 'NOT_PDF' }));
    }
  });

  it('calls a PDF header followed by garbage damaged', () => {
    const err = (() => {
      try {
        openPdf(latin1('%PDF-1.7\n' + 'x'.repeat(3000)));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PdfSyntaxError);
    expect((err as PdfSyntaxError).code).toBe('DAMAGED');
    expect((err as PdfSyntaxError).message).toMatch(/[a-z]/);
  });

  it('names an unsupported filter only when asked to decode', () => {
    const base = makeTestPdf([['x']]);
    const upd = appendUpdate(base, [[6, '<< /Filter /DCTDecode /Length 3 >>\nstream\nabc\nendstream']], '/Root 1 0 R', {
      prev: startxrefOf(base),
      size: 7,
    });
    const pdf = openPdf(upd.bytes);
    const s = pdf.resolve(new PdfRef(6, 0)) as PdfStream;
    expect(Buffer.from(pdf.streamData(s)).toString()).toBe('abc');
    expect(() => pdf.decodeStream(s)).toThrow('unsupported filter DCTDecode');
    expect(s.dict.get('Filter')).toEqual(new PdfName('DCTDecode'));
  });
});
