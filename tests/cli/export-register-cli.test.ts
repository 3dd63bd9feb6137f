import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip } from '../unit/xlsx/read-zip';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'vanthu.cjs');

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-books-cli-'));
}

/** Runs the real command, as the clerk at the end of the year would type it. */
function vanthu(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, VANTHU_ADMIN_PASSWORD: 'matkhau123' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function registerWithDocuments(): string {
  const dir = tmp();
  const setup = vanthu(
    dir,
    ...['setup', '--org-name', 'Ủy ban nhân dân xã Hòa Bình', '--organ-id', '000.00.00.H41', '--abbr', 'UBND'],
    ...['--regime', 'state', '--term-name', '2021-2026', '--term-start', '01/07/2021'],
    ...['--admin-user', 'admin', '--admin-name', 'Nguyễn Văn An'],
  );
  expect(setup.code, setup.stderr).toBe(0);
  const records = [
    ...Array.from({ length: 40 }, (_, i) => ({
      direction: 'in',
      typeName: 'Công văn',
      subject: `Về việc đôn đốc thu ngân sách đợt ${i + 1}`,
      organName: 'UBND huyện Hòa Vang',
      codeNumber: 200 + i,
      codeNotation: 'UBND-TCKH',
      issuedDate: '2026-03-01',
      arrivalDate: `2026-03-${String(2 + (i % 20)).padStart(2, '0')}`,
      toPlaces: 'Kế toán',
    })),
    { direction: 'in', typeName: 'Giấy mời', subject: 'Dự hội nghị tổng kết', arrivalDate: '2026-11-20' },
    {
      direction: 'out',
      typeName: 'Quyết định',
      subject: 'Về việc thành lập tổ công tác',
      codeNumber: 7,
      issuedDate: '2026-04-10',
      signerFullName: 'Lê Văn Cường',
      toPlaces: 'Như Điều 3; Lưu: VT',
    },
  ];
  const file = path.join(tmp(), 'records.json');
  fs.writeFileSync(file, JSON.stringify(records));
  const imported = vanthu(dir, 'import', file);
  expect(imported.code, imported.stderr).toBe(0);
  return dir;
}

describe('vanthu export-register', () => {
  it('writes the incoming register of a year as a PDF that qpdf and pdftotext accept', () => {
    const dir = registerWithDocuments();
    const out = path.join(tmp(), 'so-den.pdf');
    const r = vanthu(dir, 'export-register', '--direction', 'in', '--year', '2026', '--format', 'pdf', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `Đã xuất sổ đăng ký văn bản đến của Ủy ban nhân dân xã Hòa Bình, năm 2026 (41 văn bản) vào ${out}.\n`,
    );
    expect(execFileSync('qpdf', ['--check', out], { encoding: 'utf8' })).toContain(
      'No syntax or stream encoding errors',
    );
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('ỦY BAN NHÂN DÂN');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(text).toContain('Từ số 01 đến số 41');
    expect(text).toContain('Về việc đôn đốc thu ngân sách đợt');
    expect(text).toContain('239/UBND-');
    expect(text).toContain('Dự hội nghị tổng kết');
    expect(text).toContain('Sổ có 41 văn bản.');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['so-den.pdf']);
  });

  it('narrows to dates within the year and writes .xlsx', () => {
    const dir = registerWithDocuments();
    const out = path.join(tmp(), 'so-den-thang-11.xlsx');
    const r = vanthu(
      dir,
      ...['export-register', '--direction', 'in', '--year', '2026', '--from', '01/11/2026', '--to', '30/11/2026'],
      ...['--out', out],
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('từ ngày 01/11/2026 đến ngày 30/11/2026 (1 văn bản)');
    const sheet = readZip(fs.readFileSync(out)).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet).toContain('Giấy mời: Dự hội nghị tổng kết');
    expect(sheet).not.toContain('đôn đốc');

    const outgoing = path.join(tmp(), 'so-di.pdf');
    expect(vanthu(dir, 'export-register', '--direction', 'out', '--year', '2026', '--out', outgoing).code).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', outgoing, '-'], { encoding: 'utf8' });
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    expect(text).toContain('07/QĐ-UBND');
    expect(text).toContain('Lê Văn Cường');

    // The follow-up of incoming handling: seven columns, what is not yet directed says so.
    const followUp = path.join(tmp(), 'theo-doi.pdf');
    const f = vanthu(dir, 'export-register', '--direction', 'in', '--follow-up', '--year', '2026', '--out', followUp);
    expect(f.stderr).toBe('');
    expect(f.stdout).toContain('Đã xuất sổ theo dõi giải quyết văn bản đến');
    const followText = execFileSync('pdftotext', ['-layout', followUp, '-'], { encoding: 'utf8' });
    expect(followText).toContain('SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(followText).toContain('Tiến độ giải quyết');
    expect(followText).toContain('Chưa có ý kiến chỉ đạo');
    expect(
      vanthu(dir, 'export-register', '--direction', 'out', '--follow-up', '--year', '2026', '--out', followUp),
    ).toMatchObject({
      code: 64,
      stderr: expect.stringContaining('--follow-up: Sổ theo dõi giải quyết chỉ có cho văn bản đến') as unknown,
    });
  });

  it('says what is wrong with bad input and writes nothing', () => {
    const dir = registerWithDocuments();
    const out = path.join(tmp(), 'x.pdf');
    const usage = (args: string[], message: string) => {
      const r = vanthu(dir, 'export-register', ...args);
      expect(r.code).toBe(64);
      expect(r.stderr).toContain(message);
    };
    /** The incoming register of 2026, and what else is given. */
    const incoming2026 = (...args: string[]) =>
      vanthu(dir, 'export-register', '--direction', 'in', '--year', '2026', ...args);
    usage(['--year', '2026', '--out', out], '--direction cần in (sổ đến) hoặc out (sổ đi)');
    usage(['--direction', 'in', '--year', '26', '--out', out], '--year cần năm 4 chữ số');
    usage(['--direction', 'in', '--year', '1900', '--out', out], '--year: Năm của sổ phải từ 1945 trở đi');
    usage(['--direction', 'in', '--year', '2026', '--out', 'x.doc'], '--format cần pdf hoặc xlsx');
    usage(['--direction', 'in', '--year', '2026', '--format', 'pdf', '--out', 'x.xlsx'], 'tệp --out có đuôi .xlsx');
    usage(['--direction', 'in', '--year', '2026', '--format', 'xlsx', '--out', 'x.xls'], 'tệp --out có đuôi .xls:');
    usage(['--direction', 'in', '--year', '2026', '--from', '31/02/2026', '--out', out], '--from cần một ngày');
    usage(
      ['--direction', 'in', '--year', '2026', '--from', '2025-12-01', '--out', out],
      '--from: Ngày phải thuộc năm 2026',
    );
    usage(['--direction', 'in', '--year', '2026', '--bogus', '--out', out], 'không có tùy chọn --bogus');
    usage(['--direction', 'in', '--year', '2026', '--out'], '--out cần một giá trị');

    const missingDir = incoming2026('--out', '/nonexistent/x.pdf');
    expect(missingDir.code).toBe(1);
    expect(missingDir.stderr).toContain('Không ghi được tệp /nonexistent/x.pdf: không có thư mục /nonexistent.');
    const throughFile = incoming2026('--out', `${BIN}/x.pdf`);
    expect(throughFile.stderr).toContain(`Không ghi được tệp ${BIN}/x.pdf: không có thư mục ${BIN}.`);
    const folder = tmp();
    const intoFolder = incoming2026('--out', folder);
    expect(intoFolder.code).toBe(1);
    expect(intoFolder.stderr).toContain(`${folder} là một thư mục, hãy ghi tên tệp`);
    expect(fs.readdirSync(path.dirname(folder)).filter((f) => f.startsWith(`${path.basename(folder)}.`))).toEqual([]);
    const otherOrgan = incoming2026('--organ-id', '000.00.00.H99', '--out', out);
    expect(otherOrgan.stderr).toContain('Không có cơ quan mã 000.00.00.H99.');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses a data folder without a register, and leaves no register there', () => {
    const parent = tmp();
    const mistyped = path.join(parent, 'vanthu-data');
    const r = vanthu(
      mistyped,
      'export-register',
      '--direction',
      'in',
      '--year',
      '2026',
      '--out',
      path.join(parent, 'x.pdf'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Không có thư mục dữ liệu ${mistyped}. Hãy kiểm tra --data-dir`);
    fs.mkdirSync(mistyped);
    expect(vanthu(path.join(BIN, 'x'), 'list').stderr).toContain(`Không có thư mục dữ liệu ${path.join(BIN, 'x')}.`);
    const empty = vanthu(mistyped, 'list');
    expect(empty.stderr).toContain(`Thư mục ${mistyped} chưa có dữ liệu VanThu.`);
    expect(fs.readdirSync(parent)).toEqual(['vanthu-data']);
    expect(fs.readdirSync(mistyped)).toEqual([]);
  });
});
