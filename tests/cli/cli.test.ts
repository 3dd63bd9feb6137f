import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unlockDatabaseKey } from '../../src-main/core/db/at-rest/key-file';
import { applyKey } from '../../src-main/core/db/at-rest/sqlite-cipher';
import { defaultNodeWrappers } from '../../src-main/core/db/at-rest/wrappers';
import { dataPaths } from '../../src-main/core/paths';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'vanthu.cjs');

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-cli-'));
}

/** Runs the real command, as an administrator would type it. */
function vanthu(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, VANTHU_ADMIN_PASSWORD: 'matkhau123' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function setUp(regime: 'state' | 'party' = 'state'): string {
  const dir = tmp();
  const r = vanthu(
    dir,
    'setup',
    '--org-name',
    'Ủy ban nhân dân xã Hòa Bình',
    '--organ-id',
    '000.00.00.H41',
    '--abbr',
    regime === 'state' ? 'UBND' : 'ĐU',
    '--regime',
    regime,
    '--term-name',
    '2021-2026',
    '--term-start',
    '01/07/2021',
    '--admin-user',
    'admin',
    '--admin-name',
    'Nguyễn Văn An',
  );
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const recovery = /KHÓA KHÔI PHỤC \(chỉ hiện một lần\):\s+(\S+)/.exec(r.stdout);
  expect(recovery?.[1]).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  recoveryKeys.set(dir, recovery![1]!);
  return dir;
}

/** The recovery key each setUp() printed, as the administrator wrote it down. */
const recoveryKeys = new Map<string, string>();

function writeFile(name: string, content: string): string {
  const file = path.join(tmp(), name);
  fs.writeFileSync(file, content);
  return file;
}

describe('vanthu setup', () => {
  it('creates the organisation and administrator, then refuses bad input with field errors', () => {
    const dir = setUp();
    expect(vanthu(dir, 'list', '--json')).toMatchObject({ code: 0, stdout: '[]\n' });
    const second = vanthu(
      dir,
      'setup',
      '--org-name',
      'Đảng ủy xã',
      '--organ-id',
      'bad',
      '--abbr',
      'ĐU',
      '--regime',
      'party',
      '--term-name',
      '2020-2025',
      '--term-start',
      '2020-10-01',
    );
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/organisation\.organId: Mã định danh gồm 13 ký tự/);
  });

  it('adds accounts with a role, refusing a weak password', () => {
    const dir = setUp();
    const ok = spawnSync(
      process.execPath,
      [BIN, '--data-dir', dir, 'user', 'add', 'vanthu2', '--name', 'Lê Thị Hoa', '--role', 'clerk'],
      {
        encoding: 'utf8',
        env: { ...process.env, VANTHU_USER_PASSWORD: 'matkhau456' },
      },
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/vanthu2 \(Văn thư\)/);
    const weak = vanthu(dir, 'user', 'add', 'lanhdao', '--name', 'Lãnh đạo', '--role', 'leader', '--password', 'ngan');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/password: Mật khẩu ít nhất 8 ký tự/);
    expect(vanthu(dir, 'user', 'add', 'x', '--role', 'clerk').code).toBe(64);
  });

  it('exits 64 on wrong usage', () => {
    const dir = tmp();
    expect(vanthu(dir, 'frobnicate').code).toBe(64);
    expect(vanthu(dir, 'list', '--colour').code).toBe(64);
    expect(vanthu(dir, 'setup', '--org-name', 'X').code).toBe(64);
    expect(vanthu(dir, 'import').code).toBe(64);
    expect(vanthu(dir, 'list', '--year', 'abc').code).toBe(64);
    const r = spawnSync(process.execPath, [BIN], { encoding: 'utf8' });
    expect(r.status).toBe(64);
    expect(r.stderr).toMatch(/Cách dùng/);
  });
});

