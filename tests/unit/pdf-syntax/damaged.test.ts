import { describe, expect, it } from 'vitest';
import { PdfDict, PdfRef, PdfSyntaxError, openPdf, type PdfFile } from '../../../src-main/core/pdf/syntax';
import { makeTestPdf } from '../../fixtures/pdf';
import { latin1, qpdf, threePages } from './helpers';

/** Exercises everything a caller might do; any failure must be a PdfSyntaxError. */
function useFully(pdf: PdfFile): void {
  for (const rev of pdf.revisions) {
    for (const [num, e] of rev.objects) {
      const ref = new PdfRef(num, e.gen);
      pdf.resolveIn(rev.index, ref);
      pdf.objectLocation(ref, rev.index);
    }
  }
  pdf.pages();
}

function typedOrOk(fn: () => void): 'ok' | string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (!(e instanceof PdfSyntaxError)) throw e;
    return e.code;
  }
}

describe('damaged files', () => {
  it('reconstructs a file cut short, keeping what is there', () => {
    const bytes = threePages();
    const cut = bytes.subarray(0, bytes.toString('latin1').indexOf('8 0 obj'));
    const pdf = openPdf(cut);
    expect(pdf.reconstructed).toBe(true);
    expect(pdf.catalog().getName('Type')).toBe('Catalog');
    expect((pdf.resolve(new PdfRef(6, 0)) as PdfDict).getName('Type')).toBe('Page');
    expect(pdf.resolve(new PdfRef(8, 0))).toBe(null);
    expect(pdf.revisions).toHaveLength(1);
    expect(pdf.revisions[0]?.end).toBe(cut.length);
    expect(pdf.size).toBe(8);
    // The page tree names a page that was cut off.
    expect(() => pdf.pages()).toThrow(expect.objectContaining({ code: 'DAMAGED' }));
  });

  it('reconstructs an object-stream file whose xref stream was cut off', () => {
    const bytes = qpdf(threePages(), ['--object-streams=generate']);
    const text = bytes.toString('latin1');
    const cut = bytes.subarray(0, text.lastIndexOf('/Type /XRef') - 10);
    const pdf = openPdf(cut);
    expect(pdf.reconstructed).toBe(true);
    expect(pdf.pages()).toHaveLength(3);
  });

  it('finds objects when every xref offset is wrong', () => {
    const text = threePages().toString('latin1');
    // An extra line after the header moves every object by 12 bytes.
    const shifted = latin1(text.replace('%PDF-1.7\n', '%PDF-1.7\n% inserted!!\n'));
    const pdf = openPdf(shifted);
    expect(pdf.pages()).toHaveLength(3);
    expect(pdf.reconstructed).toBe(true);
    const loc = pdf.objectLocation(new PdfRef(3, 0));
    expect(loc).toMatchObject({ kind: 'direct', start: shifted.toString('latin1').indexOf('3 0 obj') });
  });

  it('rebuilds revisions from %%EOF markers when the xref is unusable', () => {
    const base = makeTestPdf([['x']]);
    let text = base.toString('latin1') + '3 0 obj\n<< /Type /Font /BaseFont /Courier >>\nendobj\n';
    text += 'xref\nbroken\ntrailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n999999\n%%EOF\n';
    const pdf = openPdf(latin1(text));
    expect(pdf.reconstructed).toBe(true);
    expect(pdf.revisions.map((r) => r.end)).toEqual([base.length, text.length]);
    expect([...(pdf.revisions[1]?.objects.keys() ?? [])]).toEqual([3]);
    expect((pdf.resolveIn(0, new PdfRef(3, 0)) as PdfDict).getName('BaseFont')).toBe('Helvetica');
    expect((pdf.resolve(new PdfRef(3, 0)) as PdfDict).getName('BaseFont')).toBe('Courier');
    expect(pdf.trailer.get('Root')).toEqual(new PdfRef(1, 0));
  });

  it('finds the catalog by scanning when there is no trailer at all', () => {
    const text = threePages().toString('latin1');
    const noTrailer = latin1(text.slice(0, text.indexOf('xref\n0 ')));
    const pdf = openPdf(noTrailer);
    expect(pdf.reconstructed).toBe(true);
    expect(pdf.trailer.get('Root')).toEqual(new PdfRef(1, 0));
    expect(pdf.pages()).toHaveLength(3);
  });

  it('never throws anything but PdfSyntaxError on truncation or corruption, and never hangs', () => {
    const sources = [
      threePages(),
      qpdf(threePages(), ['--object-streams=generate']),
      qpdf(threePages(), ['--linearize']),
    ];
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const outcomes = new Set<string>();
    const t = performance.now();
    for (const src of sources) {
      for (let cut = 0; cut < src.length; cut += 37) {
        outcomes.add(typedOrOk(() => useFully(openPdf(src.subarray(0, cut)))));
      }
      for (let i = 0; i < 300; i++) {
        const bad = Buffer.from(src);
        for (let k = 0, n = 1 + rand(8); k < n; k++) {
          bad[rand(bad.length)] = rand(4) === 0 ? '()<>[]/%'.charCodeAt(rand(8)) : rand(256);
        }
        outcomes.add(typedOrOk(() => useFully(openPdf(bad))));
      }
    }
    expect(outcomes.has('ok')).toBe(true);
    expect(outcomes.has('DAMAGED')).toBe(true);
    expect(performance.now() - t).toBeLessThan(20_000);
  });
});
