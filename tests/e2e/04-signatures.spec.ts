/**
 * Signatures of incoming documents: a signed PDF registered before its CA's root is installed is
 * "Chưa xác định" and says why; the administrator adds the root (file + published fingerprint),
 * "Kiểm tra lại" makes it "Hợp lệ"; a copy changed after signing is "Không hợp lệ". Runs after
 * 01 (the organisation and the administrator exist).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { makeTestPdf } from '../fixtures/pdf';
import { makeTestPki, type TestPki } from '../fixtures/pki';
import { signPdf } from '../../src-main/core/pdf/sign';
import { openP12 } from '../../src-main/core/keys/p12';
import { openSignedIn, saveScreenshot, chooseFile, tempFile } from './helpers';

test.describe.configure({ mode: 'serial' });

const SIGNED = {
  organ: 'Ủy ban nhân dân xã Hòa Bình',
  numberNotation: '31/UBND-VP',
  subject: 'Về việc rà soát chữ ký số trên văn bản điện tử gửi đến',
};
const TAMPERED = {
  organ: 'Ủy ban nhân dân xã Hòa Bình',
  numberNotation: '32/UBND-VP',
  subject: 'Về việc kiểm tra bản sao đã bị sửa sau khi ký',
};
const SIGNED_LINE = 'Ngay 20 thang 11 nam 2026';

let pki: TestPki;
let signedFile: string;
let tamperedFile: string;

test.beforeAll(async () => {
  pki = await makeTestPki(path.join(os.tmpdir(), 'vanthu-test-pki'));
  const person = pki.leaves.person;
  const signer = await openP12(fs.readFileSync(person.p12File), person.p12Password);
  try {
    const original = makeTestPdf([['UY BAN NHAN DAN XA HOA BINH', 'So 31/UBND-VP', SIGNED_LINE]]);
    const signed = await signPdf(original, signer, { reason: 'Phát hành văn bản', location: 'Hòa Bình' });
    signedFile = tempFile('31-UBND-VP-da-ky.pdf', signed);
    // The same bytes but one digit of the page text: inside /ByteRange, so the digest breaks.
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf(SIGNED_LINE, 0, 'latin1');
    expect(at).toBeGreaterThan(0);
    tampered.write('Ngay 29', at, 'latin1');
    tamperedFile = tempFile('32-UBND-VP-da-sua.pdf', tampered);
  } finally {
    await signer.close();
  }
});

async function registerIncoming(
  page: Page,
  doc: { organ: string; numberNotation: string; subject: string },
  file: string,
): Promise<void> {
  await page.getByRole('button', { name: /Vào sổ văn bản đến/ }).click();
  await expect(page.getByRole('heading', { name: 'Vào sổ văn bản đến' })).toBeVisible();
  await page.getByLabel('Số, ký hiệu').fill(doc.numberNotation);
  await page.getByLabel('Loại văn bản').selectOption('Công văn');
  await page.getByLabel('Ngày văn bản').fill('20/11/2026');
  await page.getByLabel('Cơ quan ban hành').fill(doc.organ);
  await page.getByLabel('Trích yếu').fill(doc.subject);
  await chooseFile(page, 'Chọn tệp PDF', file);
  await expect(page.getByText('Tệp chính · ')).toContainText('1 trang');
  await page.getByRole('button', { name: 'Vào sổ', exact: true }).click();
  await expect(page.getByText(/Đã vào sổ văn bản đến\. Số đến: \d+\./)).toBeVisible();
}

test('a signed PDF without its root installed is "Chưa xác định", then "Hợp lệ" once the root is added', async ({
  page,
}) => {
  await openSignedIn(page);
  await registerIncoming(page, SIGNED, signedFile);
  // Checked at registration: the clerk is told at once.
  await expect(page.getByRole('status').filter({ hasText: 'Cần kiểm tra' })).toContainText('chưa xác định');

  await page.keyboard.press('Escape');
  const row = page.getByRole('row', { name: new RegExp(SIGNED.subject) });
  await expect(row).toBeVisible();
  await expect(row.locator('.sig-badge')).toHaveText('Chưa xác định');

  await row.dblclick();
  const panel = page.getByRole('region', { name: 'Chữ ký số' });
  await expect(panel).toBeVisible();
  const signature = panel.locator('.sig-row');
  await expect(signature).toHaveCount(1);
  await expect(signature).toHaveClass(/sig-indeterminate/);
  await expect(signature).toContainText('Nguyễn Văn Ánh');
  await expect(signature).toContainText('Ủy ban nhân dân xã Hòa Bình');
  await expect(signature).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(tự ghi\)/);
  await expect(signature).toContainText('Chưa cài chứng thư gốc nào để đối chiếu');

  // The details: every check with its mark, and the evidence.
  await signature.getByText('Chi tiết kiểm tra').click();
  await expect(signature.locator('.sig-reason[data-code="INTEGRITY_OK"]')).toContainText('còn nguyên vẹn');
  await expect(signature.locator('.sig-reason[data-code="CHAIN_UNTRUSTED"]')).toHaveClass(/sev-unknown/);
  await expect(signature).toContainText('Vùng dữ liệu được ký');

  // The administrator adds the test root with the fingerprint its CA publishes.
  const trust = panel.locator('details.trust-section');
  await expect(trust).toHaveAttribute('open', '');
  await expect(trust).toContainText('Chưa có chứng thư gốc nào.');
  await trust.getByRole('button', { name: 'Thêm chứng thư gốc' }).click();
  await expect(trust).toContainText('Hãy chọn tệp chứng thư');
  await trust.getByLabel('Tệp chứng thư (.cer, .crt, .pem)').setInputFiles(pki.root.file);
  await trust.getByLabel('Dấu vân tay SHA-256').fill('AB:CD');
  await trust.getByRole('button', { name: 'Thêm chứng thư gốc' }).click();
  await expect(trust).toContainText('phải gồm 64 chữ số thập lục phân');
  const published = (pki.root.sha256.toUpperCase().match(/../g) ?? []).join(':');
  await trust.getByLabel('Dấu vân tay SHA-256').fill(published);
  await trust.getByRole('button', { name: 'Thêm chứng thư gốc' }).click();
  await expect(trust).toContainText('Đã thêm chứng thư gốc');
  await expect(trust.locator('.trust-list li')).toHaveCount(1);
  await expect(trust.locator('.trust-list')).toContainText('Cơ quan chứng thực số thử nghiệm VanThu - Gốc');

  // "Kiểm tra lại" from the keyboard.
  const recheck = panel.getByRole('button', { name: 'Kiểm tra lại' });
  await recheck.focus();
  await page.keyboard.press('Enter');
  await expect(signature).toHaveClass(/sig-valid/);
  await expect(panel.getByTestId('document-signature-verdict')).toHaveText('Hợp lệ');
  await expect(signature).toContainText('Nguyễn Văn Ánh');
  await expect(signature).toContainText('Chữ ký của Nguyễn Văn Ánh: hợp lệ.');

  // The report as JSON, as the browser's download.
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Xuất báo cáo (JSON)' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^kiem-tra-chu-ky-.*\.json$/);
  const report = JSON.parse(fs.readFileSync(await saved.path(), 'utf8')) as { verdict: string };
  expect(report.verdict).toBe('valid');

  // And as a PDF in Vietnamese, for the file or for printing.
  const pdfDownload = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Xuất báo cáo (PDF)' }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toMatch(/^kiem-tra-chu-ky-.*\.pdf$/);
  const text = execFileSync('pdftotext', ['-layout', await pdf.path(), '-'], { encoding: 'utf8' });
  expect(text).toContain('Nguyễn Văn Ánh');
  expect(text).toMatch(/Trang 1\/\d/);

  await page.keyboard.press('Escape');
  await expect(row.locator('.sig-badge')).toHaveText('Hợp lệ');
});

test('a copy changed after signing is "Không hợp lệ" with the reason in Vietnamese', async ({ page }) => {
  await openSignedIn(page);
  await registerIncoming(page, TAMPERED, tamperedFile);
  await expect(page.getByRole('status').filter({ hasText: 'Cần kiểm tra' })).toContainText('không hợp lệ');

  const panel = page.getByRole('region', { name: 'Chữ ký số' });
  const signature = panel.locator('.sig-row');
  await expect(signature).toHaveClass(/sig-invalid/);
  await expect(panel.getByTestId('document-signature-verdict')).toHaveText('Không hợp lệ');
  await expect(signature).toContainText('Nội dung văn bản đã bị thay đổi sau khi ký');
  await signature.getByText('Chi tiết kiểm tra').click();
  await expect(signature.locator('.sig-reason[data-code="DIGEST_MISMATCH"]')).toHaveClass(/sev-error/);
  // The PDF beside the evidence, as the clerk sees it.
  await expect(page.locator('canvas.pdf-canvas[data-rendered-page="1"]')).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await saveScreenshot(page, '07-signatures');

  await page.keyboard.press('Escape');
  const row = page.getByRole('row', { name: new RegExp(TAMPERED.subject) });
  await expect(row.locator('.sig-badge')).toHaveText('Không hợp lệ');
});
