/**
 * A key pressed the moment a screen appears is not lost. The key is sent from a MutationObserver,
 * right after the screen is put on the page: the earliest a clerk (or a test) can react to it.
 * Runs after 01-register.spec.ts (files run in name order, one worker): the app is set up and the
 * decision 01/QĐ-UBND (two pages) is issued.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openSignedIn } from './helpers';

async function pressWhenShown(page: Page, text: string, key: string): Promise<void> {
  const args: { text: string; key: string } = { text, key };
  await page.evaluate((a: { text: string; key: string }) => {
    const observer = new MutationObserver(() => {
      if (!document.body.innerText.includes(a.text)) return;
      observer.disconnect();
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: a.key, bubbles: true, cancelable: true }));
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, args);
}

test('Esc as soon as "Đã vào sổ" appears goes back to the register, which shows the new entry', async ({ page }) => {
  await openSignedIn(page);
  await page
    .getByRole('navigation', { name: 'Các hộp văn bản' })
    .getByRole('button', { name: /Tất cả/ })
    .first()
    .click();
  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('heading', { name: 'Vào sổ văn bản đến' })).toBeVisible();
  await page.getByLabel('Số, ký hiệu').fill('40-CV/VP');
  await page.getByLabel('Cơ quan ban hành').fill('Văn phòng UBND huyện Tân Lạc');
  const subject = 'Về việc chuẩn bị họp giao ban tháng 12';
  await page.getByLabel('Trích yếu').fill(subject);
  await page.getByLabel('Độ mật').selectOption({ label: 'Mật' });

  await pressWhenShown(page, 'Đã vào sổ văn bản đến', 'Escape');
  await page.getByRole('button', { name: 'Vào sổ', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Văn bản đến · Tất cả' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(subject) });
  await expect(row).toBeVisible();
  // A secret document says so in the register, before its subject.
  await expect(row.locator('.secret-tag')).toHaveText('Mật');
});

test('Esc right after turning the page leaves the document without an error', async ({ page }) => {
  await openSignedIn(page);
  const nav = page.getByRole('navigation', { name: 'Các hộp văn bản' });
  // Three times: an error from an earlier round (a late answer of pdf.js) is caught by the next.
  for (let round = 0; round < 3; round++) {
    await nav.getByRole('button', { name: /Đã phát hành/ }).click();
    await page.getByRole('row', { name: /01\/QĐ-UBND/ }).dblclick();
    await expect(page.locator('canvas.pdf-canvas[data-rendered-page="1"]')).toBeVisible();
    // The second page is still being read when the document closes.
    await pressWhenShown(page, 'Trang 2/2', 'Escape');
    await page.getByRole('button', { name: 'Trang sau' }).click();
    await expect(page.getByRole('heading', { name: 'Văn bản đi · Đã phát hành' })).toBeVisible();
  }
});