describe('vanthu import', () => {
  it('imports a JSON array, accepting every spelling of urgency and secrecy', () => {
    const dir = setUp();
    const docs = [
      {
        direction: 'in',
        typeName: 'Công văn',
        codeNumber: 12,
        codeNotation: 'CV/HU',
        issuedDate: '2026-03-01',
        organName: 'Huyện ủy',
        subject: 'Một',
        urgency: 'Khẩn',
        arrivalDate: '2026-03-02',
      },
      {
        direction: 'in',
        typeName: 'Thông báo',
        subject: 'Hai',
        urgency: 'thuong khan',
        secrecy: 'Mật',
        arrivalDate: '2026-03-03',
      },
      {
        direction: 'in',
        typeName: 'Thông báo',
        subject: 'Ba',
        urgency: 3,
        secrecy: 'toi_mat',
        arrivalDate: '2026-03-04',
      },
      { direction: 'in', typeName: 'Thông báo', subject: 'Bốn', urgency: 'urgent', arrivalDate: '2026-03-05' },
      {
        direction: 'out',
        typeName: 'Quyết định',
        codeNumber: 7,
        issuedDate: '2026-03-05',
        subject: 'Năm',
        urgency: 'hoa_toc_hen_gio',
      },
    ];
    const r = vanthu(dir, 'import', writeFile('docs.json', JSON.stringify(docs)));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const list = JSON.parse(vanthu(dir, 'list', '--json').stdout) as {
      subject: string;
      urgency: string;
      secrecy: string;
      arrivalNumber: number | null;
      numberNotation: string;
    }[];
    const bySubject = Object.fromEntries(list.map((d) => [d.subject, d]));
    expect(bySubject['Một']).toMatchObject({ urgency: 'khan', arrivalNumber: 1 });
    expect(bySubject['Hai']).toMatchObject({ urgency: 'thuong_khan', secrecy: 'mat' });
    expect(bySubject['Ba']).toMatchObject({ urgency: 'hoa_toc', secrecy: 'toi_mat' });
    expect(bySubject['Bốn']).toMatchObject({ urgency: 'khan' });
    expect(bySubject['Năm']).toMatchObject({ urgency: 'hoa_toc_hen_gio', numberNotation: 'Số: 07/QĐ-UBND' });
  });

  it('keeps good CSV rows, reports bad ones by row, numbers arrivals by date, and exits 1', () => {
    const dir = setUp();
    const csv = [
      'direction,typeName,numberNotation,issuedDate,organName,subject,urgency,secrecy,arrivalDate,arrivalNumber',
      'in,Công văn,Số 12-CV/HU,2026-03-01,Huyện ủy,Đến ngày năm,,,05/03/2026,',
      'in,Giấy khen,,2026-03-01,Tỉnh ủy,Đến ngày ba,khan,,03/03/2026,',
      'in,Công văn,,2026-03-01,Tỉnh ủy,,,,2026-03-03,',
      'in,Công văn,,2026-03-01,Tỉnh ủy,"Có dấu phẩy, ""ngoặc kép""",xyz,,2026-03-03,',
      'in,Công văn,,2026-03-01,Tỉnh ủy,Số đến cho sẵn,,,2026-03-04,40',
      'in,Công văn,,2026-03-01,Tỉnh ủy,Trùng số đến,,,2026-03-04,40',
      'in,Công văn,,2026-03-01,Tỉnh ủy,Ngày sai,,,31/02/2026,',
    ].join('\n');
    const r = vanthu(dir, 'import', writeFile('docs.csv', csv));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^row 2: cảnh báo: Đã thêm loại văn bản mới "Giấy khen"/m);
    expect(r.stderr).toMatch(/^row 3: subject: /m);
    expect(r.stderr).toMatch(/^row 4: urgency: độ khẩn "xyz"/m);
    expect(r.stderr).toMatch(/^row 6: Số đến 40 năm 2026 đã có/m);
    expect(r.stderr).toMatch(/^row 7: arrivalDate: "31\/02\/2026"/m);
    expect(r.stdout).toMatch(/Đã nhập 3\/7/);
    const list = JSON.parse(vanthu(dir, 'list', '--direction', 'in', '--json').stdout) as {
      subject: string;
      arrivalNumber: number;
    }[];
    const numbers = Object.fromEntries(list.map((d) => [d.subject, d.arrivalNumber]));
    // Missing arrival numbers come after the supplied 40, in arrival-date order.
    expect(numbers).toEqual({ 'Số đến cho sẵn': 40, 'Đến ngày ba': 41, 'Đến ngày năm': 42 });
  });

  it('refuses a file that is not JSON or CSV of documents, importing nothing', () => {
    const dir = setUp();
    const r = vanthu(dir, 'import', writeFile('bad.json', '[{"direction": "in",'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/JSON/);
    const broken = vanthu(dir, 'import', writeFile('broken.json', '[\n  {"direction": "in" "subject": "x"}\n]'));
    expect(broken.stderr).toContain('Tệp JSON không đọc được: sai cú pháp JSON ở dòng 2, cột 22.');
    const cut = vanthu(dir, 'import', writeFile('cut.json', '[{"direction": "in"}'));
    expect(cut.stderr).toContain('Tệp JSON không đọc được: tệp dừng giữa chừng (có thể bị cắt dở).');
    const trailing = vanthu(dir, 'import', writeFile('trailing.json', '[{"direction": "in"},]'));
    expect(trailing.stderr).toContain('tệp không đúng cú pháp JSON (dấu phẩy thừa, nháy đơn');
    expect(vanthu(dir, 'import', writeFile('obj.json', '{"a":1}')).code).toBe(1);
    expect(JSON.parse(vanthu(dir, 'list', '--json').stdout)).toEqual([]);
  });
});

