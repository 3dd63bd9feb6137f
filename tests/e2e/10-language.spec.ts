/**
 * English for support staff: switched on the sign-in screen by keyboard, it carries into the
 * register; switching back to Vietnamese in the top bar keeps what was typed in a form. The
 * choice is remembered on the machine, and the test leaves it Vietnamese.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ADMIN, openApp, saveScreenshot } from './helpers';

const SHORT_DATE = /\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b/;

/** The app's sign-in screen: the host keeps one session, so an earlier spec's is closed first. */
async function openSignedOut(page: Page): Promise<void> {
  await openApp(page);
  const signOut = page.getByRole('button', { name: 'Đăng xuất' });
  const signIn = page.getByRole('heading', { name: 'Đăng nhập' });
  await expect(signOut.or(signIn)).toBeVisible();
  if (await signOut.isVisible()) await signOut.click();
  await expect(signIn).toBeVisible();
}

test('switch to English on the sign-in screen, work in English, switch back without losing the form', async ({
  page,
}) => {
  await openSignedOut(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  const languages = page.getByRole('group', { name: 'Ngôn ngữ' });
  await expect(languages.getByRole('button', { name: 'Tiếng Việt' })).toHaveAttribute('aria-pressed', 'true');

  // By keyboard: from the password, past "Đăng nhập" and "Tiếng Việt", to "English".
  await page.getByLabel('Mật khẩu', { exact: true }).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(languages.getByRole('button', { name: 'English' })).toBeFocused();
  await page.keyboard.press('Space');

  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('VanThu – Document register');
  await expect(page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'English' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.getByLabel('User name').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  // The register in English: boxes, headings, columns, labels of values and dates.
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Incoming documents · All' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Document boxes' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /Arrival no\./ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /Issuing organ/ })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search documents' })).toBeVisible();
  // The first spec registered an urgent incoming document ("Khẩn"); later ones may add more.
  const row = page
    .getByRole('row')
    .filter({ has: page.locator('.urgency-tag', { hasText: /^Urgent$/ }) })
    .first();
  await expect(row).toContainText('Urgent');
  await expect(row).toContainText(SHORT_DATE);
  await expect(page.getByText('Administrator', { exact: true })).toBeVisible();
  await saveScreenshot(page, 'english');

  // The document page too: heading, details, dates and the signatures panel.
  await row.click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Incoming document · Arrival no\. \d+$/ })).toBeVisible();
  const details = page.getByRole('complementary', { name: 'Document details' });
  await expect(details).toContainText('Issuing organ');
  await expect(details).toContainText(SHORT_DATE);
  await expect(details).toContainText('Urgent');
  await expect(page.getByRole('heading', { name: 'Digital signatures' })).toBeVisible();
  await expect(page.getByText('The document carries no digital signature.')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('navigation', { name: 'Document boxes' }).getByRole('button', { name: /All/ }).first().click();
  await expect(page.getByRole('heading', { name: 'Incoming documents · All' })).toBeVisible();

  // Administration in English, down to the counters' periods (the first spec gave numbers).
  await page.keyboard.press('Alt+Q');
  await expect(page.getByRole('heading', { name: 'Administration', level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: 'Registers and sequences' }).click();
  const counters = page.locator('.admin-counters').first();
  await expect(counters).toContainText(/(Year \d{4}|Term .+): up to \d{2}/);
  await expect(page.getByRole('tabpanel')).not.toContainText(/Năm \d{4}|Nhiệm kỳ/);
  await page.keyboard.press('Escape');
  await page.getByRole('navigation', { name: 'Document boxes' }).getByRole('button', { name: /All/ }).first().click();
  await expect(page.getByRole('heading', { name: 'Incoming documents · All' })).toBeVisible();

  // A form half typed in English…
  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('heading', { name: 'Register an incoming document' })).toBeVisible();
  const subject = 'Về việc chuẩn bị hội nghị sơ kết chuyển đổi số';
  await page.getByLabel('Number and notation').fill('31-CV/ĐU');
  await expect(page.getByText('Number 31 · notation CV/ĐU')).toBeVisible();
  await page.getByLabel('Issuing organ').fill('Đảng ủy xã Hòa Bình');
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('Document date').fill('08/06/2026');
  await expect(page.getByText('→ 8 June 2026')).toBeVisible();

  // …keeps every typed value when the top bar switches back to Vietnamese.
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(page.getByRole('heading', { name: 'Vào sổ văn bản đến' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
  await expect(page.getByLabel('Số, ký hiệu')).toHaveValue('31-CV/ĐU');
  await expect(page.getByText('Số 31 · ký hiệu CV/ĐU')).toBeVisible();
  await expect(page.getByLabel('Cơ quan ban hành')).toHaveValue('Đảng ủy xã Hòa Bình');
  await expect(page.getByLabel('Trích yếu')).toHaveValue(subject);
  await expect(page.getByLabel('Ngày văn bản')).toHaveValue('08/06/2026');
  await expect(page.getByText('→ ngày 08 tháng 6 năm 2026')).toBeVisible();
  await expect(page).toHaveTitle('VanThu – Sổ đăng ký văn bản');

  // And once more to English and back: the form is the same form.
  await page.getByRole('group', { name: 'Ngôn ngữ' }).getByRole('button', { name: 'English' }).click();
  await expect(page.getByLabel('Subject')).toHaveValue(subject);
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(page.getByLabel('Trích yếu')).toHaveValue(subject);
});

test('the language is remembered on the machine, and left Vietnamese', async ({ page }) => {
  await openSignedOut(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('vanthu.language'))).toBe('en');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  expect(await page.evaluate(() => localStorage.getItem('vanthu.language'))).toBe('vi');
});
