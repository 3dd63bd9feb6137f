/**
 * Handling an incoming document (DOMAIN.md): the administrator makes a leader's and a handler's
 * accounts; the clerk registers a document; the leader types the directive naming the handler
 * as chủ trì; the handler finds it in their own "Chờ xử lý", starts it and finishes it; the clerk
 * sees the counts of Chờ xử lý and Đã xử lý change, and the report counts the handler's work.
 * Runs after 11-organisations.spec.ts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ADMIN, openSignedIn, recordNotifications, saveScreenshot, shownNotifications, tempFile } from './helpers';
import { readZip } from '../unit/xlsx/read-zip';

const LEADER = { username: 'lanhdao', fullName: 'Trần Văn Chủ Tịch', password: 'LanhDao@2026' };
const HANDLER = { username: 'chuyenvien', fullName: 'Nguyễn Thị Chuyên Viên', password: 'ChuyenVien@2026' };
const UNIT = 'Văn phòng - Thống kê';
const SUBJECT = 'Về việc báo cáo kết quả phòng chống thiên tai năm 2026';

/** Today in Vietnam, as a clerk types it. */
function todayVi(): string {
  const [y, m, d] = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

async function signInAs(page: Page, who: { username: string; password: string; fullName: string }) {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByLabel('Tên đăng nhập').fill(who.username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByText(who.fullName)).toBeVisible();
}

/** The count beside a box of the incoming register. */
async function boxCount(page: Page, label: RegExp): Promise<number> {
  const box = page.getByRole('navigation', { name: 'Các hộp văn bản' }).getByRole('button', { name: label });
  await expect(box.locator('.box-count')).not.toHaveText('…');
  return Number((await box.locator('.box-count').innerText()).replace(/\D/g, ''));
}

async function openFromBox(page: Page, label: RegExp) {
  await page.getByRole('navigation', { name: 'Các hộp văn bản' }).getByRole('button', { name: label }).first().click();
  await page.getByRole('searchbox', { name: 'Tìm văn bản' }).fill('bao cao ket qua phong chong thien tai');
  // A double click opens it (the keyboard path is 20-big-register's).
  await page.getByRole('row', { name: new RegExp(SUBJECT) }).dblclick();
  await expect(page.getByRole('heading', { name: /Văn bản đến · Số đến/ })).toBeVisible();
}

async function createAccount(page: Page, who: typeof LEADER, role: string) {
  await page.getByLabel('Tên đăng nhập').fill(who.username);
  await page.getByLabel('Họ tên').fill(who.fullName);
  await page.getByLabel('Vai trò', { exact: true }).selectOption({ label: role });
  await page.getByLabel('Mật khẩu ban đầu').fill(who.password);
  await page.getByLabel('Nhập lại mật khẩu').fill(who.password);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.getByText(`Đã tạo tài khoản ${who.username}.`)).toBeVisible();
}

// Whoever a test left signed in, the next spec starts from the sign-in screen.
test.afterEach(async ({ page }) => {
  const signOut = page.getByRole('button', { name: 'Đăng xuất' });
  if (await signOut.isVisible()) await signOut.click();
});