describe('vanthu list, search, backup, restore', () => {
  it('finds documents without diacritics and restores a backup', () => {
    const dir = setUp();
    const docs = [
      {
        direction: 'in',
        typeName: 'Công văn',
        organName: 'Đảng ủy xã Hòa Bình',
        subject: 'Về việc triển khai văn bản điện tử',
        arrivalDate: '2026-03-02',
      },
      { direction: 'in', typeName: 'Đơn', subject: 'Đơn đề nghị', arrivalDate: '2025-03-02' },
    ];
    expect(vanthu(dir, 'import', writeFile('d.json', JSON.stringify(docs))).code).toBe(0);
    const found = JSON.parse(vanthu(dir, 'search', 'dang uy xa', '--json').stdout) as { subject: string }[];
    expect(found.map((d) => d.subject)).toEqual(['Về việc triển khai văn bản điện tử']);
    expect(JSON.parse(vanthu(dir, 'search', 'DON', '--json').stdout)).toHaveLength(1);
    expect(JSON.parse(vanthu(dir, 'list', '--year', '2025', '--json').stdout)).toHaveLength(1);
    expect(vanthu(dir, 'list', '--direction', 'sideways').code).toBe(64);

    const backup = path.join(tmp(), 'vanthu.backup');
    expect(vanthu(dir, 'backup', '--out', backup).code).toBe(0);
    expect(
      vanthu(
        dir,
        'import',
        writeFile('more.json', JSON.stringify([{ direction: 'in', typeName: 'Công văn', subject: 'Sau sao lưu' }])),
      ).code,
    ).toBe(0);
    expect(JSON.parse(vanthu(dir, 'list', '--json').stdout)).toHaveLength(3);

    const restored = vanthu(dir, 'restore', backup);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(JSON.parse(vanthu(dir, 'list', '--json').stdout)).toHaveLength(2);
    // The backup and the register keep nothing readable: no subject, no search entry.
    for (const file of [backup, path.join(dir, 'vanthu.sqlite')]) {
      const raw = fs.readFileSync(file);
      expect(raw.includes('triển khai văn bản')).toBe(false);
      expect(raw.includes('van ban dien tu')).toBe(false);
    }
    // A new machine's empty folder: the administrator's recovery key opens the backup.
    const fresh = tmp();
    const refused = vanthu(fresh, 'restore', backup);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/khóa khôi phục/);
    expect(vanthu(fresh, 'restore', backup, '--recovery-key', '0000-0000-0000-0000-0000-0000-0000-0000').code).toBe(1);
    expect(fs.existsSync(path.join(fresh, 'vanthu.sqlite'))).toBe(false);
    const withKey = vanthu(fresh, 'restore', backup, '--recovery-key', recoveryKeys.get(dir)!.toLowerCase());
    expect(withKey.stderr).toBe('');
    expect(withKey.code).toBe(0);
    expect(JSON.parse(vanthu(fresh, 'search', 'van ban dien tu', '--json').stdout)).toHaveLength(1);
    expect(vanthu(fresh, 'keys', 'status').stdout).toMatch(/Khóa khôi phục tạo lúc/);
  });

  it('refuses a damaged backup and keeps the data', () => {
    const dir = setUp();
    expect(
      vanthu(
        dir,
        'import',
        writeFile('d.json', JSON.stringify([{ direction: 'in', typeName: 'Công văn', subject: 'Giữ nguyên' }])),
      ).code,
    ).toBe(0);
    const backup = path.join(tmp(), 'b.backup');
    expect(vanthu(dir, 'backup', '--out', backup).code).toBe(0);
    const bytes = fs.readFileSync(backup);
    const at = bytes.length - 2048;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
    const corrupt = path.join(tmp(), 'corrupt.backup');
    fs.writeFileSync(corrupt, bytes.subarray(0, bytes.length - 1024));
    const r = vanthu(dir, 'restore', corrupt);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bị hỏng/);
    expect(vanthu(dir, 'restore', writeFile('x.backup', 'not a tar')).code).toBe(1);
    expect((JSON.parse(vanthu(dir, 'list', '--json').stdout) as { subject: string }[]).map((d) => d.subject)).toEqual([
      'Giữ nguyên',
    ]);
  });
});

