/**
 * The register at scale, and without the mouse. Runs last (files run in name order, one
 * worker): it imports 100,000 incoming documents with the real `vanthu import` into the shared
 * data folder, then scrolls the box end to end and registers one more document by keyboard only.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openSignedIn, saveScreenshot, tempFile } from './helpers';

const ROWS = 100_000;

/** Tab (only Tab) until the field labelled `label` has the focus. */
async function tabTo(page: Page, label: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  for (let i = 0; i < 40; i++) {
    if (await field.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${label}"`);
}
const TOPICS = ['công tác cải cách hành chính', 'chuyển đổi số', 'phòng chống thiên tai', 'đại hội chi bộ'];

test('a 100,000-row register scrolls end to end and the keyboard reaches every row', async ({ page }) => {
  test.setTimeout(180_000);
  const records = Array.from({ length: ROWS }, (_, i) => {
    const day = new Date(Date.UTC(2022, 0, 1) + Math.floor((i / ROWS) * 1400) * 86_400_000).toISOString().slice(0, 10);
    return {
      direction: 'in',
      typeName: 'Công văn',
      codeNumber: i + 1,
      codeNotation: 'CV-SNV',
      issuedDate: day,
      organName: 'Sở Nội vụ tỉnh Hòa Bình',
      subject: `Về việc ${TOPICS[i % TOPICS.length]} đợt ${i + 1}`,
      arrivalDate: day,
    };
  });
  const file = tempFile('big-register.json', JSON.stringify(records));
  const dataDir = process.env.VANTHU_E2E_DATA_DIR as string;
  const out = execFileSync(process.execPath, [path.resolve('bin/vanthu.cjs'), 'import', file, '--data-dir', dataDir], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  expect(out).toContain(`Đã nhập ${ROWS}/${ROWS} văn bản`);

  await openSignedIn(page);
  await page
    .getByRole('navigation', { name: 'Các hộp văn bản' })
    .getByRole('button', { name: /Tất cả/ })
    .first()
    .click();
  const grid = page.getByRole('grid', { name: 'Văn bản đến · Tất cả' });
  await expect(grid).toBeVisible();
  await expect.poll(async () => Number(await grid.getAttribute('aria-rowcount')) - 1).toBeGreaterThan(ROWS);
  // Only what is in view is in the page, however long the register.
  expect(await grid.locator('tbody tr').count()).toBeLessThan(80);

  // Scroll to the very end: the oldest entry shows, loaded on demand.
  const scroller = page.locator('.table-scroll.virtual');
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(grid.getByRole('row', { name: /cải cách hành chính đợt 1(?!\d)/ })).toBeVisible();
  // And back to the top with the keyboard (urgent documents first, then the newest).
  await grid.getByRole('row', { name: /đợt 1(?!\d)/ }).click();
  await page.keyboard.press('Home');
  await expect(grid.locator('tbody tr[data-index="0"]')).toBeFocused();
  await expect(grid.getByRole('row', { name: new RegExp(`đợt ${ROWS}(?!\\d)`) })).toBeVisible();
  await page.keyboard.press('PageDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByText(/Dòng \d+\/1\d\d\.\d{3}/)).toBeVisible();
  await saveScreenshot(page, 'register-100k');

  // Sort by a heading: the subject, A to Z.
  await grid.getByRole('button', { name: 'Trích yếu' }).click();
  await expect(grid.getByRole('columnheader', { name: 'Trích yếu' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(grid.locator('tbody tr[data-index]:not(.pending) td.col-subject').nth(10)).toBeVisible();
  const subjects = await grid
    .locator('tbody tr[data-index]:not(.pending) td.col-subject')
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('title') ?? ''));
  // SQLite's NOCASE: bytes compared, ASCII letters without case.
  const key = (s: string) => Buffer.from(s.replace(/[A-Z]/g, (c) => c.toLowerCase()));
  expect(subjects.length).toBeGreaterThan(10);
  expect(subjects).toEqual([...subjects].sort((a, b) => Buffer.compare(key(a), key(b))));

  // Columns chosen are remembered after a reload.
  await page.getByRole('button', { name: 'Cột' }).click();
  await page.getByRole('checkbox', { name: 'Hạn xử lý' }).check();
  await page.keyboard.press('Escape');
  await page.reload();
  await expect(page.getByRole('columnheader', { name: 'Hạn xử lý' })).toBeVisible();
});

test('a document is registered, found and opened with the keyboard alone', async ({ page }) => {
  await openSignedIn(page);
  // The register has the focus from the start: ↓ moves down its rows, not the page.
  await expect(page.locator('tr[data-index="0"]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('tr[data-index="1"]')).toBeFocused();
  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('heading', { name: /Vào sổ văn bản (đến|đi)/ })).toBeVisible();
  // The form opens with the cursor in its first field; Tab walks it in the register's order.
  const subject = 'Về việc kiểm tra bàn phím vào sổ nhanh';
  await tabTo(page, 'Số, ký hiệu');
  await page.keyboard.type('77/TB-UBND');
  await tabTo(page, 'Cơ quan ban hành');
  await page.keyboard.type('Ủy ban nhân dân huyện Lạc Sơn');
  await tabTo(page, 'Trích yếu');
  await page.keyboard.type(subject);
  await page.keyboard.press('Control+S');
  await expect(page.getByText(/Đã vào sổ văn bản đến/)).toBeVisible();
  await page.keyboard.press('Escape');

  // Search (Ctrl+K), ↓ into the results, Enter opens.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('kiem tra ban phim');
  // Every key reached the search box: nothing took the focus while the list was refreshing.
  await expect(page.getByRole('searchbox')).toHaveValue('kiem tra ban phim');
  await expect(page.getByRole('row', { name: new RegExp(subject) })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('row', { name: new RegExp(subject) })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Văn bản đến · Số đến \d+/ })).toBeVisible();
  await expect(page.getByText(subject)).toBeVisible();

  // Ctrl+K from the document, typing at once: no key is lost on the way back to the register.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('kiem tra ban phim');
  await expect(page.getByRole('searchbox')).toHaveValue('kiem tra ban phim');
  await expect(page.getByRole('searchbox')).toBeFocused();

  // Alt+L: back to the register with the cursor in the first filter; ↓ picks this year.
  await page.keyboard.press('Alt+L');
  const year = page.getByLabel('Năm', { exact: true });
  await expect(year).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(year).toHaveValue(String(new Date().getFullYear()));
  await expect(page.getByRole('row', { name: new RegExp(subject) })).toBeVisible();
});
