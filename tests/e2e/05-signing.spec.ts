/**
 * Signing in the app: the competent person signs a draft with a .p12 (wrong password first),
 * places the signature on the page with the keyboard, sees the signature checked as valid; the
 * clerk then issues it with the organisation's signature in the same step. Runs after 04 (the
 * test root is trusted there).
 */
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { makeTestPdf } from '../fixtures/pdf';
import { makeTestPki, type TestPki } from '../fixtures/pki';
import { signaturePng } from '../unit/pdf-appearance/images';
import { chooseFile, openSignedIn, saveScreenshot, tempFile } from './helpers';

test.describe.configure({ mode: 'serial' });

let pki: TestPki;
test.beforeAll(async () => {
  pki = await makeTestPki(path.join(os.tmpdir(), 'vanthu-test-pki'));
});

test('a draft is signed with a visible signature, then issued with the organisation signature', async ({ page }) => {
  await openSignedIn(page);
  const boxes = page.getByRole('navigation', { name: 'Các hộp văn bản' });
  await boxes.getByRole('button', { name: /Dự thảo/ }).click();
  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('heading', { name: 'Tạo văn bản đi (dự thảo)' })).toBeVisible();
  await page.getByLabel('Loại văn bản').selectOption('Tờ trình');
  await page.getByLabel('Trích yếu').fill('Về việc đề nghị cấp kinh phí chuyển đổi số năm 2027');
  const draftPdf = tempFile(
    'to-trinh-kinh-phi.pdf',
    makeTestPdf([['UY BAN NHAN DAN XA HOA BINH', 'TO TRINH', 'Ve viec de nghi cap kinh phi chuyen doi so']]),
  );
  await chooseFile(page, 'Chọn tệp PDF', draftPdf);
  await expect(page.getByText('Tệp chính · ')).toContainText('1 trang');
  await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
  await expect(page.getByText('Đã lưu dự thảo văn bản đi.')).toBeVisible();

  // The person signs.
  await page.getByRole('button', { name: 'Ký số', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Ký số văn bản' });
  await expect(dialog).toBeVisible();
  await chooseFile(page, 'Chọn tệp: Tệp chứng thư số', pki.leaves.person.p12File);
  await expect(dialog.getByText('person.p12')).toBeVisible();
  await dialog.getByLabel('Mật khẩu tệp').fill('mat-khau-sai');
  await dialog.getByRole('button', { name: 'Đọc chứng thư số' }).click();
  await expect(dialog.getByText(/Mật khẩu tệp chứng thư số \(\.p12\) không đúng/)).toBeVisible();
  await dialog.getByLabel('Mật khẩu tệp').fill(pki.leaves.person.p12Password);
  await dialog.getByRole('button', { name: 'Đọc chứng thư số' }).click();
  await expect(dialog.getByRole('radio', { name: /Nguyễn Văn Ánh — hiệu lực đến/ })).toBeChecked();

  await expect(dialog.getByRole('radio', { name: 'Chữ ký của người có thẩm quyền' })).toBeChecked();
  await chooseFile(page, /^Chọn tệp: Ảnh chữ ký/, tempFile('chu-ky.png', signaturePng()));
  await dialog.getByLabel('Họ và tên người ký').fill('Nguyễn Văn Ánh');
  await dialog.getByLabel('Chức vụ').fill('Chủ tịch');
  await expect(dialog.locator('.placement-preview canvas[data-rendered-page="1"]')).toBeVisible();
  const box = dialog.getByRole('slider', { name: 'Khung chữ ký' });
  const before = (await box.getAttribute('data-rect'))!.split(',').map(Number);
  await box.focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('ArrowUp');
  await expect(box).toHaveAttribute('data-rect', [before[0]! - 30, before[1]! + 5, before[2], before[3]].join(','));
  await saveScreenshot(page, '08-sign-dialog');

  await dialog.getByRole('button', { name: 'Ký số', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByText(/^Đã ký số\./)).toBeVisible();
  const panel = page.getByRole('region', { name: 'Chữ ký số' });
  await expect(panel.locator('.sig-row')).toHaveCount(1);
  await expect(panel.locator('.sig-row')).toContainText('Nguyễn Văn Ánh');
  await expect(panel.getByTestId('document-signature-verdict')).toHaveText('Hợp lệ');
  // The signed file is the main one now; the file before signing is kept beside it.
  await expect(page.locator('.file-link', { hasText: 'to-trinh-kinh-phi-da-ky.pdf' })).toContainText('Tệp chính');
  await expect(page.locator('.file-link', { hasText: 'to-trinh-kinh-phi.pdf' })).toBeVisible();

  // The clerk issues it: the organisation signs and the number is written in one step.
  await page.getByRole('button', { name: 'Phát hành', exact: true }).click();
  const issue = page.getByRole('dialog', { name: 'Phát hành văn bản' });
  await issue.getByLabel('Ký số của cơ quan khi phát hành').check();
  await issue.getByRole('button', { name: 'Phát hành', exact: true }).click();
  await expect(issue.getByText('Hãy chọn tệp chứng thư số (.p12 hoặc .pfx).')).toBeVisible();
  await chooseFile(page, 'Chọn tệp: Tệp chứng thư số', pki.leaves.organisation.p12File);
  await issue.getByLabel('Mật khẩu tệp').fill(pki.leaves.organisation.p12Password);
  await issue.getByRole('button', { name: 'Đọc chứng thư số' }).click();
  await expect(issue.getByRole('radio', { name: /Ủy ban nhân dân xã Hòa Bình — hiệu lực đến/ })).toBeChecked();
  await issue.getByRole('button', { name: 'Phát hành', exact: true }).click();
  await expect(page.getByText(/Đã phát hành\. Số: \d+\/TTr-UBND\./)).toBeVisible({ timeout: 30_000 });
  await expect(panel.locator('.sig-row')).toHaveCount(2);
  await expect(page.locator('.file-link[aria-pressed="true"]')).toContainText('Tệp chính');
  const canvas = page.locator('canvas.pdf-canvas[data-rendered-page="1"]');
  await expect(canvas).toBeVisible();
  await canvas.evaluate((c) => c.scrollIntoView({ block: 'end' }));
  await saveScreenshot(page, '09-signed-and-issued');

  // The administrator removes the root (confirmed first): the next check cannot decide.
  const trust = panel.locator('details.trust-section');
  if ((await trust.getAttribute('open')) === null) await trust.locator('summary').click();
  await trust
    .getByRole('button', { name: /^Gỡ chứng thư gốc “CN=Cơ quan chứng thực số thử nghiệm VanThu - Gốc/ })
    .click();
  const confirm = page.getByRole('dialog', { name: 'Gỡ chứng thư gốc tin cậy' });
  await confirm.getByRole('button', { name: 'Gỡ bỏ' }).click();
  await expect(trust).toContainText('Đã gỡ chứng thư gốc');
  await expect(trust).toContainText('Chưa có chứng thư gốc nào.');
  await panel.getByRole('button', { name: 'Kiểm tra lại' }).click();
  await expect(panel.getByTestId('document-signature-verdict')).toHaveText('Chưa xác định');
});