describe('vanthu audit verify', () => {
  /**
   * Someone with the file, this workstation's key and a SQLite tool: the app's guards dropped,
   * then `change` done.
   */
  async function tamper(dir: string, change: string): Promise<void> {
    const { default: Database } = await import('better-sqlite3-multiple-ciphers');
    const paths = dataPaths(dir);
    const { key } = unlockDatabaseKey(paths.keyFile, defaultNodeWrappers(dir, {}), 'encrypted');
    const db = new Database(paths.database);
    applyKey(db, key);
    db.exec(`DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; ${change}`);
    db.close();
  }

  it('says the log is intact, then finds an entry changed behind the app, and where', async () => {
    const dir = setUp();
    const ok = vanthu(dir, 'audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Nhật ký nguyên vẹn: \d+ mục/);
    await tamper(dir, "UPDATE audit_log SET actor = 'ke-gian' WHERE id = 2");
    const changed = vanthu(dir, 'audit', 'verify');
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/tại mục #2 \(\d{2}\/\d{2}\/\d{4}, [a-z.]+\): nội dung mục này đã bị sửa/);
    expect(JSON.parse(vanthu(dir, 'audit', 'verify', '--json').stdout)).toMatchObject({ ok: false, entryId: 2 });
    expect(vanthu(dir, 'audit').code).toBe(64);
  });

  it('finds an entry removed from the middle of the log', async () => {
    const dir = setUp();
    await tamper(dir, 'DELETE FROM audit_log WHERE id = 1');
    const removed = vanthu(dir, 'audit', 'verify');
    expect(removed.code).toBe(1);
    expect(removed.stdout).toMatch(/tại mục #2 .*mục liền trước đã bị xóa/);
  });
});
