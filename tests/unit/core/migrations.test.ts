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
import { foldVietnamese } from '../../../src-shared/domain/fold';
import { URGENCY_ORDER } from '../../../src-shared/domain/levels';
import { searchKey } from '../../../src-main/core/register/search-index';
import type { Sqlite } from '../../../src-main/core/db/open';

const migrationsDir = path.join(APP_ROOT, 'migrations');

/** A new data folder whose register has only the first `limit` migrations, as an older VanThu left it. */
function openedAt(limit: number) {
  const dataDir = tempDir();
  const paths = dataPaths(dataDir);
  const old = openDatabase({
    file: paths.database,
    migrationsDir,
    backupsDir: paths.backups,
    migrationLimit: limit,
    key: null,
  });
  return { dataDir, paths, old };
}

/**
 * Incoming documents and their index rows as an older VanThu wrote them: the key is day number ×
 * 2^32 + id (search-index.ts), the text folded, five text columns.
 */
function writeLegacyDocuments(
  sqlite: Sqlite,
  docs: { subject: string; registerDate: string; urgency?: keyof typeof URGENCY_ORDER }[],
) {
  sqlite
    .prepare(
      "INSERT INTO organisations (organ_id, name, abbreviation, regime) VALUES ('000.00.00.H41', 'UBND xã', 'UBND', 'state')",
    )
    .run();
  const doc = sqlite.prepare(`INSERT INTO documents (uid, organisation_id, direction, status, type_name, subject,
    register_date, created_by, urgency, urgency_rank) VALUES (?, 1, 'in', 'registered', 'Công văn', ?, ?, 'admin', ?, ?)`);
  const indexed = sqlite.prepare(
    "INSERT INTO documents_fts (rowid, subject, notation, issuer, signer, notes) VALUES (?, ?, '', '', '', '')",
  );
  docs.forEach((d, i) => {
    const urgency = d.urgency ?? 'normal';
    const id = Number(doc.run(`u${i + 1}`, d.subject, d.registerDate, urgency, URGENCY_ORDER[urgency]).lastInsertRowid);
    indexed.run(searchKey(d.registerDate, id), foldVietnamese(d.subject));
  });
}

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
    const { dataDir, paths, old } = openedAt(1);
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
    const { dataDir, old } = openedAt(10);
    writeLegacyDocuments(old.sqlite, [
      { subject: 'Về việc chuyển đổi số', registerDate: '2026-02-01' },
      { subject: 'Kế hoạch chuyên đề', registerDate: '2026-02-03' },
    ]);
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
    const { dataDir, old } = openedAt(18);
    writeLegacyDocuments(old.sqlite, [
      { subject: 'Về việc chuyển đổi số', registerDate: '2026-02-01' },
      { subject: 'Chuyển đổi số khẩn', registerDate: '2026-01-03', urgency: 'khan' },
    ]);
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

  it('count the documents of each box, year and type as they were (0019)', () => {
    const { dataDir, old } = openedAt(19);
    writeLegacyDocuments(old.sqlite, [
      { subject: 'Một', registerDate: '2025-12-31' },
      { subject: 'Hai', registerDate: '2026-01-01' },
      { subject: 'Ba', registerDate: '2026-03-04' },
    ]);
    old.sqlite.close();

    const services = createServices({ dataDir, appRoot: APP_ROOT });
    try {
      expect(services.sqlite.prepare('SELECT * FROM register_counts ORDER BY year').all()).toEqual([
        { organisation_id: 1, direction: 'in', year: 2025, type_name: 'Công văn', documents: 1 },
        { organisation_id: 1, direction: 'in', year: 2026, type_name: 'Công văn', documents: 2 },
      ]);
      expect(services.queries.list(DocumentQuery.parse({ direction: 'in', year: 2026 })).total).toBe(2);
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
