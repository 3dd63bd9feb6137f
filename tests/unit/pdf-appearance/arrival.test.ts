/**
 * The arrival stamp "ĐẾN": an incremental update that leaves the sender's signatures valid
 * (a permitted change), whose text extracts, which sits on blank paper (top right when it is
 * free) and which refuses encrypted and damaged files.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MM } from '../../../src-main/core/pdf/appearance/page-geometry';
import { signPdf } from '../../../src-main/core/pdf/sign';
import { stampArrival } from '../../../src-main/core/pdf/stamp';
import { verifyPdf } from '../../../src-main/core/pdf/verify';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { makeTestPdf } from '../../fixtures/pdf';
import type { TestPki } from '../../fixtures/pki';
import { nssDatabase, pdfsig, pki, qpdfCheck, signerFor, tmp, write } from '../pdf/helpers';
import { sealPng, signaturePng } from './images';
import { annotations, xywh } from './inspect';
import { inkIn, meanInkColour, pdftotext, renderPage } from './render';
import { decisionPdf, scannedPdf } from './vn-document';

type Rect4 = [number, number, number, number];

let p: TestPki;
let nss: string;
let dir: string;
const STAMP = {
  organisationName: 'Ủy ban nhân dân xã Hòa Bình',
  arrivalNumber: '125',
  arrivalDate: '2026-11-23',
  routedTo: 'Đ/c Trần Thị Bích Ngọc, Phó Chủ tịch',
  fileCode: '01.VP-HS',
};
const W = 50 * MM;
const H = 35 * MM;

beforeAll(async () => {
  p = await pki();
  nss = nssDatabase(p);
  dir = tmp('vanthu-arrival-');
}, 120_000);

function vanThuError(fn: () => unknown): VanThuError {
  try {
    fn();
  } catch (e) {
    if (e instanceof VanThuError) return e;
    throw e;
  }
  throw new Error('expected a VanThuError');
}

describe('stampArrival', () => {
  it('leaves the sender’s signatures valid, with the stamp listed as a permitted change', async () => {
    let signed: Uint8Array = await signPdf(
      makeTestPdf([['UBND XA HOA BINH', 'CONG VAN']]),
      await signerFor(p, 'person'),
      {
        appearance: { kind: 'signer', rect: [340, 180, 170, 100], image: signaturePng() },
      },
    );
    signed = await signPdf(signed, await signerFor(p, 'organisation'), {
      appearance: { kind: 'seal', image: sealPng() },
    });
    const stamped = stampArrival(signed, STAMP);
    expect(stamped.subarray(0, signed.length).equals(Buffer.from(signed))).toBe(true);
    const file = write(dir, 'stamped.pdf', stamped);

    for (const s of pdfsig(nss, file)) expect(s, s.raw).toMatchObject({ valid: true, trusted: true });
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);
    const report = await verifyPdf(stamped, { trustAnchors: [p.root.der], revocation: async () => 'good' });
    expect(report.verdict).toBe('valid');
    for (const s of report.signatures) {
      expect(s.verdict).toBe('valid');
      expect(s.changesAfter.at(-1)).toMatchObject({
        permitted: true,
        description: expect.stringContaining('chú thích'),
      });
    }

    const text = pdftotext(file);
    for (const line of [
      'ỦY BAN NHÂN DÂN XÃ HÒA BÌNH',
      'ĐẾN',
      'Số: 125',
      'Ngày: 23/11/2026',
      'Chuyển: Đ/c Trần Thị Bích Ngọc,',
      'Phó Chủ tịch',
      'Số và ký hiệu hồ sơ: 01.VP-HS',
    ]) {
      expect(text).toContain(line);
    }
    const stamp = annotations(stamped).find((a) => a.subtype === 'Stamp');
    expect(stamp).toMatchObject({ page: 1, hasAppearance: true });
    expect((stamp?.flags ?? 0) & 4).toBe(4);
  }, 60_000);

  it('goes top right on page 1 when that is blank: 50 × 35 mm, framed, in stamp-pad red', () => {
    const stamped = stampArrival(makeTestPdf([['UBND XA HOA BINH'], ['Trang hai']]), {
      ...STAMP,
      routedTo: '',
      fileCode: '',
    });
    const [stamp] = annotations(stamped);
    const [x, y, w, h] = xywh(stamp?.rect ?? [0, 0, 0, 0]);
    expect([w, h].map((v) => Math.round(v * 10) / 10)).toEqual([Math.round(W * 10) / 10, Math.round(H * 10) / 10]);
    expect(x + w).toBeCloseTo(595 - 8 * MM, 1);
    expect(y + h).toBeCloseTo(842 - 8 * MM, 1);
    const file = write(dir, 'top-right.pdf', stamped);
    const page = renderPage(file);
    expect(inkIn(page, [x, y, w, h]).ink).toBeGreaterThan(200);
    const [r, g, b] = meanInkColour(page, [x, y, w, h]);
    expect(r).toBeGreaterThan(g + 60);
    expect(r).toBeGreaterThan(b + 60);
    // White around it (the page's own text is far to the left).
    expect(inkIn(page, [x - 30, y - 30, w + 30, 28]).ink).toBe(0);
    expect(inkIn(page, [x - 30, y, 28, h]).ink).toBe(0);
    // Empty fields keep a dotted line for the pen.
    expect(pdftotext(file)).toMatch(/Chuyển: …+/);
  });

  it('finds blank paper on a real decision instead of covering the motto and the text', () => {
    const doc = decisionPdf();
    const before = renderPage(write(dir, 'decision.pdf', doc), 1, 72);
    const stamped = stampArrival(doc, STAMP);
    const [stamp] = annotations(stamped);
    const rect = xywh(stamp?.rect ?? [0, 0, 0, 0]);
    // Nothing of the document lies under the stamp …
    expect(inkIn(before, rect).ink).toBe(0);
    // … and it is in the upper half of the page, on the right.
    expect(rect[1]).toBeGreaterThan(842 / 2);
    expect(rect[0] + rect[2]).toBeGreaterThan(595 * 0.8);
    const after = renderPage(write(dir, 'decision-stamped.pdf', stamped), 1, 72);
    expect(inkIn(after, rect).ink).toBeGreaterThan(300);
  });

  it('falls back to the top right corner on a scan, and never covers an earlier stamp', () => {
    const scan = stampArrival(scannedPdf(), STAMP);
    const [x, y, w, h] = xywh(annotations(scan)[0]?.rect ?? [0, 0, 0, 0]);
    expect(x + w).toBeCloseTo(595.28 - 8 * MM, 1);
    expect(y + h).toBeCloseTo(841.89 - 8 * MM, 1);

    const twice = stampArrival(stampArrival(makeTestPdf(), STAMP), {
      ...STAMP,
      organisationName: 'Đảng ủy xã Hòa Bình',
    });
    const [a, b] = annotations(twice).map((x) => x.rect) as [Rect4, Rect4];
    const apart = a[1] >= b[3] || b[1] >= a[3] || a[0] >= b[2] || b[0] >= a[2];
    expect(apart).toBe(true);
  });

  it('uses the rectangle and page it is given, keeping the stamp’s shape', () => {
    const stamped = stampArrival(makeTestPdf([['Mot'], ['Hai']]), { ...STAMP, page: 2, rect: [50, 50, W * 2, H * 3] });
    const [stamp] = annotations(stamped);
    expect(stamp?.page).toBe(2);
    const [x, y, w, h] = xywh(stamp?.rect ?? [0, 0, 0, 0]);
    expect(x).toBeCloseTo(50, 1);
    expect(w / h).toBeCloseTo(50 / 35, 2);
    expect(w).toBeCloseTo(W * 2, 1);
    expect(y + h).toBeCloseTo(50 + H * 3, 1); // anchored at the rectangle's top
    expect(() => stampArrival(makeTestPdf(), { ...STAMP, page: 3 })).toThrow(/không có trang 3/);
  });

  it('stamps a file with a cross-reference stream and a signature made by another tool', async () => {
    const plain = write(dir, 'for-xref-stream.pdf', makeTestPdf([['Xref stream']]));
    const compressed = path.join(dir, 'xref-stream.pdf');
    execFileSync('qpdf', ['--object-streams=generate', plain, compressed]);
    const signedFile = path.join(dir, 'xref-stream-signed.pdf');
    execFileSync(
      'pdfsig',
      ['-nssdir', `sql:${nss}`, '-add-signature', '-nick', 'Nguyễn Văn Ánh', compressed, signedFile],
      {
        stdio: 'ignore',
      },
    );
    const stamped = stampArrival(fs.readFileSync(signedFile), STAMP);
    const file = write(dir, 'xref-stream-stamped.pdf', stamped);
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);
    expect(pdfsig(nss, file)).toEqual([expect.objectContaining({ valid: true })]);
    const report = await verifyPdf(stamped, { trustAnchors: [p.root.der], revocation: async () => 'good' });
    expect(report.signatures[0]?.changesAfter.every((c) => c.permitted)).toBe(true);
    expect(pdftotext(file)).toContain('Ngày: 23/11/2026');
  }, 30_000);

  it('refuses encrypted and damaged files, and impossible dates, in Vietnamese', () => {
    const plain = write(dir, 'to-encrypt.pdf', makeTestPdf());
    const encrypted = path.join(dir, 'encrypted.pdf');
    execFileSync('qpdf', ['--encrypt', '', 'owner', '256', '--', plain, encrypted]);
    const e1 = vanThuError(() => stampArrival(fs.readFileSync(encrypted), STAMP));
    expect(e1.code).toBe('BAD_FILE');
    expect(e1.message).toMatch(/mã hóa/);

    // A wrong startxref: the file can only be read by rebuilding its cross-reference table.
    const good = makeTestPdf().toString('latin1');
    const damaged = Buffer.from(
      good.replace(/startxref\n(\d+)/, (_, n: string) => `startxref\n${Number(n) - 7}`),
      'latin1',
    );
    const e2 = vanThuError(() => stampArrival(damaged, STAMP));
    expect(e2.code).toBe('BAD_FILE');
    expect(e2.message).toMatch(/bị hỏng/);

    expect(vanThuError(() => stampArrival(makeTestPdf(), { ...STAMP, arrivalDate: '2026-02-30' })).message).toMatch(
      /không có trên lịch/,
    );
    expect(vanThuError(() => stampArrival(makeTestPdf(), { ...STAMP, arrivalDate: '23/11/2026' })).code).toBe(
      'VALIDATION',
    );
    // A date-time is shown in Vietnam time: 17:30 UTC on the 22nd is already the 23rd.
    const late = stampArrival(makeTestPdf(), { ...STAMP, arrivalDate: '2026-11-22T17:30:00Z' });
    expect(pdftotext(write(dir, 'late.pdf', late))).toContain('Ngày: 23/11/2026');
  });
});
