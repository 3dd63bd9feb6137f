/** Shared steps of the end-to-end tests: open the app, sign in, keep files and screenshots. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

export const ADMIN = { username: 'vanthu', fullName: 'Nguyễn Thị Lan', password: 'HoaBinh@2026' };

const SCREENSHOT_DIR = path.resolve('docs/screenshots');

export function hostUrl(): string {
  const url = process.env.VANTHU_E2E_URL;
  if (!url) throw new Error('VANTHU_E2E_URL is not set: global-setup did not start the host');
  return url;
}

/** Opens the app with the host's token, as the address printed by the host does. */
export async function openApp(page: Page): Promise<void> {
  await page.goto(hostUrl());
  // The token leaves the visible address once it is read.
  await expect.poll(() => page.url()).not.toContain('token=');
}

/** Opens the app and signs in as the administrator unless the session is still open. */
export async function openSignedIn(page: Page): Promise<void> {
  await openApp(page);
  const signOut = page.getByRole('button', { name: 'Đăng xuất' });
  const signIn = page.getByRole('heading', { name: 'Đăng nhập' });
  await expect(signOut.or(signIn)).toBeVisible();
  if (await signIn.isVisible()) {
    await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(signOut).toBeVisible();
  }
}

/** Desktop notifications are recorded instead of shown; `shownNotifications(page)` reads them. */
export async function recordNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    class RecordingNotification {
      static permission = 'granted';
      constructor(title: string, options: { body: string }) {
        shown.push({ title, body: options.body });
      }
    }
    (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
  });
}

export function shownNotifications(page: Page): Promise<{ title: string; body: string }[]> {
  return page.evaluate(
    () => (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications,
  );
}

export function tempFile(name: string, content: Buffer | string): string {
  const dir = process.env.VANTHU_E2E_FILES_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-e2e-files-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Picks a file through the "Chọn tệp PDF" button, as a clerk would. */
export async function chooseFile(page: Page, buttonName: string | RegExp, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: buttonName }).click();
  await (await chooser).setFiles(file);
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/** True when the canvas holds ink: some pixels are clearly darker than paper white. */
export async function canvasHasInk(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) return false;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) {
      if ((data[i] ?? 255) < 128 && (data[i + 1] ?? 255) < 128 && (data[i + 2] ?? 255) < 128) dark++;
    }
    return dark > 50;
  });
}
