/**
 * One workstation, two registers (a commune's UBND and its Đảng ủy): the administrator adds the
 * second organisation in Quản trị, the top bar then switches between their registers, each with
 * its own arrival numbers, and the choice is remembered. Runs after 01-register.spec.ts.
 */
import { expect, test } from './fixtures';
import { openSignedIn } from './helpers';

const PARTY = 'Đảng ủy xã Hòa Bình';
const STATE = 'Ủy ban nhân dân xã Hòa Bình';
const SUBJECT = 'Về việc chuẩn bị đại hội chi bộ thôn Đông Hà';

test('a second organisation is added, its register chosen in the top bar, and kept apart', async ({ page }) => {
  await openSignedIn(page);
  const switcher = page.getByRole('combobox', { name: 'Sổ của cơ quan' });
  if (!(await switcher.isVisible())) {
    await page.keyboard.press('Alt+Q');
    await page.getByRole('tab', { name: 'Cơ quan và nhiệm kỳ' }).click();
    await page.getByText('Thêm cơ quan khác trên máy này').click();
    await page.locator('#new-org-name').fill(PARTY);
    await page.locator('#new-org-organ-id').fill('000.00.00.H42');
    await page.locator('#new-org-abbreviation').fill('ĐU');
    await page.locator('#new-org-regime').selectOption('party');
    await page.locator('#new-org-term-name').fill('2025-2030');
    await page.locator('#new-org-term-start').fill('01/10/2025');
    await page.getByRole('button', { name: 'Thêm cơ quan' }).click();
    // Quản trị turns to the new organisation, ready for its terms and counters.
    await expect(page.locator('#new-org-name')).toBeHidden();
    await expect(page.getByLabel('Tên cơ quan', { exact: true }).first()).toHaveValue(PARTY);
  }
  // The register this workstation numbers for comes first; the other one is a choice away.
  await expect(switcher).toBeVisible();
  await expect(switcher.locator('option:checked')).toHaveText(STATE);
  await switcher.selectOption({ label: PARTY });
  await expect(page.getByRole('heading', { name: /Văn bản đến · Tất cả/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Tất cả/ }).first()).toContainText('0');

  // A document registered here takes the Đảng ủy's own first arrival number.
  await page.keyboard.press('Alt+N');
  await page.getByLabel('Số, ký hiệu').fill('12-CV/HU');
  await page.getByLabel('Cơ quan ban hành').fill('Huyện ủy Hòa Vang');
  await page.getByLabel('Trích yếu').fill(SUBJECT);
  await page.keyboard.press('Control+S');
  await expect(page.getByText(/Đã vào sổ văn bản đến/)).toBeVisible();
  await expect(page.getByRole('heading', { name: /Số đến 1$/ })).toBeVisible();

  // Remembered on this machine, and the UBND's register does not show the Đảng ủy's document.
  await page.reload();
  await expect(switcher.locator('option:checked')).toHaveText(PARTY);
  await expect(page.getByRole('row', { name: new RegExp(SUBJECT) })).toBeVisible();
  await switcher.selectOption({ label: STATE });
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(SUBJECT) })).toHaveCount(0);
});
