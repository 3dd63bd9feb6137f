/**
 * Auto-lock: after the idle time the sign-in appears over the screen, and a half-typed form is
 * still there after signing in again. The same holds when the engine answers "not signed in".
 * Runs after 01-register.spec.ts (files run in name order, one worker): the app is set up.
 */
import { expect, test } from './fixtures';
import { ADMIN, openSignedIn, saveScreenshot } from './helpers';

test('idle lock keeps the half-typed form; signing in again continues it', async ({ page }) => {
  await page.clock.install();
  await openSignedIn(page);
  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('heading', { name: 'Vào sổ văn bản đến' })).toBeVisible();
  const subject = 'Về việc tổ chức Hội nghị sơ kết công tác văn thư, lưu trữ';
  await page.getByLabel('Trích yếu').fill(subject);
  await page.getByLabel('Cơ quan ban hành').fill('Văn phòng UBND huyện');

  await page.clock.fastForward('16:00');
  await expect(page.getByRole('heading', { name: 'Phiên làm việc đã khóa' })).toBeVisible();
  await expect(page.getByText(/đã khóa sau \d+ phút không thao tác/)).toBeVisible();
  await expect(page.getByLabel('Tên đăng nhập')).toHaveValue(ADMIN.username);
  await saveScreenshot(page, '06-idle-lock');
  await page.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();

  await expect(page.getByRole('heading', { name: 'Phiên làm việc đã khóa' })).toHaveCount(0);
  await expect(page.getByLabel('Trích yếu')).toHaveValue(subject);
  await expect(page.getByLabel('Cơ quan ban hành')).toHaveValue('Văn phòng UBND huyện');
});

test('a call answered "not signed in" brings back the sign-in, and the form survives', async ({ page }) => {
  await openSignedIn(page);
  await page.keyboard.press('Alt+N');
  const subject = 'Về việc rà soát danh mục hồ sơ năm 2027';
  await page.getByLabel('Trích yếu').fill(subject);
  await page.getByLabel('Loại văn bản').selectOption('Thông báo');

  // The session is locked on the engine's side (as after its own idle time).
  await page.evaluate(async () => {
    const token = sessionStorage.getItem('vanthu.hostToken') ?? '';
    await fetch('/api/auth.lock', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-vanthu-token': token },
      body: '{}',
    });
  });
  await page.getByRole('button', { name: 'Vào sổ', exact: true }).click();

  await expect(page.getByRole('heading', { name: 'Phiên làm việc đã khóa' })).toBeVisible();
  await page.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByLabel('Trích yếu')).toHaveValue(subject);
  await page.getByRole('button', { name: 'Vào sổ', exact: true }).click();
  await expect(page.getByText(/Đã vào sổ văn bản đến\. Số đến: \d+\./)).toBeVisible();
});
