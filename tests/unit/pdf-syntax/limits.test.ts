import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { PdfRef, PdfStream, PdfSyntaxError, openPdf } from '../../../src-main/core/pdf/syntax';
import { makeTestPdf } from '../../fixtures/pdf';
import { appendUpdate, latin1, startxrefOf } from './helpers';

const base = makeTestPdf([['One'], ['Two']]);
const baseXref = startxrefOf(base);

/** Runs fn, expects a PdfSyntaxError with code, and returns how long it took. */
function timedError(fn: () => unknown, code: string): number {
  const t = performance.now();
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PdfSyntaxError);
    expect((e as PdfSyntaxError).code).toBe(code);
    return performance.now() - t;
  }
  throw new Error(`expected ${code}`);
}

function update(objects: Array<[number, string]>, trailerExtra = '/Root 1 0 R'): Buffer {
  return appendUpdate(base, objects, trailerExtra, { prev: baseXref, size: 40 }).bytes;
}

describe('loops and limits', () => {
  it('detects a /Prev chain that loops', () => {
    // The original trailer gets a /Prev pointing at the update, whose /Prev points back.
    const placeholder = '/Prev 0000000000 ';
    const looped = latin1(base.toString('latin1').replace('/Root 1 0 R >>', `/Root 1 0 R ${placeholder}>>`));
    const upd = appendUpdate(looped, [[20, '1']], '/Root 1 0 R', { prev: baseXref, size: 21 });
    const text = upd.bytes
      .toString('latin1')
      .replace(placeholder, `/Prev ${String(upd.xrefOffset).padStart(10, '0')} `);
    expect(timedError(() => openPdf(latin1(text)), 'TOO_COMPLEX')).toBeLessThan(500);

    const self = appendUpdate(base, [[20, '1']], '/Root 1 0 R', { prev: 0, size: 21 });
    const selfText = self.bytes.toString('latin1').replace('/Prev 0 ', `/Prev ${self.xrefOffset} `);
    expect(timedError(() => openPdf(latin1(selfText)), 'TOO_COMPLEX')).toBeLessThan(500);
  });

  it('detects a page tree that loops', () => {
    // Pages 2 lists itself among its kids.
    const pdf = openPdf(update([[2, '<< /Type /Pages /Kids [4 0 R 2 0 R] /Count 2 >>']]));
    expect(timedError(() => pdf.pages(), 'TOO_COMPLEX')).toBeLessThan(500);
    // A loop through an intermediate node, with /Type missing so structure alone decides.
    const pdf2 = openPdf(
      update([
        [2, '<< /Type /Pages /Kids [4 0 R 30 0 R] /Count 2 >>'],
        [30, '<< /Kids [6 0 R 2 0 R] /Count 1 >>'],
      ]),
    );
    expect(timedError(() => pdf2.pages(), 'TOO_COMPLEX')).toBeLessThan(500);
    // Without the loop the same shape is fine.
    const pdf3 = openPdf(
      update([
        [2, '<< /Type /Pages /Kids [4 0 R 30 0 R] /Count 2 >>'],
        [30, '<< /Kids [6 0 R] /Count 1 >>'],
      ]),
    );
    expect(pdf3.pages()).toEqual([new PdfRef(4, 0), new PdfRef(6, 0)]);
  });

  it('refuses a 10,000-deep array in an object and in the trailer', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const pdf = openPdf(update([[20, deep]]));
    expect(timedError(() => pdf.resolve(new PdfRef(20, 0)), 'TOO_COMPLEX')).toBeLessThan(500);
    expect(timedError(() => openPdf(update([[20, '1']], `/Root 1 0 R /Deep ${deep}`)), 'TOO_COMPLEX')).toBeLessThan(
      500,
    );
  });

  it('reads a stream whose /Length refers to itself by finding endstream', () => {
    const pdf = openPdf(update([[20, '<< /Length 20 0 R >>\nstream\nself-sized\nendstream']]));
    const s = pdf.resolve(new PdfRef(20, 0)) as PdfStream;
    expect(Buffer.from(pdf.streamData(s)).toString()).toBe('self-sized');
  });

  it('reads a stream whose /Length is a correct indirect number', () => {
    const pdf = openPdf(
      update([
        [20, '<< /Length 21 0 R >>\nstream\nendstream\nendstream'],
        [21, '9'],
      ]),
    );
    const s = pdf.resolve(new PdfRef(20, 0)) as PdfStream;
    expect(Buffer.from(pdf.streamData(s)).toString()).toBe('endstream');
  });

  it('detects a chain of references that loops', () => {
    const pdf = openPdf(
      update([
        [20, '21 0 R'],
        [21, '20 0 R'],
      ]),
    );
    expect(timedError(() => pdf.deref(new PdfRef(20, 0)), 'TOO_COMPLEX')).toBeLessThan(500);
  });

  it('stops inflating at maxDecompressedBytes', () => {
    const bomb = deflateSync(Buffer.alloc(5_000_000));
    const body = `<< /Length ${bomb.length} /Filter /FlateDecode >>\nstream\n${bomb.toString('latin1')}\nendstream`;
    const bytes = appendUpdate(base, [[20, body]], '/Root 1 0 R', { prev: baseXref, size: 21 }).bytes;
    const small = openPdf(bytes, { maxDecompressedBytes: 1_000_000 });
    const s = small.resolve(new PdfRef(20, 0)) as PdfStream;
    expect(timedError(() => small.decodeStream(s), 'TOO_COMPLEX')).toBeLessThan(1000);
    const big = openPdf(bytes);
    expect(big.decodeStream(big.resolve(new PdfRef(20, 0)) as PdfStream).length).toBe(5_000_000);
  });

  it('enforces maxXrefSections, maxObjects and the deadline', () => {
    const two = update([[20, '1']]);
    expect(openPdf(two, { maxXrefSections: 2 }).revisions).toHaveLength(2);
    timedError(() => openPdf(two, { maxXrefSections: 1 }), 'TOO_COMPLEX');
    timedError(() => openPdf(base, { maxObjects: 3 }), 'TOO_COMPLEX');
    timedError(() => openPdf(base, { deadline: Date.now() - 1 }), 'TOO_COMPLEX');
    // An explicit deadline also bounds later calls on the file; the default one does not.
    const pdf = openPdf(base, { deadline: Date.now() + 100 });
    const relaxed = openPdf(base);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150);
    timedError(() => pdf.pages(), 'TOO_COMPLEX');
    expect(relaxed.pages()).toHaveLength(2);
  });
});
