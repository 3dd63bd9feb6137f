/**
 * edXML through the real command: one workstation exports an issued document, another imports
 * the package into "Chờ tiếp nhận" and registers it with the sender's fields and file intact.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../src-main/core/services';
import { DocumentFields, SetupInput } from '../../src-shared/ipc/schemas';
import { makeTestPdf } from '../fixtures/pdf';
import { APP_ROOT, STATE_SETUP, tempDir } from '../unit/core/helpers';

const BIN = path.join(APP_ROOT, 'bin', 'vanthu.cjs');

function vanthu(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function workstation(setup: typeof STATE_SETUP) {
  const dir = tempDir('vanthu-edxml-');
  const s = createServices({ dataDir: dir, appRoot: APP_ROOT });
  s.setup(SetupInput.parse(setup));
  return { dir, s };
}

describe('vanthu edxml', () => {
  it('exports an issued document and imports it elsewhere as a pre-filled incoming document', async () => {
    const sender = await workstation(STATE_SETUP);
    const pdf = makeTestPdf([['CONG VAN 05/UBND-VP']]);
    const file = await sender.s.files.putPdf(pdf);
    const draft = sender.s.documents.create(
      DocumentFields.parse({
        direction: 'out',
        typeName: 'Công văn',
        subject: 'Về việc phối hợp tổ chức Ngày hội Đại đoàn kết',
        draftingUnit: 'VP',
        urgency: 'khan',
        signerFullName: 'Nguyễn Văn Ánh',
        signerPosition: 'Chủ tịch',
        to: [{ organId: '000.00.00.H42', organName: 'Đảng ủy xã Hòa Bình' }],
      }),
      [{ sha256: file.sha256, name: 'cv-05.pdf' }],
      'admin',
    ).document;
    const issued = sender.s.documents.issue(draft.id, '2026-11-20', 'admin').document;
    const secret = sender.s.documents.create(
      DocumentFields.parse({
        direction: 'out',
        typeName: 'Công văn',
        subject: 'Mật',
        secrecy: 'mat',
        draftingUnit: 'VP',
      }),
      [{ sha256: file.sha256, name: 'mat.pdf' }],
      'admin',
    ).document;
    sender.s.documents.issue(secret.id, '2026-11-20', 'admin');
    sender.s.close();

    const packageFile = path.join(tempDir('vanthu-edxml-out-'), 'cv.xml');
    expect(vanthu(sender.dir, 'edxml', 'export', String(issued.id), '--out', packageFile)).toMatchObject({ code: 0 });
    expect(fs.readFileSync(packageFile, 'utf8')).toContain(
      '<edXML:Subject>Về việc phối hợp tổ chức Ngày hội Đại đoàn kết</edXML:Subject>',
    );
    const refused = vanthu(sender.dir, 'edxml', 'export', String(secret.id), '--out', `${packageFile}.mat`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/mật không được gửi/);
    expect(fs.existsSync(`${packageFile}.mat`)).toBe(false);

    const receiver = await workstation({
      ...STATE_SETUP,
      organisation: { ...STATE_SETUP.organisation, name: 'Ủy ban nhân dân xã Hòa Lạc', organId: '000.00.00.H43' },
    });
    receiver.s.close();
    const imported = vanthu(receiver.dir, 'edxml', 'import', packageFile);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/vào hộp Chờ tiếp nhận/);
    expect(vanthu(receiver.dir, 'edxml', 'import', BIN)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/edXML|XML/),
    });

    const again = createServices({ dataDir: receiver.dir, appRoot: APP_ROOT });
    try {
      const [item] = again.sync.exchange.inbox();
      expect(item).toMatchObject({
        fromOrganId: '000.00.00.H41',
        fromName: 'Ủy ban nhân dân xã Hòa Bình',
        urgency: 'khan',
      });
      const full = again.sync.exchange.inboxItem(item!.id);
      expect(full.fields).toMatchObject({
        codeNumber: 1,
        codeNotation: 'UBND-VP',
        issuedDate: '2026-11-20',
        signerFullName: 'Nguyễn Văn Ánh',
      });
      const saved = again.sync.register(item!.id, full.fields, 'admin');
      expect(saved.document).toMatchObject({
        direction: 'in',
        organId: '000.00.00.H41',
        receivedVia: 'electronic',
        arrivalNumber: 1,
      });
      expect(again.files.read(saved.document.files[0]!.sha256).equals(pdf)).toBe(true);
      // Imported from a file: nothing is queued for a server that never sent it.
      expect(again.sync.status().pending).toBe(0);
    } finally {
      again.close();
    }
  });
});