test('a leader directs, the handler completes, the clerk sees the counts change', async ({ page }) => {
  // Desktop notifications, recorded instead of shown.
  await recordNotifications(page);
  await openSignedIn(page);
  await page.keyboard.press('Alt+Q');
  await page.getByRole('tab', { name: 'Tài khoản' }).click();
  await createAccount(page, LEADER, 'Lãnh đạo');
  await createAccount(page, HANDLER, 'Chuyên viên xử lý');

  // Đơn vị: the handler works in the office; Ngày nghỉ: Tết is already in the calendar.
  await page.getByRole('tab', { name: 'Đơn vị' }).click();
  await page.getByLabel('Tên đơn vị').fill(UNIT);
  await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await expect(page.getByText(`Đã thêm đơn vị “${UNIT}”.`)).toBeVisible();
  await page.getByLabel(`Đơn vị của ${HANDLER.fullName}`).selectOption({ label: UNIT });
  await expect(page.getByText(`Đã xếp đơn vị cho ${HANDLER.fullName}.`)).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Các đơn vị' }).getByRole('row', { name: new RegExp(UNIT) }),
  ).toContainText('1');
  await page.getByRole('tab', { name: 'Ngày nghỉ' }).click();
  await page.getByRole('combobox', { name: 'Năm' }).selectOption('2026');
  await expect(page.getByRole('table', { name: 'Ngày nghỉ năm 2026' })).toContainText('Thứ Ba, 17/02/2026');
  await expect(page.getByRole('table', { name: 'Ngày nghỉ năm 2026' })).toContainText('Tết Nguyên đán (mùng 1)');
  // This workstation is connected (07): it takes the days off the inbox server keeps.
  await page.getByRole('button', { name: 'Nhận từ máy chủ' }).click();
  await expect(page.getByText('Đã nhận từ máy chủ: thêm 1 ngày nghỉ, cập nhật tên 0 ngày.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Năm' }).selectOption('2027');
  const received = page.getByRole('row', { name: /31\/12\/2027/ });
  await expect(received).toContainText('Nghỉ bù cuối năm 2027');
  await expect(received).toContainText('Từ máy chủ');
  await saveScreenshot(page, 'holidays');

  // The clerk registers a document; it waits to be handled.
  await page
    .getByRole('navigation', { name: 'Các hộp văn bản' })
    .getByRole('button', { name: /Tất cả/ })
    .first()
    .click();
  await page.keyboard.press('Alt+N');
  await page.getByLabel('Số, ký hiệu').fill('31/UBND-NN');
  await page.getByLabel('Loại văn bản').selectOption('Công văn');
  await page.getByLabel('Cơ quan ban hành').fill('Ủy ban nhân dân huyện Hòa Vang');
  await page.getByLabel('Trích yếu').fill(SUBJECT);
  await page.getByRole('button', { name: 'Vào sổ', exact: true }).click();
  await expect(page.getByText(/Đã vào sổ văn bản đến/)).toBeVisible();
  await page.keyboard.press('Escape');
  const pendingBefore = await boxCount(page, /Chờ xử lý/);
  const handledBefore = await boxCount(page, /Đã xử lý/);
  expect(pendingBefore).toBeGreaterThan(0);

  // The leader types the directive: the handler is chủ trì, the deadline the suggested one.
  await signInAs(page, LEADER);
  await openFromBox(page, /Chờ xử lý/);
  const panel = page.getByRole('region', { name: 'Xử lý văn bản' });
  await expect(panel).toContainText('Chưa có ý kiến chỉ đạo.');
  await panel.getByRole('button', { name: 'Ghi ý kiến chỉ đạo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ý kiến chỉ đạo' });
  await expect(dialog.getByLabel('Lãnh đạo chỉ đạo')).toHaveCount(0); // a leader's own directive
  await dialog.getByLabel('Nội dung chỉ đạo').fill('Giao đồng chí Chuyên Viên chủ trì tham mưu báo cáo đúng hạn.');
  await dialog.getByLabel('Chủ trì').selectOption({ label: `${HANDLER.fullName} (${UNIT})` });
  await expect(dialog.getByText(/Để trống: \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
  // Due today: the handler is reminded as soon as they sign in.
  await dialog.getByLabel('Hạn xử lý').fill(todayVi());
  await saveScreenshot(page, 'directive');
  await dialog.getByRole('button', { name: 'Lưu ý kiến chỉ đạo' }).click();
  await expect(page.getByText('Đã lưu ý kiến chỉ đạo và giao việc.')).toBeVisible();
  const mainLine = panel.locator('li[data-part="main"]');
  await expect(mainLine).toContainText(HANDLER.fullName);
  await expect(mainLine).toContainText('Chờ xử lý');
  await expect(mainLine).toContainText(/Hạn \d{2}\/\d{2}\/\d{4}/);
  await expect(panel).toContainText(`${LEADER.fullName} chỉ đạo lúc`);

  // The handler finds it in their own box, starts it and finishes it.
  await signInAs(page, HANDLER);
  expect(await boxCount(page, /Chờ xử lý/)).toBe(1);
  expect(await boxCount(page, /Sắp đến hạn/)).toBe(1);
  await expect
    .poll(() => shownNotifications(page))
    .toContainEqual({
      title: 'Nhắc hạn xử lý văn bản',
      body: expect.stringContaining('1 văn bản sắp đến hạn') as unknown,
    });
  await openFromBox(page, /Chờ xử lý/);
  await expect(panel.getByRole('button', { name: 'Ghi ý kiến chỉ đạo' })).toHaveCount(0);
  await mainLine.getByRole('button', { name: 'Bắt đầu xử lý' }).click();
  await expect(mainLine).toContainText('Đang xử lý');
  await mainLine.getByRole('button', { name: 'Hoàn thành' }).click();
  const finish = page.getByRole('dialog', { name: 'Hoàn thành xử lý' });
  await finish.getByLabel('Ghi chú').fill('Đã tham mưu báo cáo gửi huyện.');
  await finish.getByRole('button', { name: 'Hoàn thành' }).click();
  await expect(mainLine).toContainText('Đã xử lý');
  await mainLine.getByText('Lịch sử').click();
  await expect(mainLine).toContainText('Đã tham mưu báo cáo gửi huyện.');
  await saveScreenshot(page, 'handling');
  await page.keyboard.press('Escape');
  expect(await boxCount(page, /Chờ xử lý/)).toBe(0);
  expect(await boxCount(page, /Đã xử lý/)).toBe(1);

  // The clerk's register: one fewer to handle, one more handled.
  await signInAs(page, ADMIN);
  await expect.poll(() => boxCount(page, /Chờ xử lý/)).toBe(pendingBefore - 1);
  expect(await boxCount(page, /Đã xử lý/)).toBe(handledBefore + 1);

  // Báo cáo (Alt+B): the handler's line counts as done this year; the report saves as PDF.
  await page.keyboard.press('Alt+B');
  await expect(page.getByRole('heading', { name: 'Báo cáo tình hình xử lý văn bản', level: 1 })).toBeVisible();
  const byHandler = page.getByRole('region', { name: 'Tồn đọng theo người xử lý' });
  const handlerRow = byHandler.getByRole('row').filter({ hasText: HANDLER.fullName });
  await expect(handlerRow.getByRole('cell')).toHaveText([UNIT, '0', '0', '0', '1', '0']);
  await expect(page.getByRole('region', { name: 'Văn bản đến theo loại và tháng' })).toContainText('Công văn');
  await saveScreenshot(page, 'reports');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất PDF' }).click();
  const pdf = await download;
  const year = new Date().getFullYear();
  expect(pdf.suggestedFilename()).toBe(`bao-cao-xu-ly-van-ban-${year}.pdf`);
  const file = tempFile('bao-cao.pdf', fs.readFileSync((await pdf.path()) as string));
  expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain(
    'No syntax or stream encoding errors',
  );
  expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain(HANDLER.fullName);
});

test('a search kept under a name opens again with its box, words and columns', async ({ page }) => {
  await openSignedIn(page);
  const boxes = page.getByRole('navigation', { name: 'Các hộp văn bản' });
  await boxes.getByRole('button', { name: /Đã xử lý/ }).click();
  await page.getByRole('searchbox', { name: 'Tìm văn bản' }).fill('thien tai');
  await expect(page.getByRole('row', { name: new RegExp(SUBJECT) })).toBeVisible();
  await page.getByRole('button', { name: 'Lưu tìm kiếm' }).click();
  await page.getByRole('dialog', { name: 'Lưu tìm kiếm' }).getByLabel('Tên tìm kiếm').fill('Thiên tai đã xử lý');
  await page.getByRole('dialog', { name: 'Lưu tìm kiếm' }).getByRole('button', { name: 'Lưu' }).click();

  // Elsewhere, then back in one click.
  await boxes
    .getByRole('button', { name: /Tất cả/ })
    .first()
    .click();
  await page.getByRole('searchbox', { name: 'Tìm văn bản' }).fill('');
  await boxes.getByRole('button', { name: 'Thiên tai đã xử lý', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Văn bản đến · Đã xử lý', level: 1 })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Tìm văn bản' })).toHaveValue('thien tai');
  await expect(page.getByRole('row', { name: new RegExp(SUBJECT) })).toBeVisible();
  // Kept across a reload; removed with its ×.
  await page.reload();
  await boxes.getByRole('button', { name: 'Xóa tìm kiếm đã lưu “Thiên tai đã xử lý”' }).click();
  await expect(boxes.getByRole('button', { name: 'Thiên tai đã xử lý', exact: true })).toHaveCount(0);
});

