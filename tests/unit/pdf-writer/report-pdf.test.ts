/**
 * The printed verification report, from real reports: a PDF signed by the person and then by
 * the organisation (test PKI) and verified, and one changed after signing. Everything the
 * report says must be in the PDF's text, in Vietnamese with its diacritics.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestPdf } from '../../fixtures/pdf';
import type { TestPki } from '../../fixtures/pki';
import { fontFamilies, type FontFamily } from '../../../src-main/core/pdf/appearance/fonts';
import { appendUpdate } from '../../../src-main/core/pdf/incremental';
import { signPdf } from '../../../src-main/core/pdf/sign';
import { openPdf, PdfDict, PdfRef, PdfStream, serializeStreamObject } from '../../../src-main/core/pdf/syntax';
import { verifyPdf } from '../../../src-main/core/pdf/verify';
import { renderSignatureReportPdf, type SignatureReportMeta } from '../../../src-main/core/signatures/report-pdf';
import type { DocumentReport } from '../../../src-shared/pdf/report';
import {
  algorithmsText,
  formatDateOnlyVi,
  formatDateTimeVi,
  formatFingerprint,
  REPORT_PDF_WORDS,
  SIGNATURE_WORDS,
} from '../../../src-shared/pdf/report-words';
import { pki, signerFor } from '../pdf/helpers';
import { pdfinfo, qpdfCheck, squeeze, text, tmp, write } from './helpers';

const FONTS = path.resolve(__dirname, '../../../resources/fonts');
const NOW = new Date('2026-11-22T03:30:00Z');
const META: SignatureReportMeta = {
  organisation: 'Ủy ban nhân dân xã Hòa Bình',
  documentTitle: 'Quyết định số 15/QĐ-UBND về việc phê duyệt kế hoạch chuyển đổi số',
  fileName: '15-QD-UBND.pdf',
  checkedBy: 'Nguyễn Văn Đức',
  place: 'Hòa Bình',
  now: NOW,
};

let p: TestPki;
let families: FontFamily[];
let dir: string;
let twoSigned: Buffer;
let report: DocumentReport;
let file: string;
let layout: string;
let raw: string;

beforeAll(async () => {
  p = await pki();
  families = fontFamilies({ windowsFontsDir: null, resourcesDir: FONTS });
  dir = tmp('vanthu-report-pdf-');
  const original = makeTestPdf([['UBND XA HOA BINH', 'QUYET DINH SO 15']]);
  const byPerson = await signPdf(original, await signerFor(p, 'person'));
  twoSigned = await signPdf(byPerson, await signerFor(p, 'organisation'));
  // No revocation lookups: the organisation's certificate names a CRL, so its status stays unknown.
  report = await verifyPdf(twoSigned, { trustAnchors: [p.root.der] });
  file = write(dir, 'report.pdf', renderSignatureReportPdf(report, META, { fonts: families }));
  layout = text(file);
  raw = squeeze(text(file, { mode: '-raw' }));
}, 120_000);

function expectSaid(...phrases: string[]) {
  for (const s of phrases) expect(raw, s).toContain(squeeze(s));
}

describe('the verification report as PDF', () => {
  it('is a clean PDF, numbered "Trang N/M" on every page', () => {
    expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors found');
    const { pages, sizes } = pdfinfo(file);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (const size of sizes) expect(size).toEqual([595, 842]);
    for (let i = 1; i <= pages; i++) expect(text(file, { first: i, last: i })).toContain(`Trang ${i}/${pages}`);
  });

  it('has the state header, the title, and the organisation in capitals', () => {
    expect(layout).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(layout).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(layout).toContain('Hòa Bình, ngày 22 tháng 11 năm 2026');
    expect(layout).toContain('BÁO CÁO KIỂM TRA CHỮ KÝ SỐ');
    expectSaid('ỦY BAN NHÂN DÂN XÃ HÒA BÌNH', META.documentTitle as string);
  });

  it('says what was checked: file, SHA-256, size, when and by whom', () => {
    expect(report.verdict).toBe('indeterminate');
    expect(layout).toContain('15-QD-UBND.pdf');
    expect(layout).toContain('Nguyễn Văn Đức');
    const size = String(twoSigned.length).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    expect(layout).toContain(`${size} byte`);
    expectSaid(report.file.sha256, formatDateTimeVi(report.checkedAt));
  });

  it('gives the document verdict and its explanation', () => {
    expect(layout).toContain(`${REPORT_PDF_WORDS.documentVerdict.indeterminate}.`);
    expectSaid(report.explanation);
  });

  it('details every signature: verdict, signer, issuer, serial, validity, time, revocation, algorithms', () => {
    expect(report.signatures).toHaveLength(2);
    report.signatures.forEach((s, i) => {
      const signer = s.signer;
      expect(signer).not.toBeNull();
      if (!signer) return;
      expect(layout).toContain(`Chữ ký ${i + 1}: ${SIGNATURE_WORDS.badge[s.verdict]}`);
      expectSaid(
        SIGNATURE_WORDS.verdict[s.verdict],
        signer.commonName,
        signer.organisation,
        signer.issuer,
        signer.serialNumber,
        `từ ${formatDateOnlyVi(signer.notBefore)} đến ${formatDateOnlyVi(signer.notAfter)}`,
        formatFingerprint(signer.sha256),
        `${formatDateTimeVi(s.signingTime.value as string)} (tự ghi)`,
        SIGNATURE_WORDS.revocationState[s.revocation],
        algorithmsText(s),
        s.explanation,
      );
    });
    // The names as the clerk reads them, diacritics and all.
    expect(layout).toContain('Nguyễn Văn Ánh');
    expect(layout).toContain('Hợp lệ');
    expect(layout).toContain('Chưa xác định');
    expect(report.signatures[1]?.revocation).toBe('unknown');
  });

  it('lists each check with its result and message', () => {
    for (const s of report.signatures) {
      for (const r of s.reasons) expectSaid(`${SIGNATURE_WORDS.severity[r.severity]}${r.message}`);
    }
  });

  it('lists the changes after the first signature (the second signature, permitted)', () => {
    const changes = report.signatures[0]?.changesAfter ?? [];
    expect(changes.length).toBeGreaterThan(0);
    for (const c of changes) expectSaid(`${c.description}Được phép`);
    expect(layout).toContain(SIGNATURE_WORDS.noChanges);
  });

  it('names the trusted anchors by fingerprint and ends with the checker’s signature line', () => {
    expect(report.trustAnchors).toHaveLength(1);
    expectSaid(formatFingerprint(report.trustAnchors[0] as string));
    const last = text(file, { first: pdfinfo(file).pages, last: pdfinfo(file).pages });
    expect(last).toContain('NGƯỜI KIỂM TRA');
    expect(last).toContain('(Ký, ghi rõ họ tên)');
    expect(last).toContain('Nguyễn Văn Đức');
  });

  it('gives the same bytes for the same report and time', () => {
    const again = renderSignatureReportPdf(report, META, { fonts: families });
    expect(
      Buffer.compare(Buffer.from(again), Buffer.from(renderSignatureReportPdf(report, META, { fonts: families }))),
    ).toBe(0);
    const later = renderSignatureReportPdf(
      report,
      { ...META, now: new Date(NOW.getTime() + 86_400_000) },
      { fonts: families },
    );
    expect(Buffer.compare(Buffer.from(again), Buffer.from(later))).not.toBe(0);
  });
});

describe('other reports', () => {
  it('a document changed after signing: "Không hợp lệ", the change not permitted, the reason given', async () => {
    const signed = await signPdf(makeTestPdf([['QUYET DINH SO 15']]), await signerFor(p, 'person'));
    const pdf = openPdf(signed);
    const page = pdf.deref(pdf.pages()[0] ?? null) as PdfDict;
    const contentsRef = page.get('Contents') as PdfRef;
    const stream = pdf.resolve(contentsRef) as PdfStream;
    const body = serializeStreamObject(stream.dict, Buffer.from('BT /F1 18 Tf 72 760 Td (QUYET DINH SO 99) Tj ET'));
    const tampered = appendUpdate(pdf, [{ num: contentsRef.num, gen: contentsRef.gen, body }]).bytes;
    const bad = await verifyPdf(tampered, { trustAnchors: [p.root.der] });
    expect(bad.verdict).toBe('invalid');

    // The default fonts, as the app finds them.
    const out = write(
      dir,
      'tampered.pdf',
      renderSignatureReportPdf(bad, { organisation: 'Đảng ủy xã Hòa Bình', regime: 'party', now: NOW }),
    );
    expect(qpdfCheck(out)).toContain('No syntax or stream encoding errors found');
    const t = text(out);
    const r = squeeze(text(out, { mode: '-raw' }));
    expect(t).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(t).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(r).toContain(squeeze('ĐẢNG ỦY XÃ HÒA BÌNH'));
    expect(t).toContain('Ngày 22 tháng 11 năm 2026');
    expect(t).toContain('Không hợp lệ.');
    expect(t).toContain('Chữ ký 1: Không hợp lệ');
    expect(t).toContain('Không được phép');
    const modified = bad.signatures[0]?.reasons.find((x) => x.code === 'MODIFIED_AFTER_SIGNING');
    expect(modified).toBeDefined();
    expect(r).toContain(squeeze(`Lỗi${modified?.message}`));
    expect(r).toContain(squeeze(bad.signatures[0]?.changesAfter[0]?.description ?? '?'));
  });

  it('an unsigned document says so, and a report without anchors says none were installed', async () => {
    const none = await verifyPdf(makeTestPdf(), { trustAnchors: [] });
    expect(none.verdict).toBe('unsigned');
    const out = write(
      dir,
      'unsigned.pdf',
      renderSignatureReportPdf(none, { organisation: 'Ủy ban nhân dân xã Hòa Bình', now: NOW }, { fonts: families }),
    );
    const t = text(out);
    expect(t).toContain('Không có chữ ký số.');
    expect(t).toContain(SIGNATURE_WORDS.unsigned);
    expect(t).toContain(REPORT_PDF_WORDS.noAnchors);
    expect(t).toContain('Trang 1/1');
  });
});
