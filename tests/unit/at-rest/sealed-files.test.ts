import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreBackup } from '../../../src-main/core/db/backup';
import { openDatabase } from '../../../src-main/core/db/open';
import { databaseState } from '../../../src-main/core/db/at-rest/sqlite-cipher';
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

describe('an upgrade from a VanThu before encryption', () => {
  it('encrypts the register in place and seals the files of its secret documents', async () => {
    const dataDir = tempDir();
    const paths = dataPaths(dataDir);
    const old = openDatabase({
      file: paths.database,
      migrationsDir: path.join(APP_ROOT, 'migrations'),
      backupsDir: paths.backups,
      migrationLimit: 15,
      key: null,
    });
    const pdf = makeTestPdf([[MARK]]);
    const sha = createHash('sha256').update(pdf).digest('hex');
    fs.mkdirSync(path.join(paths.blobs, sha.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(paths.blobs, sha.slice(0, 2), sha), pdf);
    old.sqlite.exec(`
      INSERT INTO organisations (organ_id, name, abbreviation, regime) VALUES ('000.00.00.H41', 'UBND xã', 'UBND', 'state');
      INSERT INTO documents (uid, organisation_id, direction, status, type_name, subject, register_date, created_by, secrecy)
        VALUES ('u1', 1, 'in', 'registered', 'Công văn', 'Báo cáo mật', '2026-02-01', 'admin', 'mat');
      INSERT INTO files (sha256, size, media_type, page_count) VALUES ('${sha}', ${pdf.length}, 'application/pdf', 1);
      INSERT INTO document_files (document_id, sha256, name, role) VALUES (1, '${sha}', 'mat.pdf', 'main');
    `);
    old.sqlite.close();
    expect(databaseState(paths.database)).toBe('plaintext');

    s = createServices({ dataDir, appRoot: APP_ROOT });
    expect(s.encryptedInPlace).toBe(true);
    expect(databaseState(paths.database)).toBe('encrypted');
    expect(onDisk(dataDir, sha)).toMatchObject({ plain: false, sealed: true });
    expect(s.files.read(sha).equals(pdf)).toBe(true);
    expect(s.documents.get(1).subject).toBe('Báo cáo mật');
  });
});
