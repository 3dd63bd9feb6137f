import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, readJournal } from '../../../src-main/core/db/open';
import { databaseState } from '../../../src-main/core/db/at-rest/sqlite-cipher';
import { createServices } from '../../../src-main/core/services';
import { dataPaths } from '../../../src-main/core/paths';
import { APP_ROOT, freshServices, STATE_SETUP, tempDir } from './helpers';
import { DocumentFields, DocumentQuery } from '../../../src-shared/ipc/schemas';

const migrationsDir = path.join(APP_ROOT, 'migrations');

describe('migrations', () => {
  it('have strictly increasing journal timestamps and a file each', () => {
    const entries = readJournal(migrationsDir);
    expect(entries.length).toBeGreaterThanOrEqual(2);
    entries.forEach((e, i) => {
      expect(e.idx).toBe(i);
      if (i > 0) expect(e.when).toBeGreaterThan(entries[i - 1]!.when);
      expect(fs.existsSync(path.join(migrationsDir, `${e.tag}.sql`))).toBe(true);
    });
  });

  it('bring an older database up to date after backing it up, keeping its data', () => {
    const dataDir = tempDir();
    const paths = dataPaths(dataDir);
    const old = openDatabase({
      file: paths.database,
      migrationsDir,
      backupsDir: paths.backups,
      migrationLimit: 1,
      key: null,
    });
    expect(old.sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'documents_fts'").get()).toBeUndefined();
    old.sqlite
      .prepare(
        "INSERT INTO organisations (organ_id, name, abbreviation, regime) VALUES ('000.00.00.H41', 'UBND xã', 'UBND', 'state')",
      )
      .run();
    old.sqlite.close();

    const services = createServices({ dataDir, appRoot: APP_ROOT });
    try {
      expect(services.preMigrationBackup).not.toBeNull();
      expect(fs.existsSync(services.preMigrationBackup!)).toBe(true);
      // The older VanThu kept its register in the clear: encrypted in place, backup too.
      expect(services.encryptedInPlace).toBe(true);
      expect(databaseState(paths.database)).toBe('encrypted');
      expect(databaseState(services.preMigrationBackup!)).toBe('encrypted');
      expect(services.organisations.list().map((o) => o.name)).toEqual(['UBND xã']);
      expect(
        services.sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'documents_fts'").get(),
      ).toBeDefined();
    } finally {
      services.close();
    }
  });

  it('carry the search index over to prefix indexes of 2 to 6 letters (0010)', () => {
    const dataDir = tempDir();
    const paths = dataPaths(dataDir);
    const old = openDatabase({
      file: paths.database,
      migrationsDir,
      backupsDir: paths.backups,
      migrationLimit: 10,
      key: null,
    });
    // Keys as 0007 wrote them: day number × 2^32 + id (2026-02-01 is day 20485).
    old.sqlite.exec(`
      INSERT INTO organisations (organ_id, name, abbreviation, regime) VALUES ('000.00.00.H41', 'UBND xã', 'UBND', 'state');
      INSERT INTO documents (uid, organisation_id, direction, status, type_name, subject, register_date, created_by)
        VALUES ('u1', 1, 'in', 'registered', 'Công văn', 'Về việc chuyển đổi số', '2026-02-01', 'admin'),
               ('u2', 1, 'in', 'registered', 'Công văn', 'Kế hoạch chuyên đề', '2026-02-03', 'admin');
      INSERT INTO documents_fts (rowid, subject, notation, issuer, signer, notes) VALUES
        (20485 * 4294967296 + 1, 've viec chuyen doi so', '', '', '', ''),
        (20487 * 4294967296 + 2, 'ke hoach chuyen de', '', '', '', '');
    `);
    old.sqlite.close();

    const services = createServices({ dataDir, appRoot: APP_ROOT });
    try {
      const table = services.sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'documents_fts'").pluck().get();
      expect(table).toContain("prefix = '2 3 4 5 6'");
      const find = (text: string) => services.queries.list(DocumentQuery.parse({ text })).items.map((d) => d.subject);
      expect(find('chuye')).toEqual(['Kế hoạch chuyên đề', 'Về việc chuyển đổi số']);
      expect(find('chuyen do')).toEqual(['Về việc chuyển đổi số']);
      expect(find('ke hoach chuyen')).toEqual(['Kế hoạch chuyên đề']);
    } finally {
      services.close();
    }
  });

  it('let the search index gather 16 MB before writing, and find duplicates by year in their index (0016, 0017)', () => {
    const services = freshServices(STATE_SETUP, tempDir());
    try {
      const config = services.sqlite.prepare("SELECT v FROM documents_fts_config WHERE k = 'hashsize'").pluck();
      expect(config.get()).toBe(16 * 2 ** 20);
      const columns = services.sqlite
        .prepare("SELECT name FROM pragma_index_info('documents_duplicate_check') ORDER BY seqno")
        .pluck()
        .all();
      expect(columns).toEqual(['organisation_id', 'direction', 'code_number', 'code_notation', 'issued_date']);
    } finally {
      services.close();
    }
  });

  it('give the search index the urgency of each document, keeping keys and text (0018)', () => {
    const dataDir = tempDir();
    const paths = dataPaths(dataDir);
    const old = openDatabase({
      file: paths.database,
      migrationsDir,
      backupsDir: paths.backups,
      migrationLimit: 18,
      key: null,
    });
    old.sqlite.exec(`
      INSERT INTO organisations (organ_id, name, abbreviation, regime) VALUES ('000.00.00.H41', 'UBND xã', 'UBND', 'state');
      INSERT INTO documents (uid, organisation_id, direction, status, type_name, subject, register_date, created_by, urgency, urgency_rank)
        VALUES ('u1', 1, 'in', 'registered', 'Công văn', 'Về việc chuyển đổi số', '2026-02-01', 'admin', 'normal', 4),
               ('u2', 1, 'in', 'registered', 'Công văn', 'Chuyển đổi số khẩn', '2026-01-03', 'admin', 'khan', 3);
      INSERT INTO documents_fts (rowid, subject, notation, issuer, signer, notes) VALUES
        (20485 * 4294967296 + 1, 've viec chuyen doi so', '', '', '', ''),
        (20456 * 4294967296 + 2, 'chuyen doi so khan', '', '', '', '');
    `);
    old.sqlite.close();

    const services = createServices({ dataDir, appRoot: APP_ROOT });
    try {
      const urgencies = services.sqlite.prepare(
        'SELECT rowid & 4294967295 AS id, urgency FROM documents_fts ORDER BY rowid',
      );
      expect(urgencies.all()).toEqual([
        { id: 2, urgency: 'u3' },
        { id: 1, urgency: 'u4' },
      ]);
      const find = (urgentFirst: boolean) =>
        services.queries
          .list(DocumentQuery.parse({ text: 'chuyen doi', direction: 'in', urgentFirst }))
          .items.map((d) => d.id);
      expect(find(false)).toEqual([1, 2]);
      expect(find(true)).toEqual([2, 1]);
    } finally {
      services.close();
    }
  });

  it('refuse a database written by a newer version and leave it untouched', () => {
    const dataDir = tempDir();
    const services = freshServices(STATE_SETUP, dataDir);
    services.sqlite
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('future', Date.now() + 10 ** 12);
    services.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    services.close();
    const file = dataPaths(dataDir).database;
    const before = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    expect(() => createServices({ dataDir, appRoot: APP_ROOT })).toThrow(
      expect.objectContaining({ code: 'DB_TOO_NEW' }),
    );
    expect(createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(before);
  });

  it('use WAL and keep working after reopening', () => {
    const dataDir = tempDir();
    const s = freshServices(STATE_SETUP, dataDir);
    expect(s.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    s.documents.create(
      DocumentFields.parse({ direction: 'in', typeName: 'Công văn', subject: 'Thử', arrivalDate: '2026-01-05' }),
      [],
      'admin',
    );
    s.close();
    const again = createServices({ dataDir, appRoot: APP_ROOT });
    expect(again.queries.list(DocumentQuery.parse({ limit: 10 })).total).toBe(1);
    again.close();
  });
});