test('an issued decision is chosen for the web portal and its package saved', async ({ page }) => {
  await openSignedIn(page);
  const boxes = page.getByRole('navigation', { name: 'Các hộp văn bản' });
  await boxes.getByRole('button', { name: /Đã phát hành/ }).click();
  await page.getByRole('row', { name: /Về việc kiện toàn Tổ công nghệ số cộng đồng/ }).dblclick();
  const portal = page.getByRole('region', { name: 'Cổng thông tin điện tử' });
  await expect(portal).toContainText('Chưa chọn đăng lên cổng thông tin');
  await portal.getByRole('button', { name: 'Chọn đăng cổng thông tin' }).click();
  await expect(portal).toContainText('Đã chọn đăng lúc');
  const download = page.waitForEvent('download');
  await portal.getByRole('button', { name: 'Xuất gói đăng tải' }).click();
  const zip = await download;
  expect(zip.suggestedFilename()).toMatch(/^cong-thong-tin-\d+-\d{8}\.zip$/);
  const entries = readZip(fs.readFileSync((await zip.path()) as string));
  const metadata = [...entries].find(([name]) => name.endsWith('/metadata.json'));
  expect(JSON.parse(metadata![1].toString('utf8'))).toMatchObject({
    format: 'vanthu.portal/1',
    subject: 'Về việc kiện toàn Tổ công nghệ số cộng đồng xã Hòa Bình',
  });
  expect([...entries.keys()].some((name) => name.endsWith('.pdf'))).toBe(true);
  await expect(portal).toContainText('đã xuất gói lúc');

  // This workstation is connected (07): the package also goes to the inbox server.
  await portal.getByRole('button', { name: 'Gửi lên cổng qua máy chủ' }).click();
  await expect(portal).toContainText('Đã xếp hàng gửi gói đăng tải');
  await expect(portal).toContainText('máy chủ đã nhận lúc', { timeout: 20_000 });
});
