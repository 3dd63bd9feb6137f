/**
 * In sổ: the clerk opens the registers with Ctrl+P, sees the incoming register of the year as it
 * will be printed (with the document registered by 01-register.spec.ts), prints it (the print
 * shows the paper alone, A4 landscape), switches to the outgoing register, is told plainly when a
 * date lies outside the year, and saves the register as PDF and as Excel.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test } from './fixtures';
import { openSignedIn, saveScreenshot, tempFile } from './helpers';
import { readZip } from '../unit/xlsx/read-zip';

const SUBJECT = 'Về việc triển khai văn bản điện tử trong Đảng ủy xã';
const YEAR = new Date().getFullYear();

test('the incoming register previewed, printed and saved as PDF and Excel', async ({ page }) => {
  await openSignedIn(page);
  await page.keyboard.press('Control+P');
  await expect(page.getByRole('heading', { name: 'Sổ đăng ký văn bản', level: 1 })).toBeVisible();
  const paper = page.getByRole('article', { name: 'Bản xem trước' });
  await expect(paper.getByRole('heading', { name: 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN' })).toBeVisible();
  await expect(paper).toContainText('ỦY BAN NHÂN DÂN');
  await expect(paper).toContainText(`Năm ${YEAR}`);
  await expect(paper.getByRole('columnheader', { name: 'Tên loại và trích yếu nội dung' })).toBeVisible();
  await expect(paper.getByRole('row').filter({ hasText: SUBJECT }).first()).toContainText('25-CV/ĐU');
  await expect(paper).toContainText('NGƯỜI LẬP SỔ');
  await saveScreenshot(page, 'register-print');

  // Ctrl+P again prints; what is printed is the paper alone, on A4 landscape.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
  await page.keyboard.press('Control+P');
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(page.getByLabel('Năm')).toBeHidden();
  const printed = tempFile('in-so.pdf', await page.pdf({ preferCSSPageSize: true }));
  await page.emulateMedia({ media: 'screen' });
  expect(execFileSync('pdfinfo', [printed], { encoding: 'utf8' })).toMatch(
    /Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/,
  );
  // Words, whatever line the table's wrapping put them on.
  const printedText = execFileSync('pdftotext', [printed, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(printedText).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
  expect(printedText).toContain('Công văn: Về việc triển khai văn bản');
  // Dates fit their column: none is broken over two lines.
  expect(printedText).toMatch(/\b\d{2}\/\d{2}\/\d{4} \d{2} /);
  expect(printedText).not.toMatch(/\/\d{3} \d /);
  expect(printedText).not.toContain('Đăng xuất');
  expect(printedText).not.toContain('Xuất PDF');

  // A date outside the year is refused in plain words; clearing it brings the register back.
  await page.getByLabel('Từ ngày').fill(`01/12/${YEAR - 1}`);
  await expect(page.getByText(`Ngày phải thuộc năm ${YEAR}: sổ được lập theo từng năm`)).toBeVisible();
  await page.getByLabel('Từ ngày').fill('');
  await expect(paper.getByRole('row').filter({ hasText: SUBJECT }).first()).toBeVisible();

  // The outgoing register, saved as PDF and as Excel.
  await page.getByLabel('Sổ', { exact: true }).selectOption({ label: 'Sổ đăng ký văn bản đi' });
  await expect(paper.getByRole('heading', { name: 'SỔ ĐĂNG KÝ VĂN BẢN ĐI' })).toBeVisible();
  await expect(paper.getByRole('columnheader', { name: 'Nơi nhận văn bản' })).toBeVisible();

  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất PDF' }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toBe(`so-di-${YEAR}.pdf`);
  const pdfFile = tempFile('so-di.pdf', fs.readFileSync((await pdf.path()) as string));
  expect(execFileSync('qpdf', ['--check', pdfFile], { encoding: 'utf8' })).toContain(
    'No syntax or stream encoding errors',
  );
  expect(execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' })).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
  await expect(page.getByText(`Đã lưu so-di-${YEAR}.pdf.`)).toBeVisible();

  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất Excel' }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toBe(`so-di-${YEAR}.xlsx`);
  const sheet = readZip(fs.readFileSync((await xlsx.path()) as string)).get('xl/worksheets/sheet1.xml');
  expect(sheet?.toString('utf8')).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
});
