/**
 * Visible signatures: the person's signature and the organisation's seal over its left third,
 * both valid for poppler and for VanThu's verifier, clean for qpdf, and visible where they
 * should be (pdftoppm render read back pixel by pixel); the text stamp of attachments at the
 * top right with number, notation and ISO time; invisible signatures unchanged by default.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MM } from '../../../src-main/core/pdf/appearance/page-geometry';
import { signPdf } from '../../../src-main/core/pdf/sign';
import { verifyPdf } from '../../../src-main/core/pdf/verify';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { makeTestPdf } from '../../fixtures/pdf';
import type { TestPki } from '../../fixtures/pki';
import { nssDatabase, pdfsig, pki, qpdfCheck, signerFor, tmp, write } from '../pdf/helpers';
import { sealPng, signaturePng } from './images';
import { annotations, xywh } from './inspect';
import { inkIn, meanInkColour, pdftotext, renderPage } from './render';

let p: TestPki;
let nss: string;
let dir: string;
// An hour ago, in whole seconds: inside the test certificates' validity, which starts a day ago.
const TIME = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
// The same instant as the stamp writes it: Vietnam time (UTC+7), ISO 8601.
const TIME_TEXT = `${new Date(TIME.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
const SIGNER_RECT: [number, number, number, number] = [340, 180, 170, 100];
const allGood = async () => 'good' as const;

beforeAll(async () => {
  p = await pki();
  nss = nssDatabase(p);
  dir = tmp('vanthu-visible-');
}, 120_000);

async function expectValid(bytes: Uint8Array, file: string, count: number) {
  const seen = pdfsig(nss, file);
  expect(seen).toHaveLength(count);
  for (const s of seen) expect(s, s.raw).toMatchObject({ valid: true, trusted: true });
  expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);
  const report = await verifyPdf(bytes, { trustAnchors: [p.root.der], revocation: allGood });
  expect(report.verdict, JSON.stringify(report.signatures.map((s) => s.reasons))).toBe('valid');
  return report;
}

describe('signer signature and seal', () => {
  it('are both valid, the seal overlapping the left third of the signature, and both visible', async () => {
    const original = makeTestPdf([['UBND XA HOA BINH', 'QUYET DINH'], ['Trang hai']]);
    const person = await signPdf(original, await signerFor(p, 'person'), {
      signingTime: TIME,
      appearance: { kind: 'signer', rect: SIGNER_RECT, image: signaturePng(), lines: ['Nguyễn Văn Ánh', 'Chủ tịch'] },
    });
    const sealed = await signPdf(person, await signerFor(p, 'organisation'), {
      signingTime: TIME,
      appearance: { kind: 'seal', image: sealPng(35) },
    });
    // Two incremental updates: each earlier file is an untouched prefix of the next.
    expect(person.subarray(0, original.length).equals(original)).toBe(true);
    expect(sealed.subarray(0, person.length).equals(person)).toBe(true);
    const file = write(dir, 'signer-seal.pdf', sealed);
    await expectValid(sealed, file, 2);

    const [signer, seal, ...rest] = annotations(sealed);
    expect(rest).toEqual([]);
    expect(signer).toMatchObject({ subtype: 'Widget', page: 1, hasAppearance: true, rect: [340, 180, 510, 280] });
    expect((signer?.flags ?? 0) & 4).toBe(4); // printed
    // The seal: 35 mm across (from the PNG's pHYs), right edge a third into the signature,
    // centred on it vertically.
    const [sx, sy, sw, sh] = xywh(seal?.rect ?? [0, 0, 0, 0]);
    expect(sw).toBeCloseTo(35 * MM, 0);
    expect(sh).toBeCloseTo(35 * MM, 0);
    expect(sx + sw).toBeCloseTo(340 + 170 / 3, 0);
    expect(sy + sh / 2).toBeCloseTo(180 + 50, 0);

    const text = pdftotext(file, '-f', '1', '-l', '1');
    expect(text).toContain('Nguyễn Văn Ánh');
    expect(text).toContain('Chủ tịch');

    const page = renderPage(file, 1, 50);
    const sealRect: [number, number, number, number] = [sx, sy, sw, sh];
    expect(inkIn(page, SIGNER_RECT).ink).toBeGreaterThan(150);
    expect(inkIn(page, sealRect).ink).toBeGreaterThan(150);
    // Red seal on the left, blue signature strokes to the right of the seal.
    const [r, , b] = meanInkColour(page, [sx, sy, sw / 4, sh]);
    expect(r).toBeGreaterThan(b + 60);
    const [r2, , b2] = meanInkColour(page, [sx + sw + 6, 200, 100, 75]);
    expect(b2).toBeGreaterThan(r2 + 60);
    // White all around: a 25 pt band outside the union of both appearances.
    const union = [Math.min(sx, 340), Math.min(sy, 180), Math.max(sx + sw, 510), Math.max(sy + sh, 280)] as const;
    const band = 25;
    const around: [number, number, number, number][] = [
      [union[0] - band, union[3] + 2, union[2] - union[0] + 2 * band, band], // above
      [union[0] - band, union[1] - band - 2, union[2] - union[0] + 2 * band, band], // below
      [union[0] - band - 2, union[1], band, union[3] - union[1]], // left
      [union[2] + 2, union[1], band, union[3] - union[1]], // right
    ];
    for (const r of around) expect(inkIn(page, r).ink, `ink in ${r.join(' ')}`).toBe(0);
  }, 60_000);

  it('finds the person signature for the seal on another page, or says there is none', async () => {
    const signed = await signPdf(makeTestPdf([['Trang mot'], ['Trang hai']]), await signerFor(p, 'person'), {
      page: 2,
      appearance: { kind: 'signer', rect: [100, 100, 150, 80], image: signaturePng() },
    });
    const sealed = await signPdf(signed, await signerFor(p, 'organisation'), {
      appearance: { kind: 'seal', image: sealPng() },
    });
    expect(annotations(sealed).map((a) => [a.subtype, a.page])).toEqual([
      ['Widget', 2],
      ['Widget', 2],
    ]);
    await expectValid(sealed, write(dir, 'seal-page-2.pdf', sealed), 2);

    const noVisible = await signPdf(makeTestPdf(), await signerFor(p, 'person'));
    await expect(
      signPdf(noVisible, await signerFor(p, 'organisation'), { appearance: { kind: 'seal', image: sealPng() } }),
    ).rejects.toThrow(/Không tìm thấy chữ ký hiển thị/);
  }, 60_000);
});

describe('stamp signature of attachments', () => {
  it('sits top right of page 1 and shows the number, notation and ISO 8601 Vietnam time', async () => {
    const signed = await signPdf(
      makeTestPdf([['Phu luc kem theo'], ['Trang hai']]),
      await signerFor(p, 'organisation'),
      {
        signingTime: TIME,
        appearance: { kind: 'stamp', lines: ['Ủy ban nhân dân xã Hòa Bình', 'Số: 01/QĐ-UBND'] },
      },
    );
    const file = write(dir, 'attachment-stamp.pdf', signed);
    await expectValid(signed, file, 1);
    const [stamp] = annotations(signed);
    expect(stamp?.page).toBe(1);
    const [x, y, w, h] = xywh(stamp?.rect ?? [0, 0, 0, 0]);
    expect(x + w).toBeCloseTo(595 - 8 * MM, 1);
    expect(y + h).toBeCloseTo(842 - 8 * MM, 1);
    const lines = pdftotext(file, '-f', '1', '-l', '1')
      .split('\n')
      .map((l) => l.trim());
    expect(lines).toContain('Ủy ban nhân dân xã Hòa Bình');
    expect(lines).toContain('Số: 01/QĐ-UBND');
    expect(lines).toContain(`Thời gian ký: ${TIME_TEXT}`);
    const page = renderPage(file);
    expect(inkIn(page, [x, y, w, h]).ink).toBeGreaterThan(40);
    // Black text, Times New Roman / Liberation Serif 10.
    const [r, g, b] = meanInkColour(page, [x, y, w, h]);
    expect(Math.max(Math.abs(r - g), Math.abs(g - b))).toBeLessThan(10);
  }, 30_000);

  it('stays upright and top right on a page displayed rotated by 90°', async () => {
    const plain = write(dir, 'portrait.pdf', makeTestPdf([['Xoay trang']]));
    const rotated = path.join(dir, 'rotated.pdf');
    execFileSync('qpdf', ['--rotate=+90:1', plain, rotated]);
    const signed = await signPdf(fs.readFileSync(rotated), await signerFor(p, 'organisation'), {
      signingTime: TIME,
      appearance: { kind: 'stamp', lines: ['Số: 02/QĐ-UBND'] },
    });
    const file = write(dir, 'rotated-signed.pdf', signed);
    await expectValid(signed, file, 1);
    const page = renderPage(file);
    // Displayed landscape: 842 × 595. The stamp's box, in displayed coordinates, is at the top right.
    expect(page.png.width).toBeGreaterThan(page.png.height);
    const m = 8 * MM;
    expect(inkIn(page, [842 - m - 150, 595 - m - 40, 150, 40]).ink).toBeGreaterThan(30);
    expect(inkIn(page, [0, 595 - m - 40, 300, 40]).ink).toBe(0);
    expect(pdftotext(file)).toContain(`Thời gian ký: ${TIME_TEXT}`);
  }, 30_000);
});

describe('defaults and refusals', () => {
  it('keeps signatures invisible without an appearance', async () => {
    const signed = await signPdf(makeTestPdf(), await signerFor(p, 'person'));
    expect(annotations(signed)).toEqual([
      { subtype: 'Widget', rect: [0, 0, 0, 0], flags: 132, hasAppearance: false, page: 1 },
    ]);
  });

  it('refuses a signer appearance without a place, and text the font cannot draw', async () => {
    const signer = await signerFor(p, 'person');
    const pdf = makeTestPdf();
    await expect(signPdf(pdf, signer, { appearance: { kind: 'signer', image: signaturePng() } })).rejects.toThrow(
      /vị trí/,
    );
    const error = await signPdf(pdf, signer, {
      appearance: { kind: 'signer', rect: SIGNER_RECT, lines: ['Nguyễn Văn Ánh 中'] },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VanThuError);
    expect((error as VanThuError).code).toBe('VALIDATION');
    expect((error as VanThuError).message).toContain('"中"');
    await expect(
      signPdf(pdf, signer, { appearance: { kind: 'signer', rect: [500, 700, 170, 100], image: signaturePng() } }),
    ).rejects.toThrow(/nằm ngoài trang/);
    await expect(
      signPdf(pdf, signer, { appearance: { kind: 'signer', rect: SIGNER_RECT, image: Buffer.from('not a png') } }),
    ).rejects.toThrow(/không phải ảnh PNG/);
  });
});
