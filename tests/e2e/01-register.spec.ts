/**
 * A clerk's first day, in order: set up the commune People's Committee, register an incoming
 * document with its PDF, find it without diacritics, read it, issue an outgoing decision, and
 * have a file that is not a PDF refused without losing what was typed.
 */
import fs from 'node:fs';
import { expect, test } from './fixtures';
import { makeTestPdf } from '../fixtures/pdf';
import { ADMIN, canvasHasInk, chooseFile, openApp, openSignedIn, saveScreenshot, tempFile } from './helpers';

test.describe.configure({ mode: 'serial' });

const INCOMING = {
  organ: 'Đảng ủy xã Hòa Bình',
  numberNotation: '25-CV/ĐU',
  subject: 'Về việc triển khai văn bản điện tử trong Đảng ủy xã',
};

test('first-run setup of a state organ, then sign-in as the administrator', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('heading', { name: 'Thiết lập lần đầu' })).toBeVisible();

  await page.getByLabel('Tên cơ quan').fill('Ủy ban nhân dân xã Hòa Bình');
  await page.getByLabel('Mã định danh').fill('000.00.00.H41');
  await page.getByLabel('Tên viết tắt').fill('UBND');
  await page.getByRole('radio', { name: /Cơ quan nhà nước/ }).check();
  await saveScreenshot(page, '01-setup-wizard');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  await page.getByLabel('Tên nhiệm kỳ').fill('2021-2026');
  await page.getByLabel('Ngày bắt đầu').fill('01/07/2021');
  await expect(page.getByText('ngày 01 tháng 7 năm 2021')).toBeVisible();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
  await page.getByLabel('Họ tên').fill(ADMIN.fullName);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Nhập lại mật khẩu').fill('something else');
  await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
  await expect(page.getByText('Hai lần nhập mật khẩu chưa khớp')).toBeVisible();
  await page.getByLabel('Nhập lại mật khẩu').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();

  // The recovery key, shown once: no way on until the administrator says it is written down.
  await expect(page.getByRole('heading', { name: 'Khóa khôi phục' })).toBeVisible();
  await expect(page.getByTestId('recovery-key')).toHaveText(/^([0-9A-Z]{4}){8}$/);
  await expect(page.getByText('Khóa chỉ hiện một lần')).toBeVisible();
  const next = page.getByRole('button', { name: 'Tiếp tục' });
  await expect(next).toBeDisabled();
  await saveScreenshot(page, 'recovery-key');
  await page.getByLabel('Tôi đã chép khóa khôi phục ra giấy và cất giữ an toàn').check();
  await next.click();

  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await expect(page.getByText('Đã thiết lập xong')).toBeVisible();
  await expect(page.getByLabel('Tên đăng nhập')).toHaveValue(ADMIN.username);
  await page.getByLabel('Mật khẩu').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();

  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
  await expect(page.getByText(ADMIN.fullName)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Văn bản đến · Tất cả' })).toBeVisible();
});

