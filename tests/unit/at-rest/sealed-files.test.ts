import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreBackup } from '../../../src-main/core/db/backup';
import { defaultNodeWrappers } from '../../../src-main/core/db/at-rest/wrappers';
import { createDispatcher, createHandlers } from '../../../src-main/core';
import { SessionSlot } from '../../../src-main/core/auth';
import { createServices, type Services } from '../../../src-main/core/services';
import { dataPaths } from '../../../src-main/core/paths';
import { DocumentFields } from '../../../src-shared/ipc/schemas';
import { makeTestPdf } from '../../fixtures/pdf';
import { APP_ROOT, freshServices, tempDir } from '../core/helpers';

let s: Services;
afterEach(() => s?.close());

const MARK = 'BAO CAO MAT SO 7';

function fields(secrecy: 'none' | 'mat', subject = 'Về việc báo cáo') {
  return DocumentFields.parse({
    direction: 'in',
    typeName: 'Công văn',
    subject,
    organName: 'Huyện ủy Hòa Vang',
    issuedDate: '2026-01-30',
    arrivalDate: '2026-02-01',
    secrecy,
  });
}

function onDisk(dir: string, sha256: string) {
  const base = path.join(dir, 'blobs', sha256.slice(0, 2), sha256);
  return { plain: fs.existsSync(base), sealed: fs.existsSync(`${base}.sealed`), base };
}

describe('files of secret documents', () => {
  it('are sealed once their document is secret, and read back as they were', async () => {
    s = freshServices();
    const pdf = makeTestPdf([[MARK]]);
    const file = await s.files.putPdf(pdf);
    expect(pdf.includes(MARK)).toBe(true);
    const doc = s.documents.create(fields('mat'), [{ sha256: file.sha256, name: 'mat.pdf' }], 'admin').document;
    expect(s.files.sealSecretFiles()).toBe(1);

    const where = onDisk(s.paths.dataDir, file.sha256);
    expect(where).toMatchObject({ plain: false, sealed: true });
    expect(fs.readFileSync(`${where.base}.sealed`).includes(MARK)).toBe(false);
    expect(s.files.read(file.sha256).equals(pdf)).toBe(true);
    const streamed: Buffer[] = [];
    for await (const chunk of s.files.stream(file.sha256)) streamed.push(chunk as Buffer);
    expect(Buffer.concat(streamed).equals(pdf)).toBe(true);
    expect(s.documents.get(doc.id).secrecy).toBe('mat');

    // A sealed file swapped for another sealed file is refused, not shown.
    const other = await s.files.putPdf(makeTestPdf([['khac']]));
    s.documents.create(fields('mat', 'Khác'), [{ sha256: other.sha256, name: 'k.pdf' }], 'admin');
    s.files.sealSecretFiles();
    fs.copyFileSync(`${onDisk(s.paths.dataDir, other.sha256).base}.sealed`, `${where.base}.sealed`);
    expect(() => s.files.read(file.sha256)).toThrow();
  });

  it('of a document made secret later are sealed too; ordinary files stay as they are', async () => {
    s = freshServices();
    const pdf = makeTestPdf([[MARK]]);
    const file = await s.files.putPdf(pdf);
    const doc = s.documents.create(fields('none'), [{ sha256: file.sha256, name: 'a.pdf' }], 'admin').document;
    expect(s.files.sealSecretFiles()).toBe(0);
    expect(onDisk(s.paths.dataDir, file.sha256)).toMatchObject({ plain: true, sealed: false });
    s.documents.update(doc.id, { secrecy: 'mat' }, 'admin');
    expect(s.files.sealSecretFiles()).toBe(1);
    expect(onDisk(s.paths.dataDir, file.sha256)).toMatchObject({ plain: false, sealed: true });
  });

  it('are sealed before a contract call answers, without anyone asking', async () => {
    s = freshServices();
    const dispatch = createDispatcher(createHandlers(s), { accounts: s.accounts });
    const session = new SessionSlot();
    const signedIn = await dispatch('auth.signIn', { username: 'admin', password: 'matkhau123' }, session);
    expect(signedIn.ok).toBe(true);
    const file = await s.files.putPdf(makeTestPdf([[MARK]]));
    const saved = await dispatch(
      'document.create',
      { ...fields('mat'), files: [{ sha256: file.sha256, name: 'mat.pdf' }] },
      session,
    );
    expect(saved).toMatchObject({ ok: true });
    expect(onDisk(s.paths.dataDir, file.sha256)).toMatchObject({ plain: false, sealed: true });
  });

  it('travel sealed in an encrypted backup and come back sealed on a new PC', async () => {
    s = freshServices();
    const recoveryKey = s.atRest.renewRecoveryKey('admin');
    const secret = await s.files.putPdf(makeTestPdf([[MARK]]));
    const plain = await s.files.putPdf(makeTestPdf([['thuong']]));
    s.documents.create(fields('mat'), [{ sha256: secret.sha256, name: 'mat.pdf' }], 'admin');
    s.documents.create(fields('none', 'Thường'), [{ sha256: plain.sha256, name: 'a.pdf' }], 'admin');
    s.files.sealSecretFiles();
    const backup = path.join(tempDir(), 'vanthu.backup');
    expect(await s.backups.create(backup)).toMatchObject({ blobs: 2, recoverable: true });
    expect(fs.readFileSync(backup).includes(MARK)).toBe(false);

    const fresh = tempDir();
    restoreBackup(backup, dataPaths(fresh), path.join(APP_ROOT, 'migrations'), {
      wrappers: defaultNodeWrappers(fresh, {}),
      recoveryKey,
    });
    expect(onDisk(fresh, secret.sha256)).toMatchObject({ plain: false, sealed: true });
    expect(onDisk(fresh, plain.sha256)).toMatchObject({ plain: true, sealed: false });
    const restored = createServices({ dataDir: fresh, appRoot: APP_ROOT });
    try {
      expect(restored.files.read(secret.sha256).includes(MARK)).toBe(true);
    } finally {
      restored.close();
    }
  });
});
