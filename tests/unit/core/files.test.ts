import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../src-main/core/services';
import { makeTestPdf } from '../../fixtures/pdf';
import { freshServices } from './helpers';

let s: Services;
afterEach(() => s?.close());

function blobCount(): number {
  if (!fs.existsSync(s.paths.blobs)) return 0;
  return fs.readdirSync(s.paths.blobs, { recursive: true }).filter((f) => String(f).length > 60).length;
}

describe('the content-addressed file store', () => {
  it('keeps a PDF once under its sha256 and counts its pages', async () => {
    s = freshServices();
    const pdf = makeTestPdf([['one'], ['two'], ['three']]);
    const a = await s.files.putPdf(pdf);
    const b = await s.files.putPdf(pdf);
    expect(a).toEqual(b);
    expect(a.pageCount).toBe(3);
    expect(s.files.read(a.sha256).equals(pdf)).toBe(true);
    expect(blobCount()).toBe(1);
  });

  it('refuses a file that is not a PDF, or a damaged one, and keeps nothing', async () => {
    s = freshServices();
    await expect(s.files.putPdf(Buffer.from('hello, not a pdf'))).rejects.toMatchObject({
      code: 'BAD_FILE',
      message: expect.stringMatching(/không phải PDF/),
    });
    const pdf = makeTestPdf();
    await expect(s.files.putPdf(pdf.subarray(0, pdf.length - 60))).rejects.toMatchObject({
      code: 'BAD_FILE',
      message: expect.stringMatching(/bị hỏng/),
    });
    const garbage = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41), Buffer.from('\n%%EOF\n')]);
    await expect(s.files.putPdf(garbage)).rejects.toMatchObject({ code: 'BAD_FILE' });
    await expect(s.files.putPdf(Buffer.alloc(0))).rejects.toMatchObject({ code: 'BAD_FILE' });
    expect(s.sqlite.prepare('SELECT COUNT(*) FROM files').pluck().get()).toBe(0);
    expect(blobCount()).toBe(0);
  });
});
