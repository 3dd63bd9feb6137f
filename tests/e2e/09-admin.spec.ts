/**
 * Quản trị: the administrator opens it from the boxes (Alt+Q), adds a document type with its
 * abbreviation, creates a clerk's account, finds both in the lists and in the audit log, and
 * the new type is offered when registering. The clerk sees no administration.
 * Runs after 01-register.spec.ts (files run in name order, one worker): the app is set up.
 */
import { expect, test } from './fixtures';
import { ADMIN, openSignedIn, saveScreenshot } from './helpers';

const CLERK = { username: 'vanthu2', fullName: 'Trần Văn Bình', password: 'VanThu2@2026' };

test('the administrator adds a type and a clerk account; the audit log shows both', async ({ page }) => {
  await openSignedIn(page);
  await page.keyboard.press('Alt+Q');
  await expect(page.getByRole('heading', { name: 'Quản trị', level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Loại văn bản' })).toHaveAttribute('aria-selected', 'true');

  // A document type with its abbreviation.
  await page.getByLabel('Tên loại văn bản').fill('Quy trình');
  await page.getByLabel('Viết tắt').fill('QTr');
  await page.getByRole('button', { name: 'Thêm loại văn bản' }).click();
  await expect(page.getByText('Đã thêm loại văn bản “Quy trình” (viết tắt QTr).')).toBeVisible();
  const typeRow = page.getByRole('row').filter({ hasText: 'Quy trình' });
  await expect(typeRow).toContainText('QTr');
  await expect(typeRow).toContainText('Đang dùng');
  // The same name again is refused in plain words, and what was typed stays.
  await page.getByLabel('Tên loại văn bản').fill('quy trinh');
  await page.getByLabel('Viết tắt').fill('QT');
  await page.getByRole('button', { name: 'Thêm loại văn bản' }).click();
  await expect(page.getByText('Đã có loại văn bản "Quy trình" trong danh mục.').first()).toBeVisible();
  await expect(page.getByLabel('Tên loại văn bản')).toHaveValue('quy trinh');
  await page.getByLabel('Tên loại văn bản').fill('');
  await page.getByLabel('Viết tắt').fill('');

  // Tabs by keyboard: → from "Loại văn bản" twice reaches "Sổ và dãy số", once more "Tài khoản".
  await page.getByRole('tab', { name: 'Loại văn bản' }).focus();
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Sổ và dãy số' })).toBeFocused();
  // The decisions issued by the earlier specs came from this year's common outgoing series.
  const outgoing = page.getByRole('region', { name: 'Sổ đăng ký văn bản đi' });
  await expect(outgoing.getByRole('row').filter({ hasText: 'Văn bản đi' })).toContainText(
    /Năm \d{4}: đến số \d{2,} \(kỳ hiện tại\)/,
  );
  await expect(page.getByLabel('Dãy số của Quy trình')).toHaveValue(/\d+/);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Tài khoản' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Tài khoản' })).toHaveAttribute('aria-selected', 'true');

  await page.getByLabel('Tên đăng nhập').fill(CLERK.username);
  await page.getByLabel('Họ tên').fill(CLERK.fullName);
  await page.getByLabel('Vai trò', { exact: true }).selectOption({ label: 'Văn thư' });
  await page.getByLabel('Mật khẩu ban đầu').fill(CLERK.password);
  await page.getByLabel('Nhập lại mật khẩu').fill(CLERK.password);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.getByText(`Đã tạo tài khoản ${CLERK.username}.`)).toBeVisible();
  const clerkRow = page.getByRole('row').filter({ hasText: CLERK.fullName });
  await expect(clerkRow.getByLabel(`Vai trò của ${CLERK.username}`)).toHaveValue('clerk');
  await expect(clerkRow).toContainText('Đang hoạt động');
  // The administrator's own row cannot be locked or demoted.
  const ownRow = page.getByRole('row').filter({ hasText: '(bạn)' });
  await expect(ownRow.getByRole('button', { name: 'Khóa' })).toHaveCount(0);
  await expect(ownRow.getByLabel(`Vai trò của ${ADMIN.username}`)).toBeDisabled();
  await saveScreenshot(page, 'admin');

  await page.getByRole('tab', { name: 'Nhật ký' }).click();
  const created = page.getByRole('row').filter({ hasText: 'Tạo tài khoản' }).filter({ hasText: CLERK.username });
  await expect(created).toContainText(ADMIN.username);
  const added = page.getByRole('row').filter({ hasText: 'Thêm loại văn bản' }).filter({ hasText: 'Quy trình' });
  await expect(added).toContainText('QTr');
  await expect(added).toContainText(ADMIN.username);

  // Data protection: encrypted, a recovery key since setup; a new one is shown once.
  await page.getByRole('tab', { name: 'Bảo mật dữ liệu' }).click();
  await expect(page.getByText(/Sổ đăng ký và tệp của văn bản mật trên máy này được mã hóa/)).toBeVisible();
  await expect(page.getByText(/Đã có khóa khôi phục \(tạo lúc/)).toBeVisible();
  await page.getByRole('button', { name: 'Tạo khóa khôi phục mới' }).click();
  await expect(page.getByText(/Các bản sao lưu đã có vẫn cần khóa cũ/)).toBeVisible();
  await saveScreenshot(page, 'admin-security');
  await page.getByRole('button', { name: 'Tạo và hiện khóa mới' }).click();
  await expect(page.getByTestId('recovery-key')).toHaveText(/^([0-9A-Z]{4}){8}$/);
  await page.getByLabel('Tôi đã chép khóa khôi phục ra giấy và cất giữ an toàn').check();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(page.getByRole('button', { name: 'Tạo khóa khôi phục mới' })).toBeVisible();
  await page.getByRole('tab', { name: 'Nhật ký' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Tạo khóa khôi phục mới' }).first()).toContainText(
    ADMIN.username,
  );

  // The new type is offered when registering a document.
  await page
    .getByRole('button', { name: /Tất cả/ })
    .first()
    .click();
  await page.keyboard.press('Alt+N');
  await expect(page.getByLabel('Loại văn bản').locator('option', { hasText: 'Quy trình' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
});

test('the new clerk signs in and sees no administration', async ({ page }) => {
  await openSignedIn(page);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByLabel('Tên đăng nhập').fill(CLERK.username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(CLERK.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByText(CLERK.fullName)).toBeVisible();
  await expect(page.getByRole('button', { name: /Quản trị/ })).toHaveCount(0);
  await page.keyboard.press('Alt+Q');
  await expect(page.getByRole('heading', { name: 'Quản trị', level: 1 })).toHaveCount(0);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
});