test('register an incoming document with its PDF, find it without diacritics, read it', async ({ page }) => {
  await openSignedIn(page);
  await page.getByRole('button', { name: /Vào sổ văn bản đến/ }).click();
  await expect(page.getByRole('heading', { name: 'Vào sổ văn bản đến' })).toBeVisible();

  await page.getByLabel('Số, ký hiệu').fill(INCOMING.numberNotation);
  await expect(page.getByText('Số 25 · ký hiệu CV/ĐU')).toBeVisible();
  await expect(page.getByLabel('Loại văn bản')).toHaveValue('Công văn');
  await page.getByLabel('Ngày văn bản').fill('18/11/2026');
  await page.getByLabel('Cơ quan ban hành').fill(INCOMING.organ);
  await page.getByLabel('Trích yếu').fill(INCOMING.subject);
  await page.getByLabel('Độ khẩn').selectOption({ label: 'Khẩn' });

  const pdf = tempFile(
    '25-CV-DU.pdf',
    makeTestPdf([['DANG UY XA HOA BINH', 'So 25-CV/DU', 'Ve viec trien khai van ban dien tu']]),
  );
  await chooseFile(page, 'Chọn tệp PDF', pdf);
  await expect(page.getByText('Tệp chính · ')).toContainText('1 trang');

  await page.getByRole('button', { name: 'Vào sổ', exact: true }).click();
  await expect(page.getByText('Đã vào sổ văn bản đến. Số đến: 1.')).toBeVisible();

  // Back to the register: the new entry is there, marked urgent.
  await page.keyboard.press('Escape');
  const row = page.getByRole('row', { name: new RegExp(INCOMING.subject) });
  await expect(row).toBeVisible();
  await expect(row).toContainText(INCOMING.numberNotation);
  await expect(row).toHaveClass(/urgent/);
  await saveScreenshot(page, '02-incoming-register');

  const search = page.getByRole('searchbox', { name: 'Tìm văn bản' });
  await page.keyboard.press('Control+K');
  await expect(search).toBeFocused();
  await search.fill('dang uy xa');
  await expect(page.getByText('Kết quả tìm “dang uy xa” · 1 văn bản')).toBeVisible();
  await expect(row).toBeVisible();
  await search.fill('van ban dien tu');
  await expect(page.getByText('Kết quả tìm “van ban dien tu” · 1 văn bản')).toBeVisible();
  await expect(row).toBeVisible();
  await search.fill('khong co van ban nay');
  await expect(page.getByText('Không tìm thấy văn bản nào khớp')).toBeVisible();
  await search.fill('van ban dien tu');
  await expect(row).toBeVisible();

  // ↓ goes from the search box into the results, Enter opens the document.
  await search.press('ArrowDown');
  await expect(row).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Văn bản đến · Số đến 1' })).toBeVisible();
  await expect(page.getByText('Trang 1/1')).toBeVisible();
  const canvas = 'canvas.pdf-canvas[data-rendered-page="1"]';
  await expect(page.locator(canvas)).toBeVisible();
  expect(await canvasHasInk(page, canvas)).toBe(true);
  await saveScreenshot(page, '03-document-pdf');

  // A copy of the stored PDF goes where the clerk chooses (here: the browser's download).
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Lưu tệp “25-CV-DU.pdf” về máy' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('25-CV-DU.pdf');
  expect(fs.readFileSync(await saved.path()).equals(fs.readFileSync(pdf))).toBe(true);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Văn bản đến · Tất cả' })).toBeVisible();
});

test('create an outgoing decision as a draft, issue it, and see its number', async ({ page }) => {
  await openSignedIn(page);
  const outgoing = page.getByRole('navigation', { name: 'Các hộp văn bản' });
  await outgoing.getByRole('button', { name: /Dự thảo/ }).click();
  await expect(page.getByRole('heading', { name: 'Văn bản đi · Dự thảo' })).toBeVisible();

  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('heading', { name: 'Tạo văn bản đi (dự thảo)' })).toBeVisible();
  await page.getByLabel('Loại văn bản').selectOption('Quyết định');
  await page.getByLabel('Trích yếu').fill('Về việc kiện toàn Tổ công nghệ số cộng đồng xã Hòa Bình');
  await page.getByLabel('Người ký', { exact: true }).fill('Trần Văn Minh');
  await page.getByLabel('Chức vụ người ký').fill('Chủ tịch');
  await page.getByLabel('Nơi nhận').fill('Như Điều 3;\nLưu: VT.');
  const signed = tempFile(
    'QD-kien-toan-to-cong-nghe-so.pdf',
    makeTestPdf([
      ['UY BAN NHAN DAN XA HOA BINH', 'QUYET DINH', 'Ve viec kien toan To cong nghe so cong dong'],
      ['Dieu 1. Kien toan To cong nghe so cong dong xa Hoa Binh.', 'Dieu 2. Quyet dinh co hieu luc tu ngay ky.'],
    ]),
  );
  await chooseFile(page, 'Chọn tệp PDF', signed);
  await expect(page.getByText('Tệp chính · ')).toContainText('2 trang');
  await expect(page.getByLabel('Số trang')).toHaveValue('2');
  await page.getByLabel('Nơi nhận').focus();
  await page.keyboard.press('Control+S');

  await expect(page.getByText('Đã lưu dự thảo văn bản đi.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Văn bản đi · Chưa cấp số (dự thảo)' })).toBeVisible();

  await page.getByRole('button', { name: 'Phát hành', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Phát hành văn bản' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Phát hành', exact: true }).click();

  await expect(page.getByText('Đã phát hành. Số: 01/QĐ-UBND.')).toBeVisible();
  await expect(page.locator('.number-badge')).toHaveText('Số: 01/QĐ-UBND');
  await expect(page.getByRole('button', { name: 'Phát hành', exact: true })).toHaveCount(0);
  await expect(page.getByText('Trang 1/2')).toBeVisible();
  await expect(page.locator('canvas.pdf-canvas[data-rendered-page="1"]')).toBeVisible();
  await saveScreenshot(page, '04-outgoing-issued');
  await page.getByRole('button', { name: 'Trang sau' }).click();
  await expect(page.getByText('Trang 2/2')).toBeVisible();

  await page.keyboard.press('Escape');
  const nav = page.getByRole('navigation', { name: 'Các hộp văn bản' });
  await nav.getByRole('button', { name: /Đã phát hành/ }).click();
  await expect(page.getByRole('row', { name: /01\/QĐ-UBND/ })).toContainText('Đã phát hành');
});

