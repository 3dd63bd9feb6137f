/**
 * The exchange through the real inbox server (started by global-setup): the administrator
 * connects this workstation with a one-time code; the clerk issues a document and sends it to
 * another commune from the directory; that commune's workstation (VanThu's engine, in the test)
 * receives and registers it; the sender's recipient line goes "Đã gửi" → "Đã tiếp nhận".
 * Runs after 01 (the organisation 000.00.00.H41 and the administrator exist).
 */
import { expect, test } from './fixtures';
import { createServices, type Services } from '../../src-main/core/services';
import { SetupInput } from '../../src-shared/ipc/schemas';
import { makeTestPdf } from '../fixtures/pdf';
import { APP_ROOT, STATE_SETUP, tempDir } from '../unit/core/helpers';
import { chooseFile, openSignedIn, saveScreenshot, tempFile } from './helpers';

test.describe.configure({ mode: 'serial' });

let peer: Services | null = null;
test.afterAll(() => peer?.close());

test('connect to the inbox server, send an issued document, and see it received', async ({ page }) => {
  const inboxUrl = process.env.VANTHU_E2E_INBOX_URL!;
  await openSignedIn(page);

  // The administrator connects the workstation.
  const indicator = page.getByRole('button', { name: /^Liên thông:/ });
  await expect(indicator).toContainText('Chưa kết nối liên thông');
  await indicator.click();
  const panel = page.getByRole('region', { name: 'Chi tiết liên thông' });
  await panel.getByLabel('Địa chỉ máy chủ').fill(inboxUrl);
  await panel.getByLabel('Mã đăng ký').fill('SAI-MA-DANG-KY');
  await panel.getByRole('button', { name: 'Kết nối' }).click();
  await expect(panel).toContainText('Mã đăng ký không đúng, đã dùng hoặc đã hết hạn');
  await panel.getByLabel('Mã đăng ký').fill(process.env.VANTHU_E2E_ENROLL_CODE!);
  await panel.getByRole('button', { name: 'Kết nối' }).click();
  await expect(panel).toContainText('Đã kết nối máy chủ liên thông với tư cách “Ủy ban nhân dân xã Hòa Bình”.');
  await expect(indicator).toContainText('Đang kết nối');
  await indicator.click();

  // The other commune's workstation.
  peer = createServices({ dataDir: tempDir('vanthu-e2e-peer-'), appRoot: APP_ROOT });
  peer.setup(
    SetupInput.parse({
      ...STATE_SETUP,
      organisation: { ...STATE_SETUP.organisation, organId: '000.00.00.H43', name: 'Ủy ban nhân dân xã Hòa Lạc' },
    }),
  );
  await peer.sync.enroll(inboxUrl, process.env.VANTHU_E2E_PEER_CODE!, 'Máy văn thư Hòa Lạc', { start: false });

  // The clerk issues a công văn and sends it.
  const boxes = page.getByRole('navigation', { name: 'Các hộp văn bản' });
  await boxes.getByRole('button', { name: /Dự thảo/ }).click();
  await page.keyboard.press('Alt+N');
  await page.getByLabel('Loại văn bản').selectOption('Công văn');
  await page.getByLabel('Trích yếu').fill('Về việc phối hợp tổ chức giải bóng đá thanh niên liên xã');
  await page.getByLabel('Đơn vị soạn thảo').fill('VP');
  await chooseFile(page, 'Chọn tệp PDF', tempFile('cv-bong-da.pdf', makeTestPdf([['CONG VAN GIAI BONG DA']])));
  await expect(page.getByText('Tệp chính · ')).toContainText('1 trang');
  await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
  await expect(page.getByText('Đã lưu dự thảo văn bản đi.')).toBeVisible();
  await page.getByRole('button', { name: 'Phát hành', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Phát hành văn bản' })
    .getByRole('button', { name: 'Phát hành', exact: true })
    .click();
  await expect(page.getByText(/Đã phát hành\. Số: \d+\/UBND-VP\./)).toBeVisible();

  await page.getByRole('button', { name: 'Gửi liên thông' }).click();
  const send = page.getByRole('dialog', { name: 'Gửi văn bản qua liên thông' });
  await send.getByRole('searchbox', { name: 'Tìm cơ quan trong danh bạ' }).fill('hoa lac');
  await send.getByRole('checkbox', { name: /Ủy ban nhân dân xã Hòa Lạc/ }).check();
  await send.getByRole('button', { name: 'Gửi liên thông' }).click();
  await expect(page.getByText('Đã xếp hàng gửi tới 1 nơi nhận.')).toBeVisible();
  const recipients = page.getByRole('region', { name: 'Tình trạng gửi liên thông' });
  await expect(recipients).toContainText('Ủy ban nhân dân xã Hòa Lạc');
  // Sent in the background within seconds.
  await expect(recipients).toContainText('Đã gửi', { timeout: 20_000 });

  // The other commune receives and registers it.
  await expect.poll(async () => (await peer!.sync.syncNow()).waitingToReceive, { timeout: 20_000 }).toBe(1);
  const [item] = peer.sync.exchange.inbox();
  peer.sync.register(item!.id, peer.sync.exchange.inboxItem(item!.id).fields, 'vanthu-hoalac');
  await peer.sync.syncNow();

  // The sender sees it received.
  await indicator.click();
  await page.getByRole('region', { name: 'Chi tiết liên thông' }).getByRole('button', { name: 'Đồng bộ ngay' }).click();
  await expect(recipients).toContainText('Đã tiếp nhận', { timeout: 20_000 });
  await expect(recipients).toContainText('Số đến 1');
  await indicator.click();
  await recipients.scrollIntoViewIfNeeded();
  await saveScreenshot(page, '11-exchange');
});
