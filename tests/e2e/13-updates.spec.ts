/**
 * The app's own update on screen. The development host never updates itself ('update.status'
 * stays idle there, and the screen shows nothing); the installed app's updater is tested under
 * a mocked Electron (tests/electron/updater.test.ts). Here the answers of 'update.status' are
 * those of the installed app while it downloads and once it is ready, to see what the clerk sees.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openSignedIn, saveScreenshot } from './helpers';

async function answerUpdateStatus(page: Page, value: unknown): Promise<void> {
  await page.unroute('**/api/update.status');
  await page.route('**/api/update.status', (route) => route.fulfill({ json: { ok: true, value } }));
}

test('a download shows its progress, then "restart to update" asks the app to install', async ({ page }) => {
  const asked = page.waitForResponse('**/api/update.status');
  await openSignedIn(page);
  // The host is no installed app: nothing to update, no line on the screen.
  expect(await (await asked).json()).toEqual({ ok: true, value: { kind: 'idle' } });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.update-banner')).toHaveCount(0);

  await answerUpdateStatus(page, { kind: 'downloading', version: '1.3.0', percent: 42 });
  await page.reload();
  const banner = page.locator('.update-banner');
  await expect(banner).toContainText('Đang tải bản cập nhật VanThu 1.3.0; vẫn làm việc bình thường.');
  await expect(banner.getByRole('progressbar', { name: 'Tiến độ tải bản cập nhật' })).toHaveAttribute('value', '42');
  await expect(banner).toContainText('42%');
  await saveScreenshot(page, 'update-downloading');

  const restarts: unknown[] = [];
  await page.route('**/api/update.restart', (route) => {
    restarts.push(route.request().postDataJSON());
    return route.fulfill({ json: { ok: true, value: { ok: true } } });
  });
  await answerUpdateStatus(page, { kind: 'ready', version: '1.3.0' });
  const restart = banner.getByRole('button', { name: 'Khởi động lại để cập nhật' });
  await expect(restart).toBeVisible();
  await expect(banner).toContainText('Bản VanThu 1.3.0 đã tải xong.');
  await saveScreenshot(page, 'update-ready');
  await restart.click();
  await expect.poll(() => restarts.length).toBe(1);
});

test('on the host, asking to restart for an update says there is none', async ({ page }) => {
  await openSignedIn(page);
  await page.route('**/api/update.status', (route) =>
    route.fulfill({ json: { ok: true, value: { kind: 'ready', version: '1.3.0' } } }),
  );
  await page.reload();
  await page.getByRole('button', { name: 'Khởi động lại để cập nhật' }).click();
  // The real engine answers: no download is ready on this machine.
  await expect(page.locator('.update-banner')).toContainText('Chưa có bản cập nhật nào tải xong để cài.');
});