test('a file that is not a PDF is refused in Vietnamese and the typed fields stay', async ({ page }) => {
  await openSignedIn(page);
  await page
    .getByRole('navigation', { name: 'Các hộp văn bản' })
    .getByRole('button', { name: /Tất cả/ })
    .first()
    .click();
  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('heading', { name: 'Vào sổ văn bản đến' })).toBeVisible();

  await page.getByLabel('Số, ký hiệu').fill('12/UBND-VP');
  await page.getByLabel('Loại văn bản').selectOption('Công văn');
  await page.getByLabel('Cơ quan ban hành').fill('Ủy ban nhân dân huyện Tân Lạc');
  const subject = 'Về việc báo cáo tình hình sử dụng văn bản điện tử năm 2026';
  await page.getByLabel('Trích yếu').fill(subject);

  const notPdf = tempFile('bao-cao.pdf', 'Day khong phai tep PDF, chi la van ban thuong.\n');
  await chooseFile(page, 'Chọn tệp PDF', notPdf);
  await expect(page.getByRole('alert')).toContainText('Tệp “bao-cao.pdf”: Tệp này không phải PDF.');
  await expect(page.getByLabel('Số, ký hiệu')).toHaveValue('12/UBND-VP');
  await expect(page.getByLabel('Cơ quan ban hành')).toHaveValue('Ủy ban nhân dân huyện Tân Lạc');
  await expect(page.getByLabel('Trích yếu')).toHaveValue(subject);
  await saveScreenshot(page, '05-refused-file');

  // A date the engine cannot read stays as typed, with the reason beside it.
  await page.getByLabel('Hạn xử lý').fill('31/02/2026');
  await page.getByRole('button', { name: 'Vào sổ', exact: true }).click();
  await expect(page.getByText('Ngày chưa đúng.').first()).toBeVisible();
  await expect(page.getByLabel('Hạn xử lý')).toHaveValue('31/02/2026');
  await expect(page.getByLabel('Trích yếu')).toHaveValue(subject);

  await page.getByLabel('Hạn xử lý').fill('30/11/2026');
  await page.keyboard.press('Control+S');
  await expect(page.getByText('Đã vào sổ văn bản đến. Số đến: 2.')).toBeVisible();
});

test('registering the same document again is allowed but warned about', async ({ page }) => {
  await openSignedIn(page);
  await page
    .getByRole('navigation', { name: 'Các hộp văn bản' })
    .getByRole('button', { name: /Tất cả/ })
    .first()
    .click();
  await page.keyboard.press('Alt+N');
  await page.getByLabel('Số, ký hiệu').fill(INCOMING.numberNotation);
  await page.getByLabel('Ngày văn bản').fill('18/11/2026');
  // Typed without diacritics: still the same issuing organ.
  await page.getByLabel('Cơ quan ban hành').fill('Dang uy xa Hoa Binh');
  await page.getByLabel('Trích yếu').fill(INCOMING.subject);
  await page.keyboard.press('Control+S');

  await expect(page.getByText(/Đã vào sổ văn bản đến\. Số đến: \d+\./)).toBeVisible();
  const warning = page.getByRole('status').filter({ hasText: 'Cần kiểm tra' });
  await expect(warning).toContainText('đã vào sổ (số đến 1');
  await expect(warning).toContainText('Hãy kiểm tra để tránh vào sổ hai lần.');
});
