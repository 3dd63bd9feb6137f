/**
 * A document from another organisation waits in "Chờ tiếp nhận" (here brought in as an edXML
 * package with the real command, as a clerk does for systems outside the inbox server): the
 * clerk opens it, finds the fields filled in, registers it, and the box empties. A second one is
 * refused with a reason. Runs after 01 (the organisation and the administrator exist).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './fixtures';
import { makeTestPdf } from '../fixtures/pdf';
import { writeDocumentPackage } from '../../src-main/core/sync/edxml';
import { DocumentHeader } from '../../src-shared/sync/protocol';
import { openSignedIn, recordNotifications, saveScreenshot, shownNotifications, tempFile } from './helpers';

test.describe.configure({ mode: 'serial' });

function importPackage(n: number, subject: string, urgency: 'normal' | 'hoa_toc'): void {
  const xml = writeDocumentPackage({
    from: { organId: '000.00.00.H42', name: 'Đảng ủy xã Hòa Bình' },
    to: [{ organId: '000.00.00.H41', name: 'Ủy ban nhân dân xã Hòa Bình' }],
    header: DocumentHeader.parse({
      documentId: `000.00.00.H42,2026/11/21,${n}-CV/ĐU`,
      codeNumber: String(n),
      codeNotation: 'CV/ĐU',
      promulgationDate: '2026-11-21',
      typeName: 'Công văn',
      subject,
      signerName: 'Trần Văn Bình',
      signerPosition: 'Bí thư',
      urgency,
      secrecy: 'none',
      pageAmount: 1,
    }),
    files: [{ name: `cv-${n}-du.pdf`, mediaType: 'application/pdf', bytes: makeTestPdf([[`CONG VAN SO ${n}-CV/DU`]]) }],
    sentAt: '2026-11-21T08:00:00+07:00',
  });
  const file = tempFile(`goi-${n}.xml`, xml);
  const r = spawnSync(
    process.execPath,
    [path.resolve('bin/vanthu.cjs'), '--data-dir', process.env.VANTHU_E2E_DATA_DIR!, 'edxml', 'import', file],
    { encoding: 'utf8' },
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

test('a received document is registered from its pre-filled form; another is refused', async ({ page }) => {
  importPackage(41, 'Về việc tổ chức Hội nghị học tập Nghị quyết', 'normal');
  importPackage(42, 'Về việc báo cáo nhanh tình hình mưa lũ', 'hoa_toc');
  await openSignedIn(page);

  const boxes = page.getByRole('navigation', { name: 'Các hộp văn bản' });
  const waiting = boxes.getByRole('button', { name: /Chờ tiếp nhận/ });
  await expect(waiting).toContainText('2');
  await waiting.click();
  await expect(page.getByRole('heading', { name: 'Văn bản chờ tiếp nhận' })).toBeVisible();
  // Urgent first.
  const rows = page.locator('.register-table tbody tr');
  await expect(rows.first()).toContainText('báo cáo nhanh tình hình mưa lũ');
  await expect(rows.first()).toContainText('Hỏa tốc');
  await expect(rows.first()).toContainText('42-CV/ĐU');
  await saveScreenshot(page, '10-inbox');

  // The keyboard: down to the second row, Enter opens it.
  await page.locator('.register-table tbody').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Tiếp nhận văn bản điện tử' })).toBeVisible();
  await expect(page.getByLabel('Trích yếu')).toHaveValue('Về việc tổ chức Hội nghị học tập Nghị quyết');
  await expect(page.getByLabel('Cơ quan ban hành')).toHaveValue('Đảng ủy xã Hòa Bình');
  await expect(page.getByLabel('Số, ký hiệu')).toHaveValue('41-CV/ĐU');
  await expect(page.getByText('cv-41-du.pdf')).toBeVisible();
  // Checked before the clerk decides: this test package carries no signature.
  await expect(page.getByText('Kiểm tra chữ ký số của văn bản nhận được')).toBeVisible();
  await expect(page.getByText('Văn bản không có chữ ký số.')).toBeVisible();
  await page.getByRole('button', { name: 'Vào sổ', exact: true }).click();
  await expect(page.getByText(/Đã vào sổ văn bản đến\. Số đến: \d+\./)).toBeVisible();
  await expect(page.getByRole('heading', { name: /Văn bản đến · Số đến/ })).toBeVisible();
  await expect(page.locator('.file-link', { hasText: 'cv-41-du.pdf' })).toBeVisible();
  await expect(waiting).toContainText('1');

  // The urgent one is refused with a reason.
  await waiting.click();
  await rows.first().getByRole('button').click();
  await page.getByRole('button', { name: 'Từ chối' }).click();
  const dialog = page.getByRole('dialog', { name: 'Từ chối văn bản' });
  await dialog.getByLabel('Lý do từ chối').fill('Gửi nhầm đơn vị, đề nghị gửi Ban Chỉ huy quân sự xã');
  await dialog.getByRole('button', { name: 'Từ chối' }).click();
  await expect(page.getByText('Đã từ chối văn bản; nơi gửi sẽ được báo.')).toBeVisible();
  await expect(page.getByText('Không có văn bản nào chờ tiếp nhận.')).toBeVisible();
  await expect(waiting).toContainText('0');
});

test('an urgent document arriving while the app is open is announced on the desktop', async ({ page }) => {
  // The browser's notifications, recorded instead of shown.
  await recordNotifications(page);
  await openSignedIn(page);
  const waiting = page
    .getByRole('navigation', { name: 'Các hộp văn bản' })
    .getByRole('button', { name: /Chờ tiếp nhận/ });
  await expect(waiting).toContainText('0');
  importPackage(43, 'Về việc ứng phó khẩn cấp với bão số 9', 'hoa_toc');
  importPackage(44, 'Về việc mời họp giao ban tháng', 'normal');
  await expect(waiting).toContainText('2', { timeout: 15_000 });
  // Deadline reminders (12-handling) may be shown too; this test is about arrivals.
  const shown = async () => (await shownNotifications(page)).filter((n) => n.title !== 'Nhắc hạn xử lý văn bản');
  await expect
    .poll(shown)
    .toEqual([
      { title: 'Văn bản hỏa tốc mới đến', body: 'Đảng ủy xã Hòa Bình: Về việc ứng phó khẩn cấp với bão số 9' },
    ]);
});
